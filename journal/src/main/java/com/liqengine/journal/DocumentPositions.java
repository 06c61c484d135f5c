package com.liqengine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.util.NavigableSet;

/**
 * The documents of a queue numbered 1, 2, 3, ... across its roll cycles, mapped to their Chronicle indexes without
 * reading them: Chronicle numbers the documents of each cycle from 0 without gaps, so the n-th document is found
 * from each cycle's count.
 */
final class DocumentPositions
{
    private final RollCycle rollCycle;
    private final int[] cycles;
    private final long[] counts;
    private final long count;

    DocumentPositions(final RollCycle rollCycle, final int[] cycles, final long[] counts)
    {
        this.rollCycle = rollCycle;
        this.cycles = cycles;
        this.counts = counts;
        long total = 0;
        for (final long inCycle : counts)
        {
            total += inCycle;
        }
        this.count = total;
    }

    /**
     * The documents of a queue now, from its cycles' counts (no document is read).
     *
     * @param queue the queue.
     * @param counter a tailer of it, to count each cycle's documents with.
     * @return the positions.
     */
    private static DocumentPositions of(final SingleChronicleQueue queue, final ExcerptTailer counter)
    {
        final int first = queue.firstCycle();
        final int last = queue.lastCycle();
        // an empty queue has no cycles: its first is above its last
        if (first > last)
        {
            return new DocumentPositions(queue.rollCycle(), new int[0], new long[0]);
        }
        final NavigableSet<Long> cycles = queue.listCyclesBetween(first, last);
        final int[] cycleNumbers = new int[cycles.size()];
        final long[] counts = new long[cycles.size()];
        int i = 0;
        for (final long cycle : cycles)
        {
            cycleNumbers[i] = (int)cycle;
            counts[i] = Math.max(0, counter.excerptsInCycle((int)cycle));
            i++;
        }
        return new DocumentPositions(queue.rollCycle(), cycleNumbers, counts);
    }

    /**
     * @return documents in the queue.
     */
    long count()
    {
        return count;
    }

    /**
     * @param n a document's position, from 1 to {@link #count()}.
     * @return its Chronicle index.
     */
    long index(final long n)
    {
        long before = 0;
        for (int i = 0; i < cycles.length; i++)
        {
            if (n <= before + counts[i])
            {
                return rollCycle.toIndex(cycles[i], n - before - 1);
            }
            before += counts[i];
        }
        throw new IllegalArgumentException("document " + n + " of " + count);
    }

    /**
     * Counts a queue's documents for {@link #of} with a tailer of its own, made at the first count and kept (a count
     * per read would otherwise make a tailer each time); closed with its reader, before the queue.
     */
    static final class Counter implements AutoCloseable
    {
        private final SingleChronicleQueue queue;
        private ExcerptTailer tailer;

        Counter(final SingleChronicleQueue queue)
        {
            this.queue = queue;
        }

        /** The queue's documents now (no document is read). */
        DocumentPositions positions()
        {
            if (tailer == null)
            {
                tailer = queue.createTailer();
                tailer.singleThreadedCheckDisabled(true);
            }
            return of(queue, tailer);
        }

        @Override
        public void close()
        {
            if (tailer != null)
            {
                tailer.close();
            }
        }
    }
}
