package com.liqengine.margin;

import com.liqengine.codec.RejectReason;

/**
 * Applies fills (docs/margin.md, section 4, "Fill"): open, increase, reduce, close and flip, realized PnL,
 * fees, the isolated pool's margin moves, and the insurance fund's share of an isolated shortfall. Every bound of
 * section 1 is checked before anything changes, so within them nothing can overflow; new values are computed in
 * locals and committed at the end. A slot that is not stored is read as the instrument's defaults and stored
 * only when the fill is applied.
 */
final class FillProcessor
{
    private final Accounts accounts;
    private final Slots slots;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final int fundIndex;
    private int appliedSlot = Slots.NONE;

    FillProcessor(
        final Accounts accounts,
        final Slots slots,
        final Ledger ledger,
        final OutputEmitter emitter,
        final int fundIndex)
    {
        this.accounts = accounts;
        this.slots = slots;
        this.ledger = ledger;
        this.emitter = emitter;
        this.fundIndex = fundIndex;
    }

    /** The slot the last applied fill changed (stored by it when it was not). */
    int appliedSlot()
    {
        return appliedSlot;
    }

    /**
     * Checks and applies one fill.
     *
     * @param slot the account's slot of the instrument, or {@link Slots#NONE} when not stored.
     * @return null when applied, else why it was rejected (nothing changed).
     */
    RejectReason apply(
        final int accountIndex, final int slot, final Instrument instrument, final boolean buy, final long quantity,
        final long price, final long fee, final long tradeId)
    {
        // not Math.abs(fee): it leaves Long.MIN_VALUE negative
        if (quantity <= 0 || price <= 0 || tradeId <= 0 || fee < -FixedPoint.MAX_AMOUNT || fee > FixedPoint.MAX_AMOUNT)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        final RejectReason trade = instrument.checkTrade(buy, quantity, price, tradeId);
        if (trade != null)
        {
            return trade;
        }
        final boolean stored = slot != Slots.NONE;
        final boolean fund = accountIndex == fundIndex;
        long size = stored ? slots.size(slot) : 0;
        final long direction = buy ? 1 : -1;
        final long held = Math.abs(size);
        final long closed = size != 0 && Long.signum(size) != direction ? Math.min(quantity, held) : 0;
        final long openQuantity = quantity - closed;
        final long sizeAfter = size + direction * openQuantity - Long.signum(size) * closed;
        final long markAfter = instrument.markPrice == 0 ? price : instrument.markPrice;
        final long factor = instrument.valueFactor;
        if (!withinPositionBounds(fund, size, sizeAfter, quantity, price, markAfter, factor))
        {
            return RejectReason.OUT_OF_RANGE;
        }

        final boolean isolated = stored ? slots.isolated(slot) : slots.isDefaultIsolated(accountIndex, instrument);
        final int leverage = stored ? slots.leverage[slot] : instrument.defaultLeverage;
        long cost = stored ? slots.cost(slot) : 0;
        long pool = stored ? slots.pool(slot) : 0;
        // within the bounds: |W| ≤ 2^60 (the fund's 2^62), |fee| ≤ 2^58, values at p ≤ 2^58 (the fund's 2^61)
        long wallet = walletAdd(fund, accounts.crossWallet(accountIndex), -fee);
        long fundShortfall = 0;
        long realized = 0;
        if (closed > 0)
        {
            final long remainingCost = FixedPoint.mulDivFloor(cost, held - closed, held);
            realized = instrument.value(Long.signum(size) * closed, price) - (cost - remainingCost);
            if (isolated)
            {
                final long released = FixedPoint.mulDivFloor(pool, closed, held);
                pool -= released;
                final long returned = released + realized;
                if (returned >= 0)
                {
                    wallet = walletAdd(fund, wallet, returned);
                }
                else
                {
                    // an isolated loss never touches the wallet: the pool, then the fund, pays it
                    pool += returned;
                    if (pool < 0)
                    {
                        fundShortfall = pool;
                        pool = 0;
                    }
                }
            }
            else
            {
                wallet = walletAdd(fund, wallet, realized);
            }
            size = size - Long.signum(size) * closed;
            cost = remainingCost;
        }

        long required = 0;
        long moved = 0;
        if (openQuantity > 0)
        {
            final long value = instrument.value(openQuantity, price);
            size += direction * openQuantity;
            cost = fund ? FixedPoint.addSaturated(cost, direction * value, FixedPoint.FUND_SATURATION) :
                cost + direction * value;
            if (isolated)
            {
                required = MarginMath.initialMargin(value, leverage);
                moved = Math.min(required, Math.max(wallet, 0));
                wallet -= moved;
                pool += moved;
            }
        }
        if (!fund && (Math.abs(wallet) > FixedPoint.MAX_BALANCE || Math.abs(pool) > FixedPoint.MAX_BALANCE ||
            Math.abs(cost) > FixedPoint.MAX_BALANCE))
        {
            return RejectReason.OUT_OF_RANGE;
        }
        final boolean opens = !stored;
        if (opens && !slots.hasRoom(accountIndex))
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }

        // commit: the fund first, since a fill may be the fund's own (whose slots are never isolated)
        final int target = opens ? slots.open(accountIndex, instrument) : slot;
        accounts.payFund(fundIndex, fundShortfall);
        accounts.setCrossWallet(accountIndex, wallet);
        slots.setSize(target, size);
        slots.setCost(target, cost);
        slots.setPool(target, pool);
        if (size == 0)
        {
            // a flat slot has no ratio to be called on (docs/margin.md, section 3)
            slots.setMarginCall(target, false);
        }
        ledger.realizedPnl.add(realized);
        ledger.fees.add(fee);
        instrument.recordTrade(buy, tradeId);
        if (instrument.markPrice == 0)
        {
            instrument.setMarkPrice(price);
        }
        appliedSlot = target;
        if (moved < required)
        {
            emitter.underMarginedFill(accounts.idAt(accountIndex), instrument.id, required, moved);
        }
        return null;
    }

    /**
     * The position bounds of docs/margin.md section 1, before anything is computed from the fill: an account's
     * capacity before and after at the fill's price, and after at the mark, within 2^58; the fund's fill within
     * 2^61 at its price, and a fund position it grows within 2^61 at the price and the mark.
     */
    private static boolean withinPositionBounds(
        final boolean fund, final long size, final long sizeAfter, final long quantity, final long price,
        final long markAfter, final long factor)
    {
        if (!fund)
        {
            final long bound = FixedPoint.MAX_AMOUNT;
            // implied by the three below (Δ ≤ |q| + |q'|), and tested first: the size after cannot have wrapped
            return FixedPoint.productAtMost(quantity, price, factor, 2 * bound) &&
                FixedPoint.productAtMost(Slots.capacityOf(size), price, factor, bound) &&
                FixedPoint.productAtMost(Slots.capacityOf(sizeAfter), price, factor, bound) &&
                FixedPoint.productAtMost(Slots.capacityOf(sizeAfter), markAfter, factor, bound);
        }
        final long bound = FixedPoint.MAX_FUND_POSITION_VALUE;
        return FixedPoint.productAtMost(quantity, price, factor, bound) &&
            (Math.abs(sizeAfter) <= Math.abs(size) ||
            FixedPoint.productAtMost(sizeAfter, price, factor, bound) &&
            FixedPoint.productAtMost(sizeAfter, markAfter, factor, bound));
    }

    /** Adds to a wallet: exact for an account (its bounds keep it far from wrapping), saturated for the fund. */
    private static long walletAdd(final boolean fund, final long wallet, final long amount)
    {
        return fund ? FixedPoint.addSaturated(wallet, amount, FixedPoint.FUND_SATURATION) : wallet + amount;
    }
}
