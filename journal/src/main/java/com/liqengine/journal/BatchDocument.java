package com.liqengine.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One format 2 document of the journal or the output queue ({@link BatchLayout}) copied out of the queue and checked
 * whole (mark, version, checksum, entries, first number) before any entry of it is handed over. The copy is one
 * memcpy of the batch and lets the checksum run over plain array bytes. Allocation-free; one thread.
 */
abstract class BatchDocument
{
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    final BatchLayout layout;
    final byte[] bytes;
    final UnsafeBuffer view;
    private final CRC32C crc = new CRC32C();
    int length;
    int count;
    long firstNumber;

    BatchDocument(final BatchLayout layout)
    {
        this.layout = layout;
        this.bytes = new byte[layout.maxDocumentLength];
        this.view = new UnsafeBuffer(bytes);
    }

    /** Where the next document is copied to. */
    final byte[] bytes()
    {
        return bytes;
    }

    final void loaded(final int documentLength)
    {
        this.length = documentLength;
        this.count = 0;
    }

    /**
     * Checks the document just loaded.
     *
     * @param expectedFirst the number its first entry must have, or -1 when not known.
     * @return what is wrong with it (to follow the document's place in a message), or null when it is sound.
     */
    final String problem(final long expectedFirst)
    {
        count = 0;
        if (length < BatchLayout.MAGIC_LENGTH + 1 || !hasMagic())
        {
            return notThisFormat();
        }
        final int version = bytes[BatchLayout.VERSION_OFFSET] & 0xFF;
        if (version != layout.version)
        {
            return "is in " + layout.queueName + " format " + version + "; this build reads " + layout.queueName
                + " format " + layout.version + " only";
        }
        if (length < BatchLayout.HEADER_LENGTH + BatchLayout.TRAILER_LENGTH)
        {
            return "has " + length + " bytes, too few for a format " + layout.version + " header and trailer ("
                + (BatchLayout.HEADER_LENGTH + BatchLayout.TRAILER_LENGTH) + "): damaged";
        }
        final int checksumAt = length - BatchLayout.CHECKSUM_LENGTH;
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
        firstNumber = view.getLong(BatchLayout.FIRST_NUMBER_OFFSET, ORDER);
        if (expectedFirst >= 0 && firstNumber != expectedFirst)
        {
            final String plural = layout.entryName + "s";
            return "has field " + layout.firstField + " " + firstNumber + " where " + layout.entryName + " "
                + expectedFirst + " was due: " + (firstNumber > expectedFirst ? plural + " are missing"
                : plural + " are repeated") + " (not one " + layout.queueName + " written in order)";
        }
        if (firstNumber < 1)
        {
            return "has field " + layout.firstField + " " + firstNumber + ", below 1";
        }
        return null;
    }

    private String entriesProblem()
    {
        final int end = length - BatchLayout.TRAILER_LENGTH;
        final int declared = view.getInt(end, ORDER);
        int position = BatchLayout.HEADER_LENGTH;
        int entries = 0;
        while (position < end)
        {
            if (position + layout.entryHeaderLength > end)
            {
                return "has entry " + (entries + 1) + " at byte " + position + " cut short by the trailer at byte "
                    + end;
            }
            final int entryLength = view.getInt(position, ORDER);
            if (entryLength < 0 || entryLength > layout.maxEntryLength
                || position + layout.entryHeaderLength + entryLength > end)
            {
                return "has field length " + entryLength + " in entry " + (entries + 1) + " at byte " + position
                    + ": more than an " + layout.entryName + " (" + layout.maxEntryLength + ") or past the entries' "
                    + "end (byte " + end + ")";
            }
            position += layout.entryHeaderLength + entryLength;
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
        for (int i = 0; i < BatchLayout.MAGIC_LENGTH; i++)
        {
            if (bytes[i] != layout.magic[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Tells a document of the format before batches from bytes that are not this queue's. */
    abstract String notThisFormat();

    /** Entries of the document checked last. */
    final int count()
    {
        return count;
    }

    final long firstNumber()
    {
        return firstNumber;
    }

    final long lastNumber()
    {
        return firstNumber + count - 1;
    }
}
