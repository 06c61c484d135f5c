package com.liqengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Appends raw messages to a Chronicle queue, one document each, and forces them to disk at the end of a batch
 * as the fsync policy says. Allocation-free once the appender exists: the bytes are copied straight from the
 * Agrona buffer (its array or its address) into the mapped file. Single-threaded: the appender is created on
 * the first append, so on the writing thread, as Chronicle wants.
 */
final class QueueWriter
{
    /** The last index before anything was appended. */
    static final long NO_INDEX = -1;

    private final SingleChronicleQueue queue;
    private final FsyncPolicy policy;
    private final long intervalNanos;
    private final DocumentChecksum checksum;
    private ExcerptAppender appender;
    private long appended;
    private long lastIndex = NO_INDEX;
    private long syncs;
    private long lastSyncNanos;
    private boolean unsynced;
    private boolean closed;

    /**
     * @param context the queue's settings.
     * @param checksummed whether each document ends with the {@link DocumentChecksum} of its message.
     */
    QueueWriter(final QueueContext context, final boolean checksummed)
    {
        this.checksum = checksummed ? new DocumentChecksum() : null;
        this.queue = context.openForWriting();
        this.policy = context.fsyncPolicy();
        this.intervalNanos = context.fsyncIntervalNanos();
    }

    void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (appender == null)
        {
            appender = queue.createAppender();
            // only this thread appends (the class's contract), so Chronicle's per-call owner check is cost
            // without benefit on the hot path
            appender.singleThreadedCheckDisabled(true);
            lastSyncNanos = System.nanoTime();
        }
        try (DocumentContext document = appender.writingDocument())
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
            if (checksum != null)
            {
                bytes.writeInt(toLittleEndian(checksum.of(buffer, offset, length)));
            }
        }
        appended++;
        unsynced = true;
    }

    /** Chronicle writes in the platform's order; the journal's format is little endian everywhere. */
    private static int toLittleEndian(final int value)
    {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
    }

    void endOfBatch()
    {
        if (!unsynced)
        {
            return;
        }
        lastIndex = appender.lastIndexAppended();
        if (policy == FsyncPolicy.PER_BATCH)
        {
            sync();
        }
        else if (policy == FsyncPolicy.PERIODIC)
        {
            final long now = System.nanoTime();
            if (now - lastSyncNanos >= intervalNanos)
            {
                lastSyncNanos = now;
                sync();
            }
        }
        else
        {
            unsynced = false;
        }
    }

    private void sync()
    {
        appender.sync();
        syncs++;
        unsynced = false;
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
        return syncs;
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
            if (appender != null)
            {
                // the writing thread has finished with the appender; let this thread close it
                appender.singleThreadedCheckReset();
                lastIndex = appender.lastIndexAppended();
                if (policy != FsyncPolicy.NONE && unsynced)
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
