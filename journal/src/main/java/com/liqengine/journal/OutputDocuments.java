package com.liqengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * The documents of an output queue ({@link OutputQueueFormat} 2), one at a time into an {@link OutputDocument}:
 * the next one along the queue (for tailing) or the n-th (for the end of the queue and the search by output
 * number), each checked whole before it is used. A document that fails its checks, or a fault reading the files,
 * is a {@link JournalCorruptedException} naming the queue, the document's place and the field; an incomplete last
 * document (its writer died while writing it) is no document yet. Allocation-free per document; one thread.
 */
final class OutputDocuments implements AutoCloseable
{
    private final Path path;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final OutputDocument document = new OutputDocument();
    private final UnsafeBuffer mapped = new UnsafeBuffer(0, 0);
    private final DocumentPositions.Counter counter;
    /** Index of the last document loaded, or -1. */
    private long lastIndex = -1;

    OutputDocuments(final Path path, final boolean readOnly)
    {
        this.path = path;
        this.queue = SingleChronicleQueueBuilder.binary(path).readOnly(readOnly).build();
        this.counter = new DocumentPositions.Counter(queue);
        this.tailer = queue.createTailer();
        // the readers' contract is one thread at a time, not the thread that opened it
        this.tailer.singleThreadedCheckDisabled(true);
    }

    /** The document loaded last. */
    OutputDocument document()
    {
        return document;
    }

    /**
     * Loads the next document along the queue and checks it.
     *
     * @param expectedFirst the number its first output must have, or -1 when not known.
     * @return false when there is no complete document after the last one (nothing consumed).
     * @throws JournalCorruptedException when the document fails its checks; it is not consumed.
     */
    boolean next(final long expectedFirst)
    {
        try (DocumentContext context = tailer.readingDocument())
        {
            if (!context.isPresent())
            {
                return false;
            }
            final long index = context.index();
            final String problem = load(context, expectedFirst);
            if (problem != null)
            {
                context.rollbackOnClose();
                throw corrupted("the document at " + describe(index) + " " + problem, null);
            }
            lastIndex = index;
            return true;
        }
        catch (final InternalError ex)
        {
            throw corrupted("could not read past " + describe(lastIndex) + ": " + ex, ex);
        }
    }

    private String load(final DocumentContext context, final long expectedFirst)
    {
        final Bytes<?> bytes = context.wire().bytes();
        final long length = bytes.readRemaining();
        if (length > OutputQueueFormat.LAYOUT.maxDocumentLength)
        {
            return "claims " + length + " bytes, more than any batch of outputs ("
                + OutputQueueFormat.LAYOUT.maxDocumentLength + "): its header is damaged";
        }
        if (bytes.isDirectMemory())
        {
            // straight from the mapping (a document lies whole in one, as the other readers rely on)
            mapped.wrap(bytes.addressForRead(bytes.readPosition()), (int)length);
            mapped.getBytes(0, document.bytes(), 0, (int)length);
        }
        else
        {
            bytes.read(document.bytes(), 0, (int)length);
        }
        document.loaded((int)length);
        return document.problem(expectedFirst);
    }

    /**
     * The queue's documents now, numbered from 1 (no document is read).
     */
    DocumentPositions positions()
    {
        try
        {
            return counter.positions();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupted("cannot count the queue's documents (damaged or truncated files): " + ex, ex);
        }
    }

    /**
     * Loads the n-th document and checks it; the tailer is then after it.
     *
     * @param last whether it is the queue's last document, the only one that may be incomplete.
     * @return false when the last document is incomplete.
     * @throws JournalCorruptedException when another document is absent, or the document fails its checks.
     */
    boolean readAt(final DocumentPositions positions, final long n)
    {
        final long index = positions.index(n);
        final boolean last = n == positions.count();
        final boolean moved;
        try
        {
            moved = tailer.moveToIndex(index);
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupted("cannot move to " + describe(index) + " through the queue's index (damaged or "
                + "truncated files): " + ex, ex);
        }
        if (!moved || !next(-1))
        {
            if (last)
            {
                return false;
            }
            throw corrupted("there is no complete document at " + describe(index) + ", before the queue's last: "
                + "a document in the middle is incomplete or damaged", null);
        }
        return true;
    }

    /**
     * The n-th document whose first output is at most a number, by a binary search over the documents' first
     * numbers (each probe one document through the queue's index), loaded.
     *
     * @return its position n, or 0 when every document starts after that number (or there is none).
     */
    long searchFirstAtMost(final DocumentPositions positions, final long number)
    {
        long low = 1;
        long high = positions.count();
        long found = 0;
        while (low <= high)
        {
            final long middle = (low + high) >>> 1;
            if (!readAt(positions, middle))
            {
                high = middle - 1;
                continue;
            }
            if (document.firstNumber() <= number)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found != 0 && readAt(positions, found) ? found : 0;
    }

    void toStart()
    {
        tailer.toStart();
        lastIndex = -1;
    }

    JournalCorruptedException corrupted(final String reason, final Throwable cause)
    {
        return new JournalCorruptedException("output queue at " + path + ": " + reason, lastIndex, cause);
    }

    private String describe(final long index)
    {
        if (index < 0)
        {
            return "the start";
        }
        return "index " + index + " (cycle " + queue.rollCycle().toCycle(index) + ", sequence "
            + queue.rollCycle().toSequenceNumber(index) + ")";
    }

    Path path()
    {
        return path;
    }

    @Override
    public void close()
    {
        counter.close();
        tailer.close();
        queue.close();
    }
}
