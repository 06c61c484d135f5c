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
 * Usage: java -cp benchmarks.jar:. OpenCloseCpu positions instruments fill|cross50 blocks opsPerBlock warmupSeconds
 */
public final class OpenCloseCpu
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
    /** fillOpenClose: an account and an instrument it holds nothing in, opened then closed by the next op. */
    static boolean openClose;
    static long[] openAccounts;
    static int[] openInstruments;
    static int cursor;
    static long[] fillAccounts;
    static int[] fillInstruments;
    static int[] crossFill;
    static long[] before;

    public static void setup(final int positions, final int instruments, final String mode)
    {
        cross = "cross50".equals(mode);
        openClose = "openclose".equals(mode);
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
        for (long a = 1; a <= accounts; a++)
        {
            final boolean isolated = (a & 1) == 0;
            final int leverage = 2 + random.nextInt(19);
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
                final int instrument = held[first + p];
                if (isolated)
                {
                    send(encoder.setMarginMode(0, 0, a, instrument, MarginMode.ISOLATED));
                }
                send(encoder.setLeverage(0, 0, a, instrument, leverage));
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                send(encoder.fill(0, 0, a, instrument, side, quantity[p], MARK, 0, tradeId++));
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
        if (openClose)
        {
            final SplittableRandom draws = new SplittableRandom(11);
            openAccounts = new long[FILL_RING];
            openInstruments = new int[FILL_RING];
            for (int n = 0; n < FILL_RING; n++)
            {
                final int account = draws.nextInt(accounts);
                int instrument;
                do
                {
                    instrument = draws.nextInt(instruments);
                }
                while (engine.positionSize(1 + account, instrument) != 0);
                openAccounts[n] = 1 + account;
                openInstruments[n] = instrument;
            }
            slotsBefore = engine.storedSlotCount();
        }
        before = byTemplate.clone();
    }

    static long slotsBefore;

    /** Runs ops fills; returns {wall ns, cpu ns}. */
    public static long[] block(final int ops)
    {
        final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        final long c0 = bean.getCurrentThreadCpuTime();
        final long w0 = System.nanoTime();
        if (openClose)
        {
            for (int k = 0; k < ops; k++)
            {
                final int n = (cursor++ >>> 1) & (FILL_RING - 1);
                final Side side = (cursor & 1) == 0 ? Side.SELL : Side.BUY;
                send(encoder.fill(0, 0, openAccounts[n], openInstruments[n], side, 1, MARK, 0, tradeId++));
            }
        }
        else
        {
            for (int k = 0; k < ops; k++)
            {
                cursor = op(cross, cursor, fillAccounts, fillInstruments, crossFill);
            }
        }
        return new long[] {System.nanoTime() - w0, bean.getCurrentThreadCpuTime() - c0};
    }

    /** Outputs by template since setup (rejections 57, under-margined 58, liquidations 50, margin calls 54). */
    public static String outputs()
    {
        final StringBuilder changed = new StringBuilder();
        if (openClose)
        {
            changed.append("slots opened and not released ").append(engine.storedSlotCount() - slotsBefore).append(' ');
        }
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
