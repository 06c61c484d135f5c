package com.liqengine.cluster;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * What an input source sends to the cluster: a fixed 16-byte header naming the source and its own sequence,
 * followed (for {@link #INPUT}) by one SBE input exactly as it would enter the single-process ring. The replicated
 * state keeps the last applied sequence of every source, so an input resent after a failover is ignored, never
 * applied twice (docs/cluster.md).
 *
 * <pre>
 * offset 0  short  kind             INPUT, RESUME (no body: which sequence comes next for this source?), or
 *                                   STATUS (no body: every node writes its status file at this log position)
 * offset 2  short  version          {@link #VERSION}
 * offset 4  int    sourceId         &gt;= 1, chosen by the operator, one per input source (STATUS: any, echoed)
 * offset 8  long   sourceSequence   INPUT: &gt;= 1, strictly increasing per source (the ingress uses its input-queue
 *                                   index); RESUME, STATUS: not read, echoed in the reply
 * offset 16 ...    SBE input        (INPUT only)
 * </pre>
 * Little-endian, as SBE. A flyweight: wrap, read or write, no allocation.
 */
public final class IngressEnvelope
{
    public static final int HEADER_LENGTH = 16;
    public static final short VERSION = 1;
    public static final short INPUT = 1;
    public static final short RESUME = 2;
    /** Asks every node to compute its state hash at this log position and write its status file. */
    public static final short STATUS = 3;

    private static final int KIND_OFFSET = 0;
    private static final int VERSION_OFFSET = 2;
    private static final int SOURCE_ID_OFFSET = 4;
    private static final int SEQUENCE_OFFSET = 8;

    private IngressEnvelope()
    {
    }

    /** Writes a header; the SBE input (for {@link #INPUT}) goes at {@code offset + HEADER_LENGTH}. */
    public static void writeHeader(
        final MutableDirectBuffer buffer, final int offset, final short kind, final int sourceId,
        final long sourceSequence)
    {
        buffer.putShort(offset + KIND_OFFSET, kind, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + VERSION_OFFSET, VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + SOURCE_ID_OFFSET, sourceId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + SEQUENCE_OFFSET, sourceSequence, ByteOrder.LITTLE_ENDIAN);
    }

    public static short kind(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + KIND_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    public static short version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    public static int sourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SOURCE_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    public static long sourceSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }
}
