package com.liqengine.tools.stress;

import com.liqengine.tools.feed.InputSink;
import com.liqengine.tools.simulate.ModePolicy;
import com.liqengine.tools.simulate.ScenarioRunner;
import com.liqengine.tools.simulate.Simulation;
import com.liqengine.tools.simulate.Step;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq feed --history}: the instruments of the history and the marks of the stress path (docs/stress.md),
 * written into the engine's input queue as fast as possible or at a multiple of real time, so that {@code liq
 * run} can be watched on a real crash. The inputs are those the simulator's runner encodes for the path.
 */
public final class HistoryFeed
{
    private static final int PROGRESS_STEPS = 10;

    private final StressScenario built;
    private final Simulation simulation;

    private HistoryFeed(final StressScenario built, final Simulation simulation)
    {
        this.built = built;
        this.simulation = simulation;
    }

    /**
     * Encodes the market's inputs.
     *
     * @param market the history and its instruments, without portfolio.
     * @return the feed.
     */
    public static HistoryFeed of(final StressInputs market)
    {
        final StressScenario built = StressScenario.of(market, market.portfolio(), StressRun.AS_GIVEN);
        return new HistoryFeed(built, ScenarioRunner.run(built.scenario(), ModePolicy.AS_WRITTEN));
    }

    /**
     * Writes every input: the definitions at once, then each mark or funding at its time divided by {@code speed}
     * after the first (0: as fast as possible).
     *
     * @param queue the engine's input queue.
     * @param speed multiple of real time, or 0.
     * @param out where progress goes.
     * @return the inputs written.
     */
    public long write(final InputSink queue, final double speed, final PrintStream out)
    {
        final long startNanos = System.nanoTime();
        final long startTime = built.time(0);
        final int total = simulation.steps().size();
        long written = 0;
        int nextProgress = 1;
        for (final Step step : simulation.steps())
        {
            if (step.input().length == 0)
            {
                continue;
            }
            if (speed > 0 && step.event() != null)
            {
                final long due = startNanos
                    + (long)(TimeUnit.MILLISECONDS.toNanos(built.time(step.event().number()) - startTime) / speed);
                long wait;
                while ((wait = due - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(wait);
                }
            }
            queue.append(new UnsafeBuffer(step.input()), 0, step.input().length);
            written++;
            if (written * PROGRESS_STEPS >= (long)nextProgress * total && step.event() != null)
            {
                out.printf(Locale.ROOT, "liq feed: %,d / %,d inputs, market time %s%n", written, total,
                    StressTime.utc(built.time(step.event().number())));
                nextProgress++;
            }
        }
        return written;
    }
}
