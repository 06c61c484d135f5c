package com.liqengine.cluster;

import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;

/**
 * A client session that keeps the last reply (allocation-free) and counts replies per kind.
 */
final class StubSession implements ClientSession
{
    final long[] repliesOfKind = new long[8];
    short kind;
    int sourceId;
    long sourceSequence;
    long engineSequence;

    @Override
    public long id()
    {
        return 1;
    }

    @Override
    public int responseStreamId()
    {
        return 0;
    }

    @Override
    public String responseChannel()
    {
        return "stub";
    }

    @Override
    public byte[] encodedPrincipal()
    {
        return new byte[0];
    }

    @Override
    public void close()
    {
    }

    @Override
    public boolean isClosing()
    {
        return false;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != ClusterEgress.LENGTH)
        {
            throw new AssertionError("a reply of " + length + " bytes");
        }
        kind = ClusterEgress.kind(buffer, offset);
        sourceId = ClusterEgress.sourceId(buffer, offset);
        sourceSequence = ClusterEgress.sourceSequence(buffer, offset);
        engineSequence = ClusterEgress.engineSequence(buffer, offset);
        repliesOfKind[kind]++;
        return 1;
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
}
