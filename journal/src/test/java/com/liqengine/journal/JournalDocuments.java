package com.liqengine.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Journal documents built by hand, byte by byte as docs/journal.md describes them, for tests that write a journal
 * without the engine's writer (across roll cycles, out of order, or in format 1). Public for the runtime's tests.
 */
public final class JournalDocuments
{
    private JournalDocuments()
    {
    }

    /**
     * A format 2 document.
     *
     * @param firstSequence its first input's sequence.
     * @param sources each input's source index.
     * @param inputs each input's bytes.
     * @return the document's bytes.
     */
    public static byte[] formatTwo(final long firstSequence, final long[] sources, final byte[]... inputs)
    {
        int length = JournalFormat.HEADER_LENGTH + JournalFormat.TRAILER_LENGTH;
        for (final byte[] input : inputs)
        {
            length += JournalFormat.ENTRY_HEADER_LENGTH + input.length;
        }
        final ByteBuffer document = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        document.put((byte)'L').put((byte)'Q').put((byte)'J').put((byte)JournalFormat.VERSION).putLong(firstSequence);
        for (int i = 0; i < inputs.length; i++)
        {
            document.putInt(inputs[i].length).putLong(sources[i]).put(inputs[i]);
        }
        document.putInt(inputs.length);
        final CRC32C crc = new CRC32C();
        crc.update(document.array(), 0, document.position());
        document.putInt((int)crc.getValue());
        return document.array();
    }

    /**
     * A format 1 document: one input, then its CRC32C.
     *
     * @param input the input's bytes.
     * @return the document's bytes.
     */
    public static byte[] formatOne(final byte[] input)
    {
        final ByteBuffer document = ByteBuffer.allocate(input.length + 4).order(ByteOrder.LITTLE_ENDIAN).put(input);
        final CRC32C crc = new CRC32C();
        crc.update(input, 0, input.length);
        return document.putInt((int)crc.getValue()).array();
    }

    /**
     * @param value a long.
     * @return its 8 bytes, little endian.
     */
    public static byte[] longBytes(final long value)
    {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }
}
