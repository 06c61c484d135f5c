package com.liqengine.cluster;

import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A cluster without Aeron: member id, role and log position as the test sets them; a clock that must not be read.
 */
final class StubCluster implements Cluster
{
    int memberId = 0;
    Role role = Role.LEADER;
    long logPosition;

    @Override
    public int memberId()
    {
        return memberId;
    }

    @Override
    public Role role()
    {
        return role;
    }

    @Override
    public long logPosition()
    {
        return logPosition;
    }

    @Override
    public Aeron aeron()
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClusteredServiceContainer.Context context()
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClientSession getClientSession(final long clusterSessionId)
    {
        return null;
    }

    @Override
    public Collection<ClientSession> clientSessions()
    {
        return List.of();
    }

    @Override
    public void forEachClientSession(final Consumer<? super ClientSession> action)
    {
    }

    @Override
    public boolean closeClientSession(final long clusterSessionId)
    {
        return false;
    }

    @Override
    public long time()
    {
        throw new AssertionError("the service must not read the cluster's time");
    }

    @Override
    public TimeUnit timeUnit()
    {
        return TimeUnit.MILLISECONDS;
    }

    @Override
    public boolean scheduleTimer(final long correlationId, final long deadline)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean cancelTimer(final long correlationId)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public IdleStrategy idleStrategy()
    {
        return NoOpIdleStrategy.INSTANCE;
    }
}
