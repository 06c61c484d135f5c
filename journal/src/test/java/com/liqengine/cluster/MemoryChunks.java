package com.liqengine.cluster;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot chunks in memory: written as a sink, read back (or tampered with first) as a source.
 */
final class MemoryChunks implements SnapshotChunkSink
{
    final List<byte[]> chunks = new ArrayList<>();
    private final int maxChunkLength;

    MemoryChunks(final int maxChunkLength)
    {
        this.maxChunkLength = maxChunkLength;
    }

    @Override
    public int maxChunkLength()
    {
        return maxChunkLength;
    }

    @Override
    public void write(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > maxChunkLength)
        {
            throw new AssertionError("a chunk of " + length + " bytes, more than " + maxChunkLength);
        }
        final byte[] chunk = new byte[length];
        buffer.getBytes(offset, chunk);
        chunks.add(chunk);
    }

    /**
     * @return a source over the chunks as they are now.
     */
    SnapshotChunkSource source()
    {
        final List<byte[]> copy = new ArrayList<>(chunks);
        return new SnapshotChunkSource()
        {
            private int next;

            @Override
            public boolean next(final ChunkHandler handler)
            {
                if (next == copy.size())
                {
                    return false;
                }
                final byte[] chunk = copy.get(next++);
                handler.onChunk(new UnsafeBuffer(chunk), 0, chunk.length);
                return true;
            }
        };
    }
}
