package com.liqengine.journal;

import com.liqengine.pipeline.InputSlot;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One journal document ({@link JournalFormat} 2) copied out of the queue, checked whole (format, checksum, entries,
 * first sequence) before any input of it is handed over. The copy is one memcpy of the batch and lets the checksum
 * run over plain array bytes. Allocation-free; one thread.
 */
final class JournalDocument
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final byte[] bytes = new byte[JournalFormat.MAX_DOCUMENT_LENGTH];
    private final UnsafeBuffer view = new UnsafeBuffer(bytes);
    private final CRC32C crc = new CRC32C();
    private int length;
    private int count;
    private long firstSequence;

    /** Where the next document is copied to. */
    byte[] bytes()
    {
        return bytes;
    }

    void loaded(final int documentLength)
    {
        this.length = documentLength;
    }

    /**
     * Checks the document just loaded.
     *
     * @param expectedFirstSequence the sequence its first input must have, or -1 when not known.
     * @return what is wrong with it (to follow the document's place in a message), or null when it is sound.
     */
    String problem(final long expectedFirstSequence)
    {
        count = 0;
        if (length < JournalFormat.MAGIC_LENGTH + 1 || !hasMagic())
        {
            return formatOneOrForeign();
        }
        final int version = bytes[JournalFormat.VERSION_OFFSET] & 0xFF;
        if (version != JournalFormat.VERSION)
        {
            return "is in journal format " + version + "; this build reads journal format " + JournalFormat.VERSION
                + " only";
        }
        if (length < JournalFormat.HEADER_LENGTH + JournalFormat.TRAILER_LENGTH)
        {
            return "has " + length + " bytes, too few for a format " + JournalFormat.VERSION + " header and trailer ("
                + (JournalFormat.HEADER_LENGTH + JournalFormat.TRAILER_LENGTH) + "): damaged";
        }
        final int checksumAt = length - JournalFormat.CHECKSUM_LENGTH;
        final int recorded = view.getInt(checksumAt, ORDER);
        crc.reset();
        crc.update(bytes, 0, checksumAt);
        final int computed = (int)crc.getValue();
        if (recorded != computed)
        {
            return String.format("fails its checksum: field CRC32C at byte %d records %08x, its bytes give %08x "
                + "(damaged bytes)", checksumAt, recorded, computed);
        }
        final String entries = entriesProblem();
        if (entries != null)
        {
            return entries;
        }
        firstSequence = view.getLong(JournalFormat.FIRST_SEQUENCE_OFFSET, ORDER);
        if (expectedFirstSequence >= 0 && firstSequence != expectedFirstSequence)
        {
            return "has field first sequence " + firstSequence + " where input " + expectedFirstSequence + " was due: "
                + (firstSequence > expectedFirstSequence ? "inputs are missing" : "inputs are repeated")
                + " (not one journal written in order)";
        }
        if (firstSequence < JournalFormat.FIRST_SEQUENCE)
        {
            return "has field first sequence " + firstSequence + ", below 1";
        }
        return null;
    }

    private String entriesProblem()
    {
        final int end = length - JournalFormat.TRAILER_LENGTH;
        final int declared = view.getInt(end, ORDER);
        int position = JournalFormat.HEADER_LENGTH;
        int entries = 0;
        while (position < end)
        {
            if (position + JournalFormat.ENTRY_HEADER_LENGTH > end)
            {
                return "has entry " + (entries + 1) + " at byte " + position + " cut short by the trailer at byte "
                    + end;
            }
            final int inputLength = view.getInt(position, ORDER);
            if (inputLength < 0 || inputLength > JournalFormat.MAX_INPUT_LENGTH
                || position + JournalFormat.ENTRY_HEADER_LENGTH + inputLength > end)
            {
                return "has field length " + inputLength + " in entry " + (entries + 1) + " at byte " + position
                    + ": more than an input (" + JournalFormat.MAX_INPUT_LENGTH + ") or past the entries' end (byte "
                    + end + ")";
            }
            position += JournalFormat.ENTRY_HEADER_LENGTH + inputLength;
            entries++;
        }
        if (entries != declared || entries == 0)
        {
            return "has field entry count " + declared + " but holds " + entries + " entries";
        }
        count = entries;
        return null;
    }

    private boolean hasMagic()
    {
        for (int i = 0; i < JournalFormat.MAGIC_LENGTH; i++)
        {
            if (bytes[i] != JournalFormat.MAGIC[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Tells a format 1 document (an input and its CRC32C) from bytes that are no journal's. */
    private String formatOneOrForeign()
    {
        if (length > JournalFormat.CHECKSUM_LENGTH)
        {
            final int inputLength = length - JournalFormat.CHECKSUM_LENGTH;
            crc.reset();
            crc.update(bytes, 0, inputLength);
            if ((int)crc.getValue() == view.getInt(inputLength, ORDER))
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
        return firstSequence;
    }

    long lastSequence()
    {
        return firstSequence + count - 1;
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
            final long sequence = firstSequence + i;
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
