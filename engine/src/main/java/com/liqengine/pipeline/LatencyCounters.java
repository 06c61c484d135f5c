package com.liqengine.pipeline;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * One {@link LatencyStage}'s counters in the counters file, one per {@link LatencyValue}: set once per interval
 * by the thread that takes the interval histograms (never the engine's), so {@code liq stat} and the Prometheus
 * endpoint show the last interval's percentiles beside the event counters.
 */
public final class LatencyCounters
{
    private final AtomicCounter[] values = new AtomicCounter[LatencyValue.values().length];

    LatencyCounters(final CountersManager manager, final LatencyStage stage)
    {
        for (final LatencyValue value : LatencyValue.values())
        {
            values[value.ordinal()] = new AtomicCounter(
                manager.valuesBuffer(), manager.allocate(value.label(stage), LatencyValue.TYPE_ID));
        }
    }

    /**
     * Publishes one interval.
     *
     * @param interval the interval's histogram, in ns (may be empty: its percentiles are then 0).
     * @param outOfRange inputs not recorded since the start ({@link PipelineLatency#outOfRange}).
     */
    public void publish(final Histogram interval, final long outOfRange)
    {
        final long count = interval.getTotalCount();
        for (final LatencyValue value : LatencyValue.values())
        {
            if (value.isPercentile())
            {
                final long nanos = value == LatencyValue.MAX ?
                    interval.getMaxValue() : interval.getValueAtPercentile(value.percentile());
                values[value.ordinal()].setRelease(count == 0 ? 0 : nanos);
            }
        }
        values[LatencyValue.INTERVAL_COUNT.ordinal()].setRelease(count);
        values[LatencyValue.TOTAL.ordinal()].setRelease(values[LatencyValue.TOTAL.ordinal()].get() + count);
        values[LatencyValue.OUT_OF_RANGE.ordinal()].setRelease(outOfRange);
    }

    /**
     * @param value which value.
     * @return its current value.
     */
    public long get(final LatencyValue value)
    {
        return values[value.ordinal()].get();
    }
}
