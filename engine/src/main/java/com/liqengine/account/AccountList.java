package com.liqengine.account;

import java.util.Arrays;

/**
 * A set of account indices in the order they were added, linked through one {@code int} per account: adding,
 * asking and emptying cost nothing per account not in it, and no bound on its length is needed (auto-deleveraging's
 * accounts closed against, docs/liquidation.md).
 */
public final class AccountList
{
    public static final int NONE = -1;
    private static final int NOT_LISTED = -2;

    private final int[] next;
    private int first = NONE;
    private int last = NONE;

    public AccountList(final int maxAccounts)
    {
        this.next = new int[maxAccounts];
        Arrays.fill(next, NOT_LISTED);
    }

    /** Adds an account at the end, unless it is in already. */
    public void add(final int accountIndex)
    {
        if (next[accountIndex] != NOT_LISTED)
        {
            return;
        }
        next[accountIndex] = NONE;
        if (last == NONE)
        {
            first = accountIndex;
        }
        else
        {
            next[last] = accountIndex;
        }
        last = accountIndex;
    }

    public boolean contains(final int accountIndex)
    {
        return next[accountIndex] != NOT_LISTED;
    }

    /** The first account added, or {@link #NONE}. */
    public int first()
    {
        return first;
    }

    /** The account added after this one, or {@link #NONE}. */
    public int next(final int accountIndex)
    {
        return next[accountIndex];
    }

    /** Empties the list: a walk of what it holds. */
    public void clear()
    {
        int a = first;
        while (a != NONE)
        {
            final int following = next[a];
            next[a] = NOT_LISTED;
            a = following;
        }
        first = NONE;
        last = NONE;
    }
}
