import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputSink;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * StateMachineBenchmark's book and its fill / fillCrossFiftyPositions operations, timed by the thread's CPU time
 * (ThreadMXBean) per block of operations as well as by wall time: on a shared 2-core machine the wall time
 * includes the time the thread was descheduled, the CPU time does not. Prints min and median per op of each.
 * Usage: java -cp benchmarks.jar:. CpuTimeFill positions instruments fill|cross50 blocks opsPerBlock warmupSeconds
 */
public final class CpuTimeFill
{
    static final int POSITIONS_PER_ACCOUNT = 4;
    static final int CROSS_POSITIONS = 50;
    static final int SLOT_HEADROOM = 1 + CROSS_POSITIONS + 64;
    static final long MARK = 3_000_000L;
    static final long UNIT = 100_000_000L;
    static final long VICTIM = Long.MAX_VALUE - 1;
    static final long CROSS_ACCOUNT = Long.MAX_VALUE - 2;
    static final int FILL_RING = 1 << 16;
    static final int CROSS_FILL_RING = 1 << 10;

    static final InputEncoder encoder = new InputEncoder();
    static final long[] byTemplate = new long[64];
    static MarginStateMachine engine;
    static long tradeId = 1;

    static boolean cross;
    static int cursor;
    static long[] fillAccounts;
    static int[] fillInstruments;
    static int[] crossFill;
    static long[] before;

    public static void setup(final int positions, final int instruments, final boolean crossFifty)
    {
        cross = crossFifty;
        final int accounts = Math.max(1, positions / POSITIONS_PER_ACCOUNT);
        final int bookPositions = accounts * POSITIONS_PER_ACCOUNT;
        final OutputSink sink = (DirectBuffer buffer, int offset, int length) ->
            byTemplate[buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 63]++;
        engine = new MarginStateMachine(new EngineSettings().maxAccounts(accounts + 3).maxInstruments(instruments)
            .maxPositions(bookPositions + SLOT_HEADROOM).indexedChecks(true), sink);
        final List<TierSpec> tiers = List.of(
            new TierSpec(50_000 * UNIT, 125, 400_000L, 0),
            new TierSpec(250_000 * UNIT, 100, 500_000L, 50 * UNIT),
            new TierSpec(1_000_000 * UNIT, 50, 1_000_000L, 1_300 * UNIT),
            new TierSpec(10_000_000 * UNIT, 20, 2_500_000L, 16_300 * UNIT),
            new TierSpec(20_000_000 * UNIT, 10, 5_000_000L, 266_300 * UNIT));
        for (int i = 0; i < instruments; i++)
        {
            send(encoder.instrumentDefinition(0, 0, new InstrumentSpec(
                i, "PERP" + i, 2, 3, 1, 1, 20, MarginMode.CROSS, tiers)));
            send(encoder.markPriceTick(0, 0, i, MARK));
        }
        final SplittableRandom random = new SplittableRandom(7);
        final int[] held = new int[bookPositions];
        // -Dbook=scattered: the same accounts and positions, opened position by position across all accounts (the
        // first of every account, then the second, ...), so that an account's slots are not stored one after another
        final boolean scattered = "scattered".equals(System.getProperty("book"));
        final long[] quantities = new long[bookPositions];
        final boolean[] buys = new boolean[bookPositions];
        final int[] leverages = new int[accounts + 1];
        for (long a = 1; a <= accounts; a++)
        {
            final boolean isolated = (a & 1) == 0;
            final int leverage = 2 + random.nextInt(19);
            leverages[(int)a] = leverage;
            final int first = (int)(a - 1) * POSITIONS_PER_ACCOUNT;
            drawDistinct(random, held, first, POSITIONS_PER_ACCOUNT, instruments);
            final long[] quantity = new long[POSITIONS_PER_ACCOUNT];
            long notional = 0;
            for (int p = 0; p < POSITIONS_PER_ACCOUNT; p++)
            {
                quantity[p] = 33 + random.nextInt(634);
                notional += quantity[p] * MARK * 1_000;
            }
            send(encoder.deposit(0, 0, a, notional / leverage + notional / 50));
            for (int p = 0; p < POSITIONS_PER_ACCOUNT; p++)
            {
                quantities[first + p] = quantity[p];
                buys[first + p] = random.nextBoolean();
                if (!scattered)
                {
                    open(a, held[first + p], isolated, leverage, quantity[p], buys[first + p]);
                }
            }
        }
        for (int p = 0; scattered && p < POSITIONS_PER_ACCOUNT; p++)
        {
            for (long a = 1; a <= accounts; a++)
            {
                final int at = (int)(a - 1) * POSITIONS_PER_ACCOUNT + p;
                open(a, held[at], (a & 1) == 0, leverages[(int)a], quantities[at], buys[at]);
            }
        }
        send(encoder.deposit(0, 0, VICTIM, 1L << 58));
        send(encoder.setMarginMode(0, 0, VICTIM, 0, MarginMode.ISOLATED));
        send(encoder.setLeverage(0, 0, VICTIM, 0, 125));
        if (cross)
        {
            final int[] crossInstruments = new int[CROSS_POSITIONS];
            drawDistinct(random, crossInstruments, 0, CROSS_POSITIONS, instruments);
            final long[] quantity = new long[CROSS_POSITIONS];
            long notional = 0;
            for (int p = 0; p < CROSS_POSITIONS; p++)
            {
                quantity[p] = 33 + random.nextInt(634);
                notional += quantity[p] * MARK * 1_000;
            }
            send(encoder.deposit(0, 0, CROSS_ACCOUNT, notional / 5));
            for (int p = 0; p < CROSS_POSITIONS; p++)
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                send(encoder.fill(0, 0, CROSS_ACCOUNT, crossInstruments[p], side, quantity[p], MARK, 0, tradeId++));
            }
            crossFill = new int[CROSS_FILL_RING];
            for (int n = 0; n < CROSS_FILL_RING; n++)
            {
                crossFill[n] = crossInstruments[random.nextInt(CROSS_POSITIONS)];
            }
        }
        fillAccounts = new long[FILL_RING];
        fillInstruments = new int[FILL_RING];
        for (int n = 0; n < FILL_RING; n++)
        {
            final int account = random.nextInt(accounts);
            fillAccounts[n] = 1 + account;
            fillInstruments[n] = held[account * POSITIONS_PER_ACCOUNT + random.nextInt(POSITIONS_PER_ACCOUNT)];
        }
        before = byTemplate.clone();
    }

    static void open(final long a, final int instrument, final boolean isolated, final int leverage,
        final long quantity, final boolean buy)
    {
        if (isolated)
        {
            send(encoder.setMarginMode(0, 0, a, instrument, MarginMode.ISOLATED));
        }
        send(encoder.setLeverage(0, 0, a, instrument, leverage));
        send(encoder.fill(0, 0, a, instrument, buy ? Side.BUY : Side.SELL, quantity, MARK, 0, tradeId++));
    }

    /** Runs ops fills; returns {wall ns, cpu ns}. */
    public static long[] block(final int ops)
    {
        final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        final long c0 = bean.getCurrentThreadCpuTime();
        final long w0 = System.nanoTime();
        for (int k = 0; k < ops; k++)
        {
            cursor = op(cross, cursor, fillAccounts, fillInstruments, crossFill);
        }
        return new long[] {System.nanoTime() - w0, bean.getCurrentThreadCpuTime() - c0};
    }

    /** Outputs by template since setup (rejections 57, under-margined 58, liquidations 50, margin calls 54). */
    public static String outputs()
    {
        final StringBuilder changed = new StringBuilder();
        for (int t = 0; t < 64; t++)
        {
            if (byTemplate[t] != before[t])
            {
                changed.append(t).append(':').append(byTemplate[t] - before[t]).append(' ');
            }
        }
        return changed.toString();
    }

    static int op(final boolean cross, final int cursor, final long[] accounts, final int[] instruments,
        final int[] crossFill)
    {
        final int next = cursor + 1;
        final Side side = (next & 1) == 0 ? Side.BUY : Side.SELL;
        if (cross)
        {
            final int n = (cursor >>> 1) & (CROSS_FILL_RING - 1);
            send(encoder.fill(0, 0, CROSS_ACCOUNT, crossFill[n], side, 1, MARK, 0, tradeId++));
        }
        else
        {
            final int n = (cursor >>> 1) & (FILL_RING - 1);
            send(encoder.fill(0, 0, accounts[n], instruments[n], side, 1, MARK, 0, tradeId++));
        }
        return next;
    }

    static void send(final int length)
    {
        engine.onInput(encoder.buffer(), 0, length);
    }

    static void drawDistinct(final SplittableRandom random, final int[] into, final int from, final int count,
        final int range)
    {
        for (int p = 0; p < count; p++)
        {
            int drawn;
            boolean repeated;
            do
            {
                drawn = random.nextInt(range);
                repeated = false;
                for (int q = 0; q < p; q++)
                {
                    repeated |= into[from + q] == drawn;
                }
            }
            while (repeated);
            into[from + p] = drawn;
        }
    }
}
