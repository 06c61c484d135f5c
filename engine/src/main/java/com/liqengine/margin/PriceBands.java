package com.liqengine.margin;

import com.liqengine.index.LiquidationIndex;

import static com.liqengine.margin.FixedPoint.SCALE;

/**
 * Computes, for every open slot of an account, the band of its instrument's mark inside which the slot's check
 * can change nothing: no liquidation, no margin call, no margin call cleared (docs/index.md). Bands are
 * conservative: the account's slack to each boundary (equity over maintenance margin, and the margin-call ratio
 * from the side the flag says it is on) is bounded by how fast each position can use it up, so a band that is
 * too narrow only costs a check. A cross account's slack is split evenly between its cross positions, so its
 * bands hold together while any of its marks move inside theirs. A slot whose check would act at the current
 * marks gets an empty band (checked on every tick of its instrument).
 */
final class PriceBands
{
    /** Equity and maintenance margin beyond this are always checked: the budgets below must not wrap. */
    private static final long EXPOSURE_LIMIT = 1L << 61;

    private final InstrumentMarks marks;
    private final Accounts accounts;
    private final Slots slots;
    private final MarginMath math;
    private final LiquidationIndex index;
    /** {@code marginCallRatio − 1}: the ratio is at or above the margin-call level exactly when MM·R > this·E. */
    private final long callExcess;
    private final int fundIndex;

    /**
     * The budgets of a move down and up for a long and for a short position of the account (from the slack per
     * position to liquidation, {@code E − MM − 1} split, and to the margin-call boundary from the side the flag is
     * on), set once per account by {@link #budgets}, so that {@link #setBand} picks its side without a branch:
     * long and short positions alternate at random in an account, and a branch on the side mispredicts.
     */
    private long longDownBudget;
    private long longUpBudget;
    private long shortDownBudget;
    private long shortUpBudget;
    /** An uncalled short has no lower end: a falling mark only raises its equity. */
    private boolean shortDownUnbounded;
    /** The account's whole budgets, not split: what {@link BandNeeds} are compared with. */
    private long liquidationWhole;
    private long callWhole;
    private boolean reset;
    /** The ADL queues keyed from the bands (Deleveraging), or null. */
    private AdlQueues adlQueues;

    PriceBands(
        final Accounts accounts,
        final Slots slots,
        final MarginMath math,
        final LiquidationIndex index,
        final long marginCallRatio,
        final int fundIndex)
    {
        this.marks = math.marks;
        this.accounts = accounts;
        this.slots = slots;
        this.math = math;
        this.index = index;
        this.callExcess = marginCallRatio - 1;
        this.fundIndex = fundIndex;
    }

    /** Keeps the ADL queues' keys after every refresh from now on. */
    void keepAdlQueues(final AdlQueues queues)
    {
        this.adlQueues = queues;
    }

    /** Every band of the account: {@code changedSlot} of {@link #refresh(int, int, boolean)}. */
    static final int ALL_SLOTS = -1;
    /** The cross bands only (the cross wallet moved): {@code changedSlot} of {@link #refresh(int, int, boolean)}. */
    static final int CROSS_ONLY = -2;

    /** Recomputes every band of the account from its current state and the current marks. */
    void refresh(final int accountIndex)
    {
        refresh(accountIndex, ALL_SLOTS, true, false);
    }

    /**
     * Recomputes the bands of an account after a change of one slot and, possibly, of its cross wallet: that
     * slot's band, and every cross band (the wallet is part of cross equity). Other isolated slots did not
     * change. Cost: the account's stored slots.
     *
     * @param changedSlot the slot that changed, {@link #ALL_SLOTS} or {@link #CROSS_ONLY}.
     * @param reset true to store the new bands; false to keep a stored band that lies inside the new one (it is
     *     still valid, and the heaps need not move), storing a band a sixteenth narrower than the new one when it
     *     does not, so that the next small change is likely to keep it too.
     * @param totalsCurrent true when {@link MarginMath}'s cross totals are this account's, computed since its last
     *     change (by the check just run): they are not added up again.
     */
    void refresh(final int accountIndex, final int changedSlot, final boolean reset, final boolean totalsCurrent)
    {
        this.reset = reset;
        if (accountIndex == fundIndex)
        {
            return;
        }
        // one walk: flat slots and those in liquidation lose their band, cross slots get theirs from the budgets
        final boolean crossInLiquidation = accounts.crossInLiquidation(accountIndex);
        final int crossCount = crossInLiquidation ? 0 : slots.openCross(accountIndex);
        final int crossActs = crossCount > 0 ? crossBudgets(accountIndex, crossCount, totalsCurrent) : 0;
        final long[] records = slots.records;
        // after a fill or a request: when the stored cross bands need no more than the whole budgets (the totals'
        // walk added up what each needs) and none is to go, every one of them is still valid, and the walk would
        // only replace some by narrower ones
        final boolean keepsAll = !reset & crossCount > 0 & crossActs == 0 &&
            math.bandNeeds.coveredBy(liquidationWhole, callWhole, accounts.crossMarginCall(accountIndex));
        int slot = keepsAll ? Slots.NONE : slots.firstOf(accountIndex);
        while (slot != Slots.NONE)
        {
            final int at = SlotRecords.at(slot);
            final long links = records[at + SlotRecords.LINKS];
            final boolean isolated = (links & SlotRecords.ISOLATED) != 0;
            if (records[at + SlotRecords.SIZE] == 0 ||
                (isolated ? (links & SlotRecords.IN_LIQUIDATION) != 0 : crossInLiquidation))
            {
                index.remove(slot, SlotRecords.instrument(links));
            }
            else if (!isolated)
            {
                setBand(slot, SlotRecords.instrument(links), records[at + SlotRecords.SIZE], crossActs);
            }
            slot = (int)links;
        }
        // isolated bands last: their budgets replace the cross ones
        if (changedSlot == ALL_SLOTS)
        {
            for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
            {
                if (slots.size(s) != 0 && slots.isolated(s) && !slots.inLiquidation(s))
                {
                    refreshIsolated(s);
                }
            }
        }
        else if (changedSlot >= 0 && slots.size(changedSlot) != 0 && slots.isolated(changedSlot) &&
            !slots.inLiquidation(changedSlot))
        {
            refreshIsolated(changedSlot);
        }
        if (adlQueues != null)
        {
            adlQueues.accountChanged(accountIndex);
        }
    }

    /**
     * Recomputes one slot's band when its account holds no open cross position (so it has no cross band): removed
     * when the slot is flat, else the isolated band.
     */
    void refreshSlot(final int slot, final boolean reset)
    {
        this.reset = reset;
        if (slots.account[slot] == fundIndex)
        {
            return;
        }
        if (slots.size(slot) == 0 || slots.inLiquidation(slot))
        {
            index.remove(slot, slots.instrument(slot));
        }
        else if (slots.isolated(slot))
        {
            refreshIsolated(slot);
        }
        if (adlQueues != null)
        {
            adlQueues.slotChanged(slot);
        }
    }

    private void refreshIsolated(final int slot)
    {
        // within the bounds of docs/margin.md section 1 both fit far inside 2^62
        final int acts = budgets(
            math.isolatedEquity(slot), math.maintenanceMargin(slot), slots.marginCall(slot), 1, false);
        setBand(slot, slots.instrument(slot), slots.size(slot), acts);
    }

    /** The cross account's budgets, split between its open cross positions; returns what {@link #budgets} does. */
    private int crossBudgets(final int accountIndex, final int crossCount, final boolean totalsCurrent)
    {
        if (!totalsCurrent)
        {
            math.crossTotals(accountIndex);
        }
        final WideSum equity = math.crossEquity;
        final WideSum maintenance = math.crossMaintenance;
        // sums this large are checked on every tick: the budgets below are computed on clamped values
        final boolean tooLarge = equity.compareTo(EXPOSURE_LIMIT) > 0 || equity.compareTo(-EXPOSURE_LIMIT) < 0 ||
            maintenance.compareTo(EXPOSURE_LIMIT) > 0;
        return budgets(
            equity.clamped(EXPOSURE_LIMIT), maintenance.clamped(EXPOSURE_LIMIT),
            accounts.crossMarginCall(accountIndex), crossCount, tooLarge);
    }

    /**
     * Splits the slack of the check between {@code shares} positions. Written without branches on the rare
     * outcomes, so that a first rare outcome late in a run does not send compiled code back to the interpreter.
     *
     * @return 1 when the check would act at the current marks (liquidate, call or clear the call), or the sums
     *     are too large to bound ({@code tooLarge}); else 0.
     */
    private int budgets(
        final long equity, final long maintenance, final boolean called, final int shares, final boolean tooLarge)
    {
        // every value here is within ±2^61, so differences do not wrap
        final long bounded = Math.min(Math.max(equity, -EXPOSURE_LIMIT), EXPOSURE_LIMIT);
        final long positive = Math.max(bounded, 1);
        // ratio = ceil(MM·R / E) ≥ mcr  ⇔  MM·R > (mcr − 1)·E  ⇔  MM > floor((mcr − 1)·E / R)   (E > MM ≥ 1)
        // (mcr − 1)·E / R in 64 bits: E = e·R + r, so it is (mcr − 1)·e + (mcr − 1)·r / R, both terms below 2^63
        final long whole = callExcess * (positive / SCALE);
        final long part = callExcess * (positive % SCALE);
        final long callFloor = whole + part / SCALE;
        final long callCeil = whole + (part + SCALE - 1) / SCALE;
        final int calledBit = called ? 1 : 0;
        final int liquidatable = (int)((maintenance - bounded) >>> 63) ^ 1;
        final int atCallLevel = (int)((callFloor - maintenance) >>> 63);
        final int outside = tooLarge ? 1 : 0;
        liquidationWhole = Math.max(0, bounded - maintenance - 1);
        // called: stays called while MM − (mcr − 1)·E / R > 0; uncalled: stays so while (mcr − 1)·E / R − MM ≥ 0
        callWhole = Math.max(0, called ? maintenance - callCeil - 1 : callFloor - maintenance);
        final long liquidationBudget = liquidationWhole / shares;
        final long callBudget = callWhole / shares;
        final long nearer = Math.min(liquidationBudget, callBudget);
        longDownBudget = nearer;
        longUpBudget = callBudget;
        shortDownBudget = callBudget;
        shortUpBudget = called ? liquidationBudget : nearer;
        shortDownUnbounded = !called;
        return liquidatable | (atCallLevel ^ calledBit) | outside;
    }

    /**
     * A mark move of Δ price units changes equity by exactly {@code q × f × Δ} and maintenance margin by at most
     * that much, in the direction that raises it with the notional. Per unit of budget: a long may fall by
     * {@code budget / (q f)} before liquidation, and move either way by that much before crossing the
     * margin-call level; a short may rise by {@code budget / (2 |q| f)} (equity falls, MM rises), and, when
     * called, fall by that much before the call clears. When the check would act now ({@code acts} is 1) the
     * band is empty: every tick of the instrument checks the slot.
     */
    private void setBand(final int slot, final int instrumentId, final long size, final int acts)
    {
        final long mark = marks.markPrice[instrumentId];
        final long perTick = Math.max(1, Math.abs(size) * marks.valueFactor[instrumentId]);
        // the budgets of a move down and up, and the amount a price unit uses of them, chosen by masks
        final long shortMask = size >> 63;
        final long downBudget = (longDownBudget & ~shortMask) | (shortDownBudget & shortMask);
        final long upBudget = (longUpBudget & ~shortMask) | (shortUpBudget & shortMask);
        final long divisor = perTick << (shortMask & 1);
        final boolean downUnbounded = shortDownUnbounded & shortMask != 0;
        // not && : acts is rarely 1, and a first rare branch late in a run would deoptimize this code
        if (!reset & acts == 0 & keeps(slot, mark, downBudget, upBudget, divisor, downUnbounded))
        {
            return;
        }
        final long down = downUnbounded ? Long.MAX_VALUE : downBudget / divisor;
        final long up = upBudget / divisor;
        // budgets are below 2^62 and marks below 2^58: neither end wraps
        final long empty = -(long)acts;
        final long low = ((mark - down) & ~empty) | (LiquidationIndex.UNBOUNDED_ABOVE & empty);
        final long high = ((mark + up) & ~empty) | (LiquidationIndex.UNBOUNDED_BELOW & empty);
        if (!reset && index.holds(slot, low, high))
        {
            return;
        }
        final long keptLow = ((mark - down + (down >> 4)) & ~empty) | (LiquidationIndex.UNBOUNDED_ABOVE & empty);
        final long keptHigh = ((mark + up - (up >> 4)) & ~empty) | (LiquidationIndex.UNBOUNDED_BELOW & empty);
        index.set(slot, instrumentId, reset ? low : keptLow, reset ? high : keptHigh);
    }

    /**
     * Whether the stored band lies inside {@code [mark − floor(down / divisor), mark + floor(up / divisor)]}, the
     * new band, without dividing: most refreshes after a fill keep the bands they find, and a division costs more
     * than the rest of the test. The new band's low end is {@code mark − Long.MAX_VALUE} when the move down is
     * unbounded (an uncalled short), and a stored band of such a slot has its low end below zero: compared as it
     * is. False (the caller then divides) for other stored ends that are not prices: none, empty or unbounded above.
     */
    private boolean keeps(
        final int slot, final long mark, final long downBudget, final long upBudget, final long divisor,
        final boolean downUnbounded)
    {
        // the index keeps the band in the slot's record (Liquidator), on the line the walk has read
        final int at = SlotRecords.at(slot);
        final long storedLow = slots.records[at + SlotRecords.BAND_LOW];
        final long storedHigh = slots.records[at + SlotRecords.BAND_HIGH];
        // with the ends compared in (0, 2^63) and the mark in [1, 2^58) the distances below do not wrap
        return storedHigh > 0 &
            (downUnbounded ? storedLow >= mark - Long.MAX_VALUE :
                storedLow > 0 & atLeast(downBudget, divisor, mark - storedLow)) &
            atLeast(upBudget, divisor, storedHigh - mark);
    }

    /** {@code floor(budget / divisor) ≥ distance} for {@code budget ≥ 0} and {@code divisor ≥ 1}. */
    private static boolean atLeast(final long budget, final long divisor, final long distance)
    {
        // floor(b / d) ≥ n ⇔ b ≥ n·d for a whole n > 0; a product beyond 2^63 exceeds every budget
        final long product = distance * divisor;
        return distance <= 0 | (Math.multiplyHigh(distance, divisor) == 0 & product >= 0 & product <= budget);
    }
}
