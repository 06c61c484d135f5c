package com.liqengine.tools.bench;

import com.liqengine.pipeline.AppliedListener;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * Records, on the handler's thread and without allocating, how long each input took from its planned send time
 * to the end of its processing, and counts inputs so the harness can wait for the pipeline to drain.
 */
final class LatencyProbe implements AppliedListener
{
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    private volatile long seen;

    @Override
    public void onApplied(final long ingressNanos)
    {
        recorder.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, System.nanoTime() - ingressNanos)));
        seen++;
    }

    long seen()
    {
        return seen;
    }

    /** Waits until the handler has seen this many inputs. */
    void awaitSeen(final long count)
    {
        while (seen < count)
        {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** What was recorded since the previous call (the first call drops the warm-up). */
    Histogram interval()
    {
        return recorder.getIntervalHistogram();
    }
}
