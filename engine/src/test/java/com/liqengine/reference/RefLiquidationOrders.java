package com.liqengine.reference;

import com.liqengine.codec.RejectReason;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Market mode of docs/liquidation.md: the open liquidation orders, their emission (quantity, limit, id), their
 * fills settled inside the liquidated margin, and their end (fee, takeover of the rest, clearance fee, the cross
 * continuation).
 */
final class RefLiquidationOrders
{
    private final List<RefLiquidationOrder> open = new ArrayList<>();
    private final RefLiquidator liquidator;
    private final RefAccount fund;
    private final RefLedger ledger;
    private final RefOutputs outputs;
    private final int maxOpen;
    private long sequence;
    private int emitted;

    RefLiquidationOrders(
        final RefLiquidator liquidator, final RefAccount fund, final RefLedger ledger, final RefOutputs outputs,
        final int maxOpen)
    {
        this.liquidator = liquidator;
        this.fund = fund;
        this.ledger = ledger;
        this.outputs = outputs;
        this.maxOpen = maxOpen;
    }

    /** A new input: its orders are numbered from 1 under its sequence. */
    void begin(final long inputSequence)
    {
        sequence = inputSequence;
        emitted = 0;
    }

    /** Whether another order may be opened ({@code maxOpenLiquidations}). */
    boolean hasRoom()
    {
        return open.size() < maxOpen;
    }

    List<RefOpenLiquidation> views()
    {
        final List<RefOpenLiquidation> views = new ArrayList<>();
        for (final RefLiquidationOrder order : open)
        {
            views.add(order.view());
        }
        return views;
    }

    // ------------------------------------------------------------------ "The order"

    /** Emits the order for (part of) a position: its quantity, its limit at the bankruptcy price, its id. */
    void offer(final RefAccount account, final RefPosition slot)
    {
        final boolean sell = slot.size.signum() > 0;
        final RefLiquidationOrder order = new RefLiquidationOrder(
            sequence, ++emitted, account, slot, sell, offeredQuantity(slot), limit(account, slot));
        open.add(order);
        outputs.liquidationOrder(account.id, slot.instrument, sell, order.quantity, order.limit,
            order.liquidationSequence, order.liquidationIndex);
    }

    /** The open cross position with the largest maintenance margin, the lowest instrument id on a tie. */
    static RefPosition largestMaintenance(final RefAccount account)
    {
        RefPosition largest = null;
        for (final RefPosition slot : account.slots())
        {
            if (slot.isOpenCross() &&
                (largest == null || RefMath.above(slot.maintenanceMargin(), largest.maintenanceMargin())))
            {
                largest = slot;
            }
        }
        return largest;
    }

    /**
     * {@code |q|}, or with {@code t} the 1-based tier of {@code |value(q, M)|}, when {@code partialFromTier > 0},
     * {@code t ≥ partialFromTier} and {@code t ≥ 2}: {@code |q| − K}, {@code K = floor(cap_{t−1} / (M × f × step))
     * × step}, the most on the step worth at most the cap of the tier below.
     */
    static BigDecimal offeredQuantity(final RefPosition slot)
    {
        final RefInstrument instrument = slot.instrument;
        final BigDecimal held = slot.size.abs();
        final int tier = instrument.tiers.indexOf(slot.notional()) + 1;
        final int from = instrument.partialFromTier;
        if (from == 0 || tier < from || tier < 2)
        {
            return held;
        }
        final BigDecimal capBelow = instrument.tiers.tier(tier - 2).cap();
        final BigDecimal stepValue = instrument.value(instrument.step(), instrument.mark);
        final BigDecimal kept = instrument.step().multiply(capBelow.divide(stepValue, 0, RoundingMode.FLOOR));
        return held.subtract(kept);
    }

    /**
     * The bankruptcy price now, on the tick against the account: a long (sell) the least tick multiple with
     * {@code E(P) ≥ 0}, {@code ceil(−base / (q × f × tick)) × tick}; a short (buy) the greatest,
     * {@code floor(base / (|q| × f × tick)) × tick}; then at most the greatest tick multiple not above
     * {@code Pmax} and at least one tick.
     */
    static long limit(final RefAccount account, final RefPosition slot)
    {
        final RefInstrument instrument = slot.instrument;
        final BigDecimal base = RefPrices.equityBase(account, slot);
        // value(q, one tick): E(P) = base + ticks × this
        final BigDecimal tickValue = instrument.value(slot.size, instrument.tick());
        final BigInteger ticks = slot.size.signum() > 0 ?
            base.negate().divide(tickValue, 0, RoundingMode.CEILING).toBigIntegerExact() :
            base.divide(tickValue.negate(), 0, RoundingMode.FLOOR).toBigIntegerExact();
        final BigInteger mostTicks = BigInteger.valueOf(RefPrices.maxPrice(slot) / instrument.tickSize);
        return ticks.min(mostTicks).max(BigInteger.ONE).longValueExact() * instrument.tickSize;
    }

    // ------------------------------------------------------------------ "Fills of the order"

    /**
     * A fill carrying a liquidation id, after the checks of every fill (account, instrument, side): the checks of
     * docs/liquidation.md in their order, then the settlement inside the liquidated margin. No check follows.
     */
    void fill(
        final RefAccount account, final RefInstrument instrument, final boolean buy, final long quantity,
        final long price, final long fee, final long tradeId, final long liquidationSequence,
        final int liquidationIndex)
    {
        final RefLiquidationOrder order = find(liquidationSequence, liquidationIndex);
        if (order.account != account || order.slot.instrument != instrument || order.sell == buy)
        {
            throw new RefRejected(RejectReason.LIQUIDATION_MISMATCH);
        }
        if (quantity <= 0 || price <= 0 || tradeId <= 0 || fee != 0)
        {
            throw new RefRejected(RejectReason.OUT_OF_RANGE);
        }
        if (quantity % instrument.stepSize != 0 || price % instrument.tickSize != 0)
        {
            throw new RefRejected(RejectReason.NOT_ON_TICK_OR_STEP);
        }
        if (tradeId <= (buy ? instrument.lastBuyTradeId : instrument.lastSellTradeId))
        {
            throw new RefRejected(RejectReason.DUPLICATE_TRADE_ID);
        }
        final BigDecimal delta = instrument.quantity(quantity);
        if (RefMath.above(delta, order.remaining()))
        {
            throw new RefRejected(RejectReason.EXCEEDS_ORDER_QUANTITY);
        }
        if (order.sell ? price < order.limit : price > order.limit)
        {
            throw new RefRejected(RejectReason.BEYOND_LIMIT_PRICE);
        }
        final RefPosition slot = order.slot;
        final BigDecimal held = slot.size.abs();
        if (slot.size.signum() != (order.sell ? 1 : -1) || RefMath.above(delta, held))
        {
            throw new RefRejected(RejectReason.LIQUIDATION_MISMATCH);
        }
        // C' = floor(C × (|q| − Δ) / |q|), Rz = value(sign(q) × Δ, p) − (C − C')
        final BigDecimal fillPrice = instrument.price(price);
        final BigDecimal closed = delta.multiply(BigDecimal.valueOf(slot.size.signum()));
        final BigDecimal remainingCost = RefMath.divideDown(slot.cost.multiply(held.subtract(delta)), held);
        final BigDecimal realized = instrument.value(closed, fillPrice).subtract(slot.cost.subtract(remainingCost));
        final BigDecimal marginAfter = (order.isolated ? slot.pool : account.wallet).add(realized);
        if (RefMath.above(instrument.value(instrument.capacity(slot.size), fillPrice), RefMath.MAX_AMOUNT) ||
            RefMath.outOfWalletRange(marginAfter))
        {
            throw new RefRejected(RejectReason.OUT_OF_RANGE);
        }
        if (order.isolated)
        {
            slot.pool = marginAfter;
        }
        else
        {
            account.wallet = marginAfter;
        }
        slot.size = slot.size.subtract(closed);
        slot.cost = remainingCost;
        if (!slot.isOpen())
        {
            slot.marginCalled = false;
        }
        ledger.realizedPnl = ledger.realizedPnl.add(realized);
        if (buy)
        {
            instrument.lastBuyTradeId = tradeId;
        }
        else
        {
            instrument.lastSellTradeId = tradeId;
        }
        order.filled = order.filled.add(delta);
        order.filledNotional = order.filledNotional.add(instrument.value(delta, fillPrice));
        outputs.liquidationFill(order, delta, price, realized);
    }

    private RefLiquidationOrder find(final long liquidationSequence, final int liquidationIndex)
    {
        for (final RefLiquidationOrder order : open)
        {
            if (order.hasId(liquidationSequence, liquidationIndex))
            {
                return order;
            }
        }
        throw new RefRejected(RejectReason.UNKNOWN_LIQUIDATION);
    }

    // ------------------------------------------------------------------ "The end of the order"

    /**
     * LiquidationOrderDone: the order ends whatever the book reported; the fee, then the isolated position's rest
     * to the fund (and what is left of a closed pool), or the cross account's next step.
     */
    void done(final long liquidationSequence, final int liquidationIndex, final long reportedQuantity)
    {
        final RefLiquidationOrder order = find(liquidationSequence, liquidationIndex);
        if (reportedQuantity < 0)
        {
            // docs/liquidation.md: a known order's rejection names its account and instrument
            throw new RefRejected(RejectReason.OUT_OF_RANGE, order.account.id, order.slot.instrument.id);
        }
        open.remove(order);
        final RefAccount account = order.account;
        final RefPosition slot = order.slot;
        // fee = floor(rate × Σ|value(Δ, p)| / R), capped at max(0, min(B, B + U)) or max(0, min(W, W + ΣU))
        final BigDecimal margin = order.isolated ? slot.pool : account.wallet;
        final BigDecimal equity = order.isolated ? slot.isolatedEquity() : account.crossEquity();
        final BigDecimal cap = RefMath.max(BigDecimal.ZERO, RefMath.min(margin, equity));
        final BigDecimal fee = RefMath.min(cap,
            RefMath.divideDown(slot.instrument.liquidationFeeRate.multiply(order.filledNotional), RefMath.ONE));
        if (order.isolated)
        {
            slot.pool = slot.pool.subtract(fee);
        }
        else
        {
            account.wallet = account.wallet.subtract(fee);
        }
        fund.wallet = RefMath.saturateFund(fund.wallet.add(fee));
        outputs.liquidationFeeCharged(order, reportedQuantity, fee, fund.wallet);
        if (order.isolated)
        {
            endIsolated(order);
        }
        else
        {
            endCross(order);
        }
    }

    /**
     * The rest {@code quantity − filled}, at most {@code |q|} and only while {@code q} is on the side the order
     * closes, to the fund; a flat position's pool to the fund (ClearanceFee); a position left is checked again.
     */
    private void endIsolated(final RefLiquidationOrder order)
    {
        final RefAccount account = order.account;
        final RefPosition slot = order.slot;
        slot.inLiquidation = false;
        if (slot.size.signum() == (order.sell ? 1 : -1))
        {
            final BigDecimal rest = RefMath.min(order.remaining(), slot.size.abs());
            if (rest.signum() > 0)
            {
                liquidator.takeOverIsolated(account, slot, rest);
            }
        }
        if (!slot.isOpen() && slot.pool.signum() != 0)
        {
            final BigDecimal pool = slot.pool;
            fund.wallet = RefMath.saturateFund(fund.wallet.add(pool));
            slot.pool = BigDecimal.ZERO;
            outputs.clearanceFee(order, pool, fund.wallet);
        }
        liquidator.checkIsolated(account, slot);
    }

    /**
     * Not liquidatable (or no open cross position): the lifecycle ends with the check's margin call. Still
     * liquidatable: the next position when the order filled in full, else every cross position to the fund.
     */
    private void endCross(final RefLiquidationOrder order)
    {
        final RefAccount account = order.account;
        account.crossInLiquidation = false;
        if (!RefLiquidator.crossLiquidatable(account))
        {
            liquidator.checkCross(account);
        }
        else if (order.remaining().signum() == 0)
        {
            account.crossInLiquidation = true;
            offer(account, largestMaintenance(account));
        }
        else
        {
            liquidator.takeOverCross(account);
        }
    }
}
