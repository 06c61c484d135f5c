package com.liqengine.margin;

import com.liqengine.codec.RejectReason;

/**
 * Applies fills (docs/margin.md, section 4, "Fill"): open, increase, reduce, close and flip, realized PnL,
 * fees, the isolated pool's margin moves, and the insurance fund's share of an isolated shortfall. New values
 * are computed in locals and committed only when every step succeeded, so an overflow changes nothing.
 */
final class FillProcessor
{
    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final int fundIndex;

    FillProcessor(
        final Instrument[] instruments,
        final Accounts accounts,
        final Ledger ledger,
        final OutputEmitter emitter,
        final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.ledger = ledger;
        this.emitter = emitter;
        this.fundIndex = fundIndex;
    }

    /**
     * Checks and applies one fill.
     *
     * @return null when applied, else why it was rejected.
     */
    RejectReason apply(
        final int accountIndex, final Instrument instrument, final boolean buy, final long quantity,
        final long price, final long fee, final long tradeId)
    {
        // not Math.abs(fee): it leaves Long.MIN_VALUE negative
        if (quantity <= 0 || price <= 0 || tradeId <= 0 || fee < -FixedPoint.MAX_AMOUNT || fee > FixedPoint.MAX_AMOUNT)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        if (quantity % instrument.stepSize != 0 || price % instrument.tickSize != 0)
        {
            return RejectReason.NOT_ON_TICK_OR_STEP;
        }
        if (tradeId <= (buy ? instrument.lastBuyTradeId : instrument.lastSellTradeId))
        {
            return RejectReason.DUPLICATE_TRADE_ID;
        }

        final int slot = accounts.slot(accountIndex, instrument.id);
        final boolean isolated = accounts.isolated[slot];
        long size = accounts.size[slot];
        long cost = accounts.cost[slot];
        long pool = accounts.pool[slot];
        long wallet = Math.subtractExact(accounts.crossWallet[accountIndex], fee);
        long fundWallet = accounts.crossWallet[fundIndex];
        long realized = 0;
        long openQuantity = quantity;
        final long direction = buy ? 1 : -1;

        if (size != 0 && Long.signum(size) != direction)
        {
            final long held = Math.abs(size);
            final long closed = Math.min(quantity, held);
            final long remainingCost = FixedPoint.mulDivFloor(cost, held - closed, held);
            realized = Math.subtractExact(
                instrument.value(Long.signum(size) * closed, price), Math.subtractExact(cost, remainingCost));
            if (isolated)
            {
                final long released = FixedPoint.mulDivFloor(pool, closed, held);
                pool -= released;
                final long returned = Math.addExact(released, realized);
                if (returned >= 0)
                {
                    wallet = Math.addExact(wallet, returned);
                }
                else
                {
                    // an isolated loss never touches the wallet: the pool, then the fund, pays it
                    pool += returned;
                    if (pool < 0)
                    {
                        fundWallet = Math.addExact(fundWallet, pool);
                        pool = 0;
                    }
                }
            }
            else
            {
                wallet = Math.addExact(wallet, realized);
            }
            size -= Long.signum(size) * closed;
            cost = remainingCost;
            openQuantity = quantity - closed;
        }

        long required = 0;
        long moved = 0;
        if (openQuantity > 0)
        {
            final long value = instrument.value(openQuantity, price);
            size = Math.addExact(size, direction * openQuantity);
            cost = Math.addExact(cost, direction * value);
            if (isolated)
            {
                required = FixedPoint.ceilDiv(value, accounts.leverage[slot]);
                moved = Math.min(required, Math.max(wallet, 0));
                wallet -= moved;
                pool = Math.addExact(pool, moved);
            }
        }
        if (Math.abs(instrument.value(size, price)) > FixedPoint.MAX_AMOUNT ||
            (instrument.markPrice != 0 &&
            Math.abs(instrument.value(size, instrument.markPrice)) > FixedPoint.MAX_AMOUNT))
        {
            return RejectReason.OVERFLOW;
        }
        final long realizedTotal = Math.addExact(ledger.realizedPnl, realized);
        final long feesTotal = Math.addExact(ledger.fees, fee);

        // commit: the fund first, since a fill may be the fund's own (whose slots are never isolated)
        accounts.crossWallet[fundIndex] = fundWallet;
        accounts.crossWallet[accountIndex] = wallet;
        accounts.size[slot] = size;
        accounts.cost[slot] = cost;
        accounts.pool[slot] = pool;
        ledger.realizedPnl = realizedTotal;
        ledger.fees = feesTotal;
        if (buy)
        {
            instrument.lastBuyTradeId = tradeId;
        }
        else
        {
            instrument.lastSellTradeId = tradeId;
        }
        if (instrument.markPrice == 0)
        {
            instrument.markPrice = price;
        }
        instrument.largestOpenQuantity = Math.max(instrument.largestOpenQuantity, Math.abs(size));
        if (moved < required)
        {
            emitter.underMarginedFill(accounts.idAt(accountIndex), instrument.id, required, moved);
        }
        return null;
    }
}
