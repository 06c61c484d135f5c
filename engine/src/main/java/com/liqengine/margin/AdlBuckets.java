package com.liqengine.margin;

import java.util.Arrays;

/**
 * The ADL queues' base-equity order: per instrument and side, a treap (a binary search tree balanced by a
 * priority drawn from the slot number, so the same on every run) of the positions by key, the key being the bucket
 * of the base equity per unit first and the entry price, best first, after it ({@link AdlQueues#baseKey}). Unlike a
 * heap it can be read from any bucket on ({@link #ceiling}) in key order ({@link #successor}), so each bucket is read
 * only as far as its entries can still beat the best rank. Nodes are the slots; nothing is allocated once built.
 */
final class AdlBuckets
{
    static final int NONE = -1;
    /** The parent of a slot not in any tree. */
    private static final int OUT = -2;

    private final int[] left;
    private final int[] right;
    private final int[] parent;
    private final long[] keys;
    private final int[] roots;

    AdlBuckets(final int slots, final int trees)
    {
        this.left = new int[slots];
        this.right = new int[slots];
        this.parent = new int[slots];
        this.keys = new long[slots];
        this.roots = new int[trees];
        Arrays.fill(parent, OUT);
        Arrays.fill(roots, NONE);
    }

    long key(final int slot)
    {
        return keys[slot];
    }

    /** Puts the slot in {@code tree} with {@code key}; a slot already in a tree must be in that one. */
    void set(final int slot, final int tree, final long key)
    {
        if (parent[slot] != OUT)
        {
            if (keys[slot] == key)
            {
                return;
            }
            remove(slot, tree);
        }
        keys[slot] = key;
        left[slot] = NONE;
        right[slot] = NONE;
        int node = roots[tree];
        if (node == NONE)
        {
            roots[tree] = slot;
            parent[slot] = NONE;
            return;
        }
        while (true)
        {
            if (before(slot, node))
            {
                if (left[node] == NONE)
                {
                    left[node] = slot;
                    break;
                }
                node = left[node];
            }
            else
            {
                if (right[node] == NONE)
                {
                    right[node] = slot;
                    break;
                }
                node = right[node];
            }
        }
        parent[slot] = node;
        while (parent[slot] != NONE && priority(slot) > priority(parent[slot]))
        {
            rotateUp(slot, tree);
        }
    }

    /** Takes the slot out of {@code tree}, where it is if it is in one. */
    void remove(final int slot, final int tree)
    {
        if (parent[slot] == OUT)
        {
            return;
        }
        while (left[slot] != NONE || right[slot] != NONE)
        {
            final int l = left[slot];
            final int r = right[slot];
            rotateUp(l == NONE ? r : r == NONE ? l : priority(l) > priority(r) ? l : r, tree);
        }
        final int p = parent[slot];
        if (p == NONE)
        {
            roots[tree] = NONE;
        }
        else if (left[p] == slot)
        {
            left[p] = NONE;
        }
        else
        {
            right[p] = NONE;
        }
        parent[slot] = OUT;
    }

    /** Takes the slot out of whatever tree holds it without relinking that tree: a rebuild's, all its slots. */
    void detach(final int slot)
    {
        parent[slot] = OUT;
    }

    /**
     * Makes {@code tree} of the slots {@code sorted[0..count)} with these keys, in key then slot order, in O(count):
     * the Cartesian tree of the sequence by priority (a stack of the right spine), which is the one treap of those
     * keys, the tree the same slots inserted one by one would make. The tree's former slots must be detached.
     */
    void build(final int tree, final int[] sorted, final long[] sortedKeys, final int count, final int[] stack)
    {
        int depth = 0;
        for (int n = 0; n < count; n++)
        {
            final int slot = sorted[n];
            keys[slot] = sortedKeys[n];
            right[slot] = NONE;
            int last = NONE;
            while (depth > 0 && priority(stack[depth - 1]) < priority(slot))
            {
                last = stack[--depth];
            }
            left[slot] = last;
            if (last != NONE)
            {
                parent[last] = slot;
            }
            if (depth > 0)
            {
                right[stack[depth - 1]] = slot;
                parent[slot] = stack[depth - 1];
            }
            else
            {
                parent[slot] = NONE;
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
                node = left[node];
            }
            else
            {
                node = right[node];
            }
        }
        return found;
    }

    /** The slot after this one in key order, or {@link #NONE}. */
    int successor(final int slot)
    {
        int node = right[slot];
        if (node != NONE)
        {
            while (left[node] != NONE)
            {
                node = left[node];
            }
            return node;
        }
        node = slot;
        int p = parent[node];
        while (p != NONE && right[p] == node)
        {
            node = p;
            p = parent[node];
        }
        return p;
    }

    /** Key order, then the slot number: a total order. */
    private boolean before(final int a, final int b)
    {
        return keys[a] < keys[b] || keys[a] == keys[b] && a < b;
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
        final int p = parent[node];
        final int g = parent[p];
        if (left[p] == node)
        {
            left[p] = right[node];
            if (right[node] != NONE)
            {
                parent[right[node]] = p;
            }
            right[node] = p;
        }
        else
        {
            right[p] = left[node];
            if (left[node] != NONE)
            {
                parent[left[node]] = p;
            }
            left[node] = p;
        }
        parent[p] = node;
        parent[node] = g;
        if (g == NONE)
        {
            roots[tree] = node;
        }
        else if (left[g] == p)
        {
            left[g] = node;
        }
        else
        {
            right[g] = node;
        }
    }
}
