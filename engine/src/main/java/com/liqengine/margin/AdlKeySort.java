package com.liqengine.margin;

import java.util.Arrays;

/**
 * The scratch of a bulk rebuild of one side's ADL tree ({@link AdlQueues#prepare}): the side's positions as (key,
 * slot) pairs, sorted by key then slot, the tree's own order ({@link AdlBuckets}), by a least-significant-digit radix
 * sort of 16-bit digits (the slot's digits first, then the key's; a digit that all pairs share is not sorted by). Keys
 * must not be negative (base keys are not). The arrays grow, doubling, only when a rebuild holds more pairs than they
 * do; nothing is allocated otherwise.
 */
final class AdlKeySort
{
    private static final int DIGIT_BITS = 16;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final int DIGIT_MASK = DIGITS - 1;

    private long[] keys;
    private int[] slots;
    private long[] keysOther;
    private int[] slotsOther;
    private final int[] counts = new int[DIGITS];
    private int size;

    AdlKeySort(final int capacity)
    {
        allocate(Math.max(16, capacity));
    }

    private void allocate(final int capacity)
    {
        keys = new long[capacity];
        slots = new int[capacity];
        keysOther = new long[capacity];
        slotsOther = new int[capacity];
    }

    /** Empties it, with room for {@code expected} pairs. */
    void reset(final int expected)
    {
        size = 0;
        if (expected > keys.length)
        {
            allocate(Math.max(expected, 2 * keys.length));
        }
    }

    void add(final long key, final int slot)
    {
        if (size == keys.length)
        {
            final long[] k = keys;
            final int[] s = slots;
            allocate(2 * size);
            System.arraycopy(k, 0, keys, 0, size);
            System.arraycopy(s, 0, slots, 0, size);
        }
        keys[size] = key;
        slots[size] = slot;
        size++;
    }

    int size()
    {
        return size;
    }

    /** The slots in key then slot order, after {@link #sort}: entries {@code 0} to {@code size() - 1}. */
    int[] slots()
    {
        return slots;
    }

    /** The keys of {@link #slots}, in the same order. */
    long[] keys()
    {
        return keys;
    }

    /** An array of at least {@link #size()} ints not used by the sorted pairs (the tree build's stack). */
    int[] spare()
    {
        return slotsOther;
    }

    /** Sorts the pairs by key, then by slot (slots are distinct: a total order). */
    void sort()
    {
        int slotBits = 0;
        long keyBits = 0;
        for (int n = 0; n < size; n++)
        {
            slotBits |= slots[n];
            keyBits |= keys[n];
        }
        for (int shift = 0; shift < 32 && (slotBits >>> shift) != 0; shift += DIGIT_BITS)
        {
            pass(shift, true);
        }
        for (int shift = 0; shift < 64 && (keyBits >>> shift) != 0; shift += DIGIT_BITS)
        {
            pass(shift, false);
        }
    }

    /** One stable counting pass on a digit of the slot or of the key; skipped when every pair has the same digit. */
    private void pass(final int shift, final boolean bySlot)
    {
        Arrays.fill(counts, 0);
        for (int n = 0; n < size; n++)
        {
            counts[digit(n, shift, bySlot)]++;
        }
        int start = 0;
        for (int d = 0; d < DIGITS; d++)
        {
            final int count = counts[d];
            if (count == size)
            {
                return;
            }
            counts[d] = start;
            start += count;
        }
        for (int n = 0; n < size; n++)
        {
            final int to = counts[digit(n, shift, bySlot)]++;
            keysOther[to] = keys[n];
            slotsOther[to] = slots[n];
        }
        final long[] k = keys;
        keys = keysOther;
        keysOther = k;
        final int[] s = slots;
        slots = slotsOther;
        slotsOther = s;
    }

    private int digit(final int n, final int shift, final boolean bySlot)
    {
        return bySlot ? (slots[n] >>> shift) & DIGIT_MASK : (int)(keys[n] >>> shift) & DIGIT_MASK;
    }
}
