package com.liqengine.margin;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Every account's id, cross wallet, cross flags, first slot and open cross positions, by registration order, in
 * one 32-byte record per account (four longs after a pad that puts every record of a large array inside one cache
 * line): a fill reads one line of its account instead of one per array. Its (account, instrument) slots are in
 * {@link Slots}. Pre-sized; no allocation once built.
 */
final class Accounts
{
    static final int MISSING = -1;
    private static final float LOAD_FACTOR = 0.65f;

    private static final int WALLET = 0;
    /** First slot (bits 0-31), open cross positions (32-47), cross margin call, cross in liquidation (48, 49). */
    private static final int LINKS = 1;
    private static final int ID = 2;
    private static final int SHIFT = 2;
    /** A long[]'s elements start 16 bytes in, and G1 starts a large array at a region: 6 words align records. */
    private static final int PAD = 6;
    private static final long FIRST_SLOT_MASK = 0xFFFF_FFFFL;
    private static final int OPEN_CROSS_SHIFT = 32;
    private static final long OPEN_CROSS_MASK = 0xFFFFL;
    private static final long MARGIN_CALL = 1L << 48;
    private static final long IN_LIQUIDATION = 1L << 49;
    /** The links of an account without slots. */
    private static final long NO_SLOTS = Slots.NONE & FIRST_SLOT_MASK;

    private final int maxAccounts;
    private final Long2LongHashMap indexById;
    private final long[] records;
    private int count;

    Accounts(final int maxAccounts)
    {
        this.maxAccounts = maxAccounts;
        // sized so that it never grows: a table of the next power of two above maxAccounts / 0.65
        this.indexById = new Long2LongHashMap((int)Math.max(8, (long)(maxAccounts / LOAD_FACTOR) + 1), LOAD_FACTOR,
            MISSING);
        this.records = new long[PAD + (maxAccounts << SHIFT)];
        for (int a = 0; a < maxAccounts; a++)
        {
            records[at(a) + LINKS] = NO_SLOTS;
        }
    }

    private static int at(final int index)
    {
        return PAD + (index << SHIFT);
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
        return records[at(index) + ID];
    }

    int maxAccounts()
    {
        return maxAccounts;
    }

    long crossWallet(final int index)
    {
        return records[at(index) + WALLET];
    }

    void setCrossWallet(final int index, final long wallet)
    {
        records[at(index) + WALLET] = wallet;
    }

    boolean crossMarginCall(final int index)
    {
        return (records[at(index) + LINKS] & MARGIN_CALL) != 0;
    }

    void setCrossMarginCall(final int index, final boolean called)
    {
        setFlag(index, MARGIN_CALL, called);
    }

    /** A cross account with an open liquidation order (docs/liquidation.md): its cross check does not run. */
    boolean crossInLiquidation(final int index)
    {
        return (records[at(index) + LINKS] & IN_LIQUIDATION) != 0;
    }

    void setCrossInLiquidation(final int index, final boolean inLiquidation)
    {
        setFlag(index, IN_LIQUIDATION, inLiquidation);
    }

    /** The account's first stored slot (instrument order), or {@link Slots#NONE} (kept by {@link Slots}). */
    int firstSlot(final int index)
    {
        return (int)records[at(index) + LINKS];
    }

    void setFirstSlot(final int index, final int slot)
    {
        final int at = at(index) + LINKS;
        records[at] = (records[at] & ~FIRST_SLOT_MASK) | (slot & FIRST_SLOT_MASK);
    }

    /** The account's open cross positions (kept by {@link Slots}; at most maxInstruments). */
    int openCross(final int index)
    {
        return (int)(records[at(index) + LINKS] >>> OPEN_CROSS_SHIFT & OPEN_CROSS_MASK);
    }

    void addOpenCross(final int index, final int delta)
    {
        records[at(index) + LINKS] += (long)delta << OPEN_CROSS_SHIFT;
    }

    private void setFlag(final int index, final long flag, final boolean on)
    {
        final int at = at(index) + LINKS;
        records[at] = on ? records[at] | flag : records[at] & ~flag;
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
        records[at(index) + ID] = accountId;
        indexById.put(accountId, index);
        return index;
    }

    /**
     * Money into the insurance fund's wallet (out of it when negative), which saturates at {@code ±2^62}
     * (docs/margin.md section 1): what the fund receives or pays comes from inputs that cannot be refused.
     */
    void payFund(final int fundIndex, final long amount)
    {
        setCrossWallet(fundIndex, FixedPoint.addSaturated(crossWallet(fundIndex), amount, FixedPoint.FUND_SATURATION));
    }

    /** Forgets every account, before a restore (cold path); their slots are forgotten by {@link Slots#reset}. */
    void reset()
    {
        indexById.clear();
        Arrays.fill(records, 0, at(count), 0);
        for (int a = 0; a < count; a++)
        {
            records[at(a) + LINKS] = NO_SLOTS;
        }
        count = 0;
    }
}
