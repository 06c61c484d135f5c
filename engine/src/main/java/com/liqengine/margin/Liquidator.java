package com.liqengine.margin;

/**
 * Liquidation checks after every event that can change them, the insurance fund's takeover of what is
 * liquidated, and margin calls (docs/margin.md, section 5). Isolated positions are checked alone; a cross
 * account is checked as a whole and, when liquidatable, loses every cross position at once. A tick checks only
 * the accounts the {@link LiquidationIndex} finds outside their price band; every change of an account
 * recomputes its bands ({@link PriceBands}).
 */
final class Liquidator
{
    private static final int CROSS_ACCOUNT = -1;
    /** Fewer accounts than this keep their lines in the caches: reading them ahead would only cost (JMH at 1k). */
    private static final int PREFETCH_FROM_ACCOUNTS = 4096;

    private final Instrument[] instruments;
    private final Accounts accounts;
    private final MarginMath math;
    private final LiquidationPrices prices;
    private final FundBook fundBook;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final long marginCallRatio;
    private final long fundAccountId;
    private final int fundIndex;
    private final boolean indexed;
    private final LiquidationIndex index;
    private final PriceBands bands;
    /** Sum of what {@link #prefetch(int)} read, kept only so that the reads cannot be optimized away. */
    private long prefetched;

    Liquidator(
        final Instrument[] instruments,
        final Accounts accounts,
        final MarginMath math,
        final LiquidationPrices prices,
        final FundBook fundBook,
        final Ledger ledger,
        final OutputEmitter emitter,
        final long marginCallRatio,
        final long fundAccountId,
        final int fundIndex,
        final boolean indexed)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.math = math;
        this.prices = prices;
        this.fundBook = fundBook;
        this.ledger = ledger;
        this.emitter = emitter;
        this.marginCallRatio = marginCallRatio;
        this.fundAccountId = fundAccountId;
        this.fundIndex = fundIndex;
        this.indexed = indexed;
        // the brute-force scan (a test and comparison setting) keeps no index at all
        this.index = indexed ? new LiquidationIndex(accounts.maxAccounts(), accounts.maxInstruments()) : null;
        this.bands = indexed ? new PriceBands(instruments, accounts, math, index, marginCallRatio, fundIndex) : null;
    }

    /**
     * After a tick: every account (but the fund) holding the instrument, in registration order, whose check can
     * act. Indexed, only the accounts whose price band the mark left are checked; every other one would do
     * nothing (docs/index.md), so the outputs are those of the full scan.
     */
    void checkInstrument(final int instrumentId)
    {
        if (!indexed)
        {
            for (int a = 0; a < accounts.count(); a++)
            {
                if (a != fundIndex && accounts.size[accounts.slot(a, instrumentId)] != 0)
                {
                    slotCheck(a, instrumentId);
                }
            }
            return;
        }
        final int count = index.collect(instrumentId, instruments[instrumentId].markPrice);
        for (int n = 0; n < count; n++)
        {
            final int accountIndex = index.candidate(n);
            try
            {
                slotCheck(accountIndex, instrumentId);
            }
            finally
            {
                bands.refresh(accountIndex, instrumentId, true);
            }
        }
    }

    /** After funding: every holder's pool or wallet moved, so their bands are recomputed before the check. */
    void checkFunded(final int instrumentId)
    {
        refreshHolders(instrumentId);
        checkInstrument(instrumentId);
    }

    /**
     * After an instrument definition: new tiers move every holder's maintenance margin, so their bands are
     * recomputed, then the instrument check runs (docs/margin.md section 5).
     */
    void instrumentDefined(final int instrumentId)
    {
        refreshHolders(instrumentId);
        checkInstrument(instrumentId);
    }

    /**
     * Recomputes the whole index from the current state: call after the state was loaded in bulk (a snapshot
     * restore). O(accounts × instruments).
     */
    void rebuildIndex()
    {
        if (!indexed)
        {
            return;
        }
        index.clear();
        for (int a = 0; a < accounts.count(); a++)
        {
            bands.refresh(a);
        }
    }

    /**
     * Reads one word of every cache line of the account that a fill of the instrument, its check and its band
     * refresh will read. With millions of accounts each line is a cache miss; read here, right after the account is
     * found, they are loaded at the same time instead of one after another as the code comes to them.
     */
    void prefetch(final int accountIndex, final int instrumentId)
    {
        if (accounts.count() < PREFETCH_FROM_ACCOUNTS)
        {
            return;
        }
        final int first = accounts.slot(accountIndex, 0);
        // an account's slots may straddle two lines of each array: its first and its last slot
        final int last = first + accounts.maxInstruments() - 1;
        final int slot = first + instrumentId;
        long sum = accounts.crossWallet[accountIndex] + (accounts.crossMarginCall[accountIndex] ? 1 : 0);
        // read for every slot of the account by the checks and the refresh
        sum += accounts.size[first] + accounts.size[last] + accounts.cost[first] + accounts.cost[last];
        sum += (accounts.isolated[first] ? 1 : 0) + (accounts.isolated[last] ? 1 : 0);
        sum += math.prefetch(accountIndex);
        // read for the fill's slot only
        sum += accounts.pool[slot] + accounts.leverage[slot] + (accounts.marginCall[slot] ? 1 : 0);
        if (indexed)
        {
            sum += index.prefetch(accountIndex);
        }
        prefetched += sum;
    }

    /** After a fill or a request on one (account, instrument). */
    void checkSlot(final int accountIndex, final int instrumentId)
    {
        try
        {
            slotCheck(accountIndex, instrumentId);
        }
        finally
        {
            if (indexed)
            {
                // a liquidation of the slot or of the cross account changes nothing else of the account
                bands.refresh(accountIndex, instrumentId, false);
            }
        }
    }

    /** After a change of the cross wallet (deposit, withdrawal, isolated margin removed). */
    void checkCross(final int accountIndex)
    {
        try
        {
            crossCheck(accountIndex);
        }
        finally
        {
            if (indexed)
            {
                bands.refresh(accountIndex, PriceBands.CROSS_ONLY, false);
            }
        }
    }

    private void refreshHolders(final int instrumentId)
    {
        if (!indexed)
        {
            return;
        }
        for (int a = 0; a < accounts.count(); a++)
        {
            if (accounts.size[accounts.slot(a, instrumentId)] != 0)
            {
                bands.refresh(a);
            }
        }
    }

    private void slotCheck(final int accountIndex, final int instrumentId)
    {
        if (accountIndex == fundIndex)
        {
            return;
        }
        if (accounts.isolated[accounts.slot(accountIndex, instrumentId)])
        {
            checkIsolated(accountIndex, instrumentId);
        }
        else
        {
            crossCheck(accountIndex);
        }
    }

    private void checkIsolated(final int accountIndex, final int instrumentId)
    {
        final int slot = accounts.slot(accountIndex, instrumentId);
        if (accounts.size[slot] == 0)
        {
            return;
        }
        final Instrument instrument = instruments[instrumentId];
        final long equity = math.isolatedEquity(slot, instrument);
        final long maintenance = math.maintenanceMargin(slot, instrument);
        final long ratio = MarginMath.marginRatio(maintenance, equity);
        if (equity <= maintenance)
        {
            liquidateIsolated(accountIndex, instrumentId, equity, maintenance, ratio);
        }
        else
        {
            accounts.marginCall[slot] = marginCall(
                accounts.marginCall[slot], accountIndex, instrumentId, true, equity, maintenance, ratio);
        }
    }

    private void crossCheck(final int accountIndex)
    {
        if (accountIndex == fundIndex || !math.hasOpenCross(accountIndex))
        {
            return;
        }
        final long equity = math.crossEquity(accountIndex);
        final long maintenance = math.crossMaintenanceMargin(accountIndex);
        final long ratio = MarginMath.marginRatio(maintenance, equity);
        if (equity <= maintenance)
        {
            liquidateCross(accountIndex, equity, maintenance, ratio);
        }
        else
        {
            accounts.crossMarginCall[accountIndex] = marginCall(
                accounts.crossMarginCall[accountIndex], accountIndex, CROSS_ACCOUNT, false, equity, maintenance,
                ratio);
        }
    }

    private boolean marginCall(
        final boolean called, final int accountIndex, final int instrumentId, final boolean isolated,
        final long equity, final long maintenance, final long ratio)
    {
        if (ratio < marginCallRatio)
        {
            return false;
        }
        if (!called)
        {
            emitter.marginCall(accounts.idAt(accountIndex), instrumentId, isolated, equity, maintenance, ratio);
        }
        return true;
    }

    private void liquidateIsolated(
        final int accountIndex, final int instrumentId, final long equity, final long maintenance, final long ratio)
    {
        final int slot = accounts.slot(accountIndex, instrumentId);
        final Instrument instrument = instruments[instrumentId];
        final long accountId = accounts.idAt(accountIndex);
        final long size = accounts.size[slot];
        final long bankruptcyPrice = prices.bankruptcyPrice(accountIndex, instrumentId);
        emitter.liquidationTriggered(
            accountId, instrumentId, true, size, instrument.markPrice,
            prices.liquidationPrice(accountIndex, instrumentId), bankruptcyPrice, equity, maintenance, ratio);

        // taken over at the bankruptcy price: the fund pays exactly C − B, the pool is consumed
        final long pool = accounts.pool[slot];
        final long value = Math.subtractExact(accounts.cost[slot], pool);
        fundBook.book(fundIndex, instrumentId, size, value);
        ledger.realizedPnl -= pool;
        accounts.size[slot] = 0;
        accounts.cost[slot] = 0;
        accounts.pool[slot] = 0;
        accounts.marginCall[slot] = false;
        emitter.positionTakenOver(
            accountId, instrumentId, true, size, bankruptcyPrice, value, -pool, 0, accounts.crossWallet[fundIndex]);
        emitter.liquidationOrder(fundAccountId, instrumentId, size, bankruptcyPrice);
    }

    private void liquidateCross(
        final int accountIndex, final long equity, final long maintenance, final long ratio)
    {
        final long accountId = accounts.idAt(accountIndex);
        final int first = accounts.slot(accountIndex, 0);
        int lastInstrument = -1;
        for (int i = 0; i < accounts.maxInstruments(); i++)
        {
            final int slot = first + i;
            if (accounts.size[slot] != 0 && !accounts.isolated[slot])
            {
                emitter.liquidationTriggered(
                    accountId, i, false, accounts.size[slot], instruments[i].markPrice,
                    prices.liquidationPrice(accountIndex, i), prices.bankruptcyPrice(accountIndex, i),
                    equity, maintenance, ratio);
                lastInstrument = i;
            }
        }
        for (int i = 0; i <= lastInstrument; i++)
        {
            final int slot = first + i;
            if (accounts.size[slot] == 0 || accounts.isolated[slot])
            {
                continue;
            }
            final Instrument instrument = instruments[i];
            final long size = accounts.size[slot];
            final long value = instrument.value(size, instrument.markPrice);
            final long unrealized = Math.subtractExact(value, accounts.cost[slot]);
            fundBook.book(fundIndex, i, size, value);
            accounts.crossWallet[accountIndex] = Math.addExact(accounts.crossWallet[accountIndex], unrealized);
            ledger.realizedPnl += unrealized;
            accounts.size[slot] = 0;
            accounts.cost[slot] = 0;
            accounts.marginCall[slot] = false;
            long clearanceFee = 0;
            if (i == lastInstrument)
            {
                // what is left of the cross equity (or a deficit after a gap) goes to the fund
                clearanceFee = accounts.crossWallet[accountIndex];
                accounts.crossWallet[fundIndex] = Math.addExact(accounts.crossWallet[fundIndex], clearanceFee);
                accounts.crossWallet[accountIndex] = 0;
            }
            emitter.positionTakenOver(
                accountId, i, false, size, instrument.markPrice, value, unrealized, clearanceFee,
                accounts.crossWallet[fundIndex]);
            emitter.liquidationOrder(fundAccountId, i, size, instrument.markPrice);
        }
        accounts.crossMarginCall[accountIndex] = false;
    }
}
