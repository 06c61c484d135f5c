package com.liqengine.liquidation.adl;

import java.util.Arrays;

/**
 * The ADL queues' base-equity order: per instrument and side, a treap (a binary search tree balanced by a
 * priority drawn from the slot number, so the same on every run) of the positions by key, the key being the bucket
 * of the base equity per unit first and the entry price, best first, after it ({@link AdlQueues#baseKey}); equal
 * keys by exact class ({@link AdlQueues#exactClass}), then account id, as the ranking breaks ties, so the positions of
 * one exact class (ranked exactly alike) follow each other in the order they are handed out. Unlike a
 * heap it can be read from any bucket on ({@link #ceiling}) in key order ({@link #successor}), so each bucket is read
 * only as far as its entries can still beat the best rank. Nodes are the slots; nothing is allocated once built.
 */
final class AdlBuckets
{
    static final int NONE = -1;
    /** The parent of a slot not in any tree. */
    private static final int OUT = -2;
    private static final int LEFT = 0;
    private static final int RIGHT = 1;
    private static final int PARENT = 2;

    /**
     * Per slot, its left child, right child and parent, side by side (12 bytes: the linear build and the reads
     * touch mostly one cache line a node, not one per array).
     */
    private final int[] links;
    private final long[] keys;
    /** Per slot, what orders equal keys: its exact class ({@link AdlQueues#exactClass}), then its account id. */
    private final long[] ties;
    private final long[] ids;
    private final int[] roots;

    AdlBuckets(final int slots, final int trees)
    {
        this.links = new int[3 * slots];
        this.keys = new long[slots];
        this.ties = new long[slots];
        this.ids = new long[slots];
        this.roots = new int[trees];
        for (int s = 0; s < slots; s++)
        {
            links[3 * s + PARENT] = OUT;
        }
        Arrays.fill(roots, NONE);
    }

    long key(final int slot)
    {
        return keys[slot];
    }

    long tie(final int slot)
    {
        return ties[slot];
    }

    /** The slot's key and its order among equal keys, its exact class then account id (before {@link #build}). */
    void label(final int slot, final long key, final long tie, final long id)
    {
        keys[slot] = key;
        ties[slot] = tie;
        ids[slot] = id;
    }

    /** The per-slot exact classes the tree orders equal keys by (a rebuild's sort reads them), by slot. */
    long[] ties()
    {
        return ties;
    }

    /** The per-slot account ids the tree orders equal keys and classes by, by slot. */
    long[] ids()
    {
        return ids;
    }

    /**
     * Puts the slot in {@code tree} with {@code key}, ordered among equal keys by {@code tie} then {@code id}; a slot
     * already in a tree must be in that one.
     */
    void set(final int slot, final int tree, final long key, final long tie, final long id)
    {
        if (links[3 * slot + PARENT] != OUT)
        {
            if (keys[slot] == key && ties[slot] == tie && ids[slot] == id)
            {
                return;
            }
            remove(slot, tree);
        }
        keys[slot] = key;
        ties[slot] = tie;
        ids[slot] = id;
        links[3 * slot + LEFT] = NONE;
        links[3 * slot + RIGHT] = NONE;
        int node = roots[tree];
        if (node == NONE)
        {
            roots[tree] = slot;
            links[3 * slot + PARENT] = NONE;
            return;
        }
        while (true)
        {
            if (before(slot, node))
            {
                if (links[3 * node + LEFT] == NONE)
                {
                    links[3 * node + LEFT] = slot;
                    break;
                }
                node = links[3 * node + LEFT];
            }
            else
            {
                if (links[3 * node + RIGHT] == NONE)
                {
                    links[3 * node + RIGHT] = slot;
                    break;
                }
                node = links[3 * node + RIGHT];
            }
        }
        links[3 * slot + PARENT] = node;
        while (links[3 * slot + PARENT] != NONE && priority(slot) > priority(links[3 * slot + PARENT]))
        {
            rotateUp(slot, tree);
        }
    }

    /** Takes the slot out of {@code tree}, where it is if it is in one. */
    void remove(final int slot, final int tree)
    {
        if (links[3 * slot + PARENT] == OUT)
        {
            return;
        }
        while (links[3 * slot + LEFT] != NONE || links[3 * slot + RIGHT] != NONE)
        {
            final int l = links[3 * slot + LEFT];
            final int r = links[3 * slot + RIGHT];
            rotateUp(l == NONE ? r : r == NONE ? l : priority(l) > priority(r) ? l : r, tree);
        }
        final int p = links[3 * slot + PARENT];
        if (p == NONE)
        {
            roots[tree] = NONE;
        }
        else if (links[3 * p + LEFT] == slot)
        {
            links[3 * p + LEFT] = NONE;
        }
        else
        {
            links[3 * p + RIGHT] = NONE;
        }
        links[3 * slot + PARENT] = OUT;
    }

    /** Takes the slot out of whatever tree holds it without relinking that tree: a rebuild's, all its slots. */
    void detach(final int slot)
    {
        links[3 * slot + PARENT] = OUT;
    }

    /**
     * Makes {@code tree} of the slots {@code sorted[0..count)}, {@link #label}ed and in the tree's order ({@link
     * #before}), in O(count):
     * the Cartesian tree of the sequence by priority (a stack of the right spine), which is the one treap of those
     * keys, the tree the same slots inserted one by one would make. The tree's former slots must be detached.
     */
    void build(final int tree, final int[] sorted, final int count, final int[] stack)
    {
        int depth = 0;
        for (int n = 0; n < count; n++)
        {
            final int slot = sorted[n];
            links[3 * slot + RIGHT] = NONE;
            int last = NONE;
            while (depth > 0 && priority(stack[depth - 1]) < priority(slot))
            {
                last = stack[--depth];
            }
            links[3 * slot + LEFT] = last;
            if (last != NONE)
            {
                links[3 * last + PARENT] = slot;
            }
            if (depth > 0)
            {
                final int above = stack[depth - 1];
                links[3 * above + RIGHT] = slot;
                links[3 * slot + PARENT] = above;
            }
            else
            {
                links[3 * slot + PARENT] = NONE;
            }
            stack[depth++] = slot;
        }
        roots[tree] = depth > 0 ? stack[0] : NONE;
    }

    /** The first slot of the tree whose key is at least {@code key}, or {@link #NONE}. */
    int ceiling(final int tree, final long key)
    {
        int node = roots[tree];
        int found = NONE;
        while (node != NONE)
        {
            if (keys[node] >= key)
            {
                found = node;
                node = links[3 * node + LEFT];
            }
            else
            {
                node = links[3 * node + RIGHT];
            }
        }
        return found;
    }

    /** The first slot of the tree whose (key, tie) is above {@code (key, tie)}, or {@link #NONE}. */
    int higher(final int tree, final long key, final long tie)
    {
        int node = roots[tree];
        int found = NONE;
        while (node != NONE)
        {
            if (keys[node] > key || keys[node] == key && ties[node] > tie)
            {
                found = node;
                node = links[3 * node + LEFT];
            }
            else
            {
                node = links[3 * node + RIGHT];
            }
        }
        return found;
    }

    /** The slot after this one in key order, or {@link #NONE}. */
    int successor(final int slot)
    {
        int node = links[3 * slot + RIGHT];
        if (node != NONE)
        {
            while (links[3 * node + LEFT] != NONE)
            {
                node = links[3 * node + LEFT];
            }
            return node;
        }
        node = slot;
        int p = links[3 * node + PARENT];
        while (p != NONE && links[3 * p + RIGHT] == node)
        {
            node = p;
            p = links[3 * node + PARENT];
        }
        return p;
    }

    /** Key order, then the tie, the account id and the slot number: a total order. */
    private boolean before(final int a, final int b)
    {
        return keys[a] < keys[b] || keys[a] == keys[b] && tiedBefore(ties, ids, a, b);
    }

    /** Among equal keys: the tie, then the account id, then the slot (a stale entry may share an account's id). */
    static boolean tiedBefore(final long[] ties, final long[] ids, final int a, final int b)
    {
        return ties[a] < ties[b] || ties[a] == ties[b] && (ids[a] < ids[b] || ids[a] == ids[b] && a < b);
    }

    /** A fixed priority per slot (an invertible mix, so no two slots tie). */
    private static int priority(final int slot)
    {
        int h = slot * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    /** Rotates {@code node} above its parent. */
    private void rotateUp(final int node, final int tree)
    {
        final int p = links[3 * node + PARENT];
        final int g = links[3 * p + PARENT];
        if (links[3 * p + LEFT] == node)
        {
            links[3 * p + LEFT] = links[3 * node + RIGHT];
            if (links[3 * node + RIGHT] != NONE)
            {
                links[3 * (links[3 * node + RIGHT]) + PARENT] = p;
            }
            links[3 * node + RIGHT] = p;
        }
        else
        {
            links[3 * p + RIGHT] = links[3 * node + LEFT];
            if (links[3 * node + LEFT] != NONE)
            {
                links[3 * (links[3 * node + LEFT]) + PARENT] = p;
            }
            links[3 * node + LEFT] = p;
        }
        links[3 * p + PARENT] = node;
        links[3 * node + PARENT] = g;
        if (g == NONE)
        {
            roots[tree] = node;
        }
        else if (links[3 * g + LEFT] == p)
        {
            links[3 * g + LEFT] = node;
        }
        else
        {
            links[3 * g + RIGHT] = node;
        }
    }
}
