package com.liqengine.tools.demo;

import com.liqengine.pipeline.AppliedListener;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Records each input's end-to-end latency, from the moment it was committed to the ring to the moment the state
 * machine finished applying it (journaled first), into an HdrHistogram on the engine's thread (no allocation).
 * Read it after the engine is closed.
 */
final class LatencyRecorder implements AppliedListener
{
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
    private final long skipped;
    private volatile long applied;
    private long marketStart;

    /**
     * @param skipped the first inputs (set-up, not market traffic) are not recorded.
     */
    LatencyRecorder(final long skipped)
    {
        this.skipped = skipped;
    }

    @Override
    public void onApplied(final long ingressNanos)
    {
        if (applied >= skipped)
        {
            histogram.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, System.nanoTime() - ingressNanos)));
        }
        applied++;
    }

    void marketStart(final long nanos)
    {
        marketStart = nanos;
    }

    long marketStart()
    {
        return marketStart;
    }

    long applied()
    {
        return applied;
    }

    Histogram histogram()
    {
        return histogram;
    }
}
