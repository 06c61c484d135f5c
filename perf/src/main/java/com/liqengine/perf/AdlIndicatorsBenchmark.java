package com.liqengine.perf;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RequestRejectedDecoder;
import com.liqengine.codec.Side;
import com.liqengine.liquidation.adl.AdlIndicators;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The ADL indicators of every position of a book (docs/liquidation.md, "The ADL indicator"): N positions in one
 * instrument, half long and half short, drawn as {@link DeleveragingBenchmark}'s random book's (entries −3% to +5% of
 * the mark, isolated at 2x to 20x or cross with 5% to 50% of the notional), a fund floor, the mark then moved 1%.
 * {@code wholeState}: the view of a whole state ({@code adlIndicators()}, each side ranked once and sorted, then
 * looked up); {@code eachPosition}:
 * {@code adlIndicator} asked for each position (its side ranked for it: n² for a side of n). One operation is every
 * position's indicator. The setup checks that the two give the same indicators (for up to 1,000 positions).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "-Xmx4g", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public class AdlIndicatorsBenchmark
{
    private static final long MARK = DeleveragingBenchmark.MARK;

    /** Positions in the instrument, both sides. */
    @Param({"1000", "10000"})
    public int positions;

    private final InputEncoder encoder = new InputEncoder();
    private final StateMachineBenchmark.Outputs outputs = new StateMachineBenchmark.Outputs();
    private MarginStateMachine engine;
    private long tradeId = 1;

    /** Builds the book through the state machine's inputs and checks that both ways give the same indicators. */
    @Setup(Level.Trial)
    public void setUp()
    {
        engine = new MarginStateMachine(new EngineSettings().maxAccounts(positions + 2).maxInstruments(1)
            .maxPositions(positions + 8).fundFloor(0), outputs);
        send(encoder.instrumentDefinition(0, 0, new InstrumentSpec(0, "PERP", 2, 3, 1, 1, 20, MarginMode.CROSS,
            List.of(new TierSpec(1_000_000_000L * 100_000_000L, 100, 500_000L, 0)))));
        send(encoder.markPriceTick(0, 0, 0, MARK));
        final SplittableRandom random = new SplittableRandom(11);
        for (long a = 1; a <= positions; a++)
        {
            tradeId = DeleveragingBenchmark.randomPosition(engine, encoder, random, a,
                (a & 1) == 0 ? Side.SELL : Side.BUY, false, tradeId);
        }
        send(encoder.markPriceTick(0, 0, 0, MARK + MARK / 100));
        if (outputs.byTemplate[RequestRejectedDecoder.TEMPLATE_ID] != 0)
        {
            throw new IllegalStateException("the book must be built without a rejection");
        }
        final AdlIndicators view = engine.adlIndicators();
        // up to 1,000 positions spread over the book: each asked alone ranks its side (the whole check: O(1,000 n))
        for (long a = 1; a <= positions; a += Math.max(1, positions / 1_000))
        {
            if (view.ranked(a, 0) != engine.adlIndicator(a, 0))
            {
                throw new IllegalStateException("account " + a + ": the whole state's indicator " +
                    view.ranked(a, 0) + ", its own " + engine.adlIndicator(a, 0));
            }
        }
    }

    /** Every position's indicator from the whole state's view: each side ranked once and sorted. */
    @Benchmark
    public long wholeState()
    {
        final AdlIndicators view = engine.adlIndicators();
        long sum = 0;
        for (long a = 1; a <= positions; a++)
        {
            sum += view.ranked(a, 0);
        }
        return sum;
    }

    /** Every position's indicator asked one at a time: its side ranked for each. */
    @Benchmark
    public long eachPosition()
    {
        long sum = 0;
        for (long a = 1; a <= positions; a++)
        {
            sum += engine.adlIndicator(a, 0);
        }
        return sum;
    }

    private void send(final int length)
    {
        engine.onInput(encoder.buffer(), 0, length);
    }
}
