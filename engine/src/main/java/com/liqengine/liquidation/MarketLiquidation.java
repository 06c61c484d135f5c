package com.liqengine.liquidation;

import com.liqengine.account.Accounts;
import com.liqengine.account.Instrument;
import com.liqengine.account.Ledger;
import com.liqengine.account.MarginMath;
import com.liqengine.account.Slots;
import com.liqengine.codec.RejectReason;
import com.liqengine.margin.OutputEmitter;
import com.liqengine.math.FixedPoint;
import com.liqengine.math.WideSum;

/**
 * The {@code market} mode of docs/liquidation.md: a liquidated isolated position, or a cross account one position
 * at a time, is offered to the book as an immediate-or-cancel order at its bankruptcy price; its fills settle
 * inside the liquidated margin; at its end the liquidation fee goes to the fund and, for an isolated position,
 * the fund takes over what the book did not take. What follows the end of a cross order is the cross check's
 * ({@link Liquidator#orderEnded}). When every order is open a trigger is taken over at once, as in
 * {@code takeover} mode, so that no liquidation waits.
 */
public final class MarketLiquidation
{
    /** Whatever the other positions are worth, a price outside {@code [1, 2^60 / (|q| f)]} is clamped anyway. */
    private static final long BASE_LIMIT = 1L << 62;
    private static final long PRICE_LIMIT = 1L << 60;

    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Slots slots;
    private final MarginMath math;
    private final LiquidationOrders orders;
    private final Takeovers takeovers;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final int fundIndex;
    private final WideSum base = new WideSum();
    private long sequence;
    private int emitted;

    public MarketLiquidation(
        final Instrument[] instruments,
        final Accounts accounts,
        final Slots slots,
        final MarginMath math,
        final LiquidationOrders orders,
        final Takeovers takeovers,
        final Ledger ledger,
        final OutputEmitter emitter,
        final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.slots = slots;
        this.math = math;
        this.orders = orders;
        this.takeovers = takeovers;
        this.ledger = ledger;
        this.emitter = emitter;
        this.fundIndex = fundIndex;
    }

    /** The input being applied: the first part of the ids of the orders it emits. */
    public void beginInput(final long inputSequence)
    {
        sequence = inputSequence;
        emitted = 0;
    }

    /**
     * Puts a triggered isolated position in liquidation with its order, or, when every order is open, has the
     * fund take it over at once.
     *
     * @return true when it is in liquidation, false when it was taken over.
     */
    boolean offerIsolated(final int accountIndex, final int slot)
    {
        if (orders.isFull())
        {
            takeovers.takeIsolated(accountIndex, slot, Math.abs(slots.size(slot)));
            return false;
        }
        slots.setInLiquidation(slot, true);
        emitOrder(accountIndex, slot, true);
        return true;
    }

    /**
     * Puts a triggered (or still liquidatable) cross account in liquidation and offers its position with the
     * largest maintenance margin (ties: the lowest instrument id), or, when every order is open, has the fund
     * take every cross position over at once.
     *
     * @return true when it is in liquidation, false when it was taken over.
     */
    boolean offerCross(final int accountIndex)
    {
        if (orders.isFull())
        {
            takeovers.takeCross(accountIndex);
            return false;
        }
        int chosen = Slots.NONE;
        long largest = 0;
        // the account's slots are in instrument order: a strictly larger margin wins, so ties keep the lowest id
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (slots.size(s) != 0 && !slots.isolated(s))
            {
                final long maintenance = math.maintenanceMargin(s);
                if (chosen == Slots.NONE || maintenance > largest)
                {
                    chosen = s;
                    largest = maintenance;
                }
            }
        }
        accounts.setCrossInLiquidation(accountIndex, true);
        emitOrder(accountIndex, chosen, false);
        return true;
    }

    private void emitOrder(final int accountIndex, final int slot, final boolean isolated)
    {
        final Instrument instrument = math.instrumentOf(slot);
        final long size = slots.size(slot);
        final long quantity = orderQuantity(instrument, size);
        final long limit = limitPrice(accountIndex, slot, isolated, instrument, size);
        final int index = ++emitted;
        orders.add(sequence, index, accountIndex, instrument.id, isolated, size > 0, quantity, limit);
        emitter.liquidationOrder(accounts.idAt(accountIndex), instrument.id, size, quantity, limit, sequence, index);
    }

    /**
     * All of the position, or, from the instrument's {@code partialFromTier} on, what brings it down to the cap
     * of the tier below at the mark: {@code |q| − K}, K the most on the step worth at most that cap.
     */
    private static long orderQuantity(final Instrument instrument, final long size)
    {
        final long held = Math.abs(size);
        final long mark = instrument.markPrice;
        final int tier = instrument.tiers.tierOf(Math.abs(instrument.value(size, mark)));
        if (instrument.partialFromTier == 0 || tier + 1 < instrument.partialFromTier || tier == 0)
        {
            return held;
        }
        // floor(floor(cap / (M f)) / step) = floor(cap / (M f step)), without the product that could wrap
        final long perUnit = mark * instrument.valueFactor;
        final long kept = instrument.tiers.maxNotional(tier - 1) / perUnit / instrument.stepSize * instrument.stepSize;
        return held - Math.min(kept, held);
    }

    /**
     * The bankruptcy price on the tick, against the account: with {@code E(P) = base + value(q, P)} the equity at
     * mark P of this instrument (the others held), the least tick with {@code E(P) ≥ 0} for a long, the greatest
     * for a short; at least one tick, at most the greatest tick within {@code 2^60 / (|q| f)}.
     */
    private long limitPrice(
        final int accountIndex, final int slot, final boolean isolated, final Instrument instrument, final long size)
    {
        final WideSum sum = isolated ? base.set(slots.pool(slot)) : math.crossEquity(accountIndex, slot, base);
        sum.add(-slots.cost(slot));
        // clamping the rest changes no price inside the range below (docs/liquidation.md)
        final long rest = sum.clamped(BASE_LIMIT);
        final long perPrice = Math.abs(size) * instrument.valueFactor;
        final long tick = instrument.tickSize;
        final long price = size > 0 ?
            ceilDiv(ceilDiv(-rest, perPrice), tick) * tick :
            Math.floorDiv(Math.floorDiv(rest, perPrice), tick) * tick;
        final long highest = PRICE_LIMIT / perPrice / tick * tick;
        return Math.max(tick, Math.min(price, highest));
    }

    private static long ceilDiv(final long a, final long b)
    {
        return -Math.floorDiv(-a, b);
    }

    /**
     * Checks and settles a fill of an open order (docs/liquidation.md, "Fills of the order"): the checks in the
     * documented order, then the realized PnL into the pool (isolated) or the wallet (cross).
     *
     * @return null when applied, else why it was rejected (nothing changed).
     */
    public RejectReason fill(
        final int order, final int accountIndex, final Instrument instrument, final boolean buy, final long quantity,
        final long price, final long fee, final long tradeId)
    {
        final boolean sells = orders.sells(order);
        if (orders.account[order] != accountIndex || orders.instrument[order] != instrument.id || buy == sells)
        {
            return RejectReason.LIQUIDATION_MISMATCH;
        }
        if (quantity <= 0 || price <= 0 || tradeId <= 0 || fee != 0)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        final RejectReason trade = instrument.checkTrade(buy, quantity, price, tradeId);
        if (trade != null)
        {
            return trade;
        }
        if (quantity > orders.remaining(order))
        {
            return RejectReason.EXCEEDS_ORDER_QUANTITY;
        }
        if (sells ? price < orders.limit[order] : price > orders.limit[order])
        {
            return RejectReason.BEYOND_LIMIT_PRICE;
        }
        final int slot = slots.find(accountIndex, instrument.id);
        final long size = slot == Slots.NONE ? 0 : slots.size(slot);
        if ((sells ? size <= 0 : size >= 0) || Math.abs(size) < quantity)
        {
            return RejectReason.LIQUIDATION_MISMATCH;
        }
        if (!FixedPoint.productAtMost(Slots.capacityOf(size), price, instrument.valueFactor, FixedPoint.MAX_AMOUNT))
        {
            return RejectReason.OUT_OF_RANGE;
        }
        final long held = Math.abs(size);
        final long cost = slots.cost(slot);
        final long remainingCost = FixedPoint.mulDivFloor(cost, held - quantity, held);
        final long closedValue = instrument.value(Long.signum(size) * quantity, price);
        final long realized = closedValue - (cost - remainingCost);
        final boolean isolated = orders.isolated[order];
        final long margin = isolated ? slots.pool(slot) : accounts.crossWallet(accountIndex);
        // |margin| ≤ 2^60, |realized| < 2^61 within the bounds (docs/margin.md section 1): the sum does not wrap
        final long marginAfter = margin + realized;
        if (Math.abs(marginAfter) > FixedPoint.MAX_BALANCE)
        {
            return RejectReason.OUT_OF_RANGE;
        }

        if (isolated)
        {
            slots.setPool(slot, marginAfter);
        }
        else
        {
            accounts.setCrossWallet(accountIndex, marginAfter);
        }
        slots.setSize(slot, size - Long.signum(size) * quantity);
        slots.setCost(slot, remainingCost);
        ledger.realizedPnl.add(realized);
        instrument.recordTrade(buy, tradeId);
        orders.filled[order] += quantity;
        orders.filledValue[order] = FixedPoint.addSaturated(
            orders.filledValue[order], Math.abs(closedValue), FixedPoint.FUND_SATURATION);
        emitter.liquidationFill(
            orders.sequence[order], orders.index[order], accounts.idAt(accountIndex), instrument.id, buy, quantity,
            price, realized, orders.remaining(order));
        return null;
    }

    /**
     * Ends an order: the liquidation fee to the fund, then, for an isolated position, the takeover of the rest and
     * the pool of a closed position to the fund; the position leaves liquidation. A cross account stays in
     * liquidation: the caller decides what follows ({@link Liquidator#orderEnded}).
     */
    public void end(final int order, final long reported)
    {
        final int accountIndex = orders.account[order];
        final Instrument instrument = instruments[orders.instrument[order]];
        final boolean isolated = orders.isolated[order];
        final int slot = slots.find(accountIndex, instrument.id);
        final long fee = fee(order, accountIndex, slot, isolated, instrument);
        if (isolated)
        {
            slots.setPool(slot, slots.pool(slot) - fee);
        }
        else
        {
            accounts.setCrossWallet(accountIndex, accounts.crossWallet(accountIndex) - fee);
        }
        accounts.payFund(fundIndex, fee);
        final long orderSequence = orders.sequence[order];
        final int orderIndex = orders.index[order];
        final long accountId = accounts.idAt(accountIndex);
        emitter.liquidationFeeCharged(
            orderSequence, orderIndex, accountId, instrument.id, orders.filled[order], reported, fee,
            accounts.crossWallet(fundIndex));
        if (isolated)
        {
            endIsolated(order, accountIndex, slot, instrument, orderSequence, orderIndex, accountId);
        }
        orders.remove(order);
    }

    private void endIsolated(
        final int order, final int accountIndex, final int slot, final Instrument instrument, final long orderSequence,
        final int orderIndex, final long accountId)
    {
        final long size = slots.size(slot);
        final boolean onSide = orders.sells(order) ? size > 0 : size < 0;
        final long rest = onSide ? Math.min(orders.remaining(order), Math.abs(size)) : 0;
        if (rest > 0)
        {
            takeovers.takeIsolated(accountIndex, slot, rest);
        }
        final long pool = slots.pool(slot);
        if (slots.size(slot) == 0 && pool != 0)
        {
            // what a fill better than bankruptcy left in the pool is the fund's (a deficit is the fund's too)
            slots.setPool(slot, 0);
            accounts.payFund(fundIndex, pool);
            emitter.clearanceFee(
                orderSequence, orderIndex, accountId, instrument.id, pool, accounts.crossWallet(fundIndex));
        }
        slots.setInLiquidation(slot, false);
    }

    /** The fee on the order's filled notional, capped at what the liquidated margin still holds, never below 0. */
    private long fee(
        final int order, final int accountIndex, final int slot, final boolean isolated, final Instrument instrument)
    {
        final long charged = FixedPoint.mulDivFloor(orders.filledValue[order], instrument.liquidationFeeRate,
            FixedPoint.SCALE);
        if (charged == 0)
        {
            return 0;
        }
        final long cap;
        if (isolated)
        {
            final long pool = slots.pool(slot);
            final long unrealized = slots.size(slot) == 0 ? 0 : math.unrealizedPnl(slot);
            cap = Math.min(pool, pool + unrealized);
        }
        else
        {
            cap = Math.min(accounts.crossWallet(accountIndex),
                math.crossEquity(accountIndex, Slots.NONE, base).clamped(BASE_LIMIT));
        }
        return Math.max(0, Math.min(charged, cap));
    }
}
