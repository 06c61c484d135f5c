package com.liqengine.account;

import java.util.Arrays;

/**
 * The stored slots by (account id, instrument): open addressing with linear probing over one array of entry pairs
 * (account id; instrument and slot), so a probe reads one cache line. Keyed by the account's id rather than its
 * registration index, a fill's slot lookup does not wait for the account lookup: the two run at the same time.
 * Sized from the capacity at a load of at most 0.65, so it never grows; nothing is allocated once built.
 */
public final class SlotHash
{
    /** Second word of a free entry. */
    private static final long FREE = -1L;
    private static final float LOAD_FACTOR = 0.65f;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    private final long[] entries;
    private final int mask;
    /**
     * Where the last {@link #get} that found nothing stopped (a free entry), and for which key: a fill that opens a
     * slot looks it up first, so the {@link #put} right after it stores there without probing again. Any change of
     * the table forgets it.
     */
    private int missAt = -1;
    private long missAccountId;
    private int missInstrumentId;

    public SlotHash(final int capacity)
    {
        final long wanted = (long)(capacity / LOAD_FACTOR) + 1;
        int size = 8;
        while (size < wanted)
        {
            size <<= 1;
        }
        this.entries = new long[size * 2];
        this.mask = size - 1;
        clear();
    }

    public void clear()
    {
        missAt = -1;
        Arrays.fill(entries, 0);
        for (int at = 1; at < entries.length; at += 2)
        {
            entries[at] = FREE;
        }
    }

    /** The slot of (account id, instrument), or {@link Slots#NONE}. */
    public int get(final long accountId, final int instrumentId)
    {
        int i = home(accountId, instrumentId);
        while (true)
        {
            final long value = entries[(i << 1) + 1];
            if (value == FREE)
            {
                missAt = i;
                missAccountId = accountId;
                missInstrumentId = instrumentId;
                return Slots.NONE;
            }
            if (entries[i << 1] == accountId && (int)(value >>> 32) == instrumentId)
            {
                return (int)(value & SLOT_MASK);
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores (account id, instrument) → slot; the pair must not be stored yet. */
    public void put(final long accountId, final int instrumentId, final int slot)
    {
        int i;
        if (missAt >= 0 && missAccountId == accountId && missInstrumentId == instrumentId)
        {
            // the table has not changed since this key's lookup stopped at a free entry: the probe would stop there
            i = missAt;
        }
        else
        {
            i = home(accountId, instrumentId);
            while (entries[(i << 1) + 1] != FREE)
            {
                i = (i + 1) & mask;
            }
        }
        missAt = -1;
        entries[i << 1] = accountId;
        entries[(i << 1) + 1] = ((long)instrumentId << 32) | (slot & SLOT_MASK);
    }

    /** Forgets (account id, instrument), moving later entries of its probe run back (no tombstones). */
    public void remove(final long accountId, final int instrumentId)
    {
        missAt = -1;
        int i = home(accountId, instrumentId);
        while (true)
        {
            final long value = entries[(i << 1) + 1];
            if (value == FREE)
            {
                return;
            }
            if (entries[i << 1] == accountId && (int)(value >>> 32) == instrumentId)
            {
                break;
            }
            i = (i + 1) & mask;
        }
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & mask;
            final long value = entries[(j << 1) + 1];
            if (value == FREE)
            {
                break;
            }
            final int home = home(entries[j << 1], (int)(value >>> 32));
            // the entry at j may move into the hole unless its home lies cyclically in (hole, j]
            final boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays)
            {
                entries[hole << 1] = entries[j << 1];
                entries[(hole << 1) + 1] = value;
                hole = j;
            }
        }
        entries[(hole << 1) + 1] = FREE;
    }

    private int home(final long accountId, final int instrumentId)
    {
        long h = accountId * 0x9E3779B97F4A7C15L + instrumentId * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (int)h & mask;
    }
}
