package com.liqengine.journal;

import com.liqengine.pipeline.InputJournal;
import com.liqengine.pipeline.InputSlot;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine's input journal in a Chronicle queue, in {@link JournalFormat} 2: the inputs appended between two ends
 * of batch go into one document (a new one once a document passes {@link JournalFormat#DOCUMENT_TARGET_LENGTH}),
 * each input's bytes exactly as published with the input queue's index it came from, the document closed by an
 * entry count and a CRC32C of all its bytes (written by {@link BatchDocumentWriter}, shared with the output
 * queue). A document is complete, so visible to readers and recoverable, only once {@link #endOfBatch()} closes it:
 * the pipeline applies a batch only after that, so no input is applied before it is journaled. Forced to disk at the
 * end of each batch as the {@link FsyncPolicy} says. Allocation-free in steady state: the bytes are copied straight
 * from the Agrona buffer into the mapped file and the checksum is taken from the same source arrays on the way. One
 * writing thread (where the appender is created, on the first append); {@link #close()} may come from another
 * thread once that one is done.
 *
 * <pre>
 * InputJournal journal = ChronicleInputJournal.open(
 *     new QueueContext().path(dir).rollCycle("FAST_HOURLY").fsyncPolicy(FsyncPolicy.PER_BATCH));
 * </pre>
 */
public final class ChronicleInputJournal extends ChronicleQueueWriter implements InputJournal
{
    private final BatchDocumentWriter documents;

    private ChronicleInputJournal(final QueueContext context, final long inputsBefore)
    {
        super(context);
        this.documents = new BatchDocumentWriter(writer(), JournalFormat.LAYOUT, inputsBefore);
    }

    /**
     * Opens (or creates) the journal; an existing journal is appended to, its inputs numbered on from its last.
     *
     * @param context where and how (concluded here).
     * @return the journal.
     * @throws JournalCorruptedException when an existing journal's last document cannot be read, or is of another
     *     format (the message names both versions).
     */
    public static ChronicleInputJournal open(final QueueContext context)
    {
        context.conclude();
        return new ChronicleInputJournal(context, inputsIn(context.path()));
    }

    /**
     * Opens (or creates) the journal in a directory with the default settings.
     *
     * @param path the directory.
     * @return the journal.
     */
    public static ChronicleInputJournal open(final Path path)
    {
        return open(new QueueContext().path(path));
    }

    private static long inputsIn(final Path path)
    {
        if (!Files.isDirectory(path))
        {
            return 0;
        }
        try (JournalReader reader = JournalReader.open(path))
        {
            return reader.inputCount();
        }
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        append(buffer, offset, length, InputSlot.NO_SOURCE);
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length, final long sourceIndex)
    {
        final UnsafeBuffer entryHeader = documents.entryHeader();
        entryHeader.putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        entryHeader.putLong(JournalFormat.ENTRY_SOURCE_OFFSET, sourceIndex, ByteOrder.LITTLE_ENDIAN);
        // a failure discards the batch's document: none of it will be applied, nor counted
        documents.writeEntry(buffer, offset, length);
    }

    @Override
    public void endOfBatch()
    {
        documents.endOfBatch();
        super.endOfBatch();
    }

    @Override
    public long appended()
    {
        return documents.entriesWritten();
    }

    /**
     * Documents (batches, or parts of a long batch) completed since the journal was opened.
     *
     * @return documents.
     */
    public long documents()
    {
        return count();
    }

    /**
     * Completes a document left open (appends without an end of batch), forces what is not yet on disk (unless the
     * policy is {@link FsyncPolicy#NONE}) and closes the queue. Called once the writing thread is done.
     */
    @Override
    public void close()
    {
        try
        {
            documents.completeLeftOpen();
        }
        finally
        {
            super.close();
        }
    }
}
