package com.liqengine.journal;

import com.liqengine.pipeline.OutputChannel;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * The engine's output queue in Chronicle: each SBE output message as one document, which readers in other
 * processes tail with {@link OutputQueueReader}; forced to disk at the end of each batch as the
 * {@link FsyncPolicy} says. Allocation-free in steady state. Written from the state machine's thread only;
 * {@link #close()} may come from another thread once that one is done.
 */
public final class ChronicleOutputChannel extends ChronicleQueueWriter implements OutputChannel
{
    private ChronicleOutputChannel(final QueueContext context)
    {
        super(context);
    }

    /**
     * Opens (or creates) the output queue; an existing queue is appended to.
     *
     * @param context where and how (concluded here).
     * @return the channel.
     */
    public static ChronicleOutputChannel open(final QueueContext context)
    {
        return new ChronicleOutputChannel(context.conclude());
    }

    /**
     * Opens (or creates) the output queue in a directory with the default settings.
     *
     * @param path the directory.
     * @return the channel.
     */
    public static ChronicleOutputChannel open(final Path path)
    {
        return open(new QueueContext().path(path));
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        write(buffer, offset, length);
    }

    /**
     * Outputs written since the channel was opened.
     *
     * @return outputs.
     */
    public long written()
    {
        return count();
    }
}
