package com.liqengine.cluster;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * What the cluster sends back to an input source's session (only the leader's messages reach it): a fixed 24-byte
 * message. The engine's outputs do not travel here; every node writes them to its own Chronicle output queue.
 *
 * <pre>
 * offset 0  short  kind             APPLIED (this envelope was applied), DUPLICATE (already applied before: ignored),
 *                                   REFUSED (a malformed envelope: nothing applied), NEXT (answer to RESUME),
 *                                   STATUS (answer to STATUS: the status files are written)
 * offset 2  short  version          {@link IngressEnvelope#VERSION}
 * offset 4  int    sourceId
 * offset 8  long   sourceSequence   APPLIED/DUPLICATE/REFUSED/STATUS: the envelope's; NEXT: the last applied
 *                                   (0: none)
 * offset 16 long   engineSequence   the engine sequence after this envelope (the input's, when APPLIED)
 * </pre>
 */
public final class ClusterEgress
{
    public static final int LENGTH = 24;
    public static final short APPLIED = 1;
    public static final short DUPLICATE = 2;
    public static final short REFUSED = 3;
    public static final short NEXT = 4;
    public static final short STATUS = 5;

    private ClusterEgress()
    {
    }

    public static void write(
        final MutableDirectBuffer buffer, final int offset, final short kind, final int sourceId,
        final long sourceSequence, final long engineSequence)
    {
        buffer.putShort(offset, kind, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + 2, IngressEnvelope.VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + 4, sourceId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 8, sourceSequence, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 16, engineSequence, ByteOrder.LITTLE_ENDIAN);
    }

    public static short kind(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN);
    }

    public static int sourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
    }

    public static long sourceSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
    }

    public static long engineSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
    }
}
