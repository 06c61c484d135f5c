package com.liqengine.margin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of a side's bulk rebuild: {@link AdlKeySort} orders (key, slot) pairs as the tree does, and a tree made
 * by {@link AdlBuckets#build} from them reads in that order and stays a search tree through later updates one by one.
 */
class AdlBulkBuildTest
{
    private static final Comparator<long[]> KEY_THEN_SLOT =
        Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]);

    /** Keys from a few values (many ties), or spread over 63 bits; slots distinct, above 2^16 too. */
    private static List<long[]> pairs(final SplittableRandom random, final int count, final int slots)
    {
        final boolean ties = random.nextBoolean();
        final List<long[]> pairs = new ArrayList<>();
        final int[] order = new int[slots];
        for (int s = 0; s < slots; s++)
        {
            order[s] = s;
        }
        for (int n = 0; n < count; n++)
        {
            final int pick = n + random.nextInt(slots - n);
            final int slot = order[pick];
            order[pick] = order[n];
            final long key = ties ? random.nextInt(4) << 20 : random.nextLong() >>> 1;
            pairs.add(new long[] {key, slot});
        }
        return pairs;
    }

    @Test
    void theSortOrdersPairsByKeyThenSlot()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final AdlKeySort sort = new AdlKeySort(0);
        for (int round = 0; round < 40; round++)
        {
            final List<long[]> pairs = pairs(random, random.nextInt(3_000), 200_000);
            sort.reset(random.nextInt(100));
            for (final long[] p : pairs)
            {
                sort.add(p[0], (int)p[1]);
            }
            pairs.sort(KEY_THEN_SLOT);
            sort.sort();
            assertThat(sort.size()).isEqualTo(pairs.size());
            for (int n = 0; n < pairs.size(); n++)
            {
                assertThat(new long[] {sort.keys()[n], sort.slots()[n]}).as("pair " + n).isEqualTo(pairs.get(n));
            }
        }
    }

    @Test
    void aBuiltTreeReadsInOrderAndTakesUpdatesOneByOne()
    {
        final SplittableRandom random = new SplittableRandom(5);
        final int slots = 5_000;
        final AdlBuckets buckets = new AdlBuckets(slots, 2);
        final AdlKeySort sort = new AdlKeySort(16);
        for (int round = 0; round < 30; round++)
        {
            final int tree = round & 1;
            // the former tree's slots detached, as a rebuild does
            for (final long[] held : read(buckets, tree))
            {
                buckets.detach((int)held[1]);
            }
            final List<long[]> pairs = pairs(random, random.nextInt(2_000), slots / 2);
            sort.reset(0);
            final TreeSet<long[]> expected = new TreeSet<>(KEY_THEN_SLOT);
            for (final long[] p : pairs)
            {
                // the two trees use disjoint slots
                final int slot = (int)p[1] * 2 + tree;
                sort.add(p[0], slot);
                expected.add(new long[] {p[0], slot});
            }
            sort.sort();
            buckets.build(tree, sort.slots(), sort.keys(), sort.size(), sort.spare());
            assertThat(read(buckets, tree)).containsExactlyElementsOf(expected);
            for (int op = 0; op < 500; op++)
            {
                final int slot = random.nextInt(slots / 2) * 2 + tree;
                expected.removeIf(p -> p[1] == slot);
                if (random.nextBoolean())
                {
                    final long key = random.nextInt(8) << 20;
                    buckets.set(slot, tree, key);
                    expected.add(new long[] {key, slot});
                }
                else
                {
                    buckets.remove(slot, tree);
                }
            }
            assertThat(read(buckets, tree)).containsExactlyElementsOf(expected);
        }
    }

    private static List<long[]> read(final AdlBuckets buckets, final int tree)
    {
        final List<long[]> read = new ArrayList<>();
        for (int s = buckets.ceiling(tree, 0); s != AdlBuckets.NONE; s = buckets.successor(s))
        {
            read.add(new long[] {buckets.key(s), s});
        }
        return read;
    }
}
