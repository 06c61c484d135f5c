package com.liqengine.margin;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Every account's id, cross wallet and cross margin-call flag, in flat pre-sized arrays indexed by registration
 * order: no allocation once built. Its (account, instrument) slots are in {@link Slots}.
 */
final class Accounts
{
    static final int MISSING = -1;
    private static final float LOAD_FACTOR = 0.65f;

    private final int maxAccounts;
    private final Long2LongHashMap indexById;
    private final long[] ids;
    private int count;

    final long[] crossWallet;
    final boolean[] crossMarginCall;
    /** A cross account with an open liquidation order (docs/liquidation.md): its cross check does not run. */
    final boolean[] crossInLiquidation;

    Accounts(final int maxAccounts)
    {
        this.maxAccounts = maxAccounts;
        // sized so that it never grows: a table of the next power of two above maxAccounts / 0.65
        this.indexById = new Long2LongHashMap((int)Math.max(8, (long)(maxAccounts / LOAD_FACTOR) + 1), LOAD_FACTOR,
            MISSING);
        this.ids = new long[maxAccounts];
        this.crossWallet = new long[maxAccounts];
        this.crossMarginCall = new boolean[maxAccounts];
        this.crossInLiquidation = new boolean[maxAccounts];
    }

    int count()
    {
        return count;
    }

    int indexOf(final long accountId)
    {
        return (int)indexById.get(accountId);
    }

    long idAt(final int index)
    {
        return ids[index];
    }

    int maxAccounts()
    {
        return maxAccounts;
    }

    /**
     * Opens an account (or registers one of a restored state) at the next index.
     *
     * @return the new index, or {@link #MISSING} when full or the id is already registered.
     */
    int open(final long accountId)
    {
        if (count == maxAccounts || indexById.get(accountId) != MISSING)
        {
            return MISSING;
        }
        final int index = count++;
        ids[index] = accountId;
        indexById.put(accountId, index);
        return index;
    }

    /**
     * Money into the insurance fund's wallet (out of it when negative), which saturates at {@code ±2^62}
     * (docs/margin.md section 1): what the fund receives or pays comes from inputs that cannot be refused.
     */
    void payFund(final int fundIndex, final long amount)
    {
        crossWallet[fundIndex] = FixedPoint.addSaturated(crossWallet[fundIndex], amount, FixedPoint.FUND_SATURATION);
    }

    /** Forgets every account, before a restore (cold path). */
    void reset()
    {
        indexById.clear();
        Arrays.fill(ids, 0, count, 0);
        Arrays.fill(crossWallet, 0, count, 0);
        Arrays.fill(crossMarginCall, 0, count, false);
        Arrays.fill(crossInLiquidation, 0, count, false);
        count = 0;
    }
}
