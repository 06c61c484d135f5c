package com.liqengine.margin;

/**
 * Books a taken-over position into the insurance fund's slot (docs/margin.md, section 6): adds to a position
 * on the same side, or closes against an opposite one (realizing PnL to the fund's wallet) and opens the rest.
 */
final class FundBook
{
    private final Accounts accounts;
    private final Ledger ledger;
    private final Instrument[] instruments;

    FundBook(final Accounts accounts, final Ledger ledger, final Instrument[] instruments)
    {
        this.accounts = accounts;
        this.ledger = ledger;
        this.instruments = instruments;
    }

    /**
     * Books signed size {@code size} at exact signed cost {@code value} into the fund (account index 0).
     */
    void book(final int fundIndex, final int instrumentId, final long size, final long value)
    {
        final int slot = accounts.slot(fundIndex, instrumentId);
        long quantity = accounts.size[slot];
        long cost = accounts.cost[slot];
        long realized = 0;
        long openSize = size;
        long openValue = value;
        if (quantity != 0 && Long.signum(quantity) != Long.signum(size))
        {
            final long held = Math.abs(quantity);
            final long closed = Math.min(Math.abs(size), held);
            final long closedValue = FixedPoint.mulDivFloor(value, closed, Math.abs(size));
            final long remainingCost = FixedPoint.mulDivFloor(cost, held - closed, held);
            realized = Math.subtractExact(-closedValue, Math.subtractExact(cost, remainingCost));
            quantity -= Long.signum(quantity) * closed;
            cost = remainingCost;
            openSize = size - Long.signum(size) * closed;
            openValue = Math.subtractExact(value, closedValue);
        }
        if (openSize != 0)
        {
            quantity = Math.addExact(quantity, openSize);
            cost = Math.addExact(cost, openValue);
        }
        final long wallet = Math.addExact(accounts.crossWallet[fundIndex], realized);
        accounts.size[slot] = quantity;
        accounts.cost[slot] = cost;
        accounts.crossWallet[fundIndex] = wallet;
        ledger.realizedPnl += realized;
        // the fund's position counts in the bound a mark must keep (InstrumentRequests.markPrice), like any
        // position a fill opened: a later mark that would value it beyond the amount range is refused
        final Instrument instrument = instruments[instrumentId];
        instrument.largestOpenQuantity = Math.max(instrument.largestOpenQuantity, Math.abs(quantity));
    }
}
