package com.liqengine.margin;

/**
 * One side of an instrument's price bands: an indexed binary heap of (account index, price) with at most one
 * entry per account, ordered so that the root is the band end a tick crosses first (the highest low end, or
 * the lowest high end). Pre-sized to every account, so nothing is allocated once built (docs/index.md).
 */
final class BandHeap
{
    private final boolean highestFirst;
    private final long[] keys;
    private final int[] members;
    /** Heap position + 1 of each account's entry; 0 when the account has none. */
    private final int[] positions;
    private int size;

    BandHeap(final int maxAccounts, final boolean highestFirst)
    {
        this.highestFirst = highestFirst;
        this.keys = new long[maxAccounts];
        this.members = new int[maxAccounts];
        this.positions = new int[maxAccounts];
    }

    int size()
    {
        return size;
    }

    /** Adds or moves the account's entry. */
    void set(final int account, final long key)
    {
        final int position = positions[account] - 1;
        if (position < 0)
        {
            final int last = size++;
            keys[last] = key;
            members[last] = account;
            positions[account] = last + 1;
            siftUp(last);
            return;
        }
        final long old = keys[position];
        keys[position] = key;
        if (before(key, old))
        {
            siftUp(position);
        }
        else
        {
            siftDown(position);
        }
    }

    void remove(final int account)
    {
        final int position = positions[account] - 1;
        if (position < 0)
        {
            return;
        }
        positions[account] = 0;
        final int last = --size;
        if (position == last)
        {
            return;
        }
        final long key = keys[last];
        final int member = members[last];
        keys[position] = key;
        members[position] = member;
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
            positions[members[n]] = 0;
        }
        size = 0;
    }

    /**
     * Appends to {@code out} every account whose band end lies beyond {@code price} (a low end above it, or a
     * high end below it) and is not yet stamped with {@code epoch}, stamping it. A depth-first walk that stops
     * at the first entry inside the band on every path: O(k) for k entries found.
     * {@code out} needs one spare entry beyond the most accounts it can hold (an account is written before it is
     * known to be new); {@code stack} needs the heap's capacity plus two.
     *
     * @return the new number of entries in {@code out}.
     */
    int collect(
        final long price, final int[] out, final int count, final int[] stamps, final int epoch, final int[] stack)
    {
        int found = count;
        // the walk is written without branches on rare shapes (an empty heap, a node with one child): a first
        // rare case late in a run would otherwise send the compiled code back to the interpreter
        stack[0] = 0;
        int depth = (-size) >>> 31;
        while (depth > 0)
        {
            final int node = stack[--depth];
            if (!before(keys[node], price))
            {
                continue;
            }
            final int account = members[node];
            // an account found in both heaps is taken once
            final int seen = stamps[account] ^ epoch;
            stamps[account] = epoch;
            out[found] = account;
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
        final long key = keys[position];
        final int member = members[position];
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            if (!before(key, keys[parent]))
            {
                break;
            }
            keys[position] = keys[parent];
            members[position] = members[parent];
            positions[members[position]] = position + 1;
            position = parent;
        }
        keys[position] = key;
        members[position] = member;
        positions[member] = position + 1;
    }

    private void siftDown(final int start)
    {
        int position = start;
        final long key = keys[position];
        final int member = members[position];
        while (true)
        {
            int child = 2 * position + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && before(keys[child + 1], keys[child]))
            {
                child++;
            }
            if (!before(keys[child], key))
            {
                break;
            }
            keys[position] = keys[child];
            members[position] = members[child];
            positions[members[position]] = position + 1;
            position = child;
        }
        keys[position] = key;
        members[position] = member;
        positions[member] = position + 1;
    }
}
