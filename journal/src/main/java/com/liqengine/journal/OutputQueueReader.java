package com.liqengine.journal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tails the engine's output queue ({@link OutputQueueFormat} 2) from another process (risk UI, matching engine,
 * insurance desk, auditors): each SBE output message in order, allocation-free. Each document is copied and checked
 * whole (checksum, entries, and that its first output follows the previous document's last) before any of its
 * outputs is handed over; the outputs are then handed over one by one, so a poll may stop inside a document and the
 * next one goes on from there.
 *
 * <p>Every output has a position: its number in the queue (1, 2, 3, ... without gaps, across documents and roll
 * cycles). A consumer that saves {@link #lastReadOutput()} after handling outputs and later
 * {@link #resumeAfter(long) resumes after} it gets every output after that one exactly once: none lost, none
 * repeated. Outputs also carry the sequence of the input that caused them, to join them to the journal.
 *
 * <pre>
 * try (OutputQueueReader outputs = OutputQueueReader.open(dir, true).resumeAfter(saved))
 * {
 *     while (running)
 *     {
 *         idle.idle(outputs.poll((position, buffer, offset, length) -&gt; handle(buffer, offset, length), 256));
 *         saved = outputs.lastReadOutput();
 *     }
 * }
 * </pre>
 */
public final class OutputQueueReader implements AutoCloseable
{
    /** {@link #lastReadOutput()} before the first output: resuming after it reads from the queue's start. */
    public static final long NO_OUTPUT = 0;

    private final OutputDocuments documents;
    private final OutputDocument document;
    /** Byte offset of the next output's entry in the loaded document. */
    private int nextEntry;
    /** Outputs of the loaded document not handed over yet. */
    private int remaining;
    private long lastReadOutput = NO_OUTPUT;
    /** The number the next document's first output must have, or -1 when not known (after a move). */
    private long expectedFirst = -1;

    private OutputQueueReader(final Path path, final boolean readOnly)
    {
        this.documents = new OutputDocuments(path, readOnly);
        this.document = documents.document();
    }

    /**
     * Opens a reader positioned at the queue's first output.
     *
     * @param path the queue's directory.
     * @param readOnly true to map the queue read-only (it must exist); false creates it when missing.
     * @return the reader.
     * @throws IllegalStateException when {@code readOnly} and there is no queue there.
     */
    public static OutputQueueReader open(final Path path, final boolean readOnly)
    {
        if (readOnly && !Files.isDirectory(path))
        {
            throw new IllegalStateException("no queue at " + path + " (has its writer started?)");
        }
        return new OutputQueueReader(path, readOnly);
    }

    /**
     * Hands each output that is there now, up to a limit, to the handler. When the handler throws, its output is
     * not consumed: the next poll delivers it again.
     *
     * @param handler receives the outputs, in order.
     * @param limit most outputs to hand over in this call.
     * @return outputs handed over (0 when there was none: idle).
     * @throws JournalCorruptedException when the next document is damaged, of another format, or does not follow the
     *     previous one; it is not consumed (the next poll fails the same way).
     */
    public int poll(final QueuedOutputHandler handler, final int limit)
    {
        int read = 0;
        while (read < limit)
        {
            if (remaining == 0 && !loadNext())
            {
                break;
            }
            final long position = lastReadOutput + 1;
            handler.onOutput(position, document.view, OutputDocument.outputOffset(nextEntry),
                document.outputLength(nextEntry));
            nextEntry = document.nextEntry(nextEntry);
            remaining--;
            lastReadOutput = position;
            read++;
        }
        return read;
    }

    private boolean loadNext()
    {
        if (!documents.next(expectedFirst))
        {
            return false;
        }
        nextEntry = OutputDocument.firstEntry();
        remaining = document.count();
        expectedFirst = document.lastNumber() + 1;
        // the documents follow each other without a gap (checked), so this is the last output before it
        lastReadOutput = document.firstNumber() - 1;
        return true;
    }

    /**
     * Position of the last output handed to a handler: what to save and later {@link #resumeAfter(long) resume
     * after}.
     *
     * @return its number, or {@link #NO_OUTPUT} when nothing was read yet (after {@link #toStart()}).
     */
    public long lastReadOutput()
    {
        return lastReadOutput;
    }

    /**
     * Reads from the first output in the queue next (the default when opened).
     *
     * @return this.
     */
    public OutputQueueReader toStart()
    {
        documents.toStart();
        remaining = 0;
        lastReadOutput = NO_OUTPUT;
        expectedFirst = -1;
        return this;
    }

    /**
     * Reads only outputs appended from now on: positioned after the queue's last output.
     *
     * @return this.
     * @throws JournalCorruptedException when the queue's last document is damaged or of another format.
     */
    public OutputQueueReader toEnd()
    {
        final DocumentPositions positions = documents.positions();
        for (long n = positions.count(); n >= 1; n--)
        {
            if (documents.readAt(positions, n))
            {
                positionAfter(document.lastNumber());
                return this;
            }
        }
        return toStart();
    }

    /**
     * Reads the output after a saved position next; the document holding it is found by a binary search over the
     * documents' first outputs, without reading the queue before it.
     *
     * @param position a {@link #lastReadOutput()} saved earlier; {@link #NO_OUTPUT} reads from the start.
     * @return this.
     * @throws IllegalArgumentException when the queue does not hold that output (another queue, or its files were
     *     deleted).
     * @throws JournalCorruptedException when a document read by the search is damaged.
     */
    public OutputQueueReader resumeAfter(final long position)
    {
        if (position == NO_OUTPUT)
        {
            return toStart();
        }
        final DocumentPositions positions = documents.positions();
        final long found = position < OutputQueueFormat.FIRST_OUTPUT ? 0 : documents.searchFirstAtMost(positions,
            position);
        if (found == 0 || document.lastNumber() < position)
        {
            throw new IllegalArgumentException("no output " + position + " in the output queue at "
                + documents.path() + " (another queue, or its files were deleted or moved)");
        }
        positionAfter(position);
        return this;
    }

    /** The loaded document holds the output: the rest of its outputs come next. */
    private void positionAfter(final long position)
    {
        nextEntry = OutputDocument.firstEntry();
        remaining = document.count();
        for (long number = document.firstNumber(); number <= position; number++)
        {
            nextEntry = document.nextEntry(nextEntry);
            remaining--;
        }
        expectedFirst = document.lastNumber() + 1;
        lastReadOutput = position;
    }

    /**
     * The queue's directory.
     *
     * @return the directory.
     */
    public String path()
    {
        return documents.path().toAbsolutePath().toString();
    }

    @Override
    public void close()
    {
        documents.close();
    }
}
