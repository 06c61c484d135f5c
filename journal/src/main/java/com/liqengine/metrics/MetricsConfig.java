package com.liqengine.metrics;

import java.nio.file.Path;

/**
 * How a running engine reports its latencies and counters to operators (docs/operations.md): the {@code metrics:}
 * section of {@code config/engine.yaml}.
 *
 * @param intervalMs length of one latency interval: the percentiles {@code liq stat} and Prometheus show are of the
 *     last one, and the latency log gets one histogram per latency per interval.
 * @param logMaxBytes the latency log is rotated once it holds this many bytes.
 * @param logKeep rotated latency logs kept beside the current one ({@code latency.1.hlog} the newest); older ones
 *     are deleted.
 * @param port TCP port of the Prometheus endpoint of {@code liq run}; 0 serves none.
 * @param bindAddress the address the endpoint listens on: loopback unless an operator opens it.
 */
public record MetricsConfig(long intervalMs, long logMaxBytes, int logKeep, int port, String bindAddress)
{
    /** Default of {@link #intervalMs()}. */
    public static final long DEFAULT_INTERVAL_MS = 1_000;
    /** Default of {@link #logMaxBytes()}: 16 MiB, an hour or more of intervals. */
    public static final long DEFAULT_LOG_MAX_BYTES = 16L * 1024 * 1024;
    /** Default of {@link #logKeep()}. */
    public static final int DEFAULT_LOG_KEEP = 9;
    /** Default of {@link #bindAddress()}. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Largest TCP port. */
    public static final int MAX_PORT = 65_535;
    /** Name of the latency log, in the counters file's folder. */
    public static final String LATENCY_LOG_NAME = "latency.hlog";

    /**
     * @return one-second intervals, 16 MiB logs, nine rotated logs kept, no Prometheus endpoint.
     */
    public static MetricsConfig defaults()
    {
        return new MetricsConfig(DEFAULT_INTERVAL_MS, DEFAULT_LOG_MAX_BYTES, DEFAULT_LOG_KEEP, 0, LOOPBACK);
    }

    /**
     * The same settings serving Prometheus on another port.
     *
     * @param port the port, 0 for none.
     * @return a copy.
     */
    public MetricsConfig withPort(final int port)
    {
        return new MetricsConfig(intervalMs, logMaxBytes, logKeep, port, bindAddress);
    }

    /**
     * The same settings with another interval.
     *
     * @param intervalMs the interval, ms.
     * @return a copy.
     */
    public MetricsConfig withIntervalMs(final long intervalMs)
    {
        return new MetricsConfig(intervalMs, logMaxBytes, logKeep, port, bindAddress);
    }

    /**
     * Where an engine writes its latency log: beside its counters file.
     *
     * @param counters the counters file.
     * @return the latency log's path.
     */
    public static Path latencyLog(final Path counters)
    {
        return counters.toAbsolutePath().resolveSibling(LATENCY_LOG_NAME);
    }
}
