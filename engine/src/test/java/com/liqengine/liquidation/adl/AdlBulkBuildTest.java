package com.liqengine.liquidation.adl;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of a side's bulk rebuild: {@link AdlKeySort} orders (key, slot) pairs as the tree does (key, then the
 * slots' ties, account ids and slot numbers), and a tree made
 * by {@link AdlBuckets#build} from them reads in that order and stays a search tree through later updates one by one.
 */
class AdlBulkBuildTest
{
    private static final int SLOTS = 1 << 20;
    /** Per slot, the tie and account id the tree orders equal keys by (set per round). */
    private final long[] ties = new long[SLOTS];
    private final long[] ids = new long[SLOTS];

    /** The tree's order: key, then tie, account id and slot. */
    private Comparator<long[]> treeOrder()
    {
        return Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> ties[(int)p[1]])
            .thenComparingLong(p -> ids[(int)p[1]]).thenComparingLong(p -> p[1]);
    }

    /**
     * Ties and ids for the slots: all alike (the order by slot), or a few classes and account ids that mostly follow
     * the slots, or not at all, some shared (a stale entry keeps the id of an account that holds another slot).
     */
    private void label(final SplittableRandom random)
    {
        final int kind = random.nextInt(3);
        for (int s = 0; s < SLOTS; s++)
        {
            ties[s] = kind == 0 ? 0 : random.nextInt(4) == 0 ? AdlQueues.NOT_EXACT : random.nextInt(3);
            ids[s] = kind == 0 ? 0 : kind == 1 ? s + random.nextInt(3) : random.nextInt(SLOTS / 4);
        }
    }

    /**
     * Keys from a few values (many ties), spread over 63 bits, shaped as base keys (a few bucket bits and an integer
     * entry price's bits varying, the bits between shared), or varying in many short runs of bits (over 63 bits, or
     * few enough to be packed with the slot); slots distinct,
     * above 2^16 too, in random order, rising or falling (as the holders list gives them).
     */
    private static List<long[]> pairs(final SplittableRandom random, final int count, final int slots)
    {
        final int shape = random.nextInt(4);
        final boolean shorts = random.nextBoolean();
        final List<long[]> pairs = new ArrayList<>();
        final Set<Integer> used = new HashSet<>();
        for (int n = 0; n < count; n++)
        {
            int slot = random.nextInt(slots);
            while (!used.add(slot))
            {
                slot = random.nextInt(slots);
            }
            final long key = switch (shape)
            {
                case 0 -> random.nextInt(4) << 20;
                case 1 -> random.nextLong() >>> 1;
                case 2 -> AdlQueues.baseKey(1_000 + random.nextInt(20_000), 2_900_000 + random.nextInt(300_000),
                    shorts);
                default -> random.nextLong() & (random.nextBoolean() ? 0x2492_4924_9249_2492L : 0x0249_2492L);
            };
            pairs.add(new long[] {key, slot});
        }
        final int slotOrder = random.nextInt(3);
        if (slotOrder > 0)
        {
            final Comparator<long[]> bySlot = Comparator.comparingLong(p -> p[1]);
            pairs.sort(slotOrder == 1 ? bySlot : bySlot.reversed());
        }
        return pairs;
    }

    @Test
    void theSortOrdersPairsAsTheTree()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final AdlKeySort sort = new AdlKeySort(0);
        for (int round = 0; round < 200; round++)
        {
            label(random);
            final List<long[]> pairs = pairs(random, random.nextInt(3_000), round % 2 == 0 ? 4_000 : SLOTS);
            sort.reset(random.nextInt(100));
            for (final long[] p : pairs)
            {
                sort.add(p[0], (int)p[1]);
            }
            pairs.sort(treeOrder());
            sort.sort(ties, ids);
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
        label(random);
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
            final TreeSet<long[]> expected = new TreeSet<>(treeOrder());
            for (final long[] p : pairs)
            {
                // the two trees use disjoint slots
                final int slot = (int)p[1] * 2 + tree;
                buckets.label(slot, p[0], ties[slot], ids[slot]);
                sort.add(p[0], slot);
                expected.add(new long[] {p[0], slot});
            }
            sort.sort(ties, ids);
            buckets.build(tree, sort.slots(), sort.size(), sort.spare());
            assertThat(read(buckets, tree)).containsExactlyElementsOf(expected);
            for (int op = 0; op < 500; op++)
            {
                final int slot = random.nextInt(slots / 2) * 2 + tree;
                expected.removeIf(p -> p[1] == slot);
                if (random.nextBoolean())
                {
                    final long key = random.nextInt(8) << 20;
                    buckets.set(slot, tree, key, ties[slot], ids[slot]);
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
