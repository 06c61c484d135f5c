package com.liqengine.index;

/**
 * One side of an instrument's price bands: an indexed binary heap of (slot, price) with at most one entry per
 * slot, ordered so that the root is the band end a tick crosses first (the highest low end, or the lowest high
 * end). Its entries live in chunks of a pool shared by every instrument ({@link HeapChunks}), so its memory
 * follows the slots it holds; nothing is allocated once built (docs/index.md).
 */
final class BandHeap
{
    private final boolean highestFirst;
    private final HeapChunks chunks;
    private final long[] keys;
    private final int[] members;
    private final int[] positions;
    private final int shift;
    private final int mask;
    /** The pool's chunk holding each chunk-sized stretch of this heap, shifted to an entry index. */
    private final int[] table;
    private int size;

    BandHeap(final HeapChunks chunks, final boolean highestFirst)
    {
        this.highestFirst = highestFirst;
        this.chunks = chunks;
        this.keys = chunks.keys;
        this.members = chunks.members;
        this.positions = chunks.positions;
        this.shift = chunks.shift;
        this.mask = chunks.mask;
        this.table = new int[chunks.chunksPerHeap];
    }

    int size()
    {
        return size;
    }

    /** Where entry {@code n} of the heap is in the pool's arrays. */
    private int at(final int n)
    {
        return table[n >>> shift] | (n & mask);
    }

    /** Adds or moves the slot's entry. */
    void set(final int slot, final long key)
    {
        final int position = positions[slot] - 1;
        if (position < 0)
        {
            final int last = size++;
            if ((last & mask) == 0)
            {
                table[last >>> shift] = chunks.take() << shift;
            }
            final int entry = at(last);
            keys[entry] = key;
            members[entry] = slot;
            positions[slot] = last + 1;
            siftUp(last);
            return;
        }
        final int entry = at(position);
        final long old = keys[entry];
        keys[entry] = key;
        if (before(key, old))
        {
            siftUp(position);
        }
        else
        {
            siftDown(position);
        }
    }

    void remove(final int slot)
    {
        final int position = positions[slot] - 1;
        if (position < 0)
        {
            return;
        }
        positions[slot] = 0;
        final int last = --size;
        final int lastEntry = at(last);
        final long key = keys[lastEntry];
        final int member = members[lastEntry];
        if ((last & mask) == 0)
        {
            chunks.give(table[last >>> shift] >>> shift);
        }
        if (position == last)
        {
            return;
        }
        final int entry = at(position);
        keys[entry] = key;
        members[entry] = member;
        positions[member] = position + 1;
        siftDown(position);
        if (positions[member] == position + 1)
        {
            siftUp(position);
        }
    }

    void clear()
    {
        for (int n = 0; n < size; n++)
        {
            positions[members[at(n)]] = 0;
        }
        for (int c = 0; c << shift < size; c++)
        {
            chunks.give(table[c] >>> shift);
        }
        size = 0;
    }

    /**
     * Appends to {@code out} every slot whose band end lies beyond {@code price} (a low end above it, or a high
     * end below it) and is not yet stamped with {@code epoch}, stamping it, as {@code account << 32 | slot}. A
     * depth-first walk that stops at the first entry inside the band on every path: O(k) for k entries found.
     * {@code out} needs one spare entry beyond the most slots it can hold (a slot is written before it is known
     * to be new); {@code stack} needs the heap's capacity plus two.
     *
     * @return the new number of entries in {@code out}.
     */
    int collect(
        final long price, final long[] out, final int count, final int[] stamps, final int epoch, final int[] stack,
        final int[] accountOf)
    {
        int found = count;
        // the walk is written without branches on rare shapes (an empty heap, a node with one child): a first
        // rare case late in a run would otherwise send the compiled code back to the interpreter
        stack[0] = 0;
        int depth = (-size) >>> 31;
        while (depth > 0)
        {
            final int node = stack[--depth];
            final int entry = at(node);
            if (!before(keys[entry], price))
            {
                continue;
            }
            final int slot = members[entry];
            // a slot found in both heaps is taken once
            final int seen = stamps[slot] ^ epoch;
            stamps[slot] = epoch;
            out[found] = ((long)accountOf[slot] << 32) | slot;
            found += (seen | -seen) >>> 31;
            final int child = 2 * node + 1;
            stack[depth] = child;
            depth += (child - size) >>> 31;
            stack[depth] = child + 1;
            depth += (child + 1 - size) >>> 31;
        }
        return found;
    }

    /** Whether key {@code a} is crossed by a tick at price {@code b}, and the order of the heap. */
    private boolean before(final long a, final long b)
    {
        return highestFirst ? a > b : a < b;
    }

    private void siftUp(final int start)
    {
        int position = start;
        final int startEntry = at(position);
        final long key = keys[startEntry];
        final int member = members[startEntry];
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            final int parentEntry = at(parent);
            if (!before(key, keys[parentEntry]))
            {
                break;
            }
            final int entry = at(position);
            keys[entry] = keys[parentEntry];
            members[entry] = members[parentEntry];
            positions[members[entry]] = position + 1;
            position = parent;
        }
        final int entry = at(position);
        keys[entry] = key;
        members[entry] = member;
        positions[member] = position + 1;
    }

    private void siftDown(final int start)
    {
        int position = start;
        final int startEntry = at(position);
        final long key = keys[startEntry];
        final int member = members[startEntry];
        while (true)
        {
            int child = 2 * position + 1;
            if (child >= size)
            {
                break;
            }
            int childEntry = at(child);
            if (child + 1 < size)
            {
                final int rightEntry = at(child + 1);
                if (before(keys[rightEntry], keys[childEntry]))
                {
                    child++;
                    childEntry = rightEntry;
                }
            }
            if (!before(keys[childEntry], key))
            {
                break;
            }
            final int entry = at(position);
            keys[entry] = keys[childEntry];
            members[entry] = members[childEntry];
            positions[members[entry]] = position + 1;
            position = child;
        }
        final int entry = at(position);
        keys[entry] = key;
        members[entry] = member;
        positions[member] = position + 1;
    }
}
