package com.liqengine.margin;

import java.util.Arrays;

/**
 * What the ADL queues' keys wait for (docs/liquidation.md, "Finding the counterparties"): a band refresh, on the fill
 * and tick paths, only marks the account here (one flag, tested first); the keys are brought up to date when an ADL
 * searches a side. Then the marked accounts' positions are handed to the lists of the sides they are on (each list is
 * intrusive and doubly linked, so a position that moved to another side since it was listed moves to that side's
 * list), and the searched side's list is keyed. Every array is sized once; nothing is allocated after.
 */
final class AdlPending
{
    static final int NONE = -1;

    /** Per account, whether it is in {@link #markedAccounts}. */
    private final boolean[] marked;
    private final int[] markedAccounts;
    private int markedCount;
    /** Per slot, the side whose list holds it, + 1; 0 when in none. */
    private final int[] listOf;
    private final int[] next;
    private final int[] previous;
    /** Per side, the first slot of its list, or {@link #NONE}. */
    private final int[] heads;
    /** Per side, how many slots its list holds. */
    private final int[] counts;

    AdlPending(final int maxAccounts, final int maxSlots, final int sides)
    {
        this.marked = new boolean[maxAccounts];
        this.markedAccounts = new int[maxAccounts];
        this.listOf = new int[maxSlots];
        this.next = new int[maxSlots];
        this.previous = new int[maxSlots];
        this.heads = new int[sides];
        this.counts = new int[sides];
        Arrays.fill(heads, NONE);
    }

    /** The account's keys may have changed (its bands were refreshed): O(1), listed once until the next search. */
    void markAccount(final int accountIndex)
    {
        if (!marked[accountIndex])
        {
            marked[accountIndex] = true;
            markedAccounts[markedCount++] = accountIndex;
        }
    }

    int markedCount()
    {
        return markedCount;
    }

    int markedAccount(final int n)
    {
        return markedAccounts[n];
    }

    /** Forgets the marks, once every marked account's positions are listed. */
    void clearMarks()
    {
        for (int n = 0; n < markedCount; n++)
        {
            marked[markedAccounts[n]] = false;
        }
        markedCount = 0;
    }

    /** Lists the slot on {@code side}; out of the list of another side first. */
    void list(final int slot, final int side)
    {
        final int in = listOf[slot] - 1;
        if (in == side)
        {
            return;
        }
        if (in >= 0)
        {
            unlist(slot);
        }
        final int head = heads[side];
        next[slot] = head;
        previous[slot] = NONE;
        if (head != NONE)
        {
            previous[head] = slot;
        }
        heads[side] = slot;
        listOf[slot] = side + 1;
        counts[side]++;
    }

    /** The first slot of the side's list, or {@link #NONE}. */
    int first(final int side)
    {
        return heads[side];
    }

    /** Takes the slot out of its list (it must be in one). */
    void unlist(final int slot)
    {
        final int side = listOf[slot] - 1;
        final int after = next[slot];
        final int before = previous[slot];
        if (before == NONE)
        {
            heads[side] = after;
        }
        else
        {
            next[before] = after;
        }
        if (after != NONE)
        {
            previous[after] = before;
        }
        listOf[slot] = 0;
        counts[side]--;
    }

    /**
     * Takes the slot out of a list other than {@code side}'s, if it is in one: a position of a side about to be
     * keyed anew in bulk, which is not listed but must not wait on another side's list either.
     */
    void unlistElsewhere(final int slot, final int side)
    {
        final int in = listOf[slot] - 1;
        if (in >= 0 && in != side)
        {
            unlist(slot);
        }
    }

    /** Empties the side's list (a bulk rebuild keys all its positions). */
    void clear(final int side)
    {
        for (int s = heads[side]; s != NONE; s = next[s])
        {
            listOf[s] = 0;
        }
        heads[side] = NONE;
        counts[side] = 0;
    }

    /** How many slots the side's list holds. */
    int count(final int side)
    {
        return counts[side];
    }
}
