package com.liqengine.liquidation.adl;

/**
 * One ordering of the ADL queues: per instrument and side, an indexed binary min-heap of (key, slot) with at most
 * one entry per slot, its entries in fixed-size chunks of a pool shared by every heap (as the liquidation index's
 * band heaps), so memory follows the positions held. Nothing is allocated once built.
 */
final class AdlHeaps
{
    private final int shift;
    private final int mask;
    final long[] keys;
    final int[] members;
    /** Per slot, its entry's position in its heap + 1; 0 when it has none. */
    private final int[] positions;
    /** Per heap, the pool's chunk of each chunk-sized stretch, shifted to an entry index. */
    private final int[][] tables;
    private final int[] sizes;
    private final int[] nextFree;
    private int freeHead;

    AdlHeaps(final int slots, final int heaps)
    {
        final long perHeap = Math.max(1, (long)slots / Math.max(1, heaps));
        int chunkShift = 4;
        while (chunkShift < 12 && (1L << chunkShift) < perHeap)
        {
            chunkShift++;
        }
        this.shift = chunkShift;
        this.mask = (1 << chunkShift) - 1;
        final int chunksPerHeap = (slots >> chunkShift) + 2;
        final int chunks = (slots >> chunkShift) + Math.min(heaps, slots) + 2;
        this.keys = new long[chunks << chunkShift];
        this.members = new int[chunks << chunkShift];
        this.positions = new int[slots];
        this.tables = new int[heaps][chunksPerHeap];
        this.sizes = new int[heaps];
        this.nextFree = new int[chunks];
        for (int c = 0; c < chunks; c++)
        {
            nextFree[c] = c + 1 < chunks ? c + 1 : -1;
        }
    }

    int size(final int heap)
    {
        return sizes[heap];
    }

    /** Where entry {@code n} of the heap is in the pool's arrays. */
    int at(final int heap, final int n)
    {
        return tables[heap][n >>> shift] | (n & mask);
    }

    /** The lowest key of a heap that is not empty. */
    long first(final int heap)
    {
        return keys[at(heap, 0)];
    }

    /** The key of the slot's entry in {@code heap} (it must have one). */
    long key(final int slot, final int heap)
    {
        return keys[at(heap, positions[slot] - 1)];
    }

    /** Puts the slot's entry in {@code heap} with {@code key}; an entry it has must be in that heap. */
    void set(final int slot, final int heap, final long key)
    {
        final int position = positions[slot] - 1;
        if (position >= 0)
        {
            final int entry = at(heap, position);
            final long old = keys[entry];
            if (key == old)
            {
                // most refreshes leave a key as it was: nothing to move
                return;
            }
            keys[entry] = key;
            if (key < old)
            {
                siftUp(heap, position);
            }
            else
            {
                siftDown(heap, position);
            }
            return;
        }
        final int last = sizes[heap]++;
        if ((last & mask) == 0)
        {
            final int chunk = freeHead;
            freeHead = nextFree[chunk];
            tables[heap][last >>> shift] = chunk << shift;
        }
        final int entry = at(heap, last);
        keys[entry] = key;
        members[entry] = slot;
        positions[slot] = last + 1;
        siftUp(heap, last);
    }

    /** Removes the slot's entry from {@code heap}, where it is if it has one. */
    void remove(final int slot, final int heap)
    {
        final int position = positions[slot] - 1;
        if (position < 0)
        {
            return;
        }
        positions[slot] = 0;
        final int last = --sizes[heap];
        final int lastEntry = at(heap, last);
        final long key = keys[lastEntry];
        final int member = members[lastEntry];
        if ((last & mask) == 0)
        {
            final int chunk = tables[heap][last >>> shift] >>> shift;
            nextFree[chunk] = freeHead;
            freeHead = chunk;
        }
        if (position == last)
        {
            return;
        }
        final int entry = at(heap, position);
        keys[entry] = key;
        members[entry] = member;
        positions[member] = position + 1;
        siftDown(heap, position);
        if (positions[member] == position + 1)
        {
            siftUp(heap, position);
        }
    }

    /** Empties the heap (its chunks back to the pool): the start of a rebuild, with {@link #append}. */
    void clear(final int heap)
    {
        final int size = sizes[heap];
        for (int n = 0; n < size; n++)
        {
            positions[members[at(heap, n)]] = 0;
        }
        for (int c = 0; c << shift < size; c++)
        {
            final int chunk = tables[heap][c] >>> shift;
            nextFree[chunk] = freeHead;
            freeHead = chunk;
        }
        sizes[heap] = 0;
    }

    /** Adds the slot's entry at the end, out of heap order until {@link #heapify}; it must have none. */
    void append(final int slot, final int heap, final long key)
    {
        final int last = sizes[heap]++;
        if ((last & mask) == 0)
        {
            final int chunk = freeHead;
            freeHead = nextFree[chunk];
            tables[heap][last >>> shift] = chunk << shift;
        }
        final int entry = at(heap, last);
        keys[entry] = key;
        members[entry] = slot;
        positions[slot] = last + 1;
    }

    /**
     * Puts the heap in order after {@link #append}s, in O(size): its entries are copied, chunk by chunk, to the flat
     * scratch arrays (at least its size long), each parent there is sifted down, the last first, and they are copied
     * back with each slot's position set once (no chunk look-ups nor position updates while sifting).
     */
    void heapify(final int heap, final long[] keyScratch, final int[] memberScratch)
    {
        final int size = sizes[heap];
        final int chunk = mask + 1;
        for (int from = 0; from < size; from += chunk)
        {
            final int at = at(heap, from);
            final int length = Math.min(chunk, size - from);
            System.arraycopy(keys, at, keyScratch, from, length);
            System.arraycopy(members, at, memberScratch, from, length);
        }
        for (int position = size / 2 - 1; position >= 0; position--)
        {
            siftDownFlat(keyScratch, memberScratch, size, position);
        }
        for (int from = 0; from < size; from += chunk)
        {
            final int at = at(heap, from);
            final int length = Math.min(chunk, size - from);
            System.arraycopy(keyScratch, from, keys, at, length);
            System.arraycopy(memberScratch, from, members, at, length);
        }
        for (int n = 0; n < size; n++)
        {
            positions[memberScratch[n]] = n + 1;
        }
    }

    private static void siftDownFlat(final long[] keys, final int[] members, final int size, final int start)
    {
        final long key = keys[start];
        final int member = members[start];
        int position = start;
        while (true)
        {
            int child = 2 * position + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && keys[child + 1] < keys[child])
            {
                child++;
            }
            if (keys[child] >= key)
            {
                break;
            }
            keys[position] = keys[child];
            members[position] = members[child];
            position = child;
        }
        keys[position] = key;
        members[position] = member;
    }

    private void siftUp(final int heap, final int start)
    {
        int position = start;
        final int startEntry = at(heap, position);
        final long key = keys[startEntry];
        final int member = members[startEntry];
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            final int parentEntry = at(heap, parent);
            if (key >= keys[parentEntry])
            {
                break;
            }
            final int entry = at(heap, position);
            keys[entry] = keys[parentEntry];
            members[entry] = members[parentEntry];
            positions[members[entry]] = position + 1;
            position = parent;
        }
        final int entry = at(heap, position);
        keys[entry] = key;
        members[entry] = member;
        positions[member] = position + 1;
    }

    private void siftDown(final int heap, final int start)
    {
        final int size = sizes[heap];
        int position = start;
        final int startEntry = at(heap, position);
        final long key = keys[startEntry];
        final int member = members[startEntry];
        while (true)
        {
            int child = 2 * position + 1;
            if (child >= size)
            {
                break;
            }
            int childEntry = at(heap, child);
            if (child + 1 < size)
            {
                final int rightEntry = at(heap, child + 1);
                if (keys[rightEntry] < keys[childEntry])
                {
                    child++;
                    childEntry = rightEntry;
                }
            }
            if (keys[childEntry] >= key)
            {
                break;
            }
            final int entry = at(heap, position);
            keys[entry] = keys[childEntry];
            members[entry] = members[childEntry];
            positions[members[entry]] = position + 1;
            position = child;
        }
        final int entry = at(heap, position);
        keys[entry] = key;
        members[entry] = member;
        positions[member] = position + 1;
    }
}
