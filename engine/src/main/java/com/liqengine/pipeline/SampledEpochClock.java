package com.liqengine.pipeline;

import org.agrona.concurrent.EpochNanoClock;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Nanoseconds since the epoch as {@link System#nanoTime()} plus an offset to the wall clock, read without
 * allocation: the clock of the event-to-output latency. The offset is taken from {@link Instant#now()} (micro- or
 * nanosecond resolution), where Agrona's {@code OffsetEpochNanoClock} takes {@code currentTimeMillis()} and so
 * reads up to a millisecond early, more than the latency measured. {@link #sample()} takes the offset again, from any
 * thread: the metrics thread does once per interval, so the clock follows the wall clock as NTP steers it rather than
 * drifting with the monotonic clock.
 */
public final class SampledEpochClock implements EpochNanoClock
{
    private static final int TRIES = 20;

    private volatile long offset;

    /** A clock sampled now. */
    public SampledEpochClock()
    {
        sample();
    }

    /**
     * Takes the offset again: the wall clock read between two monotonic readings, the closest pair of
     * {@value #TRIES} tries, so a pre-emption between the readings does not skew it.
     */
    public void sample()
    {
        long narrowest = Long.MAX_VALUE;
        long best = 0;
        for (int i = 0; i < TRIES; i++)
        {
            final long before = System.nanoTime();
            final Instant wall = Instant.now();
            final long after = System.nanoTime();
            if (after - before < narrowest)
            {
                narrowest = after - before;
                final long wallNanos = TimeUnit.SECONDS.toNanos(wall.getEpochSecond()) + wall.getNano();
                best = wallNanos - (before + (after - before) / 2);
            }
        }
        offset = best;
    }

    @Override
    public long nanoTime()
    {
        return System.nanoTime() + offset;
    }
}
