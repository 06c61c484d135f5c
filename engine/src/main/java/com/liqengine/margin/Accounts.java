package com.liqengine.margin;

import com.liqengine.codec.MarginMode;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Every account's cross wallet and its per-instrument slots (mode, leverage, size, cost basis, isolated pool,
 * margin-call flag), in flat pre-sized arrays indexed by registration order: no allocation once built.
 * A slot's index is {@code accountIndex * maxInstruments + instrumentId}.
 */
final class Accounts
{
    static final int MISSING = -1;

    private final int maxAccounts;
    private final int maxInstruments;
    private final Long2LongHashMap indexById;
    private final long[] ids;
    private int count;

    final long[] crossWallet;
    final boolean[] crossMarginCall;
    final long[] size;
    final long[] cost;
    final long[] pool;
    final boolean[] isolated;
    final int[] leverage;
    final boolean[] marginCall;

    Accounts(final int maxAccounts, final int maxInstruments)
    {
        this.maxAccounts = maxAccounts;
        this.maxInstruments = maxInstruments;
        this.indexById = new Long2LongHashMap(Math.max(8, maxAccounts * 2), 0.5f, MISSING);
        this.ids = new long[maxAccounts];
        this.crossWallet = new long[maxAccounts];
        this.crossMarginCall = new boolean[maxAccounts];
        final int slots = maxAccounts * maxInstruments;
        this.size = new long[slots];
        this.cost = new long[slots];
        this.pool = new long[slots];
        this.isolated = new boolean[slots];
        this.leverage = new int[slots];
        this.marginCall = new boolean[slots];
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

    int slot(final int accountIndex, final int instrumentId)
    {
        return accountIndex * maxInstruments + instrumentId;
    }

    int maxAccounts()
    {
        return maxAccounts;
    }

    int maxInstruments()
    {
        return maxInstruments;
    }

    /**
     * Opens an account; its slots take each defined instrument's defaults.
     *
     * @return the new index, or {@link #MISSING} when full.
     */
    int open(final long accountId, final Instrument[] instruments)
    {
        if (count == maxAccounts)
        {
            return MISSING;
        }
        final int index = count++;
        ids[index] = accountId;
        indexById.put(accountId, index);
        for (final Instrument instrument : instruments)
        {
            if (instrument.defined)
            {
                applyDefaults(slot(index, instrument.id), instrument);
            }
        }
        return index;
    }

    /** Forgets every account and zeroes their slots, before a restore (cold path). */
    void reset()
    {
        indexById.clear();
        Arrays.fill(ids, 0, count, 0);
        Arrays.fill(crossWallet, 0, count, 0);
        Arrays.fill(crossMarginCall, 0, count, false);
        final int slots = count * maxInstruments;
        Arrays.fill(size, 0, slots, 0);
        Arrays.fill(cost, 0, slots, 0);
        Arrays.fill(pool, 0, slots, 0);
        Arrays.fill(isolated, 0, slots, false);
        Arrays.fill(leverage, 0, slots, 0);
        Arrays.fill(marginCall, 0, slots, false);
        count = 0;
    }

    /**
     * Registers an account of a restored state at the next index, its slots left as they are.
     *
     * @return the new index, or {@link #MISSING} when full or the id is already registered.
     */
    int register(final long accountId)
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

    void applyDefaults(final int slot, final Instrument instrument)
    {
        // the insurance fund (index 0, the first account opened) is always cross
        isolated[slot] = slot >= maxInstruments && instrument.defaultMode == MarginMode.ISOLATED;
        leverage[slot] = instrument.defaultLeverage;
    }
}
