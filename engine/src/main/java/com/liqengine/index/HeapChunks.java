package com.liqengine.index;

/**
 * The storage of one side (low or high band ends) of every instrument's {@link BandHeap}: fixed-size chunks of
 * (key, member) entries handed to the heaps as they grow and taken back as they shrink, so that hundreds of
 * instruments share memory in proportion to the bands they hold, not one full-size array each. A heap holds at
 * most one partly filled chunk, so the pool never runs out: it has room for every slot plus one chunk per heap.
 * Pre-sized; nothing is allocated once built.
 */
final class HeapChunks
{
    final int shift;
    final int mask;
    final long[] keys;
    final int[] members;
    /** Per slot, its entry's position in its heap + 1; 0 when it has none. */
    final int[] positions;
    /** Most chunks one heap can hold (the length of a heap's chunk table). */
    final int chunksPerHeap;
    private final int[] nextFree;
    private int freeHead;

    HeapChunks(final int slots, final int heaps)
    {
        // chunks of about the slots per heap, between 16 and 4,096 entries, a power of two
        final long perHeap = Math.max(1, (long)slots / Math.max(1, heaps));
        int chunkShift = 4;
        while (chunkShift < 12 && (1L << chunkShift) < perHeap)
        {
            chunkShift++;
        }
        this.shift = chunkShift;
        this.mask = (1 << chunkShift) - 1;
        this.chunksPerHeap = (slots >> chunkShift) + 2;
        final int chunks = (slots >> chunkShift) + Math.min(heaps, slots) + 2;
        this.keys = new long[chunks << chunkShift];
        this.members = new int[chunks << chunkShift];
        this.positions = new int[slots];
        this.nextFree = new int[chunks];
        for (int c = 0; c < chunks; c++)
        {
            nextFree[c] = c + 1 < chunks ? c + 1 : -1;
        }
        this.freeHead = 0;
    }

    int take()
    {
        final int chunk = freeHead;
        freeHead = nextFree[chunk];
        return chunk;
    }

    void give(final int chunk)
    {
        nextFree[chunk] = freeHead;
        freeHead = chunk;
    }
}
