package com.liqengine.liquidation.adl;

import java.util.Arrays;

/**
 * The scratch of a bulk rebuild of one side's ADL tree ({@link AdlQueues#prepare}): the side's positions as (key,
 * slot) pairs, sorted in the tree's own order ({@link AdlBuckets}): by key, then equal keys by the slots' ties and
 * account ids. Keys must not be negative (base keys are not).
 *
 * <p>How: the key's bits that every pair shares are dropped (they do not order anything: the exponent of the entry
 * price, the low bits of an integer price, most of the bucket's), and each remaining key is packed with the slot (or,
 * when both do not fit, the pair's index) into one 64-bit word; the words are sorted by a least-significant-digit
 * radix sort on the key's part only, in digits of at most 11 bits (the counts fit the first-level cache), the counts
 * of every digit made while packing. A digit that every pair shares is not sorted by. When the key's part and the
 * index do not fit one word, the words hold the index alone and the digits are read from the keys (slower, same
 * order). The sort is stable, and the pairs come in slot order (the holders list gives them in slot order or its
 * reverse, put back here), so runs of equal keys are mostly in account order already: each is checked, and merge
 * sorted if it is not.
 *
 * <p>Memory: 32 bytes a pair. The arrays are sized by {@link #AdlKeySort(int)} (the most positions a side can hold,
 * so that no rebuild allocates on the engine thread) and grow, doubling, only if a rebuild holds more pairs than that.
 */
final class AdlKeySort
{
    /** The widest digit: 2^11 counts of 4 bytes, 8 KiB. */
    private static final int MAX_DIGIT_BITS = 11;
    /** The key bits that order the pairs, as runs of a mask: at most this many. */
    private static final int MAX_RUNS = 4;

    private long[] keys;
    private int[] slots;
    private long[] words;
    private long[] wordsOther;
    private int[] sortedSlots;
    /** Per digit of a packed sort (at most 63 bits of key), the counts. */
    private final int[][] counts = new int[(63 + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS][1 << MAX_DIGIT_BITS];
    private final int[] runShift = new int[MAX_RUNS];
    private final int[] runLength = new int[MAX_RUNS];
    private int runs;
    private int size;
    /** Whether the slots added so far rise, or fall, one pair to the next. */
    private boolean rising;
    private boolean falling;
    private long keyAnd;
    private long keyOr;
    private int maxSlot;

    AdlKeySort(final int capacity)
    {
        allocate(Math.max(16, capacity));
    }

    private void allocate(final int capacity)
    {
        keys = new long[capacity];
        slots = new int[capacity];
        words = new long[capacity];
        wordsOther = new long[capacity];
        sortedSlots = new int[capacity];
    }

    /** How many pairs it holds without growing. */
    int capacity()
    {
        return keys.length;
    }

    /** Empties it, with room for {@code expected} pairs. */
    void reset(final int expected)
    {
        size = 0;
        rising = true;
        falling = true;
        keyAnd = -1L;
        keyOr = 0;
        maxSlot = 0;
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
        if (size > 0)
        {
            final int last = slots[size - 1];
            rising &= slot > last;
            falling &= slot < last;
        }
        keys[size] = key;
        slots[size] = slot;
        keyAnd &= key;
        keyOr |= key;
        maxSlot = Math.max(maxSlot, slot);
        size++;
    }

    int size()
    {
        return size;
    }

    /** The slots in key then slot order, after {@link #sort}: entries {@code 0} to {@code size() - 1}. */
    int[] slots()
    {
        return sortedSlots;
    }

    /** The keys of {@link #slots}, in the same order. */
    long[] keys()
    {
        return wordsOther;
    }

    /** An array of at least {@link #size()} ints not used by the sorted pairs (the tree build's stack). */
    int[] spare()
    {
        return slots;
    }

    /**
     * Sorts the pairs by key, then as the tree orders equal keys ({@link AdlBuckets#tiedBefore}: the slots' ties,
     * account ids, then the slots). The words pack the key's varying bits with the slot itself when both fit (the
     * sorted words then give both back, read in order), else with the pair's index. The pairs come from the holders
     * list, in slot order or its reverse (put back in slot order here), so equal keys are mostly already in account
     * order; each run of equal keys is checked, and sorted if it is not.
     */
    void sort(final long[] ties, final long[] ids)
    {
        if (falling && !rising)
        {
            reverse();
        }
        runsOf(keyAnd ^ keyOr);
        int keyBits = 0;
        for (int r = 0; r < runs; r++)
        {
            keyBits += runLength[r];
        }
        final int slotBits = bits(maxSlot);
        final boolean bySlot = keyBits + slotBits < 64;
        final int lowBits = bySlot ? slotBits : bits(size - 1);
        final boolean packed = keyBits + lowBits < 64;
        final int digits = (keyBits + MAX_DIGIT_BITS - 1) / MAX_DIGIT_BITS;
        final int digitBits = digits == 0 ? 0 : (keyBits + digits - 1) / digits;
        final int digitMask = (1 << digitBits) - 1;
        for (int d = 0; d < digits; d++)
        {
            Arrays.fill(counts[d], 0, 1 << digitBits, 0);
        }
        for (int n = 0; n < size; n++)
        {
            if (packed)
            {
                // packed, and every digit counted, in one pass
                final long key = compact(keys[n]);
                words[n] = key << lowBits | (bySlot ? slots[n] : n);
                for (int d = 0; d < digits; d++)
                {
                    counts[d][(int)(key >>> (d * digitBits)) & digitMask]++;
                }
            }
            else
            {
                words[n] = n;
            }
        }
        if (packed)
        {
            sortPacked(digits, digitBits, lowBits);
        }
        else
        {
            sortByKeys();
        }
        final long lowMask = packed ? (1L << lowBits) - 1 : -1L;
        for (int n = 0; n < size; n++)
        {
            final long word = words[n];
            if (bySlot)
            {
                sortedSlots[n] = (int)(word & lowMask);
                wordsOther[n] = expand(word >>> lowBits);
            }
            else
            {
                final int index = (int)(word & lowMask);
                sortedSlots[n] = slots[index];
                wordsOther[n] = keys[index];
            }
        }
        orderTies(ties, ids);
    }

    /** A long array of at least {@link #size()} not used once the sorted pairs are read (the heapify's scratch). */
    long[] spareKeys()
    {
        return words;
    }

    /** The bits {@code value} needs (at least 1). */
    private static int bits(final long value)
    {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(value));
    }

    private void reverse()
    {
        for (int a = 0, b = size - 1; a < b; a++, b--)
        {
            final long k = keys[a];
            keys[a] = keys[b];
            keys[b] = k;
            final int s = slots[a];
            slots[a] = slots[b];
            slots[b] = s;
        }
    }

    /**
     * The runs of set bits of {@code varying} (the key bits not all pairs share), highest first, as shifts and
     * lengths; more than {@link #MAX_RUNS} are merged into one run from the lowest to the highest (the bits between
     * are shared: they order nothing, and only cost room).
     */
    private void runsOf(final long varying)
    {
        runs = 0;
        long rest = varying;
        while (rest != 0 && runs < MAX_RUNS)
        {
            final int high = 63 - Long.numberOfLeadingZeros(rest);
            // the run's lowest bit: the first clear bit of the mask below high, + 1
            final long above = ~rest & ((1L << high) - 1);
            final int low = above == 0 ? 0 : 64 - Long.numberOfLeadingZeros(above);
            runShift[runs] = low;
            runLength[runs] = high - low + 1;
            runs++;
            rest &= (1L << low) - 1;
        }
        if (rest != 0)
        {
            final int low = Long.numberOfTrailingZeros(varying);
            runShift[0] = low;
            runLength[0] = 64 - Long.numberOfLeadingZeros(varying) - low;
            runs = 1;
        }
    }

    /** The key's bits in the runs, packed low in the same order: the same order among these keys. */
    private long compact(final long key)
    {
        long packed = 0;
        for (int r = 0; r < runs; r++)
        {
            final int length = runLength[r];
            packed = packed << length | (key >>> runShift[r]) & ((1L << length) - 1);
        }
        return packed;
    }

    /** The key whose varying bits {@link #compact} packed, its other bits those every key shares. */
    private long expand(final long packed)
    {
        long key = keyAnd;
        long rest = packed;
        for (int r = runs - 1; r >= 0; r--)
        {
            final int length = runLength[r];
            key |= (rest & ((1L << length) - 1)) << runShift[r];
            rest >>>= length;
        }
        return key;
    }

    /** LSD radix sort of the packed words by their key part, with the counts of every digit made. */
    private void sortPacked(final int digits, final int digitBits, final int lowBits)
    {
        final int digitMask = (1 << digitBits) - 1;
        for (int d = 0; d < digits; d++)
        {
            final int[] count = counts[d];
            if (!startsOf(count, 1 << digitBits))
            {
                continue;
            }
            final int shift = lowBits + d * digitBits;
            final long[] from = words;
            final long[] to = wordsOther;
            for (int n = 0; n < size; n++)
            {
                final long word = from[n];
                to[count[(int)(word >>> shift) & digitMask]++] = word;
            }
            words = to;
            wordsOther = from;
        }
    }

    /** LSD radix sort of the indices in {@link #words} by their keys, a digit at a time (keys too wide to pack). */
    private void sortByKeys()
    {
        final int digitBits = MAX_DIGIT_BITS;
        final int digitMask = (1 << digitBits) - 1;
        final int[] count = counts[0];
        for (int shift = 0; shift < 64; shift += digitBits)
        {
            if ((((keyAnd ^ keyOr) >>> shift) & digitMask) == 0)
            {
                continue;
            }
            Arrays.fill(count, 0, 1 << digitBits, 0);
            for (int n = 0; n < size; n++)
            {
                count[(int)(keys[(int)words[n]] >>> shift) & digitMask]++;
            }
            startsOf(count, 1 << digitBits);
            final long[] from = words;
            final long[] to = wordsOther;
            for (int n = 0; n < size; n++)
            {
                final long word = from[n];
                to[count[(int)(keys[(int)word] >>> shift) & digitMask]++] = word;
            }
            words = to;
            wordsOther = from;
        }
    }

    /** Turns counts into start offsets; false when one digit holds every pair (nothing to sort by). */
    private boolean startsOf(final int[] count, final int length)
    {
        int start = 0;
        for (int d = 0; d < length; d++)
        {
            final int c = count[d];
            if (c == size)
            {
                return false;
            }
            count[d] = start;
            start += c;
        }
        return true;
    }

    /** Each run of equal keys put in the tree's order of ties, if it is not in it already. */
    private void orderTies(final long[] ties, final long[] ids)
    {
        int from = 0;
        for (int n = 1; n <= size; n++)
        {
            if (n == size || wordsOther[n] != wordsOther[from])
            {
                if (n - from > 1 && !ordered(ties, ids, from, n))
                {
                    mergeSort(ties, ids, from, n);
                }
                from = n;
            }
        }
    }

    private boolean ordered(final long[] ties, final long[] ids, final int from, final int to)
    {
        for (int n = from + 1; n < to; n++)
        {
            if (!AdlBuckets.tiedBefore(ties, ids, sortedSlots[n - 1], sortedSlots[n]))
            {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code sortedSlots[from..to)} in the tree's order of ties, bottom up, with {@link #slots} as buffer. */
    private void mergeSort(final long[] ties, final long[] ids, final int from, final int to)
    {
        int[] source = sortedSlots;
        int[] target = slots;
        for (int width = 1; width < to - from; width *= 2)
        {
            for (int left = from; left < to; left += 2 * width)
            {
                final int middle = Math.min(left + width, to);
                final int end = Math.min(left + 2 * width, to);
                int a = left;
                int b = middle;
                for (int n = left; n < end; n++)
                {
                    final boolean takeA =
                        b >= end || a < middle && !AdlBuckets.tiedBefore(ties, ids, source[b], source[a]);
                    target[n] = takeA ? source[a++] : source[b++];
                }
            }
            final int[] swap = source;
            source = target;
            target = swap;
        }
        if (source != sortedSlots)
        {
            System.arraycopy(source, from, sortedSlots, from, to - from);
        }
    }
}
