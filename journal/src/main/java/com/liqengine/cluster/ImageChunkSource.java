package com.liqengine.cluster;

import io.aeron.Image;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Snapshot chunks read from the image Aeron Cluster gives {@code onStart}: one fragment per chunk (each was written
 * as one frame), polled one at a time so nothing after the service's chunks is consumed, until the image ends.
 */
final class ImageChunkSource implements SnapshotChunkSource, FragmentHandler
{
    private final Image image;
    private final IdleStrategy idle;
    private ChunkHandler handler;

    ImageChunkSource(final Image image, final IdleStrategy idle)
    {
        this.image = image;
        this.idle = idle;
    }

    @Override
    public boolean next(final ChunkHandler handler)
    {
        this.handler = handler;
        idle.reset();
        while (true)
        {
            if (image.poll(this, 1) > 0)
            {
                return true;
            }
            if (image.isEndOfStream() || image.isClosed())
            {
                return false;
            }
            idle.idle();
        }
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        handler.onChunk(buffer, offset, length);
    }
}
