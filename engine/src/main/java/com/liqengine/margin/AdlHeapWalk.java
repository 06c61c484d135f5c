package com.liqengine.margin;

/**
 * Reads one heap of {@link AdlHeaps} best-first (lowest key first) without changing it: a small heap of the
 * entries whose parent has been read, so reading k entries costs O(k log k) whatever the heap's size. The heap
 * must not change during a walk. Holds at most {@code limit} reads; {@link #full()} says when it can read no more.
 */
final class AdlHeapWalk
{
    private final AdlHeaps heaps;
    /** The frontier: positions in the walked heap, and their keys, as a binary min-heap. */
    private final int[] frontier;
    private final long[] frontierKeys;
    private int count;
    private int heap;

    AdlHeapWalk(final AdlHeaps heaps, final int limit)
    {
        this.heaps = heaps;
        this.frontier = new int[2 * limit + 2];
        this.frontierKeys = new long[2 * limit + 2];
    }

    void start(final int heapId)
    {
        heap = heapId;
        count = 0;
        if (heaps.size(heapId) > 0)
        {
            push(0);
        }
    }

    boolean exhausted()
    {
        return count == 0;
    }

    /** Whether reading one more could overflow the frontier. */
    boolean full()
    {
        return count + 2 > frontier.length;
    }

    /** The lowest key not yet read (valid when not {@link #exhausted()}). */
    long nextKey()
    {
        return frontierKeys[0];
    }

    /** Reads the entry with the lowest key not yet read; returns its slot. */
    int next()
    {
        final int position = frontier[0];
        final int last = --count;
        if (last > 0)
        {
            siftDown(frontier[last], frontierKeys[last]);
        }
        final int size = heaps.size(heap);
        final int left = 2 * position + 1;
        if (left < size)
        {
            push(left);
            if (left + 1 < size)
            {
                push(left + 1);
            }
        }
        return heaps.members[heaps.at(heap, position)];
    }

    private void push(final int position)
    {
        final long key = heaps.keys[heaps.at(heap, position)];
        int at = count++;
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (frontierKeys[parent] <= key)
            {
                break;
            }
            frontier[at] = frontier[parent];
            frontierKeys[at] = frontierKeys[parent];
            at = parent;
        }
        frontier[at] = position;
        frontierKeys[at] = key;
    }

    private void siftDown(final int position, final long key)
    {
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && frontierKeys[child + 1] < frontierKeys[child])
            {
                child++;
            }
            if (frontierKeys[child] >= key)
            {
                break;
            }
            frontier[at] = frontier[child];
            frontierKeys[at] = frontierKeys[child];
            at = child;
        }
        frontier[at] = position;
        frontierKeys[at] = key;
    }
}
