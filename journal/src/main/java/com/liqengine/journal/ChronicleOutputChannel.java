package com.liqengine.journal;

import com.liqengine.pipeline.OutputChannel;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The engine's output queue in Chronicle, in {@link OutputQueueFormat} 2: the outputs emitted between two ends of
 * batch (the outputs of one ring batch of inputs) go into one document, a new one once a document passes
 * {@link BatchLayout#DOCUMENT_TARGET_LENGTH}, each output numbered on from the queue's last, the document closed by
 * an entry count and a CRC32C ({@link BatchDocumentWriter}, shared with the input journal). Readers in other
 * processes tail it with {@link OutputQueueReader}; a document is visible to them, and survives a crash, once
 * {@link #endOfBatch()} completes it (then forced to disk as the {@link FsyncPolicy} says). Allocation-free in
 * steady state. Written from the state machine's thread only; {@link #close()} may come from another thread once
 * that one is done.
 */
public final class ChronicleOutputChannel extends ChronicleQueueWriter implements OutputChannel
{
    private final BatchDocumentWriter documents;

    private ChronicleOutputChannel(final QueueContext context, final long outputsBefore)
    {
        super(context);
        this.documents = new BatchDocumentWriter(writer(), OutputQueueFormat.LAYOUT, outputsBefore);
    }

    /**
     * Opens (or creates) the output queue; an existing queue is appended to, its outputs numbered on from its last.
     *
     * @param context where and how (concluded here).
     * @return the channel.
     * @throws JournalCorruptedException when an existing queue's last documents cannot be read, or are of another
     *     format (the message names both versions).
     */
    public static ChronicleOutputChannel open(final QueueContext context)
    {
        context.conclude();
        return new ChronicleOutputChannel(context, OutputQueueEnd.lastOutputNumber(context.path()));
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

    /**
     * Adds an output to the batch's document (opened by the first output of a batch).
     *
     * @throws IllegalArgumentException when the output is longer than {@link OutputQueueFormat#MAX_OUTPUT_LENGTH}
     *     (the batch's document is then discarded).
     */
    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        documents.entryHeader().putInt(0, length, ByteOrder.LITTLE_ENDIAN);
        // a failure discards the batch's document: its outputs are not in the queue (a restart writes them again)
        documents.writeEntry(buffer, offset, length);
    }

    /** Completes the batch's document, then forces to disk as the policy says. */
    @Override
    public void endOfBatch()
    {
        documents.endOfBatch();
        super.endOfBatch();
    }

    /**
     * Outputs written since the channel was opened (those of a discarded document not counted).
     *
     * @return outputs.
     */
    public long written()
    {
        return documents.entriesWritten();
    }

    /**
     * Documents (batches of outputs, or parts of a long one) completed since the channel was opened.
     *
     * @return documents.
     */
    public long documents()
    {
        return count();
    }

    /**
     * Completes a document left open (outputs without an end of batch), forces what is not yet on disk (unless the
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
