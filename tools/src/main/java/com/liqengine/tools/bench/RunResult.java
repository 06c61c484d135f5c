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
 * @param threads what the kernel accounted to the threads in the measured part, or null (soak minutes).
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

    /**
     * @return the thread that did the run's work: the ring's handler, or the appending thread of the bare Chronicle
     *     appends (which has no handler); null when not accounted.
     */
    ThreadUsage worker()
    {
        if (threads == null)
        {
            return null;
        }
        return threads.handler() != null ? threads.handler() : threads.publisher();
    }

    /** @return events per second of the working thread's CPU time (what a core of its own would give), or 0. */
    double perCpuSecond()
    {
        final ThreadUsage worker = worker();
        return worker == null || worker.cpuNanos() <= 0 ? 0 : events / (worker.cpuNanos() / 1e9);
    }
}
