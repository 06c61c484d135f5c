package com.liqengine.journal;

import org.agrona.DirectBuffer;

import java.util.zip.CRC32C;

/**
 * The CRC32C that closes every journaled input (docs/journal.md): four bytes, little endian, after the input's
 * bytes, so a flipped bit inside a document is found when the journal is read, not only when a replay's
 * outputs differ. Allocation-free; one instance per thread.
 */
final class DocumentChecksum
{
    /** Bytes the checksum adds to a document. */
    static final int LENGTH = Integer.BYTES;

    private final CRC32C crc = new CRC32C();
    private byte[] scratch = new byte[1024];

    /**
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the bytes.
     * @return their CRC32C.
     */
    int of(final DirectBuffer buffer, final int offset, final int length)
    {
        crc.reset();
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            crc.update(array, buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            if (scratch.length < length)
            {
                scratch = new byte[length];
            }
            buffer.getBytes(offset, scratch, 0, length);
            crc.update(scratch, 0, length);
        }
        return (int)crc.getValue();
    }
}
