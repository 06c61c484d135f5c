package com.liqengine.tools.metrics;

import com.liqengine.pipeline.CountersFile;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code liq run}'s Prometheus endpoint: the Prometheus Java client's HTTP server on one thread of its own
 * ({@code liq-prometheus}), serving {@code /metrics} in the Prometheus text format from the engine's counters file
 * ({@link CountersCollector}), mapped a second time for it: a scrape reads the mapped counters and never touches
 * the engine's thread. Close it before the engine's counters are closed or not; its mapping is its own.
 */
public final class PrometheusEndpoint implements AutoCloseable
{
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final CountersFile counters;
    private final ExecutorService executor;
    private final HTTPServer server;

    private PrometheusEndpoint(final CountersFile counters, final ExecutorService executor, final HTTPServer server)
    {
        this.counters = counters;
        this.executor = executor;
        this.server = server;
    }

    /**
     * Starts serving.
     *
     * @param countersFile the running engine's counters file.
     * @param bindAddress the address to listen on (127.0.0.1: this host only).
     * @param port the TCP port; 0 takes any free one ({@link #port()} tells which).
     * @return the running endpoint.
     * @throws UncheckedIOException when the port cannot be bound (the message names address and port).
     */
    public static PrometheusEndpoint start(final Path countersFile, final String bindAddress, final int port)
    {
        final CountersFile counters = CountersFile.open(countersFile.toFile());
        final ExecutorService executor = Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "liq-prometheus");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final PrometheusRegistry registry = new PrometheusRegistry();
            registry.register(new CountersCollector(counters));
            final HTTPServer server = HTTPServer.builder().hostname(bindAddress).port(port).registry(registry)
                .executorService(executor).buildAndStart();
            return new PrometheusEndpoint(counters, executor, server);
        }
        catch (final IOException ex)
        {
            executor.shutdownNow();
            counters.close();
            throw new UncheckedIOException("cannot serve Prometheus metrics on " + bindAddress + ":" + port + ": "
                + ex.getMessage(), ex);
        }
    }

    /**
     * @return the TCP port served.
     */
    public int port()
    {
        return server.getPort();
    }

    /** Stops serving, waits for a scrape under way, then unmaps the counters file. */
    @Override
    public void close()
    {
        server.close();
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS))
            {
                // a scrape still reading: leave the mapping to the garbage collector rather than unmap under it
                return;
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        counters.close();
    }
}
