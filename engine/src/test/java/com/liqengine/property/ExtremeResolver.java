package com.liqengine.property;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.margin.MarginStateMachine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link ExtremeStep}s into concrete inputs at and around the bounds of docs/margin.md, section 1, computed
 * from the engine's current state when the step is reached: the largest capacity a fill price and the mark allow
 * and one step more, the highest price a capacity allows and one tick more, the largest mark the open positions
 * allow and one unit more, the funding rate that takes a wallet or pool to {@code ±2^60} and one more, exactly
 * the available or removable amount and one more. Everything is computed in {@code BigInteger} and clamped to
 * the {@code long} range, so the resolver never throws whatever the state. The engine is read only through the
 * views at the end of this class.
 */
final class ExtremeResolver
{
    static final long R = 100_000_000L;
    private static final long MAX_AMOUNT = 1L << 58;
    private static final long MAX_WALLET = 1L << 60;
    private static final BigInteger AMOUNT_BOUND = BigInteger.valueOf(MAX_AMOUNT);
    private static final BigInteger WALLET_BOUND = BigInteger.valueOf(MAX_WALLET);
    private static final BigInteger FUND_BOUND = BigInteger.valueOf(1L << 61);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger RATE_ONE = BigInteger.valueOf(R);
    private static final long UNKNOWN_ACCOUNT = 9_999;
    /** Deposit selectors from this on open new accounts. */
    static final int NEW_ACCOUNT_SELECTOR = 8;

    private final MarketSetup setup;
    private final MarginStateMachine engine;
    private final long[] lastTradeId;
    private boolean extraDefined;

    ExtremeResolver(final MarketSetup setup, final MarginStateMachine engine)
    {
        this.setup = setup;
        this.engine = engine;
        this.lastTradeId = new long[setup.maxInstruments() + 1];
    }

    List<Input> resolve(final ExtremeStep step)
    {
        final List<Input> inputs = new ArrayList<>();
        if (step instanceof ExtremeStep.CapacityFill fill)
        {
            capacityFill(fill, inputs);
        }
        else if (step instanceof ExtremeStep.TopPriceFill fill)
        {
            topPriceFill(fill, inputs);
        }
        else if (step instanceof ExtremeStep.Basket basket)
        {
            basket(basket, inputs);
        }
        else if (step instanceof ExtremeStep.Close close)
        {
            close(close, inputs);
        }
        else if (step instanceof ExtremeStep.Mark mark)
        {
            final int instrument = instrument(mark.instrument());
            inputs.add(new Input.MarkTick(instrument, markPrice(instrument, mark.kind())));
        }
        else if (step instanceof ExtremeStep.Funding funding)
        {
            final int instrument = instrument(funding.instrument());
            inputs.add(new Input.Funding(instrument, fundingRate(instrument, funding.kind())));
        }
        else if (step instanceof ExtremeStep.Deposit deposit)
        {
            final long account = deposit.account() >= NEW_ACCOUNT_SELECTOR ?
                1_000 + deposit.account() : account(deposit.account());
            inputs.add(new Input.Deposit(account, depositAmount(account, deposit.kind())));
        }
        else if (step instanceof ExtremeStep.Withdraw withdraw)
        {
            final long account = account(withdraw.account());
            inputs.add(new Input.Withdrawal(account, withdrawalAmount(account, withdraw.kind())));
        }
        else if (step instanceof ExtremeStep.Margin margin)
        {
            final long account = account(margin.account());
            final int instrument = instrument(margin.instrument());
            inputs.add(margin.add() ?
                new Input.AddMargin(account, instrument, addAmount(account, instrument, margin.kind())) :
                new Input.RemoveMargin(account, instrument, removeAmount(account, instrument, margin.kind())));
        }
        else if (step instanceof ExtremeStep.Leverage leverage)
        {
            final long account = account(leverage.account());
            final int instrument = instrument(leverage.instrument());
            inputs.add(new Input.SetLeverage(account, instrument, leverage(account, instrument, leverage.kind())));
        }
        else if (step instanceof ExtremeStep.Mode mode)
        {
            inputs.add(new Input.SetMode(account(mode.account()), instrument(mode.instrument()),
                mode.isolated() ? MarginMode.ISOLATED : MarginMode.CROSS));
        }
        else if (step instanceof ExtremeStep.Redefine redefine)
        {
            inputs.add(redefine(instrument(redefine.instrument()), redefine.variant()));
        }
        else if (step instanceof ExtremeStep.Invalid invalid)
        {
            inputs.add(invalid(invalid));
        }
        return inputs;
    }

    // ------------------------------------------------------------------ fills

    /**
     * The party's position after the fill: the largest capacity {@code 2^k - 1} with
     * {@code (2^k - 1) × max(p, M') × f ≤ 2^58} (the fund: {@code |q'| × max(p, M') × f ≤ 2^61}), on the step;
     * beyond: one step more, so that the capacity doubles.
     */
    private void capacityFill(final ExtremeStep.CapacityFill fill, final List<Input> inputs)
    {
        final int instrument = instrument(fill.instrument());
        final long party = party(fill.party());
        final long step = spec(instrument).stepSize();
        final long price = price(instrument, fill.price());
        final long markAfter = mark(instrument) > 0 ? mark(instrument) : price;
        final BigInteger target = largestSize(instrument, party, Math.max(price, markAfter), fill.beyond());
        final BigInteger after = fill.buy() ? target : target.negate();
        BigInteger delta = after.subtract(BigInteger.valueOf(size(party, instrument)));
        if (delta.signum() == 0)
        {
            delta = BigInteger.valueOf(fill.buy() ? step : -step);
        }
        final long quantity = onStep(instrument, delta.abs());
        final long fee = fee(party, instrument, quantity, price, fill.fee());
        trade(instrument, party, fill.counterparty(), delta.signum() > 0, quantity, price, fee, inputs);
    }

    /** The largest {@code |q'|} on the step that the bound allows at a price (beyond: one step more). */
    private BigInteger largestSize(final int instrument, final long party, final long price, final boolean beyond)
    {
        final BigInteger step = BigInteger.valueOf(spec(instrument).stepSize());
        final BigInteger worth = BigInteger.valueOf(price).multiply(factor(instrument));
        final BigInteger largest;
        if (party == setup.fundId())
        {
            largest = FUND_BOUND.divide(worth);
        }
        else
        {
            // (2^k - 1) × worth ≤ 2^58  ⇔  2^k ≤ floor(2^58 / worth) + 1
            final int bits = AMOUNT_BOUND.divide(worth).add(BigInteger.ONE).bitLength() - 1;
            largest = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        }
        final BigInteger steps = largest.divide(step).add(beyond ? BigInteger.ONE : BigInteger.ZERO);
        return steps.signum() == 0 ? step : steps.multiply(step);
    }

    /**
     * A fill at the highest price on the tick at which the capacities before and after it (the fund: the
     * quantity and the size after it) stay within their bound; beyond: one tick more.
     */
    private void topPriceFill(final ExtremeStep.TopPriceFill fill, final List<Input> inputs)
    {
        final int instrument = instrument(fill.instrument());
        final long party = party(fill.party());
        final long step = spec(instrument).stepSize();
        final long tick = spec(instrument).tickSize();
        final BigInteger before = BigInteger.valueOf(size(party, instrument));
        final BigInteger stepSize = BigInteger.valueOf(step);
        final BigInteger magnitude;
        switch (fill.size())
        {
            case 0:
                magnitude = stepSize;
                break;
            case 1:
                magnitude = before.abs().shiftLeft(1).add(stepSize);
                break;
            case 2:
                magnitude = BigInteger.ONE.shiftLeft(fill.bits()).subtract(BigInteger.ONE).divide(stepSize)
                    .max(BigInteger.ONE).multiply(stepSize);
                break;
            default:
                magnitude = before.abs().add(stepSize);
                break;
        }
        BigInteger after = fill.buy() ? magnitude : magnitude.negate();
        if (after.equals(before))
        {
            after = after.add(fill.buy() ? stepSize : stepSize.negate());
        }
        final BigInteger delta = after.subtract(before);
        final BigInteger worthOf;
        final BigInteger bound;
        if (party == setup.fundId())
        {
            bound = FUND_BOUND;
            worthOf = after.abs().compareTo(before.abs()) > 0 ? after.abs().max(delta.abs()) : delta.abs();
        }
        else
        {
            bound = AMOUNT_BOUND;
            worthOf = capacity(before).max(capacity(after));
        }
        final BigInteger top = bound.divide(worthOf.multiply(factor(instrument)));
        final long onTick = Math.max(tick, clamp(top) / tick * tick);
        final long price = fill.beyond() ? onTick + tick : onTick;
        trade(instrument, party, fill.counterparty(), delta.signum() > 0, onStep(instrument, delta.abs()), price, 0,
            inputs);
    }

    /**
     * One fill in each of {@code count} instruments for one account (with the fund as maker, or one-sided), each
     * after a mode change to cross when asked.
     */
    private void basket(final ExtremeStep.Basket basket, final List<Input> inputs)
    {
        final long account = account(basket.account());
        final int defined = definedCount();
        final int count = Math.min(basket.count(), defined);
        for (int k = 0; k < count; k++)
        {
            final int instrument = (basket.instrument() + k) % defined;
            final long price = price(instrument, 0);
            final BigInteger worth = BigInteger.valueOf(price).multiply(factor(instrument));
            final BigInteger magnitude;
            switch (basket.size())
            {
                case 0:
                    magnitude = BigInteger.ONE;
                    break;
                case 1:
                    // a share of the wallet at the slot's leverage
                    magnitude = BigInteger.valueOf(Math.max(1, wallet(account))).multiply(
                        BigInteger.valueOf(leverage(account, instrument))).divide(BigInteger.valueOf(count))
                        .divide(worth);
                    break;
                default:
                    magnitude = largestSize(instrument, account, price, false);
                    break;
            }
            final long quantity = onStep(instrument, magnitude);
            if (basket.cross())
            {
                inputs.add(new Input.SetMode(account, instrument, MarginMode.CROSS));
            }
            trade(instrument, account, basket.counterparty() == 0 ? 0 : 2, basket.buy(), quantity, price, 0, inputs);
        }
    }

    /** Closes half, all or twice (a flip) of a position, at a price near or far from the mark. */
    private void close(final ExtremeStep.Close close, final List<Input> inputs)
    {
        final int instrument = instrument(close.instrument());
        final long party = party(close.party());
        final long size = size(party, instrument);
        if (size == 0)
        {
            return;
        }
        final BigInteger held = BigInteger.valueOf(size).abs();
        final BigInteger magnitude = close.share() == 0 ? held : close.share() == 1 ? held.shiftLeft(1) :
            held.shiftRight(1);
        trade(instrument, party, close.counterparty(), size < 0, onStep(instrument, magnitude),
            price(instrument, close.price()), 0, inputs);
    }

    /**
     * The party's fill and, unless one-sided, the other side of the same trade (same id, opposite side). A leg
     * may take a size beyond the {@code long} range (a quantity near {@code 2^63}): both models must refuse it.
     */
    private void trade(
        final int instrument, final long party, final int counterparty, final boolean buy, final long quantity,
        final long price, final long fee, final List<Input> inputs)
    {
        final long tradeId = ++lastTradeId[instrument];
        inputs.add(new Input.Fill(party, instrument, buy ? Side.BUY : Side.SELL, quantity, price, fee, tradeId));
        if (counterparty < 2)
        {
            long other = counterparty == 0 ? setup.fundId() : account((int)Math.floorMod(party, 7L) + 1);
            if (other == party)
            {
                other = party == setup.fundId() ? setup.accounts().get(0) : setup.fundId();
            }
            inputs.add(new Input.Fill(other, instrument, buy ? Side.SELL : Side.BUY, quantity, price, fee / 2,
                tradeId));
        }
    }

    /**
     * A fee at or around its bound: 0, {@code ±2^58}, {@code ±(2^58 + 1)}, {@code ±1}, 5 basis points of the
     * value, a rebate that takes the wallet to {@code 2^60} and one that takes it one unit beyond.
     */
    private long fee(final long party, final int instrument, final long quantity, final long price, final int kind)
    {
        switch (kind)
        {
            case 0:
                return 0;
            case 1:
                return MAX_AMOUNT;
            case 2:
                return -MAX_AMOUNT;
            case 3:
                return MAX_AMOUNT + 1;
            case 4:
                return -MAX_AMOUNT - 1;
            case 5:
                return 1;
            case 6:
                return -1;
            case 7:
                return clamp(value(instrument, BigInteger.valueOf(quantity), price).divide(BigInteger.valueOf(2_000))
                    .min(AMOUNT_BOUND));
            case 8:
                return -clamp(WALLET_BOUND.subtract(BigInteger.valueOf(wallet(party))).min(AMOUNT_BOUND).max(
                    BigInteger.ZERO));
            default:
                return -clamp(WALLET_BOUND.subtract(BigInteger.valueOf(wallet(party))).add(BigInteger.ONE)
                    .min(AMOUNT_BOUND).max(BigInteger.ZERO));
        }
    }

    /**
     * A price on the tick: 0 the mark (the base price while there is none), 1 the lowest (one tick), 2 eight
     * times the mark, 3 an eighth of it, 4 one tick above, 5 one tick below.
     */
    private long price(final int instrument, final int kind)
    {
        final long tick = spec(instrument).tickSize();
        final long mark = mark(instrument) > 0 ? mark(instrument) : setup.basePrices().get(instrument);
        final long price;
        switch (kind)
        {
            case 0:
                price = mark;
                break;
            case 1:
                price = tick;
                break;
            case 2:
                price = mark > Long.MAX_VALUE / 8 ? Long.MAX_VALUE - tick : mark * 8;
                break;
            case 3:
                price = mark / 8;
                break;
            case 4:
                price = mark > Long.MAX_VALUE - 2 * tick ? mark : mark + tick;
                break;
            default:
                price = mark - tick;
                break;
        }
        return Math.max(tick, price / tick * tick);
    }

    // ------------------------------------------------------------------ marks and funding

    /**
     * 0 the largest mark the open positions allow ({@code cap(q) × M × f ≤ 2^58}, the fund's
     * {@code |q| × M × f ≤ 2^61}), 1 one unit more, 2 a crash to 1, 3 twice the mark, 4 half of it, 5 the base
     * price, 6 one unit above, 7 one unit below, 8 {@code Long.MAX_VALUE}, 9 zero, 10 negative.
     */
    private long markPrice(final int instrument, final int kind)
    {
        final long mark = mark(instrument) > 0 ? mark(instrument) : setup.basePrices().get(instrument);
        final long largest = largestMark(instrument);
        switch (kind)
        {
            case 0:
                return largest;
            case 1:
                return largest == Long.MAX_VALUE ? largest : largest + 1;
            case 2:
                return 1;
            case 3:
                return mark > Long.MAX_VALUE / 2 ? mark : Math.min(mark * 2, Math.max(1, largest));
            case 4:
                return Math.max(1, mark / 2);
            case 5:
                return setup.basePrices().get(instrument);
            case 6:
                return mark == Long.MAX_VALUE ? mark : mark + 1;
            case 7:
                return Math.max(1, mark - 1);
            case 8:
                return Long.MAX_VALUE;
            case 9:
                return 0;
            default:
                return -mark;
        }
    }

    /** The largest mark at which no open position's bound breaks; {@code Long.MAX_VALUE} when none is open. */
    private long largestMark(final int instrument)
    {
        BigInteger largest = LONG_MAX;
        final BigInteger factor = factor(instrument);
        for (final long account : holders())
        {
            final BigInteger size = BigInteger.valueOf(size(account, instrument));
            if (size.signum() == 0)
            {
                continue;
            }
            largest = largest.min(account == setup.fundId() ?
                FUND_BOUND.divide(size.abs().multiply(factor)) :
                AMOUNT_BOUND.divide(capacity(size).multiply(factor)));
        }
        return clamp(largest);
    }

    /**
     * 0 {@code R}, 1 {@code -R}, 2 {@code R + 1}, 3 {@code -(R + 1)}, 4 the largest positive rate that keeps every
     * wallet and pool (not the fund's) within {@code ±2^60}, 5 one more, 6 and 7 the same negative, 8 one unit,
     * 9 {@code Long.MIN_VALUE}.
     */
    private long fundingRate(final int instrument, final int kind)
    {
        switch (kind)
        {
            case 0:
                return R;
            case 1:
                return -R;
            case 2:
                return R + 1;
            case 3:
                return -R - 1;
            case 4:
                return largestRate(instrument, 1);
            case 5:
                return largestRate(instrument, 1) + 1;
            case 6:
                return -largestRate(instrument, -1);
            case 7:
                return -largestRate(instrument, -1) - 1;
            case 8:
                return 1;
            default:
                return Long.MIN_VALUE;
        }
    }

    /** The largest rate {@code r} in {@code [0, R]} at which {@code sign × r} moves no holder beyond the bound. */
    private long largestRate(final int instrument, final int sign)
    {
        if (mark(instrument) <= 0)
        {
            return R;
        }
        long low = 0;
        long high = R;
        if (fundingFits(instrument, sign * high))
        {
            return high;
        }
        while (high - low > 1)
        {
            final long middle = (low + high) >>> 1;
            if (fundingFits(instrument, sign * middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /** {@code pay = ceil(value(q, M) × rate / R)} leaves every wallet or pool but the fund's within 2^60. */
    private boolean fundingFits(final int instrument, final long rate)
    {
        for (final long account : holders())
        {
            final long size = size(account, instrument);
            if (account == setup.fundId() || size == 0)
            {
                continue;
            }
            final BigInteger pay = ceilDiv(
                value(instrument, BigInteger.valueOf(size), mark(instrument)).multiply(BigInteger.valueOf(rate)),
                RATE_ONE);
            final long held = isolated(account, instrument) ? pool(account, instrument) : wallet(account);
            if (BigInteger.valueOf(held).subtract(pay).abs().compareTo(WALLET_BOUND) > 0)
            {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ transfers and settings

    /**
     * 0 one unit, 1 {@code 2^58 - 1}, 2 {@code 2^58}, 3 {@code 2^58 + 1}, 4 what takes the wallet to exactly
     * {@code 2^60} (at most 2^58), 5 one more, 6 zero, 7 {@code Long.MAX_VALUE}, 8 {@code Long.MIN_VALUE},
     * 9 two units.
     */
    private long depositAmount(final long account, final int kind)
    {
        final BigInteger room = WALLET_BOUND.subtract(BigInteger.valueOf(wallet(account)));
        switch (kind)
        {
            case 0:
                return 1;
            case 1:
                return MAX_AMOUNT - 1;
            case 2:
                return MAX_AMOUNT;
            case 3:
                return MAX_AMOUNT + 1;
            case 4:
                return clamp(room.min(AMOUNT_BOUND).max(BigInteger.ONE));
            case 5:
                return clamp(room.add(BigInteger.ONE).min(AMOUNT_BOUND).max(BigInteger.ONE));
            case 6:
                return 0;
            case 7:
                return Long.MAX_VALUE;
            case 8:
                return Long.MIN_VALUE;
            default:
                return 2;
        }
    }

    /**
     * 0 exactly what is available ({@code min(available, W)}), 1 one more, 2 the whole wallet, 3 one more, 4 one
     * unit, 5 {@code 2^58}, 6 {@code 2^58 + 1}, 7 {@code Long.MAX_VALUE}, 8 {@code -1}.
     */
    private long withdrawalAmount(final long account, final int kind)
    {
        final BigInteger available = available(account).min(BigInteger.valueOf(wallet(account)))
            .max(BigInteger.ONE);
        final BigInteger wallet = BigInteger.valueOf(wallet(account)).max(BigInteger.ONE);
        if (kind <= 4)
        {
            return aroundTwoBounds(kind, available, wallet);
        }
        switch (kind)
        {
            case 5:
                return MAX_AMOUNT;
            case 6:
                return MAX_AMOUNT + 1;
            case 7:
                return Long.MAX_VALUE;
            default:
                return -1;
        }
    }

    /**
     * 0 exactly what is available ({@code min(available, W)}), 1 one more, 2 what takes the pool to exactly
     * {@code 2^60}, 3 one more, 4 one unit, 5 {@code 2^58}, 6 {@code 2^58 + 1}.
     */
    private long addAmount(final long account, final int instrument, final int kind)
    {
        final BigInteger available = available(account).min(BigInteger.valueOf(wallet(account)))
            .max(BigInteger.ONE);
        final BigInteger room = WALLET_BOUND.subtract(BigInteger.valueOf(pool(account, instrument)))
            .max(BigInteger.ONE);
        if (kind <= 4)
        {
            return aroundTwoBounds(kind, available, room);
        }
        switch (kind)
        {
            case 5:
                return MAX_AMOUNT;
            default:
                return MAX_AMOUNT + 1;
        }
    }

    /**
     * Kinds 0 to 4 of an amount around two bounds (each at least one unit): 0 exactly {@code first}, 1 one more,
     * 2 exactly {@code second}, 3 one more, 4 one unit.
     */
    private static long aroundTwoBounds(final int kind, final BigInteger first, final BigInteger second)
    {
        switch (kind)
        {
            case 0:
                return clamp(first);
            case 1:
                return clamp(first.add(BigInteger.ONE));
            case 2:
                return clamp(second);
            case 3:
                return clamp(second.add(BigInteger.ONE));
            default:
                return 1;
        }
    }

    /**
     * 0 exactly the removable margin ({@code max(0, B + min(U, 0) - IM)}), 1 one more, 2 what takes the wallet to
     * exactly {@code 2^60}, 3 one more, 4 one unit, 5 the whole pool, 6 {@code 2^58 + 1}.
     */
    private long removeAmount(final long account, final int instrument, final int kind)
    {
        final BigInteger removable = removable(account, instrument).max(BigInteger.ONE);
        final BigInteger room = WALLET_BOUND.subtract(BigInteger.valueOf(wallet(account))).max(BigInteger.ONE);
        if (kind <= 4)
        {
            return aroundTwoBounds(kind, removable, room);
        }
        switch (kind)
        {
            case 5:
                return Math.max(1, pool(account, instrument));
            default:
                return MAX_AMOUNT + 1;
        }
    }

    /**
     * 0 the max leverage of the tier of the slot's notional (tier 0 when flat), 1 one more (wrapping past
     * {@code 2^31 - 1}), 2 one, 3 zero, 4 {@code 2^31 - 1}, 5 the slot's leverage plus one, 6 minus one.
     */
    private int leverage(final long account, final int instrument, final int kind)
    {
        final int current = leverage(account, instrument);
        switch (kind)
        {
            case 0:
                return tierMaxLeverage(account, instrument);
            case 1:
                return tierMaxLeverage(account, instrument) + 1;
            case 2:
                return 1;
            case 3:
                return 0;
            case 4:
                return Integer.MAX_VALUE;
            case 5:
                return current + 1;
            default:
                return current - 1;
        }
    }

    /**
     * 0 the alternative (other tiers, default mode and leverage), 1 the original, 2 the original with the other
     * default mode, 3 with the default leverage at the first tier's max, 4 with default leverage 1, 5 the extra
     * instrument, 6 an id of {@code maxInstruments}, 7 a broken maintenance amount, 8 a default leverage one above
     * the first tier's max, 9 a cap of {@code 2^58 + 1}, 10 another tick size.
     */
    private Input redefine(final int instrument, final int variant)
    {
        final InstrumentSpec spec = spec(instrument);
        final InstrumentSpec base = variant % 2 == 0 && instrument < setup.alternatives().size() ?
            setup.alternatives().get(instrument) : spec;
        final int maxLeverage = base.tiers().get(0).maxLeverage();
        switch (variant)
        {
            case 0:
                return new Input.Definition(base);
            case 1:
                return new Input.Definition(spec);
            case 2:
                return new Input.Definition(with(base, base.defaultLeverage(),
                    base.defaultMode() == MarginMode.CROSS ? MarginMode.ISOLATED : MarginMode.CROSS, base.tiers()));
            case 3:
                return new Input.Definition(with(base, maxLeverage, base.defaultMode(), base.tiers()));
            case 4:
                return new Input.Definition(with(base, 1, base.defaultMode(), base.tiers()));
            case 5:
                extraDefined = setup.extra().instrumentId() < setup.maxInstruments();
                return new Input.Definition(setup.extra());
            case 6:
                return new Input.Definition(new InstrumentSpec(setup.maxInstruments(), "OUT", 2, 2, 1, 1, 1,
                    MarginMode.CROSS, spec.tiers()));
            case 7:
                final List<TierSpec> broken = new ArrayList<>(base.tiers());
                final TierSpec last = broken.remove(broken.size() - 1);
                broken.add(new TierSpec(last.maxNotional(), last.maxLeverage(), last.maintenanceMarginRate(),
                    last.maintenanceAmount() + 1));
                return new Input.Definition(with(base, base.defaultLeverage(), base.defaultMode(), broken));
            case 8:
                return new Input.Definition(with(base, maxLeverage == Integer.MAX_VALUE ? 0 : maxLeverage + 1,
                    base.defaultMode(), base.tiers()));
            case 9:
                final List<TierSpec> over = new ArrayList<>(base.tiers());
                final TierSpec top = over.remove(over.size() - 1);
                over.add(new TierSpec(MAX_AMOUNT + 1, top.maxLeverage(), top.maintenanceMarginRate(),
                    top.maintenanceAmount()));
                return new Input.Definition(with(base, base.defaultLeverage(), base.defaultMode(), over));
            default:
                return new Input.Definition(new InstrumentSpec(spec.instrumentId(), spec.symbol(),
                    spec.priceDecimals(), spec.qtyDecimals(), spec.tickSize() + 1, spec.stepSize(),
                    spec.defaultLeverage(), spec.defaultMode(), spec.tiers()));
        }
    }

    private static InstrumentSpec with(
        final InstrumentSpec spec, final int defaultLeverage, final MarginMode mode, final List<TierSpec> tiers)
    {
        return new InstrumentSpec(spec.instrumentId(), spec.symbol(), spec.priceDecimals(), spec.qtyDecimals(),
            spec.tickSize(), spec.stepSize(), defaultLeverage, mode, tiers);
    }

    // ------------------------------------------------------------------ invalid inputs

    private Input invalid(final ExtremeStep.Invalid invalid)
    {
        final long account = account(invalid.account());
        final int instrument = instrument(invalid.instrument());
        final int variant = invalid.variant();
        final long price = price(instrument, 0);
        final long step = spec(instrument).stepSize();
        final long tick = spec(instrument).tickSize();
        final long next = lastTradeId[instrument] + 1;
        final int unknownInstrument = new int[] {
            extraDefined ? setup.maxInstruments() : setup.instruments().size(), setup.maxInstruments(), -1,
            Integer.MAX_VALUE, Integer.MIN_VALUE}[variant % 5];
        switch (invalid.kind())
        {
            case 0:
                return new Input.Withdrawal(UNKNOWN_ACCOUNT, 1);
            case 1:
                return new Input.Fill(UNKNOWN_ACCOUNT, instrument, Side.BUY, step, price, 0, next);
            case 2:
                return new Input.MarkTick(unknownInstrument, price);
            case 3:
                return new Input.Funding(unknownInstrument, 1);
            case 4:
                return new Input.Fill(account, unknownInstrument, Side.SELL, step, price, 0, next);
            case 5:
                return new Input.Fill(account, instrument, hugeFillSide(account, instrument), new long[] {0, -step,
                    Long.MIN_VALUE, Long.MAX_VALUE / step * step, step == 1 ? Long.MAX_VALUE : step + 1}[variant % 5],
                    price, 0, next);
            case 6:
                return new Input.Fill(account, instrument, Side.SELL, step, new long[] {0, -tick, Long.MIN_VALUE,
                    Long.MAX_VALUE / tick * tick, tick == 1 ? Long.MAX_VALUE : price + 1}[variant % 5], 0, next);
            case 7:
                return new Input.Fill(account, instrument, Side.BUY, step, price,
                    new long[] {Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1}[variant % 3], next);
            case 8:
                return new Input.Fill(account, instrument, variant % 2 == 0 ? Side.NULL_VAL : Side.BUY, step, price,
                    0, variant % 2 == 0 ? next : new long[] {0, -1, Long.MIN_VALUE, lastTradeId[instrument]}
                    [variant / 2 % 4]);
            case 9:
                return fundRequest(instrument, variant);
            case 10:
                return new Input.SetMode(account, instrument, MarginMode.NULL_VAL);
            case 11:
                return new Input.SetLeverage(account, instrument, new int[] {Integer.MIN_VALUE, -1}[variant % 2]);
            case 12:
                return variant % 2 == 0 ? new Input.AddMargin(account, instrument, Long.MIN_VALUE) :
                    new Input.RemoveMargin(account, instrument, -1);
            case 13:
                return new Input.Snapshot();
            default:
                return new Input.Definition(with(spec(instrument), spec(instrument).defaultLeverage(),
                    MarginMode.NULL_VAL, spec(instrument).tiers()));
        }
    }

    /**
     * The side of a fill of a quantity near {@code 2^63}: with the open position, so that {@code q + Δ} leaves the
     * {@code long} range; the engine answers {@code OUT_OF_RANGE} as docs/margin.md says, and so must the reference
     * model (it once threw here).
     */
    private Side hugeFillSide(final long account, final int instrument)
    {
        final long size = size(account, instrument);
        // on the position's own side, so that the size after it leaves the long range
        return size < 0 ? Side.SELL : Side.BUY;
    }

    private Input fundRequest(final int instrument, final int variant)
    {
        final long fund = setup.fundId();
        switch (variant % 5)
        {
            case 0:
                return new Input.SetMode(fund, instrument, MarginMode.ISOLATED);
            case 1:
                return new Input.SetLeverage(fund, instrument, 1);
            case 2:
                return new Input.AddMargin(fund, instrument, 1);
            case 3:
                return new Input.RemoveMargin(fund, instrument, 1);
            default:
                return new Input.Withdrawal(fund, MAX_AMOUNT + 1);
        }
    }

    // ------------------------------------------------------------------ what the state holds, for the coverage

    /**
     * Whether an account (not the fund) holds a wallet or pool at exactly {@code ±2^60}.
     *
     * @return true when one does.
     */
    boolean walletAtBound()
    {
        for (final long account : holders())
        {
            if (account == setup.fundId())
            {
                continue;
            }
            if (Math.abs(wallet(account)) == MAX_WALLET)
            {
                return true;
            }
            for (int instrument = 0; instrument < definedCount(); instrument++)
            {
                if (Math.abs(pool(account, instrument)) == MAX_WALLET)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an account (not the fund) holds a position whose capacity at the mark is worth more than
     * {@code 2^57}: within one bit of the bound, so that a step more or a mark twice as high would break it.
     *
     * @return true when one does.
     */
    boolean capacityNearBound()
    {
        for (final long account : holders())
        {
            for (int instrument = 0; instrument < definedCount() && account != setup.fundId(); instrument++)
            {
                final BigInteger size = BigInteger.valueOf(size(account, instrument));
                if (size.signum() != 0 &&
                    value(instrument, capacity(size), mark(instrument)).compareTo(AMOUNT_BOUND.shiftRight(1)) > 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an account (not the fund) holds a position whose cost basis is above {@code 2^59} in size: within
     * one bit of the {@code 2^60} bound.
     *
     * @return true when one does.
     */
    boolean costNearBound()
    {
        for (final long account : holders())
        {
            for (int instrument = 0; instrument < definedCount() && account != setup.fundId(); instrument++)
            {
                if (Math.abs(costBasis(account, instrument)) > MAX_WALLET / 2)
                {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ derived values (docs/margin.md, section 3)

    /** {@code W + Σcross min(U, 0) − Σcross IM}. */
    private BigInteger available(final long account)
    {
        BigInteger available = BigInteger.valueOf(wallet(account));
        for (int instrument = 0; instrument < definedCount(); instrument++)
        {
            if (size(account, instrument) != 0 && !isolated(account, instrument))
            {
                available = available.add(unrealized(account, instrument).min(BigInteger.ZERO))
                    .subtract(initialMargin(account, instrument));
            }
        }
        return available;
    }

    /** {@code max(0, B + min(U, 0) − IM)}. */
    private BigInteger removable(final long account, final int instrument)
    {
        if (size(account, instrument) == 0)
        {
            return BigInteger.ZERO;
        }
        return BigInteger.valueOf(pool(account, instrument)).add(unrealized(account, instrument).min(BigInteger.ZERO))
            .subtract(initialMargin(account, instrument)).max(BigInteger.ZERO);
    }

    private BigInteger unrealized(final long account, final int instrument)
    {
        return value(instrument, BigInteger.valueOf(size(account, instrument)), mark(instrument))
            .subtract(BigInteger.valueOf(costBasis(account, instrument)));
    }

    /** {@code ceil(N / L)}. */
    private BigInteger initialMargin(final long account, final int instrument)
    {
        final BigInteger notional = value(instrument, BigInteger.valueOf(size(account, instrument)), mark(instrument))
            .abs();
        return ceilDiv(notional, BigInteger.valueOf(Math.max(1, leverage(account, instrument))));
    }

    private int tierMaxLeverage(final long account, final int instrument)
    {
        final long notional = clamp(
            value(instrument, BigInteger.valueOf(size(account, instrument)), mark(instrument)).abs());
        return engine.instrument(instrument).tiers().maxLeverage(notional);
    }

    private BigInteger value(final int instrument, final BigInteger quantity, final long price)
    {
        return quantity.multiply(BigInteger.valueOf(price)).multiply(factor(instrument));
    }

    /** {@code cap(q)}: {@code |q|} rounded up to all ones in binary. */
    private static BigInteger capacity(final BigInteger size)
    {
        return BigInteger.ONE.shiftLeft(size.abs().bitLength()).subtract(BigInteger.ONE);
    }

    private static BigInteger ceilDiv(final BigInteger dividend, final BigInteger divisor)
    {
        final BigInteger[] division = dividend.divideAndRemainder(divisor);
        return division[1].signum() > 0 ? division[0].add(BigInteger.ONE) : division[0];
    }

    private static long clamp(final BigInteger value)
    {
        return value.max(LONG_MIN).min(LONG_MAX).longValue();
    }

    private long onStep(final int instrument, final BigInteger quantity)
    {
        final long step = spec(instrument).stepSize();
        return Math.max(step, clamp(quantity) / step * step);
    }

    private BigInteger factor(final int instrument)
    {
        return BigInteger.valueOf(setup.valueFactor(instrument));
    }

    private InstrumentSpec spec(final int instrument)
    {
        return setup.spec(instrument);
    }

    // ------------------------------------------------------------------ selectors

    /** An account of the market. */
    private long account(final int selector)
    {
        return setup.accounts().get(Math.floorMod(selector, setup.accounts().size()));
    }

    /** An account of the market or, for the last selector value, the insurance fund. */
    private long party(final int selector)
    {
        final int choice = Math.floorMod(selector, setup.accounts().size() + 1);
        return choice == setup.accounts().size() ? setup.fundId() : setup.accounts().get(choice);
    }

    private int instrument(final int selector)
    {
        return Math.floorMod(selector, definedCount());
    }

    private int definedCount()
    {
        return setup.instruments().size() + (extraDefined ? 1 : 0);
    }

    // ------------------------------------------------------------------ the engine's views, the only reads

    private List<Long> holders()
    {
        final List<Long> accounts = new ArrayList<>();
        for (int a = 0; a < engine.accountCount(); a++)
        {
            accounts.add(engine.accountIdAt(a));
        }
        return accounts;
    }

    private long wallet(final long account)
    {
        return engine.hasAccount(account) ? engine.crossWallet(account) : 0;
    }

    private long size(final long account, final int instrument)
    {
        return engine.hasAccount(account) ? engine.positionSize(account, instrument) : 0;
    }

    private long costBasis(final long account, final int instrument)
    {
        return engine.hasAccount(account) ? engine.costBasis(account, instrument) : 0;
    }

    private long pool(final long account, final int instrument)
    {
        return engine.hasAccount(account) ? engine.isolatedMargin(account, instrument) : 0;
    }

    private boolean isolated(final long account, final int instrument)
    {
        return engine.hasAccount(account) && engine.marginMode(account, instrument) == MarginMode.ISOLATED;
    }

    private int leverage(final long account, final int instrument)
    {
        return engine.hasAccount(account) ? engine.leverage(account, instrument) : 1;
    }

    private long mark(final int instrument)
    {
        return engine.markPrice(instrument);
    }
}
