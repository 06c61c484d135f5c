package com.liqengine.cluster;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Hashing;
import org.agrona.collections.Int2IntHashMap;

import java.nio.ByteOrder;

/**
 * The last applied sequence of every input source: the replicated de-duplication state (docs/cluster.md). An
 * envelope whose sequence is not above its source's last applied one is a resend and is ignored. Sources take
 * slots in the order they are first applied, up to a configured capacity (the same on every node, as the engine's
 * capacities); one more is refused, never evicting another. Nothing grows with history: one slot per source.
 * Lookups and updates are allocation-free (the map is sized for the capacity up front, so it never rehashes).
 */
public final class SourceSequences
{
    /** Default capacity: input sources a cluster serves. */
    public static final int DEFAULT_CAPACITY = 64;
    /** What {@link #slotFor} returns when a new source does not fit. */
    public static final int FULL = -1;
    /** Bytes of {@link #write}'s layout before the first source. */
    static final int HEADER_LENGTH = 4;
    /** Bytes per source in {@link #write}'s layout: id, last applied sequence. */
    static final int ENTRY_LENGTH = 4 + 8;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int MISSING = -1;

    private final int capacity;
    private final Int2IntHashMap slotBySource;
    private final int[] sourceIds;
    private final long[] lastApplied;
    private int count;

    /**
     * @param capacity how many sources may be applied from, at least 1.
     */
    public SourceSequences(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("the sources capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        // twice the capacity at the default load factor: never resized, so never allocates after construction
        this.slotBySource = new Int2IntHashMap(capacity * 2, Hashing.DEFAULT_LOAD_FACTOR, MISSING);
        this.sourceIds = new int[capacity];
        this.lastApplied = new long[capacity];
    }

    /**
     * @param sourceId a source.
     * @return its last applied sequence, 0 when nothing of it was applied.
     */
    public long lastApplied(final int sourceId)
    {
        final int slot = slotBySource.get(sourceId);
        return slot == MISSING ? 0 : lastApplied[slot];
    }

    /**
     * The slot of a source, taking a new one for a source not seen before.
     *
     * @param sourceId a source (&gt;= 1).
     * @return its slot, or {@link #FULL} when it is new and every slot is taken.
     */
    public int slotFor(final int sourceId)
    {
        final int slot = slotBySource.get(sourceId);
        if (slot != MISSING)
        {
            return slot;
        }
        if (count == capacity)
        {
            return FULL;
        }
        sourceIds[count] = sourceId;
        lastApplied[count] = 0;
        slotBySource.put(sourceId, count);
        return count++;
    }

    /**
     * @param slot a slot from {@link #slotFor}.
     * @return the last applied sequence of its source (0: none yet).
     */
    public long lastAppliedAt(final int slot)
    {
        return lastApplied[slot];
    }

    /**
     * Records an applied envelope.
     *
     * @param slot its source's slot.
     * @param sequence its sequence, above the last applied.
     */
    public void applied(final int slot, final long sequence)
    {
        lastApplied[slot] = sequence;
    }

    /**
     * @return sources seen.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return how many sources fit.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @param slot from 0 to {@link #count()} - 1.
     * @return the source id in that slot.
     */
    public int sourceIdAt(final int slot)
    {
        return sourceIds[slot];
    }

    /**
     * @return bytes {@link #write} takes.
     */
    public int encodedLength()
    {
        return HEADER_LENGTH + count * ENTRY_LENGTH;
    }

    /**
     * Writes the sources in slot order: count (int32), then per source its id (int32) and last applied sequence
     * (int64), little endian.
     *
     * @param buffer where.
     * @param offset from where.
     * @return bytes written.
     */
    public int write(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, count, ORDER);
        int p = offset + HEADER_LENGTH;
        for (int slot = 0; slot < count; slot++)
        {
            buffer.putInt(p, sourceIds[slot], ORDER);
            buffer.putLong(p + 4, lastApplied[slot], ORDER);
            p += ENTRY_LENGTH;
        }
        return p - offset;
    }

    /**
     * Replaces the sources with those {@link #write} wrote. On an exception nothing is replaced.
     *
     * @param buffer holding them.
     * @param offset of the count.
     * @param length bytes available from the offset.
     * @return bytes read.
     * @throws IllegalArgumentException naming what does not fit: more sources than the capacity, an id below 1 or
     *     seen twice, a negative sequence, too few bytes.
     */
    public int read(final DirectBuffer buffer, final int offset, final int length)
    {
        require(length >= HEADER_LENGTH, "the sources end before their count");
        final int sources = buffer.getInt(offset, ORDER);
        require(sources >= 0 && sources <= capacity, "it holds " + sources + " input sources, this node's capacity is "
            + capacity + " (set the same sources capacity on every node)");
        require(length >= HEADER_LENGTH + (long)sources * ENTRY_LENGTH, "the sources end inside their " + sources
            + " entries");
        final Int2IntHashMap seen = new Int2IntHashMap(MISSING);
        for (int slot = 0; slot < sources; slot++)
        {
            final int p = offset + HEADER_LENGTH + slot * ENTRY_LENGTH;
            final int id = buffer.getInt(p, ORDER);
            final long sequence = buffer.getLong(p + 4, ORDER);
            require(id >= 1 && seen.put(id, slot) == MISSING, "source id " + id + " is below 1 or appears twice");
            require(sequence >= 0, "source " + id + " has a negative last sequence " + sequence);
        }
        slotBySource.clear();
        for (int slot = 0; slot < sources; slot++)
        {
            final int p = offset + HEADER_LENGTH + slot * ENTRY_LENGTH;
            sourceIds[slot] = buffer.getInt(p, ORDER);
            lastApplied[slot] = buffer.getLong(p + 4, ORDER);
            slotBySource.put(sourceIds[slot], slot);
        }
        count = sources;
        return HEADER_LENGTH + sources * ENTRY_LENGTH;
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(what);
        }
    }
}
