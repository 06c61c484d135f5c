package com.liqengine.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.cluster.client.ClusterException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Snapshot chunks offered to the snapshot publication Aeron Cluster gives {@code onTakeSnapshot}: each chunk is one
 * frame (at most the publication's max payload), offered again, idling with the cluster's idle strategy (which keeps
 * the service's duty cycle going), while back-pressured or not yet connected to the archive's recording.
 */
final class PublicationChunkSink implements SnapshotChunkSink
{
    private final ExclusivePublication publication;
    private final IdleStrategy idle;

    PublicationChunkSink(final ExclusivePublication publication, final IdleStrategy idle)
    {
        this.publication = publication;
        this.idle = idle;
    }

    @Override
    public int maxChunkLength()
    {
        return publication.maxPayloadLength();
    }

    @Override
    public void write(final DirectBuffer buffer, final int offset, final int length)
    {
        idle.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new ClusterException("the snapshot publication refused a chunk: "
                    + Publication.errorString(result));
            }
            idle.idle();
        }
    }
}
