package com.liqengine.index;

import java.util.Arrays;

/**
 * Per instrument, the price band of every open slot inside which a mark of that instrument cannot change the
 * slot's check (docs/index.md): a heap of the bands' low ends (highest first) and one of their high ends (lowest
 * first). A tick at price P finds the slots whose band does not hold P by walking both heaps only as far as they
 * reach beyond P, and hands them over in registration order of their accounts. Everything is pre-sized from the
 * capacities (the heaps share chunked storage, so hundreds of instruments cost what their bands hold); nothing is
 * allocated once built.
 */
public final class LiquidationIndex
{
    /** Low end of a band that is never crossed from below. */
    public static final long UNBOUNDED_BELOW = Long.MIN_VALUE;
    /** High end of a band that is never crossed from above. */
    public static final long UNBOUNDED_ABOVE = Long.MAX_VALUE;

    /** High end of a slot without a band: a real band holds its mark (at least 1), an empty one is MIN_VALUE. */
    private static final long UNLISTED = 0;
    private static final int INSERTION_SORT_LIMIT = 24;
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    private final int[] accountOf;
    private final BandHeap[] lows;
    private final BandHeap[] highs;
    /**
     * Per slot, its band's low end at {@code firstBand + (slot << bandShift)} and its high end right after it (one
     * cache line); high 0 when the slot has none. The owner of the slots may keep them inside its own records.
     */
    private final long[] bands;
    private final int firstBand;
    private final int bandShift;
    /** Candidates of a tick: {@code account << 32 | slot}, sorted by account. */
    private final long[] candidates;
    private final int[] stamps;
    private final int[] stack;
    private int epoch;

    /**
     * An index over slot handles 0 to {@code accountOf.length − 1}, keeping the bands in an array of its own.
     *
     * @param accountOf each slot's account (registration index), read when candidates are collected.
     * @param maxInstruments instrument ids run from 0 to this minus one.
     */
    public LiquidationIndex(final int[] accountOf, final int maxInstruments)
    {
        this(accountOf, maxInstruments, new long[accountOf.length * 2], 0, 1);
    }

    /**
     * An index over slot handles 0 to {@code accountOf.length − 1}, keeping each slot's band in words of the
     * caller's array (all 0 to begin with: no band), so that it shares a cache line with the slot's other fields.
     *
     * @param accountOf each slot's account (registration index), read when candidates are collected.
     * @param maxInstruments instrument ids run from 0 to this minus one.
     * @param bands where the bands are kept: slot s's low end at {@code firstBand + (s << bandShift)}, its high end
     *     in the next word.
     * @param firstBand the low end of slot 0.
     * @param bandShift words per slot, as a shift (at least 1).
     */
    public LiquidationIndex(
        final int[] accountOf, final int maxInstruments, final long[] bands, final int firstBand, final int bandShift)
    {
        final int capacity = accountOf.length;
        this.accountOf = accountOf;
        this.bands = bands;
        this.firstBand = firstBand;
        this.bandShift = bandShift;
        final HeapChunks lowChunks = new HeapChunks(capacity, maxInstruments);
        final HeapChunks highChunks = new HeapChunks(capacity, maxInstruments);
        this.lows = new BandHeap[maxInstruments];
        this.highs = new BandHeap[maxInstruments];
        for (int i = 0; i < maxInstruments; i++)
        {
            lows[i] = new BandHeap(lowChunks, true);
            highs[i] = new BandHeap(highChunks, false);
        }
        // one spare: the walk writes a slot before it knows whether it is new
        this.candidates = new long[capacity + 1];
        this.stamps = new int[capacity];
        this.stack = new int[capacity + 2];
    }

    /** Where the slot's low end is kept. */
    private int bandOf(final int slot)
    {
        return firstBand + (slot << bandShift);
    }

    /** Sets the band of a slot of the instrument; the heaps move only when an end changed. */
    public void set(final int slot, final int instrumentId, final long low, final long high)
    {
        final int at = bandOf(slot);
        if (bands[at + 1] == UNLISTED)
        {
            bands[at] = low;
            bands[at + 1] = high;
            lows[instrumentId].set(slot, low);
            highs[instrumentId].set(slot, high);
            return;
        }
        if (bands[at] != low)
        {
            bands[at] = low;
            lows[instrumentId].set(slot, low);
        }
        if (bands[at + 1] != high)
        {
            bands[at + 1] = high;
            highs[instrumentId].set(slot, high);
        }
    }

    /** Whether the slot has a band and it lies inside {@code [low, high]} (an empty band lies inside any). */
    public boolean holds(final int slot, final long low, final long high)
    {
        final int at = bandOf(slot);
        final long storedHigh = bands[at + 1];
        return storedHigh != UNLISTED && bands[at] >= low && storedHigh <= high;
    }

    /** Removes the band of a slot of the instrument (the slot is flat). */
    public void remove(final int slot, final int instrumentId)
    {
        final int at = bandOf(slot);
        if (bands[at + 1] != UNLISTED)
        {
            bands[at + 1] = UNLISTED;
            lows[instrumentId].remove(slot);
            highs[instrumentId].remove(slot);
        }
    }

    /** The slot's stored low end (meaningful when listed). */
    public long low(final int slot)
    {
        return bands[bandOf(slot)];
    }

    /** The slot's stored high end; 0 when it has no band. */
    public long high(final int slot)
    {
        return bands[bandOf(slot) + 1];
    }

    /** Bands held for an instrument. */
    public int size(final int instrumentId)
    {
        return lows[instrumentId].size();
    }

    /** Forgets every band (a rebuild follows). */
    public void clear()
    {
        for (int i = 0; i < lows.length; i++)
        {
            lows[i].clear();
            highs[i].clear();
        }
        for (int s = 0; s < accountOf.length; s++)
        {
            bands[bandOf(s) + 1] = UNLISTED;
        }
    }

    /**
     * Collects the slots of the instrument whose band does not hold the price, in registration order of their
     * accounts; read them with {@link #candidateSlot(int)} until the next call.
     *
     * @return how many.
     */
    public int collect(final int instrumentId, final long price)
    {
        if (++epoch == 0)
        {
            Arrays.fill(stamps, 0);
            epoch = 1;
        }
        int count = lows[instrumentId].collect(price, candidates, 0, stamps, epoch, stack, accountOf);
        count = highs[instrumentId].collect(price, candidates, count, stamps, epoch, stack, accountOf);
        sort(candidates, count);
        return count;
    }

    /** The slot of candidate {@code n} of the last {@link #collect}. */
    public int candidateSlot(final int n)
    {
        return (int)(candidates[n] & SLOT_MASK);
    }

    /** The account (registration index) of candidate {@code n} of the last {@link #collect}. */
    public int candidateAccount(final int n)
    {
        return (int)(candidates[n] >>> 32);
    }

    /** Ascending, in place, without allocating: insertion sort when short, heapsort otherwise. */
    public static void sort(final long[] values, final int count)
    {
        if (count <= INSERTION_SORT_LIMIT)
        {
            for (int i = 1; i < count; i++)
            {
                final long value = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > value)
                {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = value;
            }
            return;
        }
        for (int start = count / 2 - 1; start >= 0; start--)
        {
            siftDown(values, start, count);
        }
        for (int end = count - 1; end > 0; end--)
        {
            final long top = values[0];
            values[0] = values[end];
            values[end] = top;
            siftDown(values, 0, end);
        }
    }

    private static void siftDown(final long[] values, final int start, final int end)
    {
        int position = start;
        final long value = values[position];
        while (true)
        {
            int child = 2 * position + 1;
            if (child >= end)
            {
                break;
            }
            if (child + 1 < end && values[child + 1] > values[child])
            {
                child++;
            }
            if (values[child] <= value)
            {
                break;
            }
            values[position] = values[child];
            position = child;
        }
        values[position] = value;
    }
}
