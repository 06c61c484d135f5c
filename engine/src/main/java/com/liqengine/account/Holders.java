package com.liqengine.account;

import com.liqengine.index.LiquidationIndex;

/**
 * The open positions of one instrument in registration order of their accounts, for the inputs that visit every
 * holder (funding, the full-scan instrument check): O(h log h) for h holders, whatever the number of accounts.
 * It walks the instrument's stored slots, flat ones with settings included. One pre-sized array, reused; read
 * the result before the next {@link #collect}.
 */
public final class Holders
{
    private static final long SLOT_MASK = 0xFFFF_FFFFL;

    private final Slots slots;
    private final long[] ordered;

    public Holders(final Slots slots)
    {
        this.slots = slots;
        this.ordered = new long[slots.capacity()];
    }

    /**
     * Collects the instrument's holders, sorted by account registration order.
     *
     * @return how many.
     */
    public int collect(final int instrumentId)
    {
        int count = 0;
        for (int s = slots.firstHolder(instrumentId); s != Slots.NONE; s = slots.nextHolder(s))
        {
            if (slots.size(s) != 0)
            {
                ordered[count++] = ((long)slots.account[s] << 32) | s;
            }
        }
        LiquidationIndex.sort(ordered, count);
        return count;
    }

    public int slot(final int n)
    {
        return (int)(ordered[n] & SLOT_MASK);
    }

    public int account(final int n)
    {
        return (int)(ordered[n] >>> 32);
    }
}
