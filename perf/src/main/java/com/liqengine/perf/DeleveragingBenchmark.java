package com.liqengine.perf;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.AutoDeleveragedDecoder;
import com.liqengine.codec.InsuranceFundDeficitDecoder;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RequestRejectedDecoder;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
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

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Auto-deleveraging of one position in a book of N opposite positions (docs/liquidation.md). Two books: {@code
 * uniform}, one instrument held short by N cross accounts at one entry price, of different sizes and 19 margins (whole
 * groups of them rank exactly alike); {@code random}, the N shorts at random entry prices (−3% to +5% of the mark),
 * half isolated at a random leverage (2x to 20x), half cross with a random margin (5% to 50%), a quarter of those also
 * long a second instrument (so their ADL keys come from price bands). A victim's isolated long is liquidated by a gap
 * through its bankruptcy price, the fund's loss makes it fall below its floor of 0, and the long is closed against the
 * best-ranked short. One operation is the three inputs of that cycle: the victim's fill, the gap tick (the takeover and
 * the ADL), and the tick back. With {@code adl=false} the engine has no floor: the same cycle with the takeover only,
 * so the difference of the two is what the ADL costs. Each iteration checks that every cycle liquidated and (with a
 * floor) deleveraged, and that nothing was rejected or left as a deficit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Xmx8g", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public class DeleveragingBenchmark
{
    private static final int TEMPLATES = 64;
    /** 30,000.00 a unit, quantities with 3 decimals. */
    static final long MARK = 3_000_000L;
    /** 3% below: through the victim's bankruptcy price at 100x (1% away). */
    private static final long GAP = MARK - MARK * 3 / 100;
    private static final long VICTIM = Long.MAX_VALUE - 1;
    private static final long VICTIM_QUANTITY = 10;

    /** Short positions held against the fund's long. */
    @Param({"1000", "1000000"})
    public int positions;

    /** With a fund floor (ADL runs) or without (the takeover alone). */
    @Param({"true", "false"})
    public boolean adl;

    /**
     * How the ADL finds counterparties: {@code search} (the ranked views, the engine's default) or {@code walk}
     * (ranking every holder, as before; the system property {@code liqengine.adl.search=false}).
     */
    @Param({"search", "walk"})
    public String finder;

    /**
     * The book: {@code uniform} or {@code random} (above), or {@code random-one}: the random book without the second
     * instrument (every cross account holds only its short).
     */
    @Param({"uniform", "random", "random-one"})
    public String book;

    private final InputEncoder encoder = new InputEncoder();
    private final StateMachineBenchmark.Outputs outputs = new StateMachineBenchmark.Outputs();
    private final InputEncoder gap = new InputEncoder();
    private final InputEncoder back = new InputEncoder();
    private int gapLength;
    private int backLength;
    private MarginStateMachine engine;
    private long tradeId = 1;
    private long operations;
    private final long[] before = new long[TEMPLATES];
    private long operationsBefore;
    private long rankedBefore;

    /** Builds the shorts, the victim and the fund through the state machine's inputs. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final EngineSettings settings = new EngineSettings()
            .maxAccounts(positions + 2)
            .maxInstruments(2)
            .maxPositions(2 * positions + 8);
        if (adl)
        {
            settings.fundFloor(0);
        }
        System.setProperty("liqengine.adl.search", String.valueOf("search".equals(finder)));
        engine = new MarginStateMachine(settings, outputs);
        send(encoder.instrumentDefinition(0, 0, new InstrumentSpec(0, "PERP", 2, 3, 1, 1, 20, MarginMode.CROSS,
            List.of(new TierSpec(1_000_000_000L * 100_000_000L, 100, 500_000L, 0)))));
        send(encoder.markPriceTick(0, 0, 0, MARK));
        final SplittableRandom random = new SplittableRandom(11);
        if (book.startsWith("random"))
        {
            send(encoder.instrumentDefinition(0, 0, new InstrumentSpec(1, "OTHER", 2, 3, 1, 1, 20, MarginMode.CROSS,
                List.of(new TierSpec(1_000_000_000L * 100_000_000L, 100, 500_000L, 0)))));
            send(encoder.markPriceTick(0, 0, 1, MARK));
            for (long a = 1; a <= positions; a++)
            {
                randomShort(random, a);
            }
        }
        else
        {
            for (long a = 1; a <= positions; a++)
            {
                // 1 to 1,000 units short, margin 5% to 50% of the notional
                final long quantity = 1_000 * (1 + random.nextInt(1_000));
                final long notional = quantity * MARK * 1_000;
                send(encoder.deposit(0, 0, a, notional / (2 + random.nextInt(19))));
                send(encoder.fill(0, 0, a, 0, Side.SELL, quantity, MARK, 0, tradeId++));
            }
        }
        send(encoder.deposit(0, 0, VICTIM, 1L << 57));
        send(encoder.setMarginMode(0, 0, VICTIM, 0, MarginMode.ISOLATED));
        send(encoder.setLeverage(0, 0, VICTIM, 0, 100));
        gapLength = gap.markPriceTick(1, 1, 0, GAP);
        backLength = back.markPriceTick(1, 1, 0, MARK);
        if (outputs.byTemplate[RequestRejectedDecoder.TEMPLATE_ID] != 0 || outputs.liquidations() != 0)
        {
            throw new IllegalStateException("the book must be built without a rejection or a liquidation");
        }
    }

    /** One short of the random book ({@link #randomPosition}); in {@code random}, some cross ones long the other. */
    private void randomShort(final SplittableRandom random, final long account)
    {
        tradeId = randomPosition(engine, encoder, random, account, Side.SELL, "random".equals(book), tradeId);
    }

    /**
     * Opens a random position of the account through the engine's inputs: 0.001 to 1,000 units at −3% to +5% of the
     * mark ({@link #MARK}) in instrument 0; isolated at 2x to 20x, or cross with 5% to 50% of the notional, a quarter
     * of the cross ones also long instrument 1 when {@code withOther}. Returns the next trade id.
     */
    static long randomPosition(final MarginStateMachine engine, final InputEncoder encoder,
        final SplittableRandom random, final long account, final Side side, final boolean withOther,
        final long firstTradeId)
    {
        long tradeId = firstTradeId;
        final long quantity = 1 + random.nextInt(1_000_000);
        final long price = MARK - MARK * 3 / 100 + random.nextLong(MARK * 8 / 100);
        final long notional = quantity * price * 1_000;
        if (random.nextBoolean())
        {
            final int leverage = 2 + random.nextInt(19);
            engine.onInput(encoder.buffer(), 0, encoder.deposit(0, 0, account, notional / leverage + notional / 10));
            engine.onInput(encoder.buffer(), 0, encoder.setMarginMode(0, 0, account, 0, MarginMode.ISOLATED));
            engine.onInput(encoder.buffer(), 0, encoder.setLeverage(0, 0, account, 0, leverage));
        }
        else
        {
            engine.onInput(encoder.buffer(), 0, encoder.deposit(0, 0, account, notional / (2 + random.nextInt(19))));
            if (random.nextInt(4) == 0 && withOther)
            {
                final long other = 1 + random.nextInt(100_000);
                engine.onInput(encoder.buffer(), 0, encoder.deposit(0, 0, account, other * MARK * 1_000 / 5));
                engine.onInput(encoder.buffer(), 0,
                    encoder.fill(0, 0, account, 1, Side.BUY, other, MARK, 0, tradeId++));
            }
        }
        engine.onInput(encoder.buffer(), 0, encoder.fill(0, 0, account, 0, side, quantity, price, 0, tradeId++));
        return tradeId;
    }

    /** Counts before the iteration, to check it after. */
    @Setup(Level.Iteration)
    public void beginIteration()
    {
        System.arraycopy(outputs.byTemplate, 0, before, 0, TEMPLATES);
        operationsBefore = operations;
        rankedBefore = engine.adlPositionsRanked();
    }

    /** Every cycle liquidated the victim, and with a floor deleveraged it with no deficit left. */
    @TearDown(Level.Iteration)
    public void checkIteration()
    {
        final long cycles = operations - operationsBefore;
        final long liquidated = outputs.byTemplate[LiquidationTriggeredDecoder.TEMPLATE_ID] -
            before[LiquidationTriggeredDecoder.TEMPLATE_ID];
        final long closes = outputs.byTemplate[AutoDeleveragedDecoder.TEMPLATE_ID] -
            before[AutoDeleveragedDecoder.TEMPLATE_ID];
        final long rejected = outputs.byTemplate[RequestRejectedDecoder.TEMPLATE_ID] -
            before[RequestRejectedDecoder.TEMPLATE_ID];
        final long deficits = outputs.byTemplate[InsuranceFundDeficitDecoder.TEMPLATE_ID] -
            before[InsuranceFundDeficitDecoder.TEMPLATE_ID];
        if (liquidated != cycles || rejected != 0 || deficits != 0 || (adl ? closes < 2 * cycles : closes != 0))
        {
            throw new IllegalStateException(cycles + " cycles: " + liquidated + " liquidations, " + closes +
                " ADL outputs, " + rejected + " rejections, " + deficits + " deficits");
        }
        // how many positions the ADL ranked to find its counterparties (the search's reads, or the walk's)
        final double ranked = (double)(engine.adlPositionsRanked() - rankedBefore) / cycles;
        System.out.printf("%n[adl=%s finder=%s book=%s positions=%d] positions ranked per cycle: %.1f, ADL outputs per "
            + "cycle: %.1f%n", adl, finder, book, positions, ranked, (double)closes / cycles);
    }

    /**
     * The victim opens, is taken over through a gap (and deleveraged against the best-ranked short), and the mark
     * comes back.
     */
    @Benchmark
    public void gapTakeover()
    {
        operations++;
        send(encoder.fill(0, 0, VICTIM, 0, Side.BUY, VICTIM_QUANTITY, MARK, 0, tradeId++));
        engine.onInput(gap.buffer(), 0, gapLength);
        engine.onInput(back.buffer(), 0, backLength);
    }

    private void send(final int length)
    {
        engine.onInput(encoder.buffer(), 0, length);
    }
}
