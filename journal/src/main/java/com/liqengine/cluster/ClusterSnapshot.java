package com.liqengine.cluster;

import com.liqengine.margin.MarginStateMachine;
import com.liqengine.margin.MarginStateView;
import com.liqengine.state.StateCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The clustered service's snapshot (docs/cluster.md): the engine's state ({@link StateCodec}), the last applied
 * sequence of every source ({@link SourceSequences}) and the service's two counts, as one payload cut into chunks
 * that each fit one frame of the snapshot publication. Cold path: it allocates.
 *
 * <pre>
 * chunk 0, the header (little endian)          chunks 1..n
 *  0  int   chunk index 0                       0  int   chunk index (1, 2, ... n)
 *  4  4 B   magic 'L' 'Q' 'C' 'S'               4  ...   the next bytes of the payload
 *  8  int   format version ({@link #VERSION})
 * 12  int   engine state layout ({@link StateCodec#LAYOUT_VERSION})
 * 16  int   payload length
 * 20  int   chunk count n (after the header)
 * 24  int   offset of the engine state in the payload
 * 28  int   CRC32C of the payload
 * 32  long  state hash of the engine state
 * 40  long  engine sequence of the state
 *
 * payload: duplicatesIgnored (long), envelopesRefused (long), the sources, the engine state (to the end)
 * </pre>
 *
 * A load checks the header, that chunks 1..n arrive each once and in order, the length, the state hash (recomputed
 * over the engine state) and the checksum (over the whole payload), and that both parts restore; each failure is a
 * {@link ClusterSnapshotException} naming what is wrong.
 */
public final class ClusterSnapshot
{
    /** Format of the snapshot this build writes and reads. */
    public static final int VERSION = 1;
    /** Length of the header chunk. */
    public static final int HEADER_LENGTH = 48;
    /** Length of the index before each data chunk's bytes. */
    public static final int CHUNK_INDEX_LENGTH = 4;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final byte[] MAGIC = {'L', 'Q', 'C', 'S'};
    private static final int MAGIC_OFFSET = 4;
    private static final int VERSION_OFFSET = 8;
    private static final int LAYOUT_OFFSET = 12;
    private static final int LENGTH_OFFSET = 16;
    private static final int COUNT_OFFSET = 20;
    private static final int STATE_OFFSET_OFFSET = 24;
    private static final int CHECKSUM_OFFSET = 28;
    private static final int HASH_OFFSET = 32;
    private static final int SEQUENCE_OFFSET = 40;
    private static final int COUNTS_LENGTH = 16;

    private final DirectBuffer payload;
    private final int length;
    private final int stateOffset;
    private final long stateHash;
    private final long engineSequence;

    private ClusterSnapshot(
        final DirectBuffer payload, final int length, final int stateOffset, final long stateHash,
        final long engineSequence)
    {
        this.payload = payload;
        this.length = length;
        this.stateOffset = stateOffset;
        this.stateHash = stateHash;
        this.engineSequence = engineSequence;
    }

    /**
     * Writes a snapshot of the service's state to a sink, header first.
     *
     * @param engine the state machine.
     * @param sources the last applied sequences.
     * @param duplicatesIgnored envelopes ignored as resends so far.
     * @param envelopesRefused envelopes refused so far.
     * @param sink where the chunks go.
     * @return the state hash written.
     */
    public static long write(
        final MarginStateView engine, final SourceSequences sources, final long duplicatesIgnored,
        final long envelopesRefused, final SnapshotChunkSink sink)
    {
        final int chunkData = sink.maxChunkLength() - CHUNK_INDEX_LENGTH;
        if (sink.maxChunkLength() < HEADER_LENGTH || chunkData < 1)
        {
            throw new IllegalArgumentException("chunks of " + sink.maxChunkLength() + " bytes cannot hold the "
                + HEADER_LENGTH + "-byte snapshot header");
        }
        final int stateOffset = COUNTS_LENGTH + sources.encodedLength();
        final int length = stateOffset + StateCodec.length(engine);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[length]);
        payload.putLong(0, duplicatesIgnored, ORDER);
        payload.putLong(8, envelopesRefused, ORDER);
        sources.write(payload, COUNTS_LENGTH);
        StateCodec.write(engine, payload, stateOffset);
        final long hash = StateCodec.stateHash(payload, stateOffset, length - stateOffset);
        final int count = (length + chunkData - 1) / chunkData;

        final ExpandableArrayBuffer chunk = new ExpandableArrayBuffer(sink.maxChunkLength());
        chunk.putInt(0, 0, ORDER);
        chunk.putBytes(MAGIC_OFFSET, MAGIC);
        chunk.putInt(VERSION_OFFSET, VERSION, ORDER);
        chunk.putInt(LAYOUT_OFFSET, StateCodec.LAYOUT_VERSION, ORDER);
        chunk.putInt(LENGTH_OFFSET, length, ORDER);
        chunk.putInt(COUNT_OFFSET, count, ORDER);
        chunk.putInt(STATE_OFFSET_OFFSET, stateOffset, ORDER);
        chunk.putInt(CHECKSUM_OFFSET, checksum(payload, length), ORDER);
        chunk.putLong(HASH_OFFSET, hash, ORDER);
        chunk.putLong(SEQUENCE_OFFSET, engine.lastSequence(), ORDER);
        sink.write(chunk, 0, HEADER_LENGTH);
        for (int index = 1, from = 0; index <= count; index++, from += chunkData)
        {
            final int part = Math.min(chunkData, length - from);
            chunk.putInt(0, index, ORDER);
            chunk.putBytes(CHUNK_INDEX_LENGTH, payload, from, part);
            sink.write(chunk, 0, CHUNK_INDEX_LENGTH + part);
        }
        return hash;
    }

    /**
     * Reads a snapshot from a source and checks it whole (see the class comment); nothing is restored yet.
     *
     * @param source the chunks.
     * @return the snapshot, checked.
     * @throws ClusterSnapshotException naming what is wrong.
     */
    public static ClusterSnapshot read(final SnapshotChunkSource source)
    {
        final Assembly assembly = new Assembly();
        if (!source.next(assembly))
        {
            throw refused("the snapshot ended before its header");
        }
        final MutableDirectBuffer header = assembly.last;
        final int headerLength = assembly.lastLength;
        if (headerLength < HEADER_LENGTH || header.getInt(0, ORDER) != 0 || !hasMagic(header))
        {
            throw refused("its first chunk (" + headerLength + " bytes) is not the header of a liq cluster "
                + "snapshot (magic LQCS)");
        }
        final int version = header.getInt(VERSION_OFFSET, ORDER);
        if (version != VERSION)
        {
            throw refused("it is of format version " + version + ", this build reads version " + VERSION);
        }
        final int layout = header.getInt(LAYOUT_OFFSET, ORDER);
        if (layout != StateCodec.LAYOUT_VERSION)
        {
            throw refused("its engine state is of layout " + layout + ", this build reads layout "
                + StateCodec.LAYOUT_VERSION);
        }
        final int length = header.getInt(LENGTH_OFFSET, ORDER);
        final int count = header.getInt(COUNT_OFFSET, ORDER);
        final int stateOffset = header.getInt(STATE_OFFSET_OFFSET, ORDER);
        final int checksum = header.getInt(CHECKSUM_OFFSET, ORDER);
        final long hash = header.getLong(HASH_OFFSET, ORDER);
        final long sequence = header.getLong(SEQUENCE_OFFSET, ORDER);
        if (length < COUNTS_LENGTH || count < 1 || stateOffset < COUNTS_LENGTH || stateOffset > length)
        {
            throw refused("its header is damaged: payload of " + length + " bytes in " + count + " chunks, engine "
                + "state at " + stateOffset);
        }
        final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(length);
        int received = 0;
        for (int expected = 1; expected <= count; expected++)
        {
            if (!source.next(assembly))
            {
                throw refused("it is truncated: it ended after chunk " + (expected - 1) + " of " + count);
            }
            final int index = assembly.lastLength < CHUNK_INDEX_LENGTH ? -1 : assembly.last.getInt(0, ORDER);
            if (index != expected)
            {
                throw refused(index > expected ?
                    "chunk " + expected + " of " + count + " is missing or out of order (chunk " + index
                        + " came next)" :
                    "its chunks are out of order or repeated (chunk " + index + " came where chunk " + expected
                        + " of " + count + " was expected)");
            }
            final int part = assembly.lastLength - CHUNK_INDEX_LENGTH;
            if (received + (long)part > length)
            {
                throw refused("its chunks hold more than the " + length + " bytes its header announces");
            }
            payload.putBytes(received, assembly.last, CHUNK_INDEX_LENGTH, part);
            received += part;
        }
        if (received != length)
        {
            throw refused("it is truncated: its " + count + " chunks hold " + received + " bytes, its header "
                + "announces " + length);
        }
        final long actualHash = StateCodec.stateHash(payload, stateOffset, length - stateOffset);
        if (actualHash != hash)
        {
            throw refused("the state hash of its engine state is " + hex(actualHash) + ", its header says "
                + hex(hash));
        }
        final int actualChecksum = checksum(payload, length);
        if (actualChecksum != checksum)
        {
            throw refused("its payload's CRC32C is " + Integer.toHexString(actualChecksum) + ", its header says "
                + Integer.toHexString(checksum));
        }
        return new ClusterSnapshot(payload, length, stateOffset, hash, sequence);
    }

    /**
     * Replaces the engine's state and the sources with the snapshot's.
     *
     * @param engine the state machine (on an exception its state is undefined: do not start).
     * @param sources the sources to replace.
     * @throws ClusterSnapshotException when a part does not fit this node's settings.
     */
    public void restoreInto(final MarginStateMachine engine, final SourceSequences sources)
    {
        try
        {
            engine.restore(payload, stateOffset, length - stateOffset);
        }
        catch (final IllegalArgumentException ex)
        {
            throw refused("its engine state does not fit this node (" + ex.getMessage() + ")");
        }
        if (engine.lastSequence() != engineSequence)
        {
            throw refused("its engine state is at sequence " + engine.lastSequence() + ", its header says "
                + engineSequence);
        }
        try
        {
            final int read = sources.read(payload, COUNTS_LENGTH, stateOffset - COUNTS_LENGTH);
            if (read != stateOffset - COUNTS_LENGTH)
            {
                throw new IllegalArgumentException((stateOffset - COUNTS_LENGTH - read) + " bytes follow them");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw refused("its input sources do not fit this node: " + ex.getMessage());
        }
    }

    /**
     * @return envelopes ignored as resends before the snapshot.
     */
    public long duplicatesIgnored()
    {
        return payload.getLong(0, ORDER);
    }

    /**
     * @return envelopes refused before the snapshot.
     */
    public long envelopesRefused()
    {
        return payload.getLong(8, ORDER);
    }

    /**
     * @return the state hash of the engine state, checked.
     */
    public long stateHash()
    {
        return stateHash;
    }

    /**
     * @return the engine sequence of the state.
     */
    public long engineSequence()
    {
        return engineSequence;
    }

    /**
     * @param hash a state hash.
     * @return as printed everywhere: 16 hex digits.
     */
    public static String hex(final long hash)
    {
        return String.format("%016x", hash);
    }

    private static boolean hasMagic(final DirectBuffer header)
    {
        for (int i = 0; i < MAGIC.length; i++)
        {
            if (header.getByte(MAGIC_OFFSET + i) != MAGIC[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int checksum(final DirectBuffer payload, final int length)
    {
        final CRC32C crc = new CRC32C();
        final byte[] bytes = new byte[length];
        payload.getBytes(0, bytes);
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }

    private static ClusterSnapshotException refused(final String what)
    {
        return new ClusterSnapshotException("cluster snapshot refused: " + what);
    }

    /** Keeps a copy of the last chunk handed over. */
    private static final class Assembly implements SnapshotChunkSource.ChunkHandler
    {
        final ExpandableArrayBuffer last = new ExpandableArrayBuffer(HEADER_LENGTH);
        int lastLength;

        @Override
        public void onChunk(final DirectBuffer buffer, final int offset, final int length)
        {
            last.putBytes(0, buffer, offset, length);
            lastLength = length;
        }
    }
}
