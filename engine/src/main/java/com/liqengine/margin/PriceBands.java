package com.liqengine.margin;

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
    /** Sums of wallets, pools and costs above this are always checked: no band may hide an overflow. */
    private static final long EXPOSURE_LIMIT = 1L << 61;

    private final Instrument[] instruments;
    private final Accounts accounts;
    private final MarginMath math;
    private final LiquidationIndex index;
    /** {@code marginCallRatio − 1}: the ratio is at or above the margin-call level exactly when MM·R > this·E. */
    private final long callExcess;
    private final int fundIndex;

    /** Slack per position to liquidation ({@code E − MM − 1}, split). */
    private long liquidationBudget;
    /** Slack per position to the margin-call boundary, from the side the flag is on (split). */
    private long callBudget;
    private boolean flagged;
    private boolean reset;

    PriceBands(
        final Instrument[] instruments,
        final Accounts accounts,
        final MarginMath math,
        final LiquidationIndex index,
        final long marginCallRatio,
        final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.math = math;
        this.index = index;
        this.callExcess = marginCallRatio - 1;
        this.fundIndex = fundIndex;
    }

    /** Every band of the account: {@code instrumentId} of {@link #refresh(int, int, boolean)}. */
    static final int ALL_SLOTS = -1;
    /** The cross bands only (the cross wallet moved): {@code instrumentId} of {@link #refresh(int, int, boolean)}. */
    static final int CROSS_ONLY = Integer.MAX_VALUE;

    /** Recomputes every band of the account from its current state and the current marks. Never throws. */
    void refresh(final int accountIndex)
    {
        refresh(accountIndex, ALL_SLOTS, true);
    }

    /**
     * Recomputes the bands of an account after a change of one slot and, possibly, of its cross wallet: that
     * slot's band, and every cross band (the wallet is part of cross equity). Other isolated slots did not
     * change. Never throws.
     *
     * @param instrumentId the slot that changed, {@link #ALL_SLOTS} or {@link #CROSS_ONLY}.
     * @param reset true to store the new bands; false to keep a stored band that lies inside the new one (it is
     *     still valid, and the heaps need not move), storing a band a sixteenth narrower than the new one when it
     *     does not, so that the next small change is likely to keep it too.
     */
    void refresh(final int accountIndex, final int instrumentId, final boolean reset)
    {
        this.reset = reset;
        if (accountIndex == fundIndex)
        {
            return;
        }
        final int first = accounts.slot(accountIndex, 0);
        final int maxInstruments = accounts.maxInstruments();
        int crossCount = 0;
        for (int i = 0; i < maxInstruments; i++)
        {
            final int slot = first + i;
            if (accounts.size[slot] == 0)
            {
                index.remove(accountIndex, i);
            }
            else if (!accounts.isolated[slot])
            {
                crossCount++;
            }
            else if (instrumentId == ALL_SLOTS || i == instrumentId)
            {
                refreshIsolated(accountIndex, i, slot);
            }
        }
        if (crossCount > 0)
        {
            refreshCross(accountIndex, first, crossCount);
        }
    }

    private void refreshIsolated(final int accountIndex, final int instrumentId, final int slot)
    {
        final Instrument instrument = instruments[instrumentId];
        try
        {
            final long exposure = Math.addExact(
                Math.addExact(Math.absExact(accounts.pool[slot]), Math.absExact(accounts.cost[slot])),
                FixedPoint.MAX_AMOUNT);
            final int acts = budgets(
                math.isolatedEquity(slot, instrument), math.maintenanceMargin(slot, instrument),
                accounts.marginCall[slot], 1, exposure);
            setBand(accountIndex, instrumentId, slot, acts);
        }
        catch (final ArithmeticException ex)
        {
            // checked on every tick, where the check itself meets the overflow
            setBand(accountIndex, instrumentId, slot, 1);
        }
    }

    private void refreshCross(final int accountIndex, final int first, final int crossCount)
    {
        final int maxInstruments = accounts.maxInstruments();
        int acts;
        try
        {
            final long wallet = accounts.crossWallet[accountIndex];
            long exposure = Math.absExact(wallet);
            long equity = wallet;
            long maintenance = 0;
            for (int i = 0; i < maxInstruments; i++)
            {
                final int slot = first + i;
                if (accounts.size[slot] != 0 && !accounts.isolated[slot])
                {
                    final Instrument instrument = instruments[i];
                    exposure = Math.addExact(
                        exposure, Math.addExact(Math.absExact(accounts.cost[slot]), FixedPoint.MAX_AMOUNT));
                    equity = Math.addExact(equity, math.unrealizedPnl(slot, instrument));
                    maintenance = Math.addExact(maintenance, math.maintenanceMargin(slot, instrument));
                }
            }
            acts = budgets(equity, maintenance, accounts.crossMarginCall[accountIndex], crossCount, exposure);
        }
        catch (final ArithmeticException ex)
        {
            acts = 1;
        }
        for (int i = 0; i < maxInstruments; i++)
        {
            final int slot = first + i;
            if (accounts.size[slot] != 0 && !accounts.isolated[slot])
            {
                setBand(accountIndex, i, slot, acts);
            }
        }
    }

    /**
     * Splits the slack of the check between {@code shares} positions. Written without branches on the rare
     * outcomes, so that a first rare outcome late in a run does not send compiled code back to the interpreter.
     *
     * @return 1 when the check would act at the current marks (liquidate, call or clear the call), or the sums
     *     are too large to bound; else 0.
     */
    private int budgets(
        final long equity, final long maintenance, final boolean called, final int shares, final long exposure)
    {
        // every value here is far inside ±2^62 once the exposure is bounded, so differences do not wrap
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
        final int tooLarge = (int)((EXPOSURE_LIMIT - exposure) >>> 63);
        liquidationBudget = (bounded - maintenance - 1) / shares;
        // called: stays called while MM − (mcr − 1)·E / R > 0; uncalled: stays so while (mcr − 1)·E / R − MM ≥ 0
        callBudget = Math.max(0, called ? maintenance - callCeil - 1 : callFloor - maintenance) / shares;
        flagged = called;
        return liquidatable | (atCallLevel ^ calledBit) | tooLarge;
    }

    /**
     * A mark move of Δ price units changes equity by exactly {@code q × f × Δ} and maintenance margin by at most
     * that much, in the direction that raises it with the notional. Per unit of budget: a long may fall by
     * {@code budget / (q f)} before liquidation, and move either way by that much before crossing the
     * margin-call level; a short may rise by {@code budget / (2 |q| f)} (equity falls, MM rises), and, when
     * called, fall by that much before the call clears. When the check would act now ({@code acts} is 1) the
     * band is empty: every tick of the instrument checks the slot.
     */
    private void setBand(final int accountIndex, final int instrumentId, final int slot, final int acts)
    {
        final Instrument instrument = instruments[instrumentId];
        final long size = accounts.size[slot];
        final long mark = instrument.markPrice;
        final long perTick = Math.max(1, Math.abs(size) * instrument.valueFactor);
        final long liquidation = Math.max(0, liquidationBudget);
        // the budgets of a move down and up, and the amount a price unit uses of them
        final long downBudget;
        final long upBudget;
        final long divisor;
        final boolean downUnbounded;
        if (size > 0)
        {
            downBudget = Math.min(liquidation, callBudget);
            upBudget = callBudget;
            divisor = perTick;
            downUnbounded = false;
        }
        else
        {
            downBudget = callBudget;
            upBudget = flagged ? liquidation : Math.min(liquidation, callBudget);
            divisor = perTick * 2;
            downUnbounded = !flagged;
        }
        // not && : acts is rarely 1, and a first rare branch late in a run would deoptimize this code
        if (!reset & acts == 0 & keeps(accountIndex, instrumentId, mark, downBudget, upBudget, divisor, downUnbounded))
        {
            return;
        }
        final long down = downUnbounded ? Long.MAX_VALUE : downBudget / divisor;
        final long up = upBudget / divisor;
        // budgets are below 2^62 and marks below 2^58: neither end wraps
        final long empty = -(long)acts;
        final long low = ((mark - down) & ~empty) | (LiquidationIndex.UNBOUNDED_ABOVE & empty);
        final long high = ((mark + up) & ~empty) | (LiquidationIndex.UNBOUNDED_BELOW & empty);
        if (!reset && index.holds(accountIndex, instrumentId, low, high))
        {
            return;
        }
        final long keptLow = ((mark - down + (down >> 4)) & ~empty) | (LiquidationIndex.UNBOUNDED_ABOVE & empty);
        final long keptHigh = ((mark + up - (up >> 4)) & ~empty) | (LiquidationIndex.UNBOUNDED_BELOW & empty);
        index.set(accountIndex, instrumentId, reset ? low : keptLow, reset ? high : keptHigh);
    }

    /**
     * Whether the stored band lies inside {@code [mark − floor(down / divisor), mark + floor(up / divisor)]}, the
     * new band, without dividing: most refreshes after a fill keep the bands they find, and a division costs more
     * than the rest of the test. False (the caller then divides) for stored ends that are not prices: none, empty
     * or unbounded bands.
     */
    private boolean keeps(
        final int accountIndex, final int instrumentId, final long mark, final long downBudget, final long upBudget,
        final long divisor, final boolean downUnbounded)
    {
        final long storedLow = index.low(accountIndex, instrumentId);
        final long storedHigh = index.high(accountIndex, instrumentId);
        // with both ends in (0, 2^63) and the mark in [1, 2^58) the distances below do not wrap
        return storedLow > 0 & storedHigh > 0 &
            (downUnbounded || atLeast(downBudget, divisor, mark - storedLow)) &
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
