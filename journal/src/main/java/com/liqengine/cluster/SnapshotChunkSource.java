package com.liqengine.cluster;

import org.agrona.DirectBuffer;

/**
 * Where a snapshot's chunks come from, in order: the snapshot image Aeron Cluster replays at start
 * ({@link ImageChunkSource}), or memory in tests.
 */
public interface SnapshotChunkSource
{
    /**
     * Hands over the next chunk, waiting until one arrives or the source ends.
     *
     * @param handler given the chunk (its bytes are valid only during the call).
     * @return false when the source ended before another chunk.
     */
    boolean next(ChunkHandler handler);

    /**
     * Receives one chunk.
     */
    @FunctionalInterface
    interface ChunkHandler
    {
        /**
         * @param buffer holding the chunk.
         * @param offset of its first byte.
         * @param length of the chunk.
         */
        void onChunk(DirectBuffer buffer, int offset, int length);
    }
}
