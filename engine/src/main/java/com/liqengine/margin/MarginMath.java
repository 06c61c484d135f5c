package com.liqengine.margin;

import static com.liqengine.margin.FixedPoint.SCALE;

/**
 * Derived margin values of slots and cross accounts at the current marks (docs/margin.md, section 3):
 * unrealized PnL, notional, maintenance and initial margin, equity, available balance, margin ratio.
 * Pure reads of the state; no allocation.
 */
final class MarginMath
{
    /** Margin ratio reported when equity is zero or negative. */
    static final long INFINITE_RATIO = Long.MAX_VALUE;

    private final Instrument[] instruments;
    private final Accounts accounts;
    private final SlotMaintenanceMargins maintenanceMargins;

    MarginMath(final Instrument[] instruments, final Accounts accounts)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.maintenanceMargins = new SlotMaintenanceMargins(accounts.maxAccounts(), accounts.maxInstruments());
    }

    long unrealizedPnl(final int slot, final Instrument instrument)
    {
        return Math.subtractExact(instrument.value(accounts.size[slot], instrument.markPrice), accounts.cost[slot]);
    }

    long notional(final int slot, final Instrument instrument)
    {
        return Math.abs(instrument.value(accounts.size[slot], instrument.markPrice));
    }

    long maintenanceMargin(final int slot, final Instrument instrument)
    {
        return maintenanceMargins.maintenanceMargin(slot, instrument, notional(slot, instrument));
    }

    /** Reads the account's remembered maintenance margins, so that their lines are loaded (see Liquidator). */
    long prefetch(final int accountIndex)
    {
        return maintenanceMargins.prefetch(accountIndex);
    }

    long initialMargin(final long notional, final int leverage)
    {
        return FixedPoint.ceilDiv(notional, leverage);
    }

    long isolatedEquity(final int slot, final Instrument instrument)
    {
        return Math.addExact(accounts.pool[slot], unrealizedPnl(slot, instrument));
    }

    boolean hasOpenCross(final int accountIndex)
    {
        final int first = accounts.slot(accountIndex, 0);
        for (int i = 0; i < accounts.maxInstruments(); i++)
        {
            if (accounts.size[first + i] != 0 && !accounts.isolated[first + i])
            {
                return true;
            }
        }
        return false;
    }

    long crossEquity(final int accountIndex)
    {
        long equity = accounts.crossWallet[accountIndex];
        final int first = accounts.slot(accountIndex, 0);
        for (int i = 0; i < accounts.maxInstruments(); i++)
        {
            final int slot = first + i;
            if (accounts.size[slot] != 0 && !accounts.isolated[slot])
            {
                equity = Math.addExact(equity, unrealizedPnl(slot, instruments[i]));
            }
        }
        return equity;
    }

    long crossMaintenanceMargin(final int accountIndex)
    {
        long total = 0;
        final int first = accounts.slot(accountIndex, 0);
        for (int i = 0; i < accounts.maxInstruments(); i++)
        {
            final int slot = first + i;
            if (accounts.size[slot] != 0 && !accounts.isolated[slot])
            {
                total = Math.addExact(total, maintenanceMargin(slot, instruments[i]));
            }
        }
        return total;
    }

    /**
     * Cross available balance {@code W + Σ min(U, 0) − Σ IM}, with one instrument's leverage replaced.
     *
     * @param accountIndex the account.
     * @param instrumentId instrument whose leverage is replaced, or -1 for none.
     * @param leverage the replacing leverage.
     */
    long crossAvailable(final int accountIndex, final int instrumentId, final int leverage)
    {
        long available = accounts.crossWallet[accountIndex];
        final int first = accounts.slot(accountIndex, 0);
        for (int i = 0; i < accounts.maxInstruments(); i++)
        {
            final int slot = first + i;
            if (accounts.size[slot] != 0 && !accounts.isolated[slot])
            {
                final Instrument instrument = instruments[i];
                final long unrealized = unrealizedPnl(slot, instrument);
                final int slotLeverage = i == instrumentId ? leverage : accounts.leverage[slot];
                available = Math.addExact(available, Math.min(unrealized, 0));
                available = Math.subtractExact(available, initialMargin(notional(slot, instrument), slotLeverage));
            }
        }
        return available;
    }

    long crossAvailable(final int accountIndex)
    {
        return crossAvailable(accountIndex, -1, 1);
    }

    /** Removable isolated margin {@code max(0, B + min(U, 0) − IM)}. */
    long removableIsolatedMargin(final int slot, final Instrument instrument)
    {
        final long unrealized = unrealizedPnl(slot, instrument);
        final long initial = initialMargin(notional(slot, instrument), accounts.leverage[slot]);
        return Math.max(0, Math.subtractExact(Math.addExact(accounts.pool[slot], Math.min(unrealized, 0)), initial));
    }

    static long marginRatio(final long maintenanceMargin, final long equity)
    {
        return equity <= 0 ? INFINITE_RATIO : FixedPoint.mulDivCeil(maintenanceMargin, SCALE, equity);
    }
}
