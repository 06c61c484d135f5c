package com.liqengine.margin;

import java.util.Arrays;

/**
 * Per instrument, the price band of every open (account, instrument) slot inside which a mark of that
 * instrument cannot change the slot's check (docs/index.md): a heap of the bands' low ends (highest first) and
 * one of their high ends (lowest first). A tick at price P finds the accounts whose band does not hold P by
 * walking both heaps only as far as they reach beyond P, and hands them over in registration order.
 * Everything is pre-sized from the capacities; nothing is allocated once built.
 */
final class LiquidationIndex
{
    /** Low end of a band that is never crossed from below. */
    static final long UNBOUNDED_BELOW = Long.MIN_VALUE;
    /** High end of a band that is never crossed from above. */
    static final long UNBOUNDED_ABOVE = Long.MAX_VALUE;

    /** High end of a slot without a band: a real band holds its mark (at least 1), an empty one is MIN_VALUE. */
    private static final long UNLISTED = 0;
    private static final int INSERTION_SORT_LIMIT = 24;

    private final int maxInstruments;
    private final BandHeap[] lows;
    private final BandHeap[] highs;
    /** Per slot, its band's low and high end side by side (one cache line); high 0 when the slot has none. */
    private final long[] bands;
    private final int[] candidates;
    private final int[] stamps;
    private final int[] stack;
    private int epoch;

    LiquidationIndex(final int maxAccounts, final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        this.lows = new BandHeap[maxInstruments];
        this.highs = new BandHeap[maxInstruments];
        for (int i = 0; i < maxInstruments; i++)
        {
            lows[i] = new BandHeap(maxAccounts, true);
            highs[i] = new BandHeap(maxAccounts, false);
        }
        final int slots = maxAccounts * maxInstruments;
        this.bands = new long[slots * 2];
        // one spare: the walk writes an account before it knows whether it is new
        this.candidates = new int[maxAccounts + 1];
        this.stamps = new int[maxAccounts];
        this.stack = new int[maxAccounts + 2];
    }

    /** Sets the band of a slot; the heaps move only when an end changed. */
    void set(final int accountIndex, final int instrumentId, final long low, final long high)
    {
        final int slot = accountIndex * maxInstruments + instrumentId;
        final int at = slot << 1;
        if (bands[at + 1] == UNLISTED)
        {
            bands[at] = low;
            bands[at + 1] = high;
            lows[instrumentId].set(accountIndex, low);
            highs[instrumentId].set(accountIndex, high);
            return;
        }
        if (bands[at] != low)
        {
            bands[at] = low;
            lows[instrumentId].set(accountIndex, low);
        }
        if (bands[at + 1] != high)
        {
            bands[at + 1] = high;
            highs[instrumentId].set(accountIndex, high);
        }
    }

    /** Whether the slot has a band and it lies inside {@code [low, high]} (an empty band lies inside any). */
    boolean holds(final int accountIndex, final int instrumentId, final long low, final long high)
    {
        final int at = (accountIndex * maxInstruments + instrumentId) << 1;
        final long storedHigh = bands[at + 1];
        return storedHigh != UNLISTED && bands[at] >= low && storedHigh <= high;
    }

    /** Reads the first and last word of the account's bands, so that their lines are loaded (see Liquidator). */
    long prefetch(final int accountIndex)
    {
        final int at = (accountIndex * maxInstruments) << 1;
        return bands[at] + bands[at + (maxInstruments << 1) - 1];
    }

    /** Removes a slot's band (the slot is flat). */
    void remove(final int accountIndex, final int instrumentId)
    {
        final int at = (accountIndex * maxInstruments + instrumentId) << 1;
        if (bands[at + 1] != UNLISTED)
        {
            bands[at + 1] = UNLISTED;
            lows[instrumentId].remove(accountIndex);
            highs[instrumentId].remove(accountIndex);
        }
    }

    boolean isListed(final int accountIndex, final int instrumentId)
    {
        return bands[((accountIndex * maxInstruments + instrumentId) << 1) + 1] != UNLISTED;
    }

    long low(final int accountIndex, final int instrumentId)
    {
        return bands[(accountIndex * maxInstruments + instrumentId) << 1];
    }

    long high(final int accountIndex, final int instrumentId)
    {
        return bands[((accountIndex * maxInstruments + instrumentId) << 1) + 1];
    }

    int size(final int instrumentId)
    {
        return lows[instrumentId].size();
    }

    void clear()
    {
        for (int i = 0; i < maxInstruments; i++)
        {
            lows[i].clear();
            highs[i].clear();
        }
        Arrays.fill(bands, UNLISTED);
    }

    /**
     * Collects the accounts whose band of the instrument does not hold the price, in registration order;
     * read them with {@link #candidate(int)} until the next call.
     *
     * @return how many.
     */
    int collect(final int instrumentId, final long price)
    {
        if (++epoch == 0)
        {
            Arrays.fill(stamps, 0);
            epoch = 1;
        }
        int count = lows[instrumentId].collect(price, candidates, 0, stamps, epoch, stack);
        count = highs[instrumentId].collect(price, candidates, count, stamps, epoch, stack);
        sort(candidates, count);
        return count;
    }

    int candidate(final int n)
    {
        return candidates[n];
    }

    /** Ascending, in place, without allocating: insertion sort when short, heapsort otherwise. */
    static void sort(final int[] values, final int count)
    {
        if (count <= INSERTION_SORT_LIMIT)
        {
            for (int i = 1; i < count; i++)
            {
                final int value = values[i];
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
            final int top = values[0];
            values[0] = values[end];
            values[end] = top;
            siftDown(values, 0, end);
        }
    }

    private static void siftDown(final int[] values, final int start, final int end)
    {
        int position = start;
        final int value = values[position];
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
