package com.liqengine.cluster;

import com.liqengine.runtime.EngineConfig;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One node's clustered service driven without Aeron: envelopes handed over as the container would hand over
 * committed log entries (the log position advancing), the end of each duty cycle after a few of them.
 */
final class ServiceNode implements AutoCloseable
{
    static final int CAPACITY = 8;
    private static final int DUTY_CYCLE = 7;

    final StubCluster cluster = new StubCluster();
    final StubSession session = new StubSession();
    final EngineClusteredService service;
    final EngineConfig config;
    private final ByteArrayOutputStream reportBytes = new ByteArrayOutputStream();
    private int sinceDutyCycle;

    ServiceNode(final Path dir, final SnapshotChunkSource snapshot)
    {
        this(dir, CAPACITY, snapshot);
    }

    ServiceNode(final Path dir, final int capacity, final SnapshotChunkSource snapshot)
    {
        this.config = config(dir);
        this.service = new EngineClusteredService(config, capacity,
            new PrintStream(reportBytes, true, StandardCharsets.UTF_8));
        service.start(cluster, snapshot);
    }

    static EngineConfig config(final Path dir)
    {
        return EngineConfig.defaults(dir).withMaxAccounts(1_000);
    }

    void deliver(final byte[] envelope)
    {
        cluster.logPosition += envelope.length + 32;
        service.onSessionMessage(session, 0, new UnsafeBuffer(envelope), 0, envelope.length, null);
        if (++sinceDutyCycle == DUTY_CYCLE)
        {
            sinceDutyCycle = 0;
            service.doBackgroundWork(0);
        }
    }

    void deliverAll(final List<byte[]> log)
    {
        for (final byte[] envelope : log)
        {
            deliver(envelope);
        }
        service.doBackgroundWork(0);
    }

    /**
     * @return what the service reported so far.
     */
    String report()
    {
        return reportBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        service.onTerminate(cluster);
    }
}
