package com.liqengine.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-to-output clock reads the wall clock to well under a millisecond (Agrona's offset clock, sampled from
 * {@code currentTimeMillis()}, reads up to a millisecond early, as much as the latencies it would measure), and
 * goes on with the monotonic clock between samples.
 */
class SampledEpochClockTest
{
    private static final long TOLERANCE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    @Test
    void readsTheWallClockToAFewMicroseconds()
    {
        final SampledEpochClock clock = new SampledEpochClock();
        for (int i = 0; i < 100; i++)
        {
            final long before = epochNanos(Instant.now());
            final long read = clock.nanoTime();
            final long after = epochNanos(Instant.now());
            assertThat(read).as("read %d", i).isBetween(before - TOLERANCE_NANOS, after + TOLERANCE_NANOS);
            clock.sample();
        }
    }

    @Test
    void neverGoesBackBetweenSamples()
    {
        final SampledEpochClock clock = new SampledEpochClock();
        long previous = clock.nanoTime();
        for (int i = 0; i < 100_000; i++)
        {
            final long now = clock.nanoTime();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
    }

    private static long epochNanos(final Instant instant)
    {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }
}
