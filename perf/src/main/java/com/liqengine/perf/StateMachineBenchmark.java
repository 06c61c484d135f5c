package com.liqengine.perf;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputSink;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.FundingAppliedDecoder;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.MarginCallDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RequestRejectedDecoder;
import com.liqengine.codec.Side;
import com.liqengine.codec.UnderMarginedFillDecoder;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The margin state machine alone, on a book of N open positions spread over {@code instruments} instruments
 * (accounts of four positions in four instruments drawn at random among all, alternately isolated and cross, long
 * and short, leverage 2 to 20): a tick that liquidates nobody, a tick that liquidates one position, a fill, a
 * funding payment, and a fill of one cross account holding 50 positions. Inputs are encoded once in setup; every
 * operation is one {@code onInput} (or, for the liquidation, the three inputs that liquidate a position and
 * restore the book). Each iteration ends with a check that the operations did what their names say (outputs
 * counted by template), so a book that drifts into rejections or liquidations fails the run instead of
 * measuring something else. Run with {@code -prof gc} to see the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-Xmx8g", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public class StateMachineBenchmark
{
    private static final int POSITIONS_PER_ACCOUNT = 4;
    private static final int CROSS_POSITIONS = 50;
    /** Slots beyond the book: the victim's, the 50-position account's, and spare. */
    private static final int SLOT_HEADROOM = 1 + CROSS_POSITIONS + 64;
    private static final int PRICE_DECIMALS = 2;
    private static final int QTY_DECIMALS = 3;
    /** 30,000.00 a unit; quantities are 0.033 to 0.666 units (notional 1,000 to 20,000 a position). */
    private static final long MARK = 3_000_000L;
    private static final long UNIT = 100_000_000L;
    private static final long VICTIM = Long.MAX_VALUE - 1;
    private static final long CROSS_ACCOUNT = Long.MAX_VALUE - 2;
    /**
     * The victim loses its 125x pool (240.00) at every liquidation: its wallet is put back to this before every
     * iteration, enough for 12M liquidations (an iteration of 1 s does about 2M). Within the input bound 2^58.
     */
    private static final long VICTIM_FUNDS = 1L << 58;
    private static final int FUNDED_INSTRUMENT = 1;
    private static final int FILL_RING = 1 << 16;
    private static final int CROSS_FILL_RING = 1 << 10;
    private static final int TEMPLATES = 64;

    /** Open positions in the book (accounts × 4). */
    @Param({"1000", "100000", "1000000", "10000000"})
    public int positions;

    /** Instruments defined; each account holds four of them, drawn at random. */
    @Param({"16", "1024"})
    public int instruments;

    /** Indexed checks, or the full scan of every account (the engine before the index). */
    @Param({"true"})
    public boolean indexed;

    /**
     * With a fund floor of 0 (config/engine.yaml's): the ADL queues are then kept on every band refresh
     * (docs/liquidation.md, "Finding the counterparties"), which a fill pays for.
     */
    @Param({"false"})
    public boolean fundFloor;

    /**
     * In what order the book's positions are opened: {@code account}, each account's four one after another; or
     * {@code scattered}, every account's first, then every second, ... (accounts that open positions at different
     * times, as on a venue), so that an account's slots are not stored next to each other unless the engine puts
     * them there. The same accounts, positions and fills either way.
     */
    @Param({"account"})
    public String book;

    private final InputEncoder encoder = new InputEncoder();
    private final Outputs outputs = new Outputs();
    private MarginStateMachine engine;
    private String benchmark;
    private long tradeId = 1;
    private long operations;
    private int fundedHolders;
    private final long[] countsBefore = new long[TEMPLATES];
    private final long[] delta = new long[TEMPLATES];
    private long operationsBefore;

    private final InputEncoder tickUp = new InputEncoder();
    private final InputEncoder tickDown = new InputEncoder();
    private final InputEncoder crash = new InputEncoder();
    private final InputEncoder spike = new InputEncoder();
    private final InputEncoder fundingUp = new InputEncoder();
    private final InputEncoder fundingDown = new InputEncoder();
    private int tickUpLength;
    private int tickDownLength;
    private int crashLength;
    private int spikeLength;
    private int fundingUpLength;
    private int fundingDownLength;
    private long[] fillAccounts;
    private int[] fillInstruments;
    /** {@link #fillOpenClose}: an account and an instrument it holds nothing in, opened then closed. */
    private long[] openCloseAccounts;
    private int[] openCloseInstruments;
    private int openCloseCursor;
    /** Slots stored once the book is built. */
    private long bookSlots;
    private int fillCursor;
    private int[] crossInstruments;
    private int[] crossFillInstruments;
    private int crossFillCursor;
    private boolean up;
    /** {@link #fillAfterTick}: the instrument ticked next, and which instruments stand one unit above the mark. */
    private int tickedInstrument;
    private boolean[] raised;

    /** Counts outputs by template id, keeps nothing. */
    static final class Outputs implements OutputSink
    {
        final long[] byTemplate = new long[TEMPLATES];
        long count;

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            count++;
            byTemplate[buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & (TEMPLATES - 1)]++;
        }

        long liquidations()
        {
            return byTemplate[LiquidationTriggeredDecoder.TEMPLATE_ID];
        }
    }

    /**
     * Builds the book through the state machine's own inputs, and checks that every input of it was applied.
     *
     * @param params names the benchmark, which decides whether the 50-position account is built.
     */
    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params)
    {
        setUp(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1));
    }

    /**
     * Builds the book for the benchmark of this name, outside JMH ({@link Interleaved} runs the operations of two
     * engines' copies of this class in one JVM).
     *
     * @param benchmarkName a {@link Benchmark} method's name.
     */
    public void setUp(final String benchmarkName)
    {
        benchmark = benchmarkName;
        final boolean scattered = "scattered".equals(book);
        if (!scattered && !"account".equals(book))
        {
            throw new IllegalStateException("book is account or scattered, not " + book);
        }
        final boolean crossFifty = "fillCrossFiftyPositions".equals(benchmark);
        if (crossFifty && instruments < CROSS_POSITIONS)
        {
            throw new IllegalStateException("fillCrossFiftyPositions needs at least " + CROSS_POSITIONS +
                " instruments, not " + instruments + ": run it with -p instruments=1024");
        }
        if (instruments < POSITIONS_PER_ACCOUNT)
        {
            // -p instruments=4 is the book of the earlier benchmark: every account in all four instruments
            throw new IllegalStateException("the book needs at least " + POSITIONS_PER_ACCOUNT + " instruments");
        }
        final int accounts = Math.max(1, positions / POSITIONS_PER_ACCOUNT);
        final int bookPositions = accounts * POSITIONS_PER_ACCOUNT;
        final EngineSettings settings = new EngineSettings()
            .maxAccounts(accounts + 3)
            .maxInstruments(instruments)
            .maxPositions(bookPositions + SLOT_HEADROOM)
            .indexedChecks(indexed);
        if (fundFloor)
        {
            settings.fundFloor(0);
        }
        engine = new MarginStateMachine(settings, outputs);
        for (int i = 0; i < instruments; i++)
        {
            send(encoder.instrumentDefinition(0, 0, new InstrumentSpec(
                i, "PERP" + i, PRICE_DECIMALS, QTY_DECIMALS, 1, 1, 20, MarginMode.CROSS, tiers())));
            send(encoder.markPriceTick(0, 0, i, MARK));
        }
        final SplittableRandom random = new SplittableRandom(7);
        // the fill ring picks an account and one of the instruments it holds: the account's draw, kept until then
        final int[] held = new int[bookPositions];
        // every draw first, in the order the book has always drawn them, so that both orders open the same book
        final long[] quantities = new long[bookPositions];
        final boolean[] buy = new boolean[bookPositions];
        final int[] leverage = new int[accounts];
        for (int a = 0; a < accounts; a++)
        {
            leverage[a] = 2 + random.nextInt(19);
            final int first = a * POSITIONS_PER_ACCOUNT;
            drawDistinct(random, held, first, POSITIONS_PER_ACCOUNT, instruments);
            // notional 1,000 to 20,000 per position; margin for the leverage plus a little more
            for (int p = 0; p < POSITIONS_PER_ACCOUNT; p++)
            {
                quantities[first + p] = 33 + random.nextInt(634);
            }
            for (int p = 0; p < POSITIONS_PER_ACCOUNT; p++)
            {
                buy[first + p] = random.nextBoolean();
            }
        }
        for (int a = 0; a < accounts; a++)
        {
            long notional = 0;
            for (int p = 0; p < POSITIONS_PER_ACCOUNT; p++)
            {
                notional += quantities[a * POSITIONS_PER_ACCOUNT + p] * MARK * 1_000;
            }
            send(encoder.deposit(0, 0, a + 1, notional / leverage[a] + notional / 50));
            if (!scattered)
            {
                for (int p = 0; p < POSITIONS_PER_ACCOUNT; p++)
                {
                    openBookPosition(a, p, held, quantities, buy, leverage);
                }
            }
        }
        for (int p = 0; scattered && p < POSITIONS_PER_ACCOUNT; p++)
        {
            for (int a = 0; a < accounts; a++)
            {
                openBookPosition(a, p, held, quantities, buy, leverage);
            }
        }
        // the victim: isolated at 125x, liquidated 0.4% away from the mark; nobody else is within 1.5%
        send(encoder.deposit(0, 0, VICTIM, VICTIM_FUNDS));
        send(encoder.setMarginMode(0, 0, VICTIM, 0, MarginMode.ISOLATED));
        send(encoder.setLeverage(0, 0, VICTIM, 0, 125));
        int expectedSlots = bookPositions + 1;
        if (crossFifty)
        {
            // a market maker: cross at the default 20x, 50 positions of 1,000 to 20,000, margin 20% of notional
            crossInstruments = new int[CROSS_POSITIONS];
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
            crossFillInstruments = new int[CROSS_FILL_RING];
            for (int n = 0; n < CROSS_FILL_RING; n++)
            {
                crossFillInstruments[n] = crossInstruments[random.nextInt(CROSS_POSITIONS)];
            }
            expectedSlots += CROSS_POSITIONS;
        }
        raised = new boolean[instruments];
        tickUpLength = tickUp.markPriceTick(1, 1, 0, MARK + 1);
        tickDownLength = tickDown.markPriceTick(1, 1, 0, MARK);
        crashLength = crash.markPriceTick(1, 1, 0, MARK - MARK / 160);
        spikeLength = spike.markPriceTick(1, 1, 0, MARK + MARK / 160);
        fundingUpLength = fundingUp.fundingRate(1, 1, FUNDED_INSTRUMENT, 1);
        fundingDownLength = fundingDown.fundingRate(1, 1, FUNDED_INSTRUMENT, -1);
        fillAccounts = new long[FILL_RING];
        fillInstruments = new int[FILL_RING];
        for (int n = 0; n < FILL_RING; n++)
        {
            final int account = random.nextInt(accounts);
            fillAccounts[n] = 1 + account;
            fillInstruments[n] = held[account * POSITIONS_PER_ACCOUNT + random.nextInt(POSITIONS_PER_ACCOUNT)];
        }
        if (instruments > POSITIONS_PER_ACCOUNT)
        {
            // a stream of its own: the draws above, and so the book, stay what they were
            final SplittableRandom openClose = new SplittableRandom(11);
            openCloseAccounts = new long[FILL_RING];
            openCloseInstruments = new int[FILL_RING];
            for (int n = 0; n < FILL_RING; n++)
            {
                final int account = openClose.nextInt(accounts);
                int instrument;
                do
                {
                    instrument = openClose.nextInt(instruments);
                }
                while (engine.positionSize(1 + account, instrument) != 0);
                openCloseAccounts[n] = 1 + account;
                openCloseInstruments[n] = instrument;
            }
        }
        final long[] counts = outputs.byTemplate;
        if (counts[RequestRejectedDecoder.TEMPLATE_ID] != 0 || counts[UnderMarginedFillDecoder.TEMPLATE_ID] != 0 ||
            counts[MarginCallDecoder.TEMPLATE_ID] != 0 || outputs.liquidations() != 0)
        {
            throw new IllegalStateException("the book must be built without a rejection, an under-margined fill, " +
                "a margin call or a liquidation: " + describe(counts));
        }
        // the book's positions and the victim's settings, the fund's slots none yet: maxPositions holds them all
        if (engine.storedSlotCount() != expectedSlots)
        {
            throw new IllegalStateException(
                "stored slots " + engine.storedSlotCount() + ", expected " + expectedSlots);
        }
        bookSlots = expectedSlots;
    }

    /** Puts the victim's wallet back (outside the measurement), so every iteration liquidates a margined position. */
    @Setup(Level.Iteration)
    public void beforeIteration()
    {
        final long topUp = VICTIM_FUNDS - engine.crossWallet(VICTIM);
        if (topUp > 0)
        {
            send(encoder.deposit(0, 0, VICTIM, topUp));
        }
        System.arraycopy(outputs.byTemplate, 0, countsBefore, 0, TEMPLATES);
        operationsBefore = operations;
    }

    /** Fails the run when the iteration's operations did not do what the benchmark's name says. */
    @TearDown(Level.Iteration)
    public void checkIteration()
    {
        final long ops = operations - operationsBefore;
        for (int t = 0; t < TEMPLATES; t++)
        {
            delta[t] = outputs.byTemplate[t] - countsBefore[t];
        }
        final long liquidations = delta[LiquidationTriggeredDecoder.TEMPLATE_ID];
        boolean ok = ops > 0 && delta[RequestRejectedDecoder.TEMPLATE_ID] == 0 &&
            delta[UnderMarginedFillDecoder.TEMPLATE_ID] == 0 && delta[MarginCallDecoder.TEMPLATE_ID] == 0;
        switch (benchmark)
        {
            case "tickLiquidatingOne":
                ok &= liquidations == ops;
                break;
            case "funding":
                ok &= liquidations == 0 && delta[FundingAppliedDecoder.TEMPLATE_ID] == ops * fundedHolders;
                break;
            case "fillOpenClose":
                // every position opened is closed by the next operation, and its slot released
                ok &= liquidations == 0 && engine.storedSlotCount() - bookSlots == (openCloseCursor & 1);
                break;
            case "fillCrossFiftyPositions":
                ok &= liquidations == 0 && heldCrossPositions() == CROSS_POSITIONS;
                break;
            default:
                ok &= liquidations == 0;
                break;
        }
        if (!ok)
        {
            throw new IllegalStateException(benchmark + " did not do what it says in " + ops + " operations: " +
                describe(delta) + " (funded holders " + fundedHolders + ")");
        }
    }

    /** A mark tick (one price unit up or down) that crosses nobody's liquidation price. */
    @Benchmark
    public long tickLiquidatingNobody()
    {
        operations++;
        up = !up;
        engine.onInput(up ? tickUp.buffer() : tickDown.buffer(), 0, up ? tickUpLength : tickDownLength);
        return outputs.count;
    }

    /**
     * Three inputs: the victim opens one unit at 125x (a fill), a 0.625% move against it liquidates it and
     * nobody else (a tick), the mark returns (a tick). Long and short in turn, so the fund's book nets out.
     */
    @Benchmark
    public long tickLiquidatingOne()
    {
        operations++;
        up = !up;
        send(encoder.fill(0, 0, VICTIM, 0, up ? Side.BUY : Side.SELL, 1_000, MARK, 0, tradeId++));
        engine.onInput(up ? crash.buffer() : spike.buffer(), 0, up ? crashLength : spikeLength);
        engine.onInput(tickDown.buffer(), 0, tickDownLength);
        return outputs.liquidations();
    }

    /** A fill of one step on a random account and one of its instruments: buys then sells, so the book stays. */
    @Benchmark
    public long fill()
    {
        operations++;
        final int n = (fillCursor++ >>> 1) & (FILL_RING - 1);
        final Side side = (fillCursor & 1) == 0 ? Side.BUY : Side.SELL;
        send(encoder.fill(0, 0, fillAccounts[n], fillInstruments[n], side, 1, MARK, 0, tradeId++));
        return outputs.count;
    }

    /**
     * A fill as {@link #fill} makes, after a one-unit tick of the next instrument in turn (up, then back down on its
     * next turn). On a venue the marks of an account's other instruments have moved since its last fill, so the
     * maintenance margins remembered for its positions no longer hold and its check computes them again; in
     * {@link #fill} no mark ever moves and they always hold. The fill's own cost is this less
     * {@link #tickLiquidatingNobody}'s.
     */
    @Benchmark
    public long fillAfterTick()
    {
        final int instrument = tickedInstrument;
        tickedInstrument = instrument + 1 == instruments ? 0 : instrument + 1;
        raised[instrument] = !raised[instrument];
        send(encoder.markPriceTick(0, 0, instrument, raised[instrument] ? MARK + 1 : MARK));
        return fill();
    }

    /**
     * A fill of one step that opens a position in an instrument the account holds nothing in, and on the next
     * operation the fill that closes it: the slot is stored, indexed and linked, then released (on a venue positions
     * go flat and open again all the time; in {@link #fill} they never go flat). Needs {@code instruments} above 4.
     */
    @Benchmark
    public long fillOpenClose()
    {
        if (openCloseAccounts == null)
        {
            throw new IllegalStateException("fillOpenClose needs more than " + POSITIONS_PER_ACCOUNT + " instruments");
        }
        operations++;
        final int n = (openCloseCursor++ >>> 1) & (FILL_RING - 1);
        final Side side = (openCloseCursor & 1) == 0 ? Side.SELL : Side.BUY;
        send(encoder.fill(0, 0, openCloseAccounts[n], openCloseInstruments[n], side, 1, MARK, 0, tradeId++));
        return outputs.count;
    }

    /** Funding of instrument 1 (its holders, about 4N / instruments, pay or receive), rates of ±0.000001%. */
    @Benchmark
    public long funding()
    {
        operations++;
        up = !up;
        engine.onInput(up ? fundingUp.buffer() : fundingDown.buffer(), 0, up ? fundingUpLength : fundingDownLength);
        return outputs.count;
    }

    /**
     * A fill of one step by the cross account that holds 50 positions in 50 instruments, on one of them at random:
     * buys then sells, so its positions stay. The wallet moves with every fill, so all 50 bands are recomputed.
     */
    @Benchmark
    public long fillCrossFiftyPositions()
    {
        operations++;
        final int n = (crossFillCursor++ >>> 1) & (CROSS_FILL_RING - 1);
        final Side side = (crossFillCursor & 1) == 0 ? Side.BUY : Side.SELL;
        send(encoder.fill(0, 0, CROSS_ACCOUNT, crossFillInstruments[n], side, 1, MARK, 0, tradeId++));
        return outputs.count;
    }

    /** Opens account {@code a}'s {@code p}-th position of the book (account id {@code a + 1}). */
    private void openBookPosition(
        final int a, final int p, final int[] held, final long[] quantity, final boolean[] buy, final int[] leverage)
    {
        final long account = a + 1;
        final int position = a * POSITIONS_PER_ACCOUNT + p;
        final int instrument = held[position];
        if ((account & 1) == 0)
        {
            send(encoder.setMarginMode(0, 0, account, instrument, MarginMode.ISOLATED));
        }
        send(encoder.setLeverage(0, 0, account, instrument, leverage[a]));
        final Side side = buy[position] ? Side.BUY : Side.SELL;
        send(encoder.fill(0, 0, account, instrument, side, quantity[position], MARK, 0, tradeId++));
        if (instrument == FUNDED_INSTRUMENT)
        {
            fundedHolders++;
        }
    }

    /**
     * Runs the operation of the benchmark named at {@link #setUp(String)} {@code ops} times, as JMH would call it,
     * between {@link #beforeIteration} and {@link #checkIteration} (which the caller calls).
     *
     * @param ops how many operations.
     * @return what the operations returned, summed (so that nothing is optimised away).
     */
    public long repeat(final int ops)
    {
        long sum = 0;
        for (int i = 0; i < ops; i++)
        {
            sum += operation();
        }
        return sum;
    }

    private long operation()
    {
        switch (benchmark)
        {
            case "tickLiquidatingNobody":
                return tickLiquidatingNobody();
            case "tickLiquidatingOne":
                return tickLiquidatingOne();
            case "fill":
                return fill();
            case "fillAfterTick":
                return fillAfterTick();
            case "fillOpenClose":
                return fillOpenClose();
            case "fillCrossFiftyPositions":
                return fillCrossFiftyPositions();
            case "funding":
                return funding();
            default:
                throw new IllegalStateException("no benchmark named " + benchmark);
        }
    }

    private int heldCrossPositions()
    {
        int held = 0;
        for (final int instrument : crossInstruments)
        {
            if (engine.positionSize(CROSS_ACCOUNT, instrument) != 0)
            {
                held++;
            }
        }
        return held;
    }

    private void send(final int length)
    {
        engine.onInput(encoder.buffer(), 0, length);
    }

    /** Fills {@code into[from, from + count)} with distinct instruments drawn at random among {@code range}. */
    private static void drawDistinct(
        final SplittableRandom random, final int[] into, final int from, final int count, final int range)
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

    private static String describe(final long[] counts)
    {
        return "rejected " + counts[RequestRejectedDecoder.TEMPLATE_ID] +
            ", under-margined " + counts[UnderMarginedFillDecoder.TEMPLATE_ID] +
            ", margin calls " + counts[MarginCallDecoder.TEMPLATE_ID] +
            ", liquidations " + counts[LiquidationTriggeredDecoder.TEMPLATE_ID] +
            ", funding applied " + counts[FundingAppliedDecoder.TEMPLATE_ID];
    }

    /** Binance's first five BTCUSDT brackets, in amount units: the book's tiers, and the memory probe's. */
    static List<TierSpec> tiers()
    {
        return List.of(
            new TierSpec(50_000 * UNIT, 125, 400_000L, 0),
            new TierSpec(250_000 * UNIT, 100, 500_000L, 50 * UNIT),
            new TierSpec(1_000_000 * UNIT, 50, 1_000_000L, 1_300 * UNIT),
            new TierSpec(10_000_000 * UNIT, 20, 2_500_000L, 16_300 * UNIT),
            new TierSpec(20_000_000 * UNIT, 10, 5_000_000L, 266_300 * UNIT));
    }
}
