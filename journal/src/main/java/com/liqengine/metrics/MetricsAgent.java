package com.liqengine.metrics;

import com.liqengine.pipeline.EngineCounters;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.pipeline.PipelineLatency;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/**
 * The metrics thread's work, off the engine's thread: once per interval it takes each latency's interval histogram
 * from the engine's recorders, sets the latency counters of the counters file to its percentiles, for
 * {@code liq stat} and the Prometheus endpoint, and appends it to the latency log (when there is one); it also takes
 * the engine's epoch clock's offset to the wall clock again. On close it reports the
 * last, partial interval, so a stopped engine's log and counters hold everything recorded.
 */
public final class MetricsAgent implements Agent
{
    private final PipelineLatency latency;
    private final EngineCounters counters;
    private final LatencyLog log;
    private final EpochClock clock;
    private final long intervalMs;
    private final Histogram[] intervals = new Histogram[LatencyStage.values().length];
    private long nextIntervalMs;

    /**
     * @param latency the engine's recorders.
     * @param counters where the percentiles go.
     * @param log where the interval histograms go, or null for none.
     * @param clock ms since the epoch: when an interval ends.
     * @param intervalMs length of an interval.
     */
    public MetricsAgent(
        final PipelineLatency latency,
        final EngineCounters counters,
        final LatencyLog log,
        final EpochClock clock,
        final long intervalMs)
    {
        this.latency = latency;
        this.counters = counters;
        this.log = log;
        this.clock = clock;
        this.intervalMs = intervalMs;
        this.nextIntervalMs = clock.time() + intervalMs;
    }

    @Override
    public int doWork()
    {
        final long now = clock.time();
        if (now < nextIntervalMs)
        {
            return 0;
        }
        // the next interval ends a whole number of intervals after the start, however late this one was taken
        nextIntervalMs += ((now - nextIntervalMs) / intervalMs + 1) * intervalMs;
        endInterval();
        return 1;
    }

    /** Takes, publishes and logs one interval of each latency. */
    void endInterval()
    {
        // off the engine's thread: the epoch clock follows the wall clock, one interval at a time
        latency.sampleEpochClock();
        for (final LatencyStage stage : LatencyStage.values())
        {
            final Histogram interval = latency.intervalHistogram(stage, intervals[stage.ordinal()]);
            intervals[stage.ordinal()] = interval;
            interval.setTag(stage.word());
            counters.latency(stage).publish(interval, latency.outOfRange(stage));
        }
        // last: a log that cannot be written (its error goes to the error log) must not stop the counters
        if (log != null)
        {
            for (final Histogram interval : intervals)
            {
                log.write(interval);
            }
        }
    }

    @Override
    public void onClose()
    {
        try
        {
            endInterval();
        }
        finally
        {
            if (log != null)
            {
                log.close();
            }
        }
    }

    @Override
    public String roleName()
    {
        return "liq-metrics";
    }
}
