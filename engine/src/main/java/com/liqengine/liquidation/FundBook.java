package com.liqengine.liquidation;

import com.liqengine.account.Accounts;
import com.liqengine.account.Instrument;
import com.liqengine.account.Ledger;
import com.liqengine.account.Slots;
import com.liqengine.math.FixedPoint;

/**
 * Books a taken-over position into the insurance fund's slot (docs/margin.md, section 6): adds to a position
 * on the same side, or closes against an opposite one (realizing PnL to the fund's wallet) and opens the rest.
 * Takeovers cannot be refused, so the fund's size, cost and wallet saturate at {@code ±2^62} (section 1).
 */
public final class FundBook
{
    private static final long LIMIT = FixedPoint.FUND_SATURATION;

    private final Accounts accounts;
    private final Slots slots;
    private final Ledger ledger;
    private final Instrument[] instruments;
    private final int fundIndex;

    public FundBook(
        final Accounts accounts, final Slots slots, final Ledger ledger, final Instrument[] instruments,
        final int fundIndex)
    {
        this.accounts = accounts;
        this.slots = slots;
        this.ledger = ledger;
        this.instruments = instruments;
        this.fundIndex = fundIndex;
    }

    /**
     * Books signed size {@code size} at exact signed cost {@code value} (both within {@code ±2^61}) into the fund.
     */
    public void book(final int instrumentId, final long size, final long value)
    {
        int slot = slots.find(fundIndex, instrumentId);
        if (slot == Slots.NONE)
        {
            // the fund has a slot of every instrument reserved
            slot = slots.open(fundIndex, instruments[instrumentId]);
        }
        long quantity = slots.size(slot);
        long cost = slots.cost(slot);
        long realized = 0;
        long openSize = size;
        long openValue = value;
        if (quantity != 0 && Long.signum(quantity) != Long.signum(size))
        {
            final long held = Math.abs(quantity);
            final long closed = Math.min(Math.abs(size), held);
            final long closedValue = FixedPoint.mulDivFloor(value, closed, Math.abs(size));
            final long remainingCost = FixedPoint.mulDivFloor(cost, held - closed, held);
            // |cost − remainingCost| ≤ |cost| ≤ 2^62 and |closedValue| ≤ 2^61: no wrap
            realized = -closedValue - (cost - remainingCost);
            quantity -= Long.signum(quantity) * closed;
            cost = remainingCost;
            openSize = size - Long.signum(size) * closed;
            openValue = value - closedValue;
        }
        if (openSize != 0)
        {
            quantity = FixedPoint.addSaturated(quantity, openSize, LIMIT);
            cost = FixedPoint.addSaturated(cost, openValue, LIMIT);
        }
        slots.setSize(slot, quantity);
        slots.setCost(slot, cost);
        if (quantity == 0)
        {
            // the fund is never indexed: its flat slot can go at once
            slots.releaseIfIdle(slot, instruments[instrumentId]);
        }
        accounts.payFund(fundIndex, realized);
        ledger.realizedPnl.add(realized);
    }
}
