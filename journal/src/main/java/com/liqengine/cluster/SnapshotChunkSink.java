package com.liqengine.cluster;

import org.agrona.DirectBuffer;

/**
 * Where a snapshot's chunks go, in order: the snapshot publication of Aeron Cluster ({@link PublicationChunkSink}),
 * or memory in tests.
 */
public interface SnapshotChunkSink
{
    /**
     * @return the longest chunk this sink takes whole (a publication's max payload: one frame, never fragmented).
     */
    int maxChunkLength();

    /**
     * Writes one chunk, waiting while the sink is back-pressured.
     *
     * @param buffer holding the chunk.
     * @param offset of its first byte.
     * @param length of the chunk, at most {@link #maxChunkLength()}.
     */
    void write(DirectBuffer buffer, int offset, int length);
}
