package com.liqengine.margin;

/**
 * Liquidation and bankruptcy prices (docs/margin.md, section 7): with every other mark held, the extreme
 * mark at which the position is liquidatable (equity ≤ MM) or bankrupt (equity ≤ 0). Because equity − MM is
 * monotone in the mark, bisection over whole price units finds the exact boundary of the engine's own check,
 * so {@code mark ≤ liquidationPrice} (long) holds exactly when the position is liquidatable.
 */
final class LiquidationPrices
{
    /** Positions are valued up to this amount while searching, far from overflow. */
    private static final long SEARCH_LIMIT = 1L << 60;

    private final Instrument[] instruments;
    private final Accounts accounts;
    private final MarginMath math;

    LiquidationPrices(final Instrument[] instruments, final Accounts accounts, final MarginMath math)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.math = math;
    }

    long liquidationPrice(final int accountIndex, final int instrumentId)
    {
        return search(accountIndex, instrumentId, true);
    }

    long bankruptcyPrice(final int accountIndex, final int instrumentId)
    {
        return search(accountIndex, instrumentId, false);
    }

    private long search(final int accountIndex, final int instrumentId, final boolean withMaintenance)
    {
        final int slot = accounts.slot(accountIndex, instrumentId);
        final long quantity = accounts.size[slot];
        if (quantity == 0)
        {
            return 0;
        }
        final Instrument instrument = instruments[instrumentId];
        long base;
        long baseMaintenance = 0;
        if (accounts.isolated[slot])
        {
            base = Math.subtractExact(accounts.pool[slot], accounts.cost[slot]);
        }
        else
        {
            base = Math.subtractExact(accounts.crossWallet[accountIndex], accounts.cost[slot]);
            final int first = accounts.slot(accountIndex, 0);
            for (int i = 0; i < accounts.maxInstruments(); i++)
            {
                final int other = first + i;
                if (i != instrumentId && accounts.size[other] != 0 && !accounts.isolated[other])
                {
                    base = Math.addExact(base, math.unrealizedPnl(other, instruments[i]));
                    baseMaintenance = Math.addExact(baseMaintenance, math.maintenanceMargin(other, instruments[i]));
                }
            }
        }
        final long maxPrice = SEARCH_LIMIT / Math.multiplyExact(Math.abs(quantity), instrument.valueFactor);
        if (maxPrice < 1)
        {
            return 0;
        }
        if (quantity > 0)
        {
            if (!isBelowMargin(instrument, quantity, 1, base, baseMaintenance, withMaintenance))
            {
                return 0;
            }
            long low = 1;
            long high = maxPrice;
            if (isBelowMargin(instrument, quantity, high, base, baseMaintenance, withMaintenance))
            {
                return high;
            }
            while (high - low > 1)
            {
                final long mid = (low + high) >>> 1;
                if (isBelowMargin(instrument, quantity, mid, base, baseMaintenance, withMaintenance))
                {
                    low = mid;
                }
                else
                {
                    high = mid;
                }
            }
            return low;
        }
        if (!isBelowMargin(instrument, quantity, maxPrice, base, baseMaintenance, withMaintenance))
        {
            return 0;
        }
        long low = 1;
        long high = maxPrice;
        if (isBelowMargin(instrument, quantity, low, base, baseMaintenance, withMaintenance))
        {
            return low;
        }
        while (high - low > 1)
        {
            final long mid = (low + high) >>> 1;
            if (isBelowMargin(instrument, quantity, mid, base, baseMaintenance, withMaintenance))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
        return high;
    }

    private static boolean isBelowMargin(
        final Instrument instrument,
        final long quantity,
        final long price,
        final long base,
        final long baseMaintenance,
        final boolean withMaintenance)
    {
        final long value = instrument.value(quantity, price);
        final long equity = Math.addExact(base, value);
        final long maintenance = withMaintenance ?
            Math.addExact(baseMaintenance, instrument.tiers.maintenanceMargin(Math.abs(value))) : 0;
        return equity <= maintenance;
    }
}
