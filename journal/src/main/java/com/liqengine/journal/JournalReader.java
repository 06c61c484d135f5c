package com.liqengine.journal;

import com.liqengine.pipeline.InputSlot;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an input journal ({@link JournalFormat} 2) from its start, or from an input found by its sequence, to the
 * last document it holds when the read starts, for replay, recovery and audit: each input's sequence, source index
 * and bytes, in order. Every document is checked whole before any of its inputs is handed over (format, checksum,
 * entries, and that its first sequence follows the previous document's last); a journal that cannot be read to its
 * end fails with a {@link JournalCorruptedException} naming the journal, the place and the field, never silently
 * stops short. A journal of another format is refused naming both versions. The inputs themselves are opaque bytes:
 * a malformed message is a legitimate entry (the engine journals inputs as received and rejects the malformed ones).
 */
public final class JournalReader implements AutoCloseable
{
    /** No index: an empty journal, or nothing read yet. */
    public static final long NO_INDEX = -1;

    private final Path path;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final JournalDocument document;
    private final UnsafeBuffer mapped = new UnsafeBuffer(0, 0);
    private final DocumentPositions.Counter counter;
    private long lastIndexRead = NO_INDEX;
    private long lastSequenceRead;

    private JournalReader(final Path path)
    {
        this.path = path;
        this.queue = SingleChronicleQueueBuilder.binary(path).readOnly(true).build();
        this.counter = new DocumentPositions.Counter(queue);
        this.tailer = queue.createTailer();
        this.tailer.singleThreadedCheckDisabled(true);
        this.document = new JournalDocument();
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
     * Reads every input from the first to the last one there now.
     *
     * @param handler receives each input, in order.
     * @return inputs read.
     * @throws JournalCorruptedException when the journal cannot be read to its last document.
     */
    public long readAll(final JournaledInputHandler handler)
    {
        lastIndexRead = NO_INDEX;
        lastSequenceRead = JournalFormat.FIRST_SEQUENCE - 1;
        try
        {
            tailer.toStart();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupted("cannot find the journal's first document (damaged or truncated files): " + ex, ex);
        }
        return readToEnd(handler, JournalFormat.FIRST_SEQUENCE);
    }

    /**
     * Reads the input with a given sequence (e.g. a snapshot's request) and every one after it to the last one there
     * now. The document holding it is found by a binary search over the documents' first sequences, through the
     * queue's index, without reading the journal before it.
     *
     * @param sequence the first input to hand over (from 1).
     * @param handler receives each input, in order.
     * @return inputs read; 0 when the journal holds fewer than {@code sequence} inputs.
     * @throws JournalCorruptedException when the journal cannot be read to its last document.
     */
    public long readFrom(final long sequence, final JournaledInputHandler handler)
    {
        if (sequence < JournalFormat.FIRST_SEQUENCE)
        {
            throw new IllegalArgumentException("inputs are numbered from 1, not " + sequence);
        }
        final long index = indexOfInput(sequence);
        lastIndexRead = NO_INDEX;
        if (index == NO_INDEX)
        {
            return 0;
        }
        if (!moveTo(index))
        {
            throw corrupted("cannot move to index " + describe(index) + ", found by the search for input "
                + sequence, null);
        }
        lastSequenceRead = NO_INDEX;
        return readToEnd(handler, sequence);
    }

    /**
     * Chronicle index of the document holding an input, found by a binary search over the documents' first
     * sequences (each probe one document through the queue's index).
     *
     * @param sequence the input's sequence (from 1).
     * @return the index, or {@link #NO_INDEX} when the journal holds fewer inputs.
     * @throws JournalCorruptedException when a document probed is damaged or of another format.
     */
    public long indexOfInput(final long sequence)
    {
        final DocumentPositions positions = positions();
        long low = 1;
        long high = positions.count();
        long found = 0;
        while (low <= high)
        {
            final long middle = (low + high) >>> 1;
            if (!readDocumentAt(positions.index(middle), middle == positions.count()))
            {
                high = middle - 1;
                continue;
            }
            if (document.firstSequence() <= sequence)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (found == 0 || !readDocumentAt(positions.index(found), found == positions.count())
            || document.lastSequence() < sequence)
        {
            return NO_INDEX;
        }
        return positions.index(found);
    }

    /**
     * Inputs in the journal now, from its last complete document (no other document is read).
     *
     * @return the count.
     * @throws JournalCorruptedException when the last document is damaged or of another format.
     */
    public long inputCount()
    {
        final DocumentPositions positions = positions();
        for (long n = positions.count(); n >= 1; n--)
        {
            if (readDocumentAt(positions.index(n), n == positions.count()))
            {
                return document.lastSequence();
            }
        }
        return 0;
    }

    /**
     * The input queue's index of the last input the journal holds that was read from an input queue: where a
     * restarted ingress resumes. Reads documents from the last backwards until one holds such an input.
     *
     * @return the index, or {@link InputSlot#NO_SOURCE} when no input came from an input queue.
     * @throws JournalCorruptedException when a document read is damaged or of another format.
     */
    public long lastSourceIndex()
    {
        final DocumentPositions positions = positions();
        for (long n = positions.count(); n >= 1; n--)
        {
            if (readDocumentAt(positions.index(n), n == positions.count()))
            {
                final long source = document.lastSourceIndex();
                if (source != InputSlot.NO_SOURCE)
                {
                    return source;
                }
            }
        }
        return InputSlot.NO_SOURCE;
    }

    /**
     * Documents in the journal now, from its per-cycle counts (no document is read).
     *
     * @return the count.
     * @throws JournalCorruptedException when the journal's files cannot be read.
     */
    public long documentCount()
    {
        return positions().count();
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

    /**
     * Sequence of the last input handed over by the last read.
     *
     * @return the sequence, or 0 when none.
     */
    public long lastSequenceRead()
    {
        return Math.max(0, lastSequenceRead);
    }

    /**
     * Reads the document at an index into {@link #document}.
     *
     * @param last whether it is the journal's last document, the only one that may be absent.
     * @return false when there is no complete document there: the last one, unfinished by a writer that died.
     * @throws JournalCorruptedException when another document is absent, or the document is damaged.
     */
    private boolean readDocumentAt(final long index, final boolean last)
    {
        // a fault on a mapped file cut short is delivered as an InternalError at the next safepoint poll, which may
        // come after moveTo has returned: the whole read is inside the handler
        try
        {
            if (!moveTo(index))
            {
                return absent(index, last);
            }
            try (DocumentContext context = next(index))
            {
                if (!context.isPresent())
                {
                    return absent(index, last);
                }
                load(context, index);
                check(NO_INDEX, "the document at ", index);
                return true;
            }
        }
        catch (final InternalError ex)
        {
            throw corrupted("could not read past the document at " + describe(index) + ": " + ex, ex);
        }
    }

    private boolean moveTo(final long index)
    {
        try
        {
            return tailer.moveToIndex(index);
        }
        catch (final RuntimeException | InternalError ex)
        {
            // InternalError: a fault reading the mapped index (a file cut short)
            throw corrupted("cannot move to " + describe(index) + " through the queue's index (damaged or truncated "
                + "files): " + ex, ex);
        }
    }

    private boolean absent(final long index, final boolean last)
    {
        if (last)
        {
            return false;
        }
        throw corrupted("there is no complete document at " + describe(index) + ", before the journal's last: a "
            + "document in the middle is incomplete or damaged", null);
    }

    private long readToEnd(final JournaledInputHandler handler, final long fromSequence)
    {
        final long end = lastIndex();
        long read = 0;
        while (lastIndexRead < end)
        {
            try (DocumentContext context = next(lastIndexRead))
            {
                if (!context.isPresent())
                {
                    throw corrupted("reading stopped after " + describe(lastIndexRead) + " but the journal's last"
                        + " index is " + describe(end) + ": the next document is incomplete (its writer died while"
                        + " writing it) or damaged", null);
                }
                final long index = context.index();
                load(context, lastIndexRead);
                check(lastSequenceRead == NO_INDEX ? NO_INDEX : lastSequenceRead + 1, "the document after ",
                    lastIndexRead);
                lastIndexRead = index;
                read += document.handTo(handler, fromSequence);
                lastSequenceRead = document.lastSequence();
            }
            catch (final InternalError ex)
            {
                // a fault in the mapped file when the document is closed (moving past it): a truncated file
                throw corrupted("could not read past the document after " + describe(lastIndexRead) + ": " + ex, ex);
            }
        }
        return read;
    }

    /** The message is built only for a problem: on the replay's path a document costs no allocation. */
    private void check(final long expectedFirstSequence, final String where, final long index)
    {
        final String problem = document.problem(expectedFirstSequence);
        if (problem != null)
        {
            throw corrupted(where + describe(index) + " " + problem, null);
        }
    }

    private DocumentContext next(final long after)
    {
        try
        {
            return tailer.readingDocument();
        }
        catch (final RuntimeException | InternalError ex)
        {
            // InternalError: the JVM's report of a fault reading the mapped file (e.g. beyond its end)
            throw corrupted("could not read the document after " + describe(after) + ": " + ex, ex);
        }
    }

    private void load(final DocumentContext context, final long after)
    {
        try
        {
            final Bytes<?> bytes = context.wire().bytes();
            final long length = bytes.readRemaining();
            if (length > JournalFormat.MAX_DOCUMENT_LENGTH)
            {
                throw corrupted("the document after " + describe(after) + " claims " + length + " bytes, more than "
                    + "any batch of inputs (" + JournalFormat.MAX_DOCUMENT_LENGTH + "): its header is damaged", null);
            }
            if (bytes.isDirectMemory())
            {
                // straight from the mapping (a document lies whole in one; QueueReader relies on it too)
                mapped.wrap(bytes.addressForRead(bytes.readPosition()), (int)length);
                mapped.getBytes(0, document.bytes(), 0, (int)length);
            }
            else
            {
                bytes.read(document.bytes(), 0, (int)length);
            }
            document.loaded((int)length);
        }
        catch (final RuntimeException | InternalError ex)
        {
            if (ex instanceof JournalCorruptedException)
            {
                throw ex;
            }
            throw corrupted("could not read the document after " + describe(after) + ": " + ex, ex);
        }
    }

    private DocumentPositions positions()
    {
        try
        {
            return counter.positions();
        }
        catch (final RuntimeException | InternalError ex)
        {
            // InternalError: a fault reading the mapped file, e.g. a file cut short
            throw corrupted("cannot count the journal's documents per cycle (damaged or truncated files): " + ex, ex);
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
        counter.close();
        tailer.close();
        queue.close();
    }
}
