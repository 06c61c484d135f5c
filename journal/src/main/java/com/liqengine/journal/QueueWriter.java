package com.liqengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Appends raw messages to a Chronicle queue, one document each (or documents its owner fills in parts, {@link
 * #writingDocument()}), and forces them to disk at the end of a batch as the fsync policy says. Allocation-free
 * once the appender exists: the bytes are copied straight from the Agrona buffer (its array or its address) into
 * the mapped file. Single-threaded: the appender is created on the first document, so on the writing thread, as
 * Chronicle wants.
 */
final class QueueWriter
{
    /** The last index before anything was appended. */
    static final long NO_INDEX = -1;

    private final SingleChronicleQueue queue;
    private final FsyncSchedule fsync;
    private ExcerptAppender appender;
    private long appended;
    private long lastIndex = NO_INDEX;
    private boolean closed;

    /**
     * @param context the queue's settings.
     */
    QueueWriter(final QueueContext context)
    {
        this.queue = context.openForWriting();
        this.fsync = new FsyncSchedule(context.fsyncPolicy(), context.fsyncIntervalNanos());
    }

    void append(final DirectBuffer buffer, final int offset, final int length)
    {
        try (DocumentContext document = writingDocument())
        {
            final Bytes<?> bytes = document.wire().bytes();
            final byte[] array = buffer.byteArray();
            if (array != null)
            {
                bytes.unsafeWriteObject(array, (int)(buffer.addressOffset() + offset), length);
            }
            else
            {
                bytes.unsafeWrite(buffer.addressOffset() + offset, length);
            }
        }
        documentWritten();
    }

    /**
     * Opens a document for a writer that fills it in parts (the input journal's batches); {@link #documentWritten()}
     * once it is closed. The appender is created on the first one, on the writing thread.
     */
    DocumentContext writingDocument()
    {
        if (appender == null)
        {
            appender = queue.createAppender();
            // only this thread appends (the class's contract), so Chronicle's per-call owner check is cost
            // without benefit on the hot path
            appender.singleThreadedCheckDisabled(true);
            fsync.started();
        }
        return appender.writingDocument();
    }

    /** A document was completed: counted, and due to be forced by the policy. */
    void documentWritten()
    {
        appended++;
        fsync.written();
    }

    /**
     * Lets the calling thread use the appender once the writing thread is done with it (to complete a document
     * before {@link #close()}); whether an appender exists.
     */
    boolean takeOver()
    {
        if (appender == null)
        {
            return false;
        }
        appender.singleThreadedCheckReset();
        return true;
    }

    void endOfBatch()
    {
        if (!fsync.pending())
        {
            return;
        }
        lastIndex = appender.lastIndexAppended();
        if (fsync.dueAtEndOfBatch())
        {
            sync();
        }
    }

    private void sync()
    {
        appender.sync();
        fsync.synced();
    }

    long appended()
    {
        return appended;
    }

    long lastIndex()
    {
        return lastIndex;
    }

    long syncs()
    {
        return fsync.syncs();
    }

    SingleChronicleQueue queue()
    {
        return queue;
    }

    /** Called after the writing thread is done (e.g. from the engine's close): forces what is left, closes. */
    void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            // the writing thread has finished with the appender; let this thread close it
            if (takeOver())
            {
                lastIndex = appender.lastIndexAppended();
                if (fsync.dueAtClose())
                {
                    sync();
                }
                appender.close();
            }
        }
        finally
        {
            queue.close();
        }
    }
}
