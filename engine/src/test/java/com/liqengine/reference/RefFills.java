package com.liqengine.reference;

import com.liqengine.codec.RejectReason;

import java.math.BigDecimal;

/**
 * One fill (docs/margin.md, section 4, "Fill"): the fee, then the reduce or close with its realized PnL (an
 * isolated loss comes out of the pool, then the fund), then the open part with its margin move. The state after
 * the fill is computed first ({@link #plan}), checked against the bounds of section 1 ({@link #checkBounds}) and
 * only then committed ({@link #commit}), so that a refused fill changes nothing.
 */
final class RefFills
{
    /** The state a fill would leave; nothing of it is committed until {@link #commit}. */
    static final class Plan
    {
        final RefAccount account;
        final RefAccount fund;
        final RefPosition slot;
        final RefInstrument instrument;
        final BigDecimal price;
        final BigDecimal fee;
        /** {@code Δ}, and {@code q} before the fill. */
        BigDecimal quantity;
        BigDecimal sizeBefore;
        /** {@code M'}: the mark after the fill, the fill price when the mark was still unknown. */
        final BigDecimal markAfter;
        BigDecimal wallet;
        BigDecimal fundWallet;
        BigDecimal size;
        BigDecimal cost;
        BigDecimal pool;
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal required = BigDecimal.ZERO;
        BigDecimal moved = BigDecimal.ZERO;

        private Plan(
            final RefAccount account, final RefAccount fund, final RefInstrument instrument, final BigDecimal price,
            final BigDecimal fee)
        {
            this.account = account;
            this.fund = fund;
            this.slot = account.slot(instrument.id);
            this.instrument = instrument;
            this.price = price;
            this.fee = fee;
            this.markAfter = instrument.hasMark() ? instrument.mark : price;
        }
    }

    private final RefLedger ledger;
    private final RefOutputs outputs;

    RefFills(final RefLedger ledger, final RefOutputs outputs)
    {
        this.ledger = ledger;
        this.outputs = outputs;
    }

    /** The state after a checked fill; when the account is the fund, each change of its wallet, size and cost
     * is saturated at {@code ±2^62} as it is stored (section 1). */
    Plan plan(
        final RefAccount account, final RefAccount fund, final RefInstrument instrument, final boolean buy,
        final BigDecimal quantity, final BigDecimal price, final BigDecimal fee)
    {
        final Plan plan = new Plan(account, fund, instrument, price, fee);
        final RefPosition slot = plan.slot;
        plan.quantity = quantity;
        plan.sizeBefore = slot.size;
        final boolean isFund = account.fund;
        plan.wallet = wallet(isFund, account.wallet.subtract(fee));
        plan.fundWallet = fund.wallet;
        plan.size = slot.size;
        plan.cost = slot.cost;
        plan.pool = slot.pool;
        BigDecimal opening = quantity;
        final BigDecimal direction = buy ? RefMath.ONE : RefMath.ONE.negate();

        if (plan.size.signum() != 0 && plan.size.signum() != direction.signum())
        {
            final BigDecimal held = plan.size.abs();
            final BigDecimal closed = RefMath.min(quantity, held);
            final BigDecimal sign = BigDecimal.valueOf(plan.size.signum());
            final BigDecimal remainingCost = RefMath.divideDown(plan.cost.multiply(held.subtract(closed)), held);
            plan.realized = instrument.value(closed.multiply(sign), price).subtract(plan.cost.subtract(remainingCost));
            if (slot.isolated)
            {
                final BigDecimal released = RefMath.divideDown(plan.pool.multiply(closed), held);
                plan.pool = plan.pool.subtract(released);
                final BigDecimal returned = released.add(plan.realized);
                if (returned.signum() >= 0)
                {
                    plan.wallet = plan.wallet.add(returned);
                }
                else
                {
                    plan.pool = plan.pool.add(returned);
                    if (plan.pool.signum() < 0)
                    {
                        // the fund pays the pool's shortfall; its wallet saturates
                        plan.fundWallet = RefMath.saturateFund(plan.fundWallet.add(plan.pool));
                        plan.pool = BigDecimal.ZERO;
                    }
                }
            }
            else
            {
                plan.wallet = wallet(isFund, plan.wallet.add(plan.realized));
            }
            plan.size = size(isFund, instrument, plan.size.subtract(closed.multiply(sign)));
            plan.cost = wallet(isFund, remainingCost);
            opening = quantity.subtract(closed);
        }

        if (opening.signum() > 0)
        {
            final BigDecimal value = instrument.value(opening, price);
            plan.size = size(isFund, instrument, plan.size.add(opening.multiply(direction)));
            plan.cost = wallet(isFund, plan.cost.add(value.multiply(direction)));
            if (slot.isolated)
            {
                plan.required = RefMath.divideUp(value, BigDecimal.valueOf(slot.leverage));
                plan.moved = RefMath.min(plan.required, RefMath.max(plan.wallet, BigDecimal.ZERO));
                plan.wallet = plan.wallet.subtract(plan.moved);
                plan.pool = plan.pool.add(plan.moved);
            }
        }
        return plan;
    }

    /**
     * The bounds of section 1 on the state after the fill, else {@code OUT_OF_RANGE}. An account (not the fund):
     * {@code cap(q') × p × f} and {@code cap(q') × M' × f} at most {@code 2^58}, {@code |C'|}, {@code |W'|} and
     * {@code |B'|} at most {@code 2^60}, and {@code cap(q) × p × f} at most {@code 2^58} too (q before the fill).
     * The fund: {@code Δ × p × f} at most {@code 2^61}, and a fill that grows {@code |q|} keeps
     * {@code |q'| × p × f} and {@code |q'| × M' × f} at most {@code 2^61} (its wallet saturates instead).
     */
    static void checkBounds(final Plan plan)
    {
        final RefInstrument instrument = plan.instrument;
        final boolean outOfRange;
        if (plan.account.fund)
        {
            final BigDecimal held = plan.size.abs();
            final boolean grows = held.compareTo(plan.sizeBefore.abs()) > 0;
            outOfRange = RefMath.above(instrument.value(plan.quantity, plan.price), RefMath.MAX_FUND_POSITION) ||
                grows && (RefMath.above(instrument.value(held, plan.price), RefMath.MAX_FUND_POSITION) ||
                RefMath.above(instrument.value(held, plan.markAfter), RefMath.MAX_FUND_POSITION));
        }
        else
        {
            final BigDecimal capacity = instrument.capacity(plan.size);
            outOfRange = RefMath.above(instrument.value(capacity, plan.price), RefMath.MAX_AMOUNT) ||
                RefMath.above(instrument.value(instrument.capacity(plan.sizeBefore), plan.price), RefMath.MAX_AMOUNT) ||
                RefMath.above(instrument.value(capacity, plan.markAfter), RefMath.MAX_AMOUNT) ||
                RefMath.outOfWalletRange(plan.cost) || RefMath.outOfWalletRange(plan.wallet) ||
                RefMath.outOfWalletRange(plan.pool);
        }
        if (outOfRange)
        {
            throw new RefRejected(RejectReason.OUT_OF_RANGE);
        }
    }

    /** Commits a checked fill (the caller records the trade id). A fill that leaves {@code q = 0} clears the
     * slot's margin-call flag (section 3). */
    void commit(final Plan plan)
    {
        final RefInstrument instrument = plan.instrument;
        final RefPosition slot = plan.slot;
        if (!instrument.hasMark())
        {
            instrument.mark = plan.price;
        }
        plan.fund.wallet = plan.fundWallet;
        plan.account.wallet = plan.wallet;
        slot.size = plan.size;
        slot.cost = plan.cost;
        slot.pool = plan.pool;
        if (!slot.isOpen())
        {
            slot.marginCalled = false;
        }
        ledger.realizedPnl = ledger.realizedPnl.add(plan.realized);
        ledger.fees = ledger.fees.add(plan.fee);
        if (plan.moved.compareTo(plan.required) < 0)
        {
            outputs.underMarginedFill(plan.account.id, instrument.id, plan.required, plan.moved);
        }
    }

    /** A wallet or cost as stored: saturated at {@code ±2^62} for the fund, exact for any other account. */
    private static BigDecimal wallet(final boolean isFund, final BigDecimal amount)
    {
        return isFund ? RefMath.saturateFund(amount) : amount;
    }

    private static BigDecimal size(final boolean isFund, final RefInstrument instrument, final BigDecimal size)
    {
        return isFund ? instrument.saturateFundSize(size) : size;
    }
}
