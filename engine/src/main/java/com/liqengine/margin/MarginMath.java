package com.liqengine.margin;

import static com.liqengine.margin.FixedPoint.SCALE;

/**
 * Derived margin values of slots and cross accounts at the current marks (docs/margin.md, section 3):
 * unrealized PnL, notional, maintenance and initial margin, equity, available balance, margin ratio. Within the
 * bounds of section 1 a slot's values fit in 64 bits; sums over an account's cross slots are exact in 128 bits
 * ({@link WideSum}). Pure reads of the state; no allocation, nothing thrown.
 */
final class MarginMath
{
    /** Margin ratio reported when equity is zero or negative, or the ratio does not fit. */
    static final long INFINITE_RATIO = Long.MAX_VALUE;

    private final Instrument[] instruments;
    /** Marks and value factors by instrument, read by the walks over an account's slots. */
    final InstrumentMarks marks;
    private final Accounts accounts;
    private final Slots slots;
    private final SlotMaintenanceMargins maintenanceMargins;
    /** Cross equity of the account of the last {@link #crossTotals(int)}. */
    final WideSum crossEquity = new WideSum();
    /** Cross maintenance margin of the account of the last {@link #crossTotals(int)}. */
    final WideSum crossMaintenance = new WideSum();
    private final WideSum available = new WideSum();
    /** What the account's stored cross bands need of its budgets, by the last {@link #crossTotals(int)}. */
    final BandNeeds bandNeeds = new BandNeeds();

    MarginMath(final Instrument[] instruments, final InstrumentMarks marks, final Accounts accounts, final Slots slots)
    {
        this.instruments = instruments;
        this.marks = marks;
        this.accounts = accounts;
        this.slots = slots;
        this.maintenanceMargins = new SlotMaintenanceMargins(slots);
        slots.maintenanceMargins(maintenanceMargins);
    }

    SlotMaintenanceMargins maintenanceMargins()
    {
        return maintenanceMargins;
    }

    Instrument instrumentOf(final int slot)
    {
        return instruments[slots.instrument(slot)];
    }

    long unrealizedPnl(final int slot)
    {
        final Instrument instrument = instrumentOf(slot);
        return instrument.value(slots.size(slot), instrument.markPrice) - slots.cost(slot);
    }

    long notional(final int slot)
    {
        final Instrument instrument = instrumentOf(slot);
        return Math.abs(instrument.value(slots.size(slot), instrument.markPrice));
    }

    long maintenanceMargin(final int slot)
    {
        return maintenanceMargins.maintenanceMargin(slot, instrumentOf(slot), notional(slot));
    }

    static long initialMargin(final long notional, final int leverage)
    {
        return FixedPoint.ceilDiv(notional, leverage);
    }

    long isolatedEquity(final int slot)
    {
        return slots.pool(slot) + unrealizedPnl(slot);
    }

    boolean hasOpenCross(final int accountIndex)
    {
        return slots.openCross(accountIndex) > 0;
    }

    /**
     * {@code W + Σ U} of the account's open cross positions, leaving one out (or none: {@link Slots#NONE}), exact:
     * what the liquidation order's limit, its fee cap and an ADL rank need, without the maintenance margins.
     *
     * @param sum where to add it up.
     * @return {@code sum}.
     */
    WideSum crossEquity(final int accountIndex, final int excludedSlot, final WideSum sum)
    {
        sum.set(accounts.crossWallet(accountIndex));
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (s != excludedSlot && slots.size(s) != 0 && !slots.isolated(s))
            {
                sum.add(unrealizedPnl(s));
            }
        }
        return sum;
    }

    /**
     * Fills {@link #crossEquity} ({@code W + Σ U}) and {@link #crossMaintenance} ({@code Σ MM}) of the account, and
     * {@link #bandNeeds} from the bands stored in the records it reads anyway.
     */
    void crossTotals(final int accountIndex)
    {
        // one record per slot (its links, size, cost, band and remembered margin), the sums in locals
        final long[] records = slots.records;
        final long[] markPrice = marks.markPrice;
        final long[] valueFactor = marks.valueFactor;
        final long wallet = accounts.crossWallet(accountIndex);
        long equityHigh = wallet >> 63;
        long equityLow = wallet;
        long maintenanceHigh = 0;
        long maintenanceLow = 0;
        // the bands' needs: an uncalled short's distance down does not count (its band has no lower end)
        final long calledMask = accounts.crossMarginCall(accountIndex) ? -1L : 0L;
        long need = 0;
        boolean stale = false;
        int s = slots.firstOf(accountIndex);
        while (s != Slots.NONE)
        {
            final int at = SlotRecords.at(s);
            final long links = records[at + SlotRecords.LINKS];
            final long size = records[at + SlotRecords.SIZE];
            final long high = records[at + SlotRecords.BAND_HIGH];
            if (size != 0 && (links & SlotRecords.ISOLATED) == 0)
            {
                // the value once for both sums (Instrument.value)
                final int instrumentId = SlotRecords.instrument(links);
                final long mark = markPrice[instrumentId];
                final long factor = valueFactor[instrumentId];
                final long value = Math.multiplyExact(Math.multiplyExact(size, mark), factor);
                final long unrealized = value - records[at + SlotRecords.COST];
                equityHigh = WideSum.highAfterAdd(equityHigh, equityLow, unrealized);
                equityLow += unrealized;
                // the remembered margin is on the record's line; the instrument's tiers are read only on a miss
                final long notional = Math.abs(value);
                final long maintenance = records[at + SlotRecords.MAINTENANCE_NOTIONAL] == notional ?
                    records[at + SlotRecords.MAINTENANCE] :
                    maintenanceMargins.compute(s, instruments[instrumentId], notional);
                maintenanceHigh = WideSum.highAfterAdd(maintenanceHigh, maintenanceLow, maintenance);
                maintenanceLow += maintenance;
                // what its band needs (BandNeeds): a band must hold the mark; the need must fit in 63 bits
                final long shortMask = size >> 63;
                final long low = records[at + SlotRecords.BAND_LOW];
                final long down = (mark - low) & ~(shortMask & ~calledMask);
                final long distance = Math.max(down, high - mark);
                final long rate = Math.abs(size * factor) << (shortMask & 1);
                final long slotNeed = rate * distance;
                stale |= high < mark | down < 0 | Math.multiplyHigh(rate, distance) != 0 | slotNeed < 0;
                need += slotNeed;
                stale |= need < 0;
            }
            else
            {
                // a band listed (high end not 0) where the refresh walk would remove it
                stale |= high != 0 & (size == 0 | (links & SlotRecords.IN_LIQUIDATION) != 0);
            }
            s = (int)links;
        }
        crossEquity.set(equityHigh, equityLow);
        crossMaintenance.set(maintenanceHigh, maintenanceLow);
        bandNeeds.total = need;
        bandNeeds.called = calledMask != 0;
        bandNeeds.stale = stale;
    }

    /** Whether the cross account of the last {@link #crossTotals(int)} is liquidatable: equity ≤ Σ MM. */
    boolean crossLiquidatable()
    {
        return crossEquity.compareTo(crossMaintenance) <= 0;
    }

    /**
     * Cross available balance {@code W + Σ min(U, 0) − Σ IM}, with one slot's leverage replaced.
     *
     * @param accountIndex the account.
     * @param replacedSlot slot whose leverage is replaced, or {@link Slots#NONE}.
     * @param leverage the replacing leverage.
     * @return the balance, exact (valid until the next call).
     */
    WideSum crossAvailable(final int accountIndex, final int replacedSlot, final int leverage)
    {
        final WideSum balance = available.set(accounts.crossWallet(accountIndex));
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (slots.size(s) != 0 && !slots.isolated(s))
            {
                // valued clamped: an account's positions never reach the clamp, the fund's (which may withdraw)
                // can after a tick's takeovers (docs/margin.md, section 1)
                final Instrument instrument = instrumentOf(s);
                final long value = instrument.valueClamped(slots.size(s), instrument.markPrice);
                final int slotLeverage = s == replacedSlot ? leverage : slots.leverage[s];
                balance.add(Math.min(value - slots.cost(s), 0));
                balance.add(-initialMargin(Math.abs(value), slotLeverage));
            }
        }
        return balance;
    }

    WideSum crossAvailable(final int accountIndex)
    {
        return crossAvailable(accountIndex, Slots.NONE, 1);
    }

    /** Removable isolated margin {@code max(0, B + min(U, 0) − IM)}. */
    long removableIsolatedMargin(final int slot)
    {
        final long unrealized = unrealizedPnl(slot);
        final long initial = initialMargin(notional(slot), slots.leverage[slot]);
        return Math.max(0, slots.pool(slot) + Math.min(unrealized, 0) - initial);
    }

    /** {@code ceil(MM × R / equity)}, saturated at {@link #INFINITE_RATIO}; infinite when equity ≤ 0. */
    static long marginRatio(final long maintenanceMargin, final long equity)
    {
        return equity <= 0 ? INFINITE_RATIO : FixedPoint.mulDivCeilSaturated(maintenanceMargin, SCALE, equity);
    }
}
