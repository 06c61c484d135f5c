package com.liqengine.tools.cluster;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * One measured run of {@code liq cluster bench}: how many inputs were acknowledged in how long, and their round
 * trips.
 *
 * @param subject what ran: the single-process engine, or the cluster with its file sync level.
 * @param mode open loop at a rate, or closed loop with a window.
 * @param inputs inputs sent and acknowledged (applied) in the measured part.
 * @param seconds from the first input's planned send to its last acknowledgement.
 * @param roundTrips nanoseconds per input: open loop from its planned send time, closed loop from its send.
 * @param fromSend the cluster's open loop from the client's actual offer; null when not measured.
 * @param gc collections in this JVM during the run and their total pause, as "count (ms)".
 * @param load the machine's load averages (1, 5, 15 minutes) when the run ended.
 */
record LoadResult(
    String subject, String mode, long inputs, double seconds, Histogram roundTrips, Histogram fromSend, String gc,
    String load)
{
    /** Round trips are recorded up to this; a longer one counts as this long. */
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    /**
     * @return an empty histogram for round trips, three significant digits.
     */
    static Histogram histogram()
    {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    /**
     * @param nanos a round trip.
     * @return it, within what a histogram records.
     */
    static long clamp(final long nanos)
    {
        return Math.min(HIGHEST_NANOS, Math.max(0, nanos));
    }

    /**
     * @return inputs acknowledged per second.
     */
    double throughput()
    {
        return seconds > 0 ? inputs / seconds : 0;
    }

    /**
     * @param percentile from 0 to 100.
     * @return that percentile of the round trips in microseconds.
     */
    double micros(final double percentile)
    {
        return roundTrips.getValueAtPercentile(percentile) / 1e3;
    }

    /**
     * @return the longest round trip in microseconds.
     */
    double maxMicros()
    {
        return roundTrips.getMaxValue() / 1e3;
    }
}
