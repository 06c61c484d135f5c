package com.liqengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tails a Chronicle queue of raw SBE messages, one document each (an input queue; the output queue holds batches,
 * read by {@link OutputQueueReader}), handing each document's bytes in place to a
 * {@link DocumentHandler}: non-blocking ({@link #poll} returns at once with what is there, for an agent's duty
 * cycle and idle strategy), allocation-free, resumable from a saved index. One thread at a time.
 */
public abstract class QueueReader implements AutoCloseable
{
    /** {@link #lastReadIndex()} before the first document. */
    public static final long NO_INDEX = -1;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private UnsafeBuffer copy = new UnsafeBuffer(new byte[1024]);
    private long lastReadIndex = NO_INDEX;

    QueueReader(final Path path, final boolean readOnly)
    {
        if (readOnly && !Files.isDirectory(path))
        {
            throw new IllegalStateException("no queue at " + path + " (has its writer started?)");
        }
        this.queue = SingleChronicleQueueBuilder.binary(path).readOnly(readOnly).build();
        this.tailer = queue.createTailer();
        // the reader's contract is one thread at a time, not the thread that opened it
        this.tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * Hands each document that is there now, up to a limit, to the handler. When the handler throws, its
     * document is not consumed: the next poll delivers it again.
     *
     * @param handler receives the documents, in order.
     * @param limit most documents to read in this call.
     * @return documents read (0 when there was none: idle).
     */
    public final int poll(final DocumentHandler handler, final int limit)
    {
        int read = 0;
        while (read < limit)
        {
            try (DocumentContext document = tailer.readingDocument())
            {
                if (!document.isPresent())
                {
                    break;
                }
                final long index = document.index();
                final Bytes<?> bytes = document.wire().bytes();
                try
                {
                    deliver(handler, index, bytes);
                }
                catch (final RuntimeException | Error ex)
                {
                    document.rollbackOnClose();
                    throw ex;
                }
                lastReadIndex = index;
            }
            read++;
        }
        return read;
    }

    private void deliver(final DocumentHandler handler, final long index, final Bytes<?> bytes)
    {
        final long position = bytes.readPosition();
        final int length = (int)bytes.readRemaining();
        if (bytes.isDirectMemory())
        {
            // the document lies whole in one mapping (Chronicle keeps a document within a chunk's overlap)
            view.wrap(bytes.addressForRead(position), length);
            handler.onDocument(index, view, 0, length);
        }
        else
        {
            if (copy.capacity() < length)
            {
                copy = new UnsafeBuffer(new byte[length]);
            }
            bytes.read(copy.byteArray(), 0, length);
            handler.onDocument(index, copy, 0, length);
        }
    }

    /**
     * Index of the last document handed to a handler: the position to save and later
     * {@link #resumeAfter(long) resume after}.
     *
     * @return the index, or {@link #NO_INDEX} when nothing was read yet.
     */
    public final long lastReadIndex()
    {
        return lastReadIndex;
    }

    /**
     * Reads from the first document in the queue next (the default when opened).
     *
     * @return this.
     */
    public QueueReader toStart()
    {
        tailer.toStart();
        lastReadIndex = NO_INDEX;
        return this;
    }

    /**
     * Reads only documents appended from now on.
     *
     * @return this.
     */
    public QueueReader toEnd()
    {
        tailer.toEnd();
        lastReadIndex = NO_INDEX;
        return this;
    }

    /**
     * Reads the document after a saved position next.
     *
     * @param index a {@link #lastReadIndex()} saved earlier.
     * @return this.
     * @throws IllegalArgumentException when the queue holds no document at that index (wrong queue, or its
     *     files were deleted).
     */
    public QueueReader resumeAfter(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            throw new IllegalArgumentException(
                "no document at index " + index + " (0x" + Long.toHexString(index) + ") in " + path());
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                throw new IllegalArgumentException("no document at index " + index + " in " + path());
            }
        }
        lastReadIndex = index;
        return this;
    }

    /**
     * Index of the last document in the queue now (any writer's).
     *
     * @return the index, or {@link #NO_INDEX} when the queue is empty.
     */
    public final long queueLastIndex()
    {
        final long last = queue.lastIndex();
        return last < 0 ? NO_INDEX : last;
    }

    /**
     * The queue's directory.
     *
     * @return the directory.
     */
    public final String path()
    {
        return queue.fileAbsolutePath();
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
