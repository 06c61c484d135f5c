package com.liqengine.tools.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured run: what was asked, what was done, and the latency distribution.
 *
 * @param subject "engine", "disruptor" or "chronicle".
 * @param targetRate events per second asked (0: as fast as possible).
 * @param events events measured (after warm-up).
 * @param seconds time they took.
 * @param gcCount garbage collections during the measured part.
 * @param latency nanoseconds from planned send to processed.
 * @param threads what the kernel accounted to the threads in the measured part, or null (closed-loop Chronicle
 *     appends, soak minutes).
 */
record RunResult(
    String subject, long targetRate, long events, double seconds, long gcCount, Histogram latency,
    WindowThreads threads)
{
    double throughput()
    {
        return events / seconds;
    }

    double micros(final double percentile)
    {
        return latency.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMicros()
    {
        return latency.getMaxValue() / 1_000.0;
    }
}
