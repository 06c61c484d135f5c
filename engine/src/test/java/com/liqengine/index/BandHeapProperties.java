package com.liqengine.index;

import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * A band heap, after random adds, moves and removals, finds exactly the accounts whose band end a price
 * crosses (checked against a plain array), each once, and the index hands them over in registration order.
 */
class BandHeapProperties
{
    private static final long ABSENT = Long.MIN_VALUE + 7;

    @Test
    void collectFindsExactlyTheEndsBeyondThePrice()
    {
        Theories.qt(300).forAll(longs().all(), booleans().all())
            .checkAssert(BandHeapProperties::collectFindsExactlyTheEndsBeyondThePrice);
    }

    private static void collectFindsExactlyTheEndsBeyondThePrice(final long seed, final boolean highestFirst)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int perHeap = 1 + random.nextInt(80);
        // two heaps share one pool of small chunks: slots [0, n) in the first, [n, 2n) in the second
        final HeapChunks chunks = new HeapChunks(2 * perHeap, 2);
        final BandHeap[] heaps = {new BandHeap(chunks, highestFirst), new BandHeap(chunks, highestFirst)};
        final int slots = 2 * perHeap;
        final long[] keys = new long[slots];
        Arrays.fill(keys, ABSENT);
        final int[] identity = new int[slots];
        Arrays.setAll(identity, s -> s);
        final long[] out = new long[slots + 1];
        final int[] stamps = new int[slots];
        final int[] stack = new int[slots + 2];
        int epoch = 0;
        for (int step = 0; step < 400; step++)
        {
            final int slot = random.nextInt(slots);
            final BandHeap heap = heaps[slot / perHeap];
            if (random.nextInt(4) == 0)
            {
                heap.remove(slot);
                keys[slot] = ABSENT;
            }
            else
            {
                final long key = random.nextInt(10) == 0 ?
                    (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE) : random.nextInt(100);
                heap.set(slot, key);
                keys[slot] = key;
            }
            final long price = random.nextInt(100);
            for (int h = 0; h < 2; h++)
            {
                final int found = heaps[h].collect(price, out, 0, stamps, ++epoch, stack, identity);
                final TreeSet<Integer> expected = new TreeSet<>();
                int size = 0;
                for (int s = h * perHeap; s < (h + 1) * perHeap; s++)
                {
                    if (keys[s] != ABSENT)
                    {
                        size++;
                        if (highestFirst ? keys[s] > price : keys[s] < price)
                        {
                            expected.add(s);
                        }
                    }
                }
                final TreeSet<Integer> actual = new TreeSet<>();
                for (int n = 0; n < found; n++)
                {
                    actual.add((int)out[n]);
                }
                assertThat(found).as("each once").isEqualTo(actual.size());
                assertThat(actual).isEqualTo(expected);
                assertThat(heaps[h].size()).isEqualTo(size);
            }
        }
    }

    @Test
    void indexCollectsBothEndsInRegistrationOrder()
    {
        Theories.qt(100).forAll(longs().all())
            .checkAssert(BandHeapProperties::indexCollectsBothEndsInRegistrationOrder);
    }

    private static void indexCollectsBothEndsInRegistrationOrder(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int accounts = 1 + random.nextInt(60);
        // slot handles 0 to 2n − 1, every account's in instrument 1 at a shuffled handle
        final int[] accountOf = new int[2 * accounts];
        final int[] instrumentOf = new int[2 * accounts];
        final int[] slotOf = new int[accounts];
        // opened in a shuffled order, so that slot handles are not in registration order
        final int[] order = new int[accounts];
        Arrays.setAll(order, a -> a);
        for (int a = accounts - 1; a > 0; a--)
        {
            final int b = random.nextInt(a + 1);
            final int swap = order[a];
            order[a] = order[b];
            order[b] = swap;
        }
        for (int n = 0; n < accounts; n++)
        {
            final int slot = 2 * n + random.nextInt(2);
            slotOf[order[n]] = slot;
            accountOf[slot] = order[n];
            instrumentOf[slot] = 1;
        }
        // half the runs keep the bands inside records of eight words after a pad, as the engine's slots do
        final LiquidationIndex index = random.nextBoolean() ? new LiquidationIndex(accountOf, 2) :
            new LiquidationIndex(accountOf, 2, new long[6 + accountOf.length * 8], 6 + 3, 3);
        final long[][] bands = new long[accounts][];
        for (int step = 0; step < 300; step++)
        {
            final int account = random.nextInt(accounts);
            final int slot = slotOf[account];
            if (random.nextInt(5) == 0)
            {
                index.remove(slot, instrumentOf[slot]);
                bands[account] = null;
            }
            else if (random.nextInt(8) == 0)
            {
                index.set(slot, instrumentOf[slot], LiquidationIndex.UNBOUNDED_ABOVE, LiquidationIndex.UNBOUNDED_BELOW);
                bands[account] = new long[] {LiquidationIndex.UNBOUNDED_ABOVE, LiquidationIndex.UNBOUNDED_BELOW};
            }
            else
            {
                final long low = 1 + random.nextInt(100);
                final long high = low + random.nextInt(100);
                index.set(slot, instrumentOf[slot], low, high);
                bands[account] = new long[] {low, high};
            }
            final long price = 1 + random.nextInt(200);
            final int count = index.collect(1, price);
            final StringBuilder expected = new StringBuilder();
            for (int a = 0; a < accounts; a++)
            {
                if (bands[a] != null && (price < bands[a][0] || price > bands[a][1]))
                {
                    expected.append(a).append(' ');
                }
            }
            final StringBuilder actual = new StringBuilder();
            for (int n = 0; n < count; n++)
            {
                assertThat(index.candidateSlot(n)).isEqualTo(slotOf[index.candidateAccount(n)]);
                actual.append(index.candidateAccount(n)).append(' ');
            }
            assertThat(actual.toString()).isEqualTo(expected.toString());
            assertThat(index.size(0)).isZero();
        }
    }
}
