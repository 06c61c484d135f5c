package com.liqengine.margin;

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
        final int accounts = 1 + random.nextInt(80);
        final BandHeap heap = new BandHeap(accounts, highestFirst);
        final long[] keys = new long[accounts];
        Arrays.fill(keys, ABSENT);
        final int[] out = new int[accounts + 1];
        final int[] stamps = new int[accounts];
        final int[] stack = new int[accounts + 2];
        int epoch = 0;
        for (int step = 0; step < 400; step++)
        {
            final int account = random.nextInt(accounts);
            if (random.nextInt(4) == 0)
            {
                heap.remove(account);
                keys[account] = ABSENT;
            }
            else
            {
                final long key = random.nextInt(10) == 0 ?
                    (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE) : random.nextInt(100);
                heap.set(account, key);
                keys[account] = key;
            }
            final long price = random.nextInt(100);
            final int found = heap.collect(price, out, 0, stamps, ++epoch, stack);
            final TreeSet<Integer> expected = new TreeSet<>();
            int size = 0;
            for (int a = 0; a < accounts; a++)
            {
                if (keys[a] != ABSENT)
                {
                    size++;
                    if (highestFirst ? keys[a] > price : keys[a] < price)
                    {
                        expected.add(a);
                    }
                }
            }
            final TreeSet<Integer> actual = new TreeSet<>();
            for (int n = 0; n < found; n++)
            {
                actual.add(out[n]);
            }
            assertThat(found).as("each once").isEqualTo(actual.size());
            assertThat(actual).isEqualTo(expected);
            assertThat(heap.size()).isEqualTo(size);
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
        final LiquidationIndex index = new LiquidationIndex(accounts, 2);
        final long[][] bands = new long[accounts][];
        for (int step = 0; step < 300; step++)
        {
            final int account = random.nextInt(accounts);
            if (random.nextInt(5) == 0)
            {
                index.remove(account, 1);
                bands[account] = null;
            }
            else if (random.nextInt(8) == 0)
            {
                index.set(account, 1, LiquidationIndex.UNBOUNDED_ABOVE, LiquidationIndex.UNBOUNDED_BELOW);
                bands[account] = new long[] {LiquidationIndex.UNBOUNDED_ABOVE, LiquidationIndex.UNBOUNDED_BELOW};
            }
            else
            {
                final long low = 1 + random.nextInt(100);
                final long high = low + random.nextInt(100);
                index.set(account, 1, low, high);
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
                actual.append(index.candidate(n)).append(' ');
            }
            assertThat(actual.toString()).isEqualTo(expected.toString());
            assertThat(index.size(0)).isZero();
        }
    }
}
