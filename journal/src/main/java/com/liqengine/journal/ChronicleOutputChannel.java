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
public final class ChronicleOutputChannel implements OutputChannel
{
    /** {@link #lastIndex()} before the first batch ends. */
    public static final long NO_INDEX = QueueWriter.NO_INDEX;

    private final QueueWriter writer;
    private final Path path;

    private ChronicleOutputChannel(final QueueContext context)
    {
        this.writer = new QueueWriter(context, false);
        this.path = context.path();
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
        writer.append(buffer, offset, length);
    }

    @Override
    public void endOfBatch()
    {
        writer.endOfBatch();
    }

    /**
     * Outputs written since the channel was opened.
     *
     * @return outputs.
     */
    public long written()
    {
        return writer.appended();
    }

    /**
     * The Chronicle index of the last output written, as of the last end of batch.
     *
     * @return the index, or {@link #NO_INDEX} before the first batch with outputs ended.
     */
    public long lastIndex()
    {
        return writer.lastIndex();
    }

    /**
     * Times the queue was forced to disk.
     *
     * @return forces.
     */
    public long syncs()
    {
        return writer.syncs();
    }

    /**
     * The queue's directory.
     *
     * @return the directory.
     */
    public Path path()
    {
        return path;
    }

    @Override
    public void close()
    {
        writer.close();
    }
}
