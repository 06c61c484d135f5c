package com.liqengine.journal;

import com.liqengine.pipeline.InputSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Reads an input journal from its start (or after an index, e.g. a snapshot's) to the last document it holds
 * when the read starts, for replay, recovery and audit: each document's index and bytes, in order. A journal
 * that cannot be read to that end (an incomplete document, damaged files) fails with a
 * {@link JournalCorruptedException} naming the last index read well, never silently stops short.
 * The documents themselves are opaque bytes: a malformed message is a legitimate journal entry (the engine
 * journals inputs as received and rejects the malformed ones), so it is handed over, not judged here.
 */
public final class JournalReader implements AutoCloseable
{
    /** No index: an empty journal, or nothing read yet. */
    public static final long NO_INDEX = -1;
    /** No journaled input is longer: the engine's ring slots hold at most this many bytes. */
    public static final int MAX_DOCUMENT_LENGTH = InputSlot.CAPACITY;

    private final Path path;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private ExcerptTailer counter;
    private final byte[] copy = new byte[MAX_DOCUMENT_LENGTH + DocumentChecksum.LENGTH];
    private final UnsafeBuffer view = new UnsafeBuffer(copy);
    private final DocumentChecksum checksum = new DocumentChecksum();
    private long lastIndexRead = NO_INDEX;

    private JournalReader(final Path path)
    {
        this.path = path;
        this.queue = SingleChronicleQueueBuilder.binary(path).readOnly(true).build();
        this.tailer = queue.createTailer();
        this.tailer.singleThreadedCheckDisabled(true);
    }

    /**
     * Opens a journal for reading (read-only: the reader never changes it).
     *
     * @param path the journal's directory.
     * @return the reader.
     * @throws IllegalStateException when there is no journal there.
     */
    public static JournalReader open(final Path path)
    {
        if (!Files.isDirectory(path))
        {
            throw new IllegalStateException("no journal at " + path);
        }
        return new JournalReader(path);
    }

    /**
     * Index of the journal's last document now.
     *
     * @return the index, or {@link #NO_INDEX} when the journal is empty.
     * @throws JournalCorruptedException when the journal's files cannot be read (e.g. one was cut short).
     */
    public long lastIndex()
    {
        final long last;
        try
        {
            last = queue.lastIndex();
        }
        catch (final RuntimeException | InternalError ex)
        {
            // InternalError: a fault reading the mapped file, e.g. a file cut short
            throw corrupted("cannot find the journal's last document (damaged or truncated files): " + ex, ex);
        }
        return last < 0 ? NO_INDEX : last;
    }

    /**
     * Reads every document from the first to the last one there now.
     *
     * @param handler receives each document, in order.
     * @return documents read.
     * @throws JournalCorruptedException when the journal cannot be read to its last document.
     */
    public long readAll(final DocumentHandler handler)
    {
        lastIndexRead = NO_INDEX;
        try
        {
            tailer.toStart();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupted("cannot find the journal's first document (damaged or truncated files): " + ex, ex);
        }
        return readToEnd(handler);
    }

    /**
     * Reads every document after a given one (e.g. the last input a snapshot covers) to the last one there now.
     *
     * @param index the document to start after.
     * @param handler receives each document, in order.
     * @return documents read.
     * @throws IllegalArgumentException when the journal holds no document at that index.
     * @throws JournalCorruptedException when the journal cannot be read to its last document.
     */
    public long readAfter(final long index, final DocumentHandler handler)
    {
        if (!tailer.moveToIndex(index))
        {
            throw new IllegalArgumentException("no document at index " + index + " in the journal at " + path);
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                throw new IllegalArgumentException("no document at index " + index + " in the journal at " + path);
            }
        }
        lastIndexRead = index;
        return readToEnd(handler);
    }

    /**
     * Index of the n-th document (the first is 1), found from the journal's per-cycle counts and index, without
     * reading the documents before it: what a recovery from a snapshot at sequence n needs.
     *
     * @param n the document's position in the journal, from 1.
     * @return its index, or {@link #NO_INDEX} when the journal holds fewer than n documents.
     * @throws JournalCorruptedException when the journal's files cannot be read.
     */
    public long indexOfDocument(final long n)
    {
        if (n < 1)
        {
            throw new IllegalArgumentException("documents are numbered from 1, not " + n);
        }
        long before = 0;
        for (final long cycle : cycles())
        {
            final long inCycle = excerptsInCycle((int)cycle);
            if (n <= before + inCycle)
            {
                // sequence numbers within a cycle run from 0 without gaps
                return queue.rollCycle().toIndex((int)cycle, n - before - 1);
            }
            before += inCycle;
        }
        return NO_INDEX;
    }

    /**
     * Documents in the journal now, from its per-cycle counts (no document is read).
     *
     * @return the count.
     * @throws JournalCorruptedException when the journal's files cannot be read.
     */
    public long documentCount()
    {
        long count = 0;
        for (final long cycle : cycles())
        {
            count += excerptsInCycle((int)cycle);
        }
        return count;
    }

    /**
     * Reads the document at an index (e.g. from {@link #indexOfDocument}) and every one after it to the last one
     * there now.
     *
     * @param index the first document to hand over.
     * @param handler receives each document, in order.
     * @return documents read.
     * @throws IllegalArgumentException when the journal holds no document at that index.
     * @throws JournalCorruptedException when the journal cannot be read to its last document.
     */
    public long readFrom(final long index, final DocumentHandler handler)
    {
        if (!tailer.moveToIndex(index))
        {
            throw new IllegalArgumentException("no document at index " + index + " in the journal at " + path);
        }
        lastIndexRead = NO_INDEX;
        return readToEnd(handler);
    }

    private NavigableSet<Long> cycles()
    {
        try
        {
            final int first = queue.firstCycle();
            final int last = queue.lastCycle();
            // an empty journal has no cycles: its first is above its last
            return first > last ? new TreeSet<>() : queue.listCyclesBetween(first, last);
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupted("cannot list the journal's cycles (damaged files): " + ex, ex);
        }
    }

    private long excerptsInCycle(final int cycle)
    {
        if (counter == null)
        {
            counter = queue.createTailer();
            counter.singleThreadedCheckDisabled(true);
        }
        try
        {
            return Math.max(0, counter.excerptsInCycle(cycle));
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupted("cannot count the documents of cycle " + cycle + " (damaged or truncated files): " + ex,
                ex);
        }
    }

    /**
     * Index of the last document handed over by the last read.
     *
     * @return the index, or {@link #NO_INDEX}.
     */
    public long lastIndexRead()
    {
        return lastIndexRead;
    }

    private long readToEnd(final DocumentHandler handler)
    {
        final long end = lastIndex();
        long read = 0;
        while (lastIndexRead < end)
        {
            try (DocumentContext document = next())
            {
                if (!document.isPresent())
                {
                    throw corrupted("reading stopped after " + describe(lastIndexRead) + " but the journal's last" +
                        " index is " + describe(end) + ": the next document is incomplete (its writer died while" +
                        " writing it) or damaged", null);
                }
                final long index = document.index();
                final int length = wrap(document);
                lastIndexRead = index;
                handler.onDocument(index, view, 0, length);
                read++;
            }
            catch (final InternalError ex)
            {
                // a fault in the mapped file when the document is closed (moving past it): a truncated file
                throw corrupted("could not read past the document after " + describe(lastIndexRead) + ": " + ex, ex);
            }
        }
        return read;
    }

    private DocumentContext next()
    {
        try
        {
            return tailer.readingDocument();
        }
        catch (final RuntimeException | InternalError ex)
        {
            // InternalError: the JVM's report of a fault reading the mapped file (e.g. beyond its end)
            throw corrupted("could not read the document after " + describe(lastIndexRead) + ": " + ex, ex);
        }
    }

    private int wrap(final DocumentContext document)
    {
        try
        {
            final Bytes<?> bytes = document.wire().bytes();
            final long length = bytes.readRemaining();
            if (length > view.capacity())
            {
                throw corrupted("the document after " + describe(lastIndexRead) + " claims " + length +
                    " bytes, more than any input (" + MAX_DOCUMENT_LENGTH + "): its header is damaged", null);
            }
            if (length < DocumentChecksum.LENGTH)
            {
                throw corrupted("the document after " + describe(lastIndexRead) + " has " + length + " bytes, too "
                    + "few for its checksum: damaged, or not a journal written by the engine", null);
            }
            // a copy (an input is small), so the checksum is taken over plain array bytes
            bytes.read(copy, 0, (int)length);
            final int inputLength = (int)length - DocumentChecksum.LENGTH;
            final int recorded = view.getInt(inputLength, ByteOrder.LITTLE_ENDIAN);
            final int computed = checksum.of(view, 0, inputLength);
            if (recorded != computed)
            {
                throw corrupted(String.format("the document after %s fails its checksum: it records CRC32C %08x, its "
                    + "bytes give %08x (damaged bytes, or not a journal written by the engine, e.g. an input queue)",
                    describe(lastIndexRead), recorded, computed), null);
            }
            return inputLength;
        }
        catch (final RuntimeException | InternalError ex)
        {
            if (ex instanceof JournalCorruptedException)
            {
                throw ex;
            }
            throw corrupted("could not read the document after " + describe(lastIndexRead) + ": " + ex, ex);
        }
    }

    private JournalCorruptedException corrupted(final String reason, final Throwable cause)
    {
        return new JournalCorruptedException("journal at " + path + ": " + reason, lastIndexRead, cause);
    }

    private String describe(final long index)
    {
        if (index == NO_INDEX)
        {
            return "the start";
        }
        final int cycle = queue.rollCycle().toCycle(index);
        return "index " + index + " (cycle " + cycle + ", sequence " + queue.rollCycle().toSequenceNumber(index) + ")";
    }

    @Override
    public void close()
    {
        if (counter != null)
        {
            counter.close();
        }
        tailer.close();
        queue.close();
    }
}
