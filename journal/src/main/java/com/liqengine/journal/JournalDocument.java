package com.liqengine.journal;

import com.liqengine.pipeline.InputSlot;

import java.util.zip.CRC32C;

/**
 * One journal document ({@link JournalFormat} 2) copied out of the queue, checked whole by {@link BatchDocument}
 * (format, checksum, entries, first sequence) before any input of it is handed over. Allocation-free; one thread.
 */
final class JournalDocument extends BatchDocument
{
    private final CRC32C formatOneCrc = new CRC32C();

    JournalDocument()
    {
        super(JournalFormat.LAYOUT);
    }

    /** Tells a format 1 document (an input and its CRC32C) from bytes that are no journal's. */
    @Override
    String notThisFormat()
    {
        if (length > JournalFormat.CHECKSUM_LENGTH)
        {
            final int inputLength = length - JournalFormat.CHECKSUM_LENGTH;
            formatOneCrc.reset();
            formatOneCrc.update(bytes, 0, inputLength);
            if ((int)formatOneCrc.getValue() == view.getInt(inputLength, ORDER))
            {
                return "is in journal format " + JournalFormat.VERSION_ONE_INPUT_PER_DOCUMENT + " (one input per "
                    + "document, written by an earlier build); this build reads journal format "
                    + JournalFormat.VERSION + " only: replay or dump it with the build that wrote it";
            }
        }
        return "is not a journal document: it starts with neither the format " + JournalFormat.VERSION + " mark "
            + "'LQJ' nor is it a format " + JournalFormat.VERSION_ONE_INPUT_PER_DOCUMENT + " input with its checksum "
            + "(damaged, or not a journal written by the engine, e.g. an input queue)";
    }

    long firstSequence()
    {
        return firstNumber;
    }

    long lastSequence()
    {
        return lastNumber();
    }

    /**
     * Hands the inputs from a sequence on to the handler.
     *
     * @return inputs handed over.
     */
    int handTo(final JournaledInputHandler handler, final long fromSequence)
    {
        int position = JournalFormat.HEADER_LENGTH;
        int handed = 0;
        for (int i = 0; i < count; i++)
        {
            final int inputLength = view.getInt(position, ORDER);
            final long sequence = firstNumber + i;
            if (sequence >= fromSequence)
            {
                final long source = view.getLong(position + JournalFormat.ENTRY_SOURCE_OFFSET, ORDER);
                handler.onInput(sequence, source, view, position + JournalFormat.ENTRY_HEADER_LENGTH, inputLength);
                handed++;
            }
            position += JournalFormat.ENTRY_HEADER_LENGTH + inputLength;
        }
        return handed;
    }

    /**
     * @return the source index of the document's last input read from an input queue, or
     *     {@link InputSlot#NO_SOURCE}.
     */
    long lastSourceIndex()
    {
        int position = JournalFormat.HEADER_LENGTH;
        long last = InputSlot.NO_SOURCE;
        for (int i = 0; i < count; i++)
        {
            final long source = view.getLong(position + JournalFormat.ENTRY_SOURCE_OFFSET, ORDER);
            if (source != InputSlot.NO_SOURCE)
            {
                last = source;
            }
            position += JournalFormat.ENTRY_HEADER_LENGTH + view.getInt(position, ORDER);
        }
        return last;
    }
}
