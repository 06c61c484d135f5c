package com.liqengine.journal;

import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * What the engine's Chronicle queues have in common (the output queue, an input queue written as a gateway would,
 * the input journal): documents through a {@link QueueWriter} (one message each, or a batch each filled by a
 * {@link BatchDocumentWriter}), the end of a batch that forces to disk as the {@link FsyncPolicy} says, the last
 * index, the forces, the folder, and a close that may come from another thread once the writing thread is done.
 * Allocation-free in steady state; one writing thread.
 */
public abstract class ChronicleQueueWriter implements AutoCloseable
{
    /** {@link #lastIndex()} before the first batch ends. */
    public static final long NO_INDEX = QueueWriter.NO_INDEX;

    private final QueueWriter writer;
    private final Path path;

    /**
     * @param context where and how (concluded by the caller).
     */
    ChronicleQueueWriter(final QueueContext context)
    {
        this.writer = new QueueWriter(context);
        this.path = context.path();
    }

    /** The writer, for a subclass that fills its documents in parts (the input journal). */
    final QueueWriter writer()
    {
        return writer;
    }

    /** Appends one message as one document. */
    final void write(final DirectBuffer buffer, final int offset, final int length)
    {
        writer.append(buffer, offset, length);
    }

    /** Messages appended since the queue was opened (a counter, not an index). */
    final long count()
    {
        return writer.appended();
    }

    /**
     * Ends a batch: forces to disk as the policy says and records the last index.
     */
    public void endOfBatch()
    {
        writer.endOfBatch();
    }

    /**
     * The Chronicle index of the last message appended, as of the last end of batch (read it on the writing
     * thread, or after close).
     *
     * @return the index, or {@link #NO_INDEX} before the first batch with messages ended.
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

    /**
     * Forces what is not yet on disk (unless the policy is {@link FsyncPolicy#NONE}) and closes the queue.
     */
    @Override
    public void close()
    {
        writer.close();
    }
}
