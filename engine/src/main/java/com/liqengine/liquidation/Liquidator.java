package com.liqengine.liquidation;

import com.liqengine.account.Accounts;
import com.liqengine.account.Holders;
import com.liqengine.account.Instrument;
import com.liqengine.account.LiquidationPrices;
import com.liqengine.account.MarginMath;
import com.liqengine.account.SlotRecords;
import com.liqengine.account.Slots;
import com.liqengine.index.LiquidationIndex;
import com.liqengine.liquidation.adl.AdlQueues;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.OutputEmitter;

/**
 * Liquidation checks after every event that can change them, the triggers, and margin calls (docs/margin.md,
 * section 5). Isolated positions are checked alone; a cross account is checked as a whole. What follows a trigger
 * is the fund's takeover ({@link Takeovers}) or, in {@code market} mode, an order to the book
 * ({@link MarketLiquidation}, docs/liquidation.md); a position or account in liquidation is not checked until its
 * order ends. A tick checks only
 * the slots the {@link LiquidationIndex} finds outside their price band; every change of an account recomputes
 * its bands ({@link PriceBands}). Positions are handed down as slot handles, resolved once per input.
 */
public final class Liquidator
{
    private static final int CROSS_ACCOUNT = -1;
    /** Fewer slots than this keep their lines in the caches: reading them ahead would only cost (JMH at 1k). */
    private static final int PREFETCH_FROM_SLOTS = 4096;
    /** What a check did, returned to its caller: nothing that the steps after it need to know. */
    private static final int UNCHANGED = 0;
    /** The check liquidated something, so that the account's flat slots are forgotten. */
    private static final int LIQUIDATED = 1;
    /**
     * The check left the account's cross totals in {@link MarginMath} current (computed and nothing moved since), so
     * that the band refresh right after it need not add them up again.
     */
    private static final int TOTALS_CURRENT = 2;

    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Slots slots;
    private final Holders holders;
    private final MarginMath math;
    private final LiquidationPrices prices;
    private final Takeovers takeovers;
    /** The book first ({@code market} mode), or null: the fund takes over at once ({@code takeover} mode). */
    private final MarketLiquidation market;
    private final OutputEmitter emitter;
    private final long marginCallRatio;
    private final int fundIndex;
    private final boolean indexed;
    private final LiquidationIndex index;
    private final PriceBands bands;
    /** Sum of what {@link #prefetch(int, int)} read, kept only so that the reads cannot be optimized away. */
    private long prefetched;

    public Liquidator(
        final Instrument[] instruments,
        final Accounts accounts,
        final Slots slots,
        final Holders holders,
        final MarginMath math,
        final LiquidationPrices prices,
        final Takeovers takeovers,
        final MarketLiquidation market,
        final OutputEmitter emitter,
        final EngineSettings settings,
        final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.slots = slots;
        this.holders = holders;
        this.math = math;
        this.prices = prices;
        this.takeovers = takeovers;
        this.market = market;
        this.emitter = emitter;
        this.marginCallRatio = settings.marginCallRatio();
        this.fundIndex = fundIndex;
        this.indexed = settings.indexedChecks();
        // the brute-force scan (a test and comparison setting) keeps no index at all
        // the bands live in the slots' records, on the line a refresh reads anyway
        this.index = indexed ? new LiquidationIndex(slots.account, instruments.length, slots.records,
            SlotRecords.PAD + SlotRecords.BAND_LOW, SlotRecords.SHIFT) : null;
        this.bands = indexed ?
            new PriceBands(accounts, slots, math, index, marginCallRatio, fundIndex) : null;
    }

    /** The ADL queues are keyed by every band refresh from now on (without the index there are no bands). */
    public void keepAdlQueues(final AdlQueues queues)
    {
        if (bands != null && queues != null)
        {
            bands.keepAdlQueues(queues);
        }
    }

    /**
     * After a tick: every account (but the fund) holding the instrument, in registration order, whose check can
     * act. Indexed, only the slots whose price band the mark left are checked; every other one would do
     * nothing (docs/index.md), so the outputs are those of the full scan.
     */
    public void checkInstrument(final int instrumentId)
    {
        if (!indexed)
        {
            final int count = holders.collect(instrumentId);
            for (int n = 0; n < count; n++)
            {
                final int accountIndex = holders.account(n);
                if (accountIndex != fundIndex)
                {
                    releaseIfLiquidated(accountIndex, slotCheck(accountIndex, holders.slot(n)));
                }
            }
            return;
        }
        final int count = index.collect(instrumentId, instruments[instrumentId].markPrice);
        for (int n = 0; n < count; n++)
        {
            final int accountIndex = index.candidateAccount(n);
            final int slot = index.candidateSlot(n);
            final int outcome = slotCheck(accountIndex, slot);
            refreshBands(accountIndex, slot, true, outcome);
            releaseIfLiquidated(accountIndex, outcome);
        }
    }

    /** After funding: every holder's pool or wallet moved, so their bands are recomputed before the check. */
    public void checkFunded(final int instrumentId)
    {
        refreshHolders(instrumentId);
        checkInstrument(instrumentId);
    }

    /**
     * After an instrument definition: new tiers move every holder's maintenance margin, so their bands are
     * recomputed, then the instrument check runs (docs/margin.md section 5).
     */
    public void instrumentDefined(final int instrumentId)
    {
        refreshHolders(instrumentId);
        checkInstrument(instrumentId);
    }

    /**
     * Recomputes the whole index from the current state: call after the state was loaded in bulk (a snapshot
     * restore). O(accounts + slots).
     */
    public void rebuildIndex()
    {
        if (!indexed)
        {
            return;
        }
        index.clear();
        for (int a = 0; a < accounts.count(); a++)
        {
            if (slots.firstOf(a) != Slots.NONE)
            {
                bands.refresh(a);
            }
        }
    }

    /**
     * Reads one word of every cache line that a fill of the slot, its check and its band refresh will read. With
     * millions of slots each line is a cache miss; read here, right after the slot is found, they are loaded at
     * the same time instead of one after another as the code comes to them.
     */
    public void prefetch(final int accountIndex, final int slot)
    {
        if (slot == Slots.NONE || slots.used() < PREFETCH_FROM_SLOTS)
        {
            return;
        }
        // the account's record (wallet, flags, first slot, open cross count, id), the slot's leverage and account,
        // and the slot's block of records (size, cost, pool, band, maintenance margin, links): the account's other
        // slots are mostly there (Slots), and the walks over them would otherwise miss on one line after another
        long sum = accounts.crossWallet(accountIndex) + slots.leverage[slot] + slots.account[slot];
        final long[] records = slots.records;
        final int block = SlotRecords.at(slot & -SlotRecords.BLOCK);
        for (int r = 0; r < SlotRecords.BLOCK; r++)
        {
            sum += records[block + (r << SlotRecords.SHIFT) + SlotRecords.LINKS];
        }
        prefetched += sum;
    }

    /** After a fill or a request on one slot (stored, or {@link Slots#NONE} for a flat default one). */
    public void checkSlot(final int accountIndex, final int slot)
    {
        if (slot == Slots.NONE)
        {
            return;
        }
        final int outcome = slotCheck(accountIndex, slot);
        if (indexed)
        {
            // a liquidation of the slot or of the cross account changes nothing else of the account
            refreshBands(accountIndex, slot, false, outcome);
        }
        releaseIfLiquidated(accountIndex, outcome);
    }

    /** After a change of the cross wallet (deposit, withdrawal, isolated margin moved, an isolated fill). */
    public void checkCross(final int accountIndex)
    {
        final int outcome = crossCheck(accountIndex);
        if (indexed)
        {
            refreshBands(accountIndex, PriceBands.CROSS_ONLY, false, outcome);
        }
        releaseIfLiquidated(accountIndex, outcome);
    }

    /**
     * The bands after a check of one slot, or of the cross account ({@link PriceBands#CROSS_ONLY}). An account
     * without open cross positions that nothing was liquidated of needs only that slot's band: the other isolated
     * slots did not change, and no cross band exists. Otherwise every band of the account is walked.
     */
    private void refreshBands(final int accountIndex, final int slot, final boolean reset, final int outcome)
    {
        if ((outcome & LIQUIDATED) != 0 || slots.openCross(accountIndex) != 0)
        {
            bands.refresh(accountIndex, slot, reset, (outcome & TOTALS_CURRENT) != 0);
        }
        else if (slot >= 0)
        {
            bands.refreshSlot(slot, reset);
        }
    }

    private void refreshHolders(final int instrumentId)
    {
        if (!indexed)
        {
            return;
        }
        for (int s = slots.firstHolder(instrumentId); s != Slots.NONE; s = slots.nextHolder(s))
        {
            if (slots.size(s) != 0)
            {
                bands.refresh(slots.account[s]);
            }
        }
    }

    /** Forgets the account's slots a liquidation left flat at their defaults (their bands are already gone). */
    private void releaseIfLiquidated(final int accountIndex, final int outcome)
    {
        if ((outcome & LIQUIDATED) != 0)
        {
            releaseIdle(accountIndex);
        }
    }

    /** The check of the slot's isolated position or of its cross account; returns what it did. */
    private int slotCheck(final int accountIndex, final int slot)
    {
        if (accountIndex == fundIndex)
        {
            return UNCHANGED;
        }
        return slots.isolated(slot) ? checkIsolated(accountIndex, slot) : crossCheck(accountIndex);
    }

    private int checkIsolated(final int accountIndex, final int slot)
    {
        if (slots.size(slot) == 0 || slots.inLiquidation(slot))
        {
            return UNCHANGED;
        }
        final long equity = math.isolatedEquity(slot);
        final long maintenance = math.maintenanceMargin(slot);
        final long ratio = MarginMath.marginRatio(maintenance, equity);
        if (equity <= maintenance)
        {
            liquidateIsolated(accountIndex, slot, equity, maintenance, ratio);
            return LIQUIDATED;
        }
        slots.setMarginCall(slot, marginCall(
            slots.marginCall(slot), accountIndex, slots.instrument(slot), true, equity, maintenance, ratio));
        return UNCHANGED;
    }

    private int crossCheck(final int accountIndex)
    {
        if (accountIndex == fundIndex || !math.hasOpenCross(accountIndex) || accounts.crossInLiquidation(accountIndex))
        {
            return UNCHANGED;
        }
        math.crossTotals(accountIndex);
        // decided on the exact sums; reported (and the ratio computed) clamped to a long (docs/margin.md, section 3)
        final long equity = math.crossEquity.clamped();
        final long maintenance = math.crossMaintenance.clamped();
        final long ratio = MarginMath.marginRatio(maintenance, equity);
        if (math.crossLiquidatable())
        {
            liquidateCross(accountIndex, equity, maintenance, ratio);
            return LIQUIDATED;
        }
        accounts.setCrossMarginCall(accountIndex, marginCall(
            accounts.crossMarginCall(accountIndex), accountIndex, CROSS_ACCOUNT, false, equity, maintenance, ratio));
        // a margin call moves no money: the totals still describe the account
        return TOTALS_CURRENT;
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

    /**
     * Isolated trigger (docs/liquidation.md): the matching engine cancels the account's orders of the instrument,
     * then the position goes to the book ({@code market}) or straight to the fund ({@code takeover}).
     */
    private void liquidateIsolated(
        final int accountIndex, final int slot, final long equity, final long maintenance, final long ratio)
    {
        final int instrumentId = slots.instrument(slot);
        final long accountId = accounts.idAt(accountIndex);
        emitter.cancelOpenOrders(accountId, instrumentId);
        emitter.liquidationTriggered(
            accountId, instrumentId, true, slots.size(slot), instruments[instrumentId].markPrice,
            prices.liquidationPrice(slot), prices.bankruptcyPrice(slot), equity, maintenance, ratio);
        slots.setMarginCall(slot, false);
        if (market == null)
        {
            takeovers.takeIsolated(accountIndex, slot, Math.abs(slots.size(slot)));
        }
        else
        {
            market.offerIsolated(accountIndex, slot);
        }
    }

    /**
     * Cross trigger: the account's orders of every instrument are cancelled, one {@code LiquidationTriggered} per
     * open cross position (all computed before anything moves), then the book or the fund.
     */
    private void liquidateCross(
        final int accountIndex, final long equity, final long maintenance, final long ratio)
    {
        final long accountId = accounts.idAt(accountIndex);
        emitter.cancelOpenOrders(accountId, CROSS_ACCOUNT);
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (slots.size(s) != 0 && !slots.isolated(s))
            {
                final int instrumentId = slots.instrument(s);
                emitter.liquidationTriggered(
                    accountId, instrumentId, false, slots.size(s), instruments[instrumentId].markPrice,
                    prices.liquidationPrice(s), prices.bankruptcyPrice(s), equity, maintenance, ratio);
            }
        }
        accounts.setCrossMarginCall(accountIndex, false);
        if (market == null)
        {
            takeovers.takeCross(accountIndex);
        }
        else
        {
            market.offerCross(accountIndex);
        }
    }

    /**
     * After auto-deleveraging closed positions of the account: its money moved (pools or the cross wallet), so each
     * of its open isolated positions is checked, in instrument order, then its cross account (docs/liquidation.md).
     * Found again by instrument after each check, since a check may forget the account's flat slots.
     */
    public void checkDeleveraged(final int accountIndex)
    {
        int after = -1;
        while (true)
        {
            int next = Slots.NONE;
            for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
            {
                if (slots.instrument(s) > after && slots.isolated(s) && slots.size(s) != 0)
                {
                    next = s;
                    break;
                }
            }
            if (next == Slots.NONE)
            {
                break;
            }
            after = slots.instrument(next);
            checkSlot(accountIndex, next);
        }
        checkCross(accountIndex);
        releaseIdle(accountIndex);
    }

    /**
     * Removes the bands of the account's flat slots and forgets those back at their defaults (after a liquidation,
     * or an ADL close that flattened a position no check looked at: the checks above skip flat isolated slots).
     * A flat slot that is not at its defaults (an isolated one where the instrument's default is cross) stays
     * stored and must not keep a band either: a later definition can make it read as the defaults and forget it,
     * and a forgotten handle still in a heap corrupts the heap of its next owner's instrument.
     */
    private void releaseIdle(final int accountIndex)
    {
        int s = slots.firstOf(accountIndex);
        while (s != Slots.NONE)
        {
            final int next = slots.nextOf(s);
            if (slots.size(s) == 0)
            {
                if (indexed)
                {
                    index.remove(s, slots.instrument(s));
                }
                slots.releaseIfIdle(s, math.instrumentOf(s));
            }
            s = next;
        }
    }

    /**
     * After a liquidation order ended ({@link MarketLiquidation#end}): an isolated position left by a partial step
     * is checked again at once; a cross account is checked: still liquidatable, its next position is offered when
     * the book took all of the last order, else the fund takes every cross position over; not liquidatable, it
     * leaves liquidation with the check's margin call.
     */
    public void orderEnded(
        final int accountIndex, final int instrumentId, final boolean isolated, final boolean filledInFull)
    {
        if (isolated)
        {
            checkSlot(accountIndex, slots.find(accountIndex, instrumentId));
            return;
        }
        accounts.setCrossInLiquidation(accountIndex, false);
        int outcome = UNCHANGED;
        if (math.hasOpenCross(accountIndex))
        {
            math.crossTotals(accountIndex);
            if (math.crossLiquidatable())
            {
                if (filledInFull)
                {
                    market.offerCross(accountIndex);
                }
                else
                {
                    takeovers.takeCross(accountIndex);
                }
                outcome = LIQUIDATED;
            }
            else
            {
                outcome = crossCheck(accountIndex);
            }
        }
        if (indexed)
        {
            bands.refresh(accountIndex);
        }
        releaseIfLiquidated(accountIndex, outcome);
    }
}
