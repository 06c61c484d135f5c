package com.liqengine.journal;

import com.liqengine.codec.MessageHeaderDecoder;

/**
 * One output queue document ({@link OutputQueueFormat} 2) copied out of the queue and checked whole by
 * {@link BatchDocument}, then walked output by output. Allocation-free; one thread.
 */
final class OutputDocument extends BatchDocument
{
    /** Where an output's input sequence lies: after the SBE message header, first field of every output. */
    static final int SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    private static final int SCHEMA_ID_OFFSET = 4;

    OutputDocument()
    {
        super(OutputQueueFormat.LAYOUT);
    }

    /** Tells a format 1 document (one SBE output, no header) from bytes that are no output queue's. */
    @Override
    String notThisFormat()
    {
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH
            && (view.getShort(SCHEMA_ID_OFFSET, ORDER) & 0xFFFF) == MessageHeaderDecoder.SCHEMA_ID)
        {
            return "is in output queue format " + OutputQueueFormat.VERSION_ONE_OUTPUT_PER_DOCUMENT + " (one output "
                + "per document, written by an earlier build); this build reads output queue format "
                + OutputQueueFormat.VERSION + " only: read it with the build that wrote it, or move it away and "
                + "let the engine start a new output queue (docs/operations.md)";
        }
        return "is not an output queue document: it starts with neither the format " + OutputQueueFormat.VERSION
            + " mark 'LQO' nor an SBE message of schema " + MessageHeaderDecoder.SCHEMA_ID + " (damaged, or not "
            + "an output queue written by the engine, e.g. a journal or an input queue)";
    }

    /** Byte offset of the first entry's header. */
    static int firstEntry()
    {
        return BatchLayout.HEADER_LENGTH;
    }

    /** Length of the output whose entry starts at a byte offset. */
    int outputLength(final int entry)
    {
        return view.getInt(entry, ORDER);
    }

    /** Byte offset of the output whose entry starts at a byte offset. */
    static int outputOffset(final int entry)
    {
        return entry + OutputQueueFormat.ENTRY_HEADER_LENGTH;
    }

    /** Byte offset of the entry after the one at a byte offset. */
    int nextEntry(final int entry)
    {
        return entry + OutputQueueFormat.ENTRY_HEADER_LENGTH + outputLength(entry);
    }

    /**
     * The input sequence an output carries.
     *
     * @return the sequence, or -1 when the output is too short to hold one.
     */
    long sequenceOf(final int entry)
    {
        return outputLength(entry) >= SEQUENCE_OFFSET + Long.BYTES ?
            view.getLong(outputOffset(entry) + SEQUENCE_OFFSET, ORDER) : -1;
    }
}
