package com.liqengine.reference;

import com.liqengine.codec.RejectReason;

import java.math.BigDecimal;

/**
 * Applies one checked fill (docs/margin.md, section 4, "Fill"): the fee, then the reduce or close with its
 * realized PnL (an isolated loss comes out of the pool, then the fund), then the open part with its margin move.
 * Everything is computed in locals first so that an overflow commits nothing.
 */
final class RefFills
{
    private final RefLedger ledger;
    private final RefOutputs outputs;

    RefFills(final RefLedger ledger, final RefOutputs outputs)
    {
        this.ledger = ledger;
        this.outputs = outputs;
    }

    void apply(
        final RefAccount account, final RefAccount fund, final RefInstrument instrument, final boolean buy,
        final BigDecimal quantity, final BigDecimal price, final BigDecimal fee)
    {
        final RefPosition slot = account.slot(instrument.id);
        BigDecimal wallet = account.wallet.subtract(fee);
        BigDecimal fundWallet = fund.wallet;
        BigDecimal size = slot.size;
        BigDecimal cost = slot.cost;
        BigDecimal pool = slot.pool;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal opening = quantity;
        final BigDecimal direction = buy ? RefMath.ONE : RefMath.ONE.negate();

        if (size.signum() != 0 && size.signum() != direction.signum())
        {
            final BigDecimal held = size.abs();
            final BigDecimal closed = RefMath.min(quantity, held);
            final BigDecimal sign = BigDecimal.valueOf(size.signum());
            final BigDecimal remainingCost = RefMath.divideDown(cost.multiply(held.subtract(closed)), held);
            realized = instrument.value(closed.multiply(sign), price).subtract(cost.subtract(remainingCost));
            if (slot.isolated)
            {
                final BigDecimal released = RefMath.divideDown(pool.multiply(closed), held);
                pool = pool.subtract(released);
                final BigDecimal returned = released.add(realized);
                if (returned.signum() >= 0)
                {
                    wallet = wallet.add(returned);
                }
                else
                {
                    pool = pool.add(returned);
                    if (pool.signum() < 0)
                    {
                        fundWallet = fundWallet.add(pool);
                        pool = BigDecimal.ZERO;
                    }
                }
            }
            else
            {
                wallet = wallet.add(realized);
            }
            size = size.subtract(closed.multiply(sign));
            cost = remainingCost;
            opening = quantity.subtract(closed);
        }

        BigDecimal required = BigDecimal.ZERO;
        BigDecimal moved = BigDecimal.ZERO;
        if (opening.signum() > 0)
        {
            final BigDecimal value = instrument.value(opening, price);
            size = size.add(opening.multiply(direction));
            cost = cost.add(value.multiply(direction));
            if (slot.isolated)
            {
                required = RefMath.divideUp(value, BigDecimal.valueOf(slot.leverage));
                moved = RefMath.min(required, RefMath.max(wallet, BigDecimal.ZERO));
                wallet = wallet.subtract(moved);
                pool = pool.add(moved);
            }
        }
        if (RefMath.outOfAmountRange(instrument.value(size, price)) ||
            (instrument.hasMark() && RefMath.outOfAmountRange(instrument.value(size, instrument.mark))))
        {
            throw new RefRejected(RejectReason.OVERFLOW);
        }
        if (!RefMath.fitsLong(wallet) || !RefMath.fitsLong(cost) || !RefMath.fitsLong(pool))
        {
            throw new RefRejected(RejectReason.OVERFLOW);
        }

        fund.wallet = fundWallet;
        account.wallet = wallet;
        slot.size = size;
        slot.cost = cost;
        slot.pool = pool;
        ledger.realizedPnl = ledger.realizedPnl.add(realized);
        ledger.fees = ledger.fees.add(fee);
        if (!instrument.hasMark())
        {
            instrument.mark = price;
        }
        instrument.largestQuantity = RefMath.max(instrument.largestQuantity, size.abs());
        if (moved.compareTo(required) < 0)
        {
            outputs.underMarginedFill(account.id, instrument.id, required, moved);
        }
    }
}
