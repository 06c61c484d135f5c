package com.liqengine.property;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.reference.RefOpenLiquidation;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns generated steps into concrete inputs against the current state of a model: sizes follow wallets and
 * leverage, prices follow the mark, trade ids increase per instrument (both sides of a trade share one), and the
 * steps of the liquidation lifecycle pick one of the open liquidation orders.
 */
final class StepResolver
{
    private static final long MAX_AMOUNT = 1L << 58;
    /** Trades stay well below the 2^58 limit, which only the invalid steps aim at. */
    private static final long MAX_TRADE_VALUE = 1L << 52;
    private static final long TYPICAL_DEPOSIT = 5_000 * MarketSetup.MONEY;
    private static final long UNKNOWN_ACCOUNT = 9_999;

    private final MarketSetup setup;
    private final MarketState state;
    private final long[] lastTradeId;
    private boolean extraDefined;

    StepResolver(final MarketSetup setup, final MarketState state)
    {
        this.setup = setup;
        this.state = state;
        this.lastTradeId = new long[setup.maxInstruments() + 1];
    }

    List<Input> resolve(final Step step)
    {
        final List<Input> inputs = new ArrayList<>();
        if (step instanceof Step.Trade trade)
        {
            trade(trade, inputs);
        }
        else if (step instanceof Step.Close close)
        {
            close(close, inputs);
        }
        else if (step instanceof Step.Move move)
        {
            final int instrument = instrument(move.instrument());
            final long base = setup.basePrices().get(instrument);
            final long moved = mark(instrument) * (10_000L + move.basisPoints()) / 10_000L;
            inputs.add(new Input.MarkTick(instrument, Math.max(base / 8, Math.min(base * 8, moved))));
        }
        else if (step instanceof Step.Funding funding)
        {
            inputs.add(new Input.Funding(instrument(funding.instrument()), funding.rate()));
        }
        else if (step instanceof Step.Deposit deposit)
        {
            final long account = deposit.account() >= 36 ? 100 + deposit.account() : account(deposit.account());
            inputs.add(new Input.Deposit(account, Math.max(1, TYPICAL_DEPOSIT / 1_000 * deposit.permille())));
        }
        else if (step instanceof Step.Withdraw withdraw)
        {
            final long account = account(withdraw.account());
            inputs.add(new Input.Withdrawal(account, share(wallet(account), withdraw.percent())));
        }
        else if (step instanceof Step.ChangeMode change)
        {
            inputs.add(new Input.SetMode(account(change.account()), instrument(change.instrument()),
                change.isolated() ? MarginMode.ISOLATED : MarginMode.CROSS));
        }
        else if (step instanceof Step.ChangeLeverage change)
        {
            inputs.add(new Input.SetLeverage(account(change.account()), instrument(change.instrument()),
                change.leverage()));
        }
        else if (step instanceof Step.AddMargin add)
        {
            final long account = account(add.account());
            inputs.add(new Input.AddMargin(account, instrument(add.instrument()),
                share(wallet(account), add.percent())));
        }
        else if (step instanceof Step.RemoveMargin remove)
        {
            final long account = account(remove.account());
            final int instrument = instrument(remove.instrument());
            final long pool = state.hasAccount(account) ? state.isolatedMargin(account, instrument) : 0;
            inputs.add(new Input.RemoveMargin(account, instrument, share(pool, remove.percent())));
        }
        else if (step instanceof Step.Redefine redefine)
        {
            inputs.add(redefine(instrument(redefine.instrument()), redefine.variant()));
        }
        else if (step instanceof Step.Invalid invalid)
        {
            inputs.add(invalid(invalid));
        }
        else
        {
            liquidation(step, inputs);
        }
        return inputs;
    }

    /** The steps of the lifecycle, against one of the open orders; nothing when none is open. */
    private void liquidation(final Step step, final List<Input> inputs)
    {
        final List<RefOpenLiquidation> open = state.openLiquidations();
        if (open.isEmpty())
        {
            return;
        }
        if (step instanceof Step.LiquidationFill fill)
        {
            inputs.add(liquidationFill(open.get(fill.order() % open.size()), fill));
        }
        else if (step instanceof Step.LiquidationDone done)
        {
            inputs.add(liquidationDone(open.get(done.order() % open.size()), done.variant()));
        }
        else if (step instanceof Step.Gap gap)
        {
            // beyond the limit, computed at the marks of the order's emission: the book may fill at the limit
            // while the position is worth less, and the fund takes over below the bankruptcy price
            final RefOpenLiquidation order = open.get(gap.order() % open.size());
            final long bp = order.sell() ? -gap.basisPoints() : gap.basisPoints();
            inputs.add(new Input.MarkTick(order.instrumentId(),
                Math.max(1, order.limitPrice() * (10_000L + bp) / 10_000L)));
        }
    }

    /**
     * A share of what is left at the limit or better, on the step and tick; by variant: one step beyond what is
     * left, one tick beyond the limit, all that is left at the limit, a wrong id, the wrong side, another account,
     * a fee, a repeated trade id, off the step or tick; all that is left at the limit or better.
     */
    private Input liquidationFill(final RefOpenLiquidation order, final Step.LiquidationFill fill)
    {
        final int instrument = order.instrumentId();
        final long step = setup.spec(instrument).stepSize();
        final long tick = setup.spec(instrument).tickSize();
        final long limit = order.limitPrice();
        final long left = order.remainingQuantity();
        long quantity = Math.max(step, left / 1_000 * fill.permille() / step * step);
        final long better = limit / 10_000 * fill.betterBp() / tick * tick;
        long price = order.sell() ? limit + better : Math.max(tick, limit - better);
        Side side = order.sell() ? Side.SELL : Side.BUY;
        long account = order.accountId();
        long sequence = order.liquidationSequence();
        int index = order.liquidationIndex();
        long fee = 0;
        long tradeId = ++lastTradeId[instrument];
        switch (fill.variant())
        {
            case 0:
                quantity = left + step;
                break;
            case 1:
                price = order.sell() ? limit - tick : limit + tick;
                break;
            case 2:
                quantity = left;
                price = limit;
                break;
            case 3:
                index++;
                break;
            case 4:
                sequence = fill.permille() % 2 == 0 ? sequence + 1 : 0x7FFF_FFFF_FFFFL;
                break;
            case 5:
                side = opposite(side);
                break;
            case 6:
                account = account(fill.permille());
                break;
            case 7:
                fee = fill.permille() % 2 == 0 ? 1 : -1;
                break;
            case 8:
                tradeId = Math.max(1, tradeId - 1);
                break;
            case 9:
                quantity += step > 1 ? 1 : 0;
                price += tick > 1 ? 1 : 0;
                break;
            case 10:
            case 11:
            case 12:
                quantity = left;
                break;
            default:
                break;
        }
        return new Input.LiquidationFill(account, instrument, side, quantity, price, fee, tradeId, sequence, index);
    }

    /** The quantity the fills added up to; by variant one step more, the whole order, a negative one, a wrong id. */
    private Input liquidationDone(final RefOpenLiquidation order, final int variant)
    {
        final long step = setup.spec(order.instrumentId()).stepSize();
        final long sequence = order.liquidationSequence();
        final int index = order.liquidationIndex();
        switch (variant)
        {
            case 0:
                return new Input.LiquidationDone(sequence, index, order.filledQuantity() + step);
            case 1:
                return new Input.LiquidationDone(sequence, index, order.quantity());
            case 2:
                return new Input.LiquidationDone(sequence, index, -1);
            case 3:
                return new Input.LiquidationDone(sequence, index + 1_000, order.filledQuantity());
            default:
                return new Input.LiquidationDone(sequence, index, order.filledQuantity());
        }
    }

    private void trade(final Step.Trade trade, final List<Input> inputs)
    {
        final int instrument = instrument(trade.instrument());
        final long taker = account(trade.taker());
        long maker = trade.maker() % 8 == 0 ? setup.fundId() : account(trade.maker());
        if (maker == taker)
        {
            maker = setup.fundId() == taker ? account(trade.maker() + 1) : setup.fundId();
        }
        final long price = price(instrument, trade.priceOffsetBp());
        final int leverage = state.hasAccount(taker) ? state.leverage(taker, instrument) : 1;
        final long capacity = Math.min(MAX_TRADE_VALUE,
            Math.max(wallet(taker), 100 * MarketSetup.MONEY) / 1_000 * trade.sizePermille() * leverage);
        final long quantity = quantity(instrument, capacity / (price * setup.valueFactor(instrument)));
        final long fee = price * setup.valueFactor(instrument) * quantity / 10_000 * trade.feeBp();
        final long tradeId = ++lastTradeId[instrument];
        final Side side = trade.takerBuys() ? Side.BUY : Side.SELL;
        inputs.add(new Input.Fill(taker, instrument, side, quantity, price, fee, tradeId));
        if (!trade.oneSided())
        {
            inputs.add(new Input.Fill(maker, instrument, opposite(side), quantity, price, fee / 2, tradeId));
        }
    }

    private void close(final Step.Close close, final List<Input> inputs)
    {
        final int instrument = instrument(close.instrument());
        final long account = close.byFund() ? setup.fundId() : account(close.account());
        final long size = state.hasAccount(account) ? state.positionSize(account, instrument) : 0;
        if (size == 0)
        {
            return;
        }
        long counterparty = account(close.counterparty());
        if (counterparty == account)
        {
            counterparty = account(close.counterparty() + 1);
        }
        final long price = price(instrument, close.priceOffsetBp());
        final long quantity = quantity(instrument, Math.abs(size) * close.percent() / 100);
        final long tradeId = ++lastTradeId[instrument];
        final Side side = size > 0 ? Side.SELL : Side.BUY;
        final long fee = price * setup.valueFactor(instrument) * quantity / 10_000 * 4;
        inputs.add(new Input.Fill(account, instrument, side, quantity, price, fee, tradeId));
        inputs.add(new Input.Fill(counterparty, instrument, opposite(side), quantity, price, -fee / 4, tradeId));
    }

    private Input redefine(final int instrument, final int variant)
    {
        final InstrumentSpec spec = setup.spec(instrument);
        switch (variant)
        {
            case 0:
                return new Input.Definition(
                    instrument < setup.alternatives().size() ? setup.alternatives().get(instrument) : spec);
            case 1:
                return new Input.Definition(spec);
            case 2:
                return new Input.Definition(with(spec, spec.instrumentId(), spec.symbol() + "X", spec.priceDecimals(),
                    spec.tiers()));
            case 3:
                final List<TierSpec> broken = new ArrayList<>(spec.tiers());
                final TierSpec last = broken.remove(broken.size() - 1);
                broken.add(new TierSpec(last.maxNotional(), last.maxLeverage(), last.maintenanceMarginRate(),
                    last.maintenanceAmount() + 1));
                return new Input.Definition(with(spec, spec.instrumentId(), spec.symbol(), spec.priceDecimals(),
                    broken));
            case 4:
                return new Input.Definition(with(spec, spec.instrumentId(), spec.symbol(), 9 - spec.qtyDecimals(),
                    spec.tiers()));
            case 5:
                extraDefined = setup.extra().instrumentId() < setup.maxInstruments();
                return new Input.Definition(setup.extra());
            case 6:
                return new Input.Definition(new InstrumentSpec(spec.instrumentId(), spec.symbol(),
                    spec.priceDecimals(), spec.qtyDecimals(), spec.tickSize(), spec.stepSize(),
                    spec.defaultLeverage(), MarginMode.NULL_VAL, spec.tiers()));
            default:
                return new Input.Definition(new InstrumentSpec(spec.instrumentId(), spec.symbol(),
                    spec.priceDecimals(), spec.qtyDecimals(), spec.tickSize(), spec.stepSize(),
                    spec.tiers().get(0).maxLeverage() + 1, spec.defaultMode(), spec.tiers()));
        }
    }

    private static InstrumentSpec with(
        final InstrumentSpec spec, final int id, final String symbol, final int priceDecimals,
        final List<TierSpec> tiers)
    {
        return new InstrumentSpec(id, symbol, priceDecimals, spec.qtyDecimals(), spec.tickSize(), spec.stepSize(),
            spec.defaultLeverage(), spec.defaultMode(), tiers);
    }

    private Input invalid(final Step.Invalid invalid)
    {
        final long account = account(invalid.account());
        final int instrument = instrument(invalid.instrument());
        final int variant = invalid.variant();
        final long price = price(instrument, 0);
        final long step = setup.spec(instrument).stepSize();
        final long tick = setup.spec(instrument).tickSize();
        final int unknownInstrument = new int[] {
            setup.instruments().size(), setup.maxInstruments(), -1}[variant % 3];
        switch (invalid.kind())
        {
            case 0:
                return new Input.Withdrawal(UNKNOWN_ACCOUNT, MarketSetup.MONEY);
            case 1:
                return new Input.Fill(UNKNOWN_ACCOUNT, instrument, Side.BUY, step, price, 0, ++lastTradeId[instrument]);
            case 2:
                return new Input.MarkTick(unknownInstrument, price);
            case 3:
                return new Input.Funding(unknownInstrument, 10_000);
            case 4:
                return new Input.Deposit(account, new long[] {
                    0, -1, MAX_AMOUNT + 1, Long.MIN_VALUE, Long.MAX_VALUE, MAX_AMOUNT}[variant % 6]);
            case 5:
                return badFill(account, instrument, price, step, tick, variant);
            case 6:
                // worth more than 2^58 at its price
                final long huge = ((MAX_AMOUNT / (price * setup.valueFactor(instrument))) / step + 1) * step;
                return new Input.Fill(account, instrument, variant % 2 == 0 ? Side.BUY : Side.SELL, huge, price, 0,
                    ++lastTradeId[instrument]);
            case 7:
                return new Input.MarkTick(instrument, new long[] {0, -7, Long.MAX_VALUE / 3}[variant % 3]);
            case 8:
                return new Input.Funding(instrument, new long[] {
                    100_000_001L, -100_000_001L, Long.MIN_VALUE, Long.MAX_VALUE, 100_000_000L, -100_000_000L}
                    [variant % 6]);
            case 9:
                return fundRequest(instrument, variant);
            case 10:
                return new Input.SetMode(account, instrument, MarginMode.NULL_VAL);
            case 11:
                return new Input.SetLeverage(account, instrument, new int[] {0, -3, 1_000}[variant % 3]);
            case 12:
                return new Input.Withdrawal(account, new long[] {0, -1, MAX_AMOUNT + 1, Long.MIN_VALUE}[variant % 4]);
            case 13:
                return new Input.AddMargin(account, instrument, new long[] {0, MAX_AMOUNT + 1, 1L << 57}[variant % 3]);
            case 14:
                return new Input.RemoveMargin(account, instrument, new long[] {0, 1L << 57, -5}[variant % 3]);
            case 15:
                return new Input.Snapshot();
            default:
                return new Input.Deposit(1_000 + variant, TYPICAL_DEPOSIT);
        }
    }

    private Input badFill(
        final long account, final int instrument, final long price, final long step, final long tick,
        final int variant)
    {
        final long next = lastTradeId[instrument] + 1;
        switch (variant % 9)
        {
            case 0:
                return new Input.Fill(account, instrument, Side.BUY, 0, price, 0, next);
            case 1:
                return new Input.Fill(account, instrument, Side.SELL, step, 0, 0, next);
            case 2:
                return new Input.Fill(account, instrument, Side.BUY, step, price, 0, 0);
            case 3:
                return new Input.Fill(account, instrument, Side.BUY, step, price, MAX_AMOUNT + 1, next);
            case 4:
                return new Input.Fill(account, instrument, Side.SELL, step, price, Long.MIN_VALUE, next);
            case 5:
                return new Input.Fill(account, instrument, Side.BUY, step == 1 ? -1 : step + 1, price, 0, next);
            case 6:
                return new Input.Fill(account, instrument, Side.SELL, step, tick == 1 ? -5 : price + 1, 0, next);
            case 7:
                return new Input.Fill(account, instrument, Side.BUY, step, price, 0, lastTradeId[instrument]);
            default:
                return new Input.Fill(account, instrument, Side.NULL_VAL, step, price, 0, next);
        }
    }

    private Input fundRequest(final int instrument, final int variant)
    {
        final long fund = setup.fundId();
        switch (variant % 4)
        {
            case 0:
                return new Input.SetMode(fund, instrument, MarginMode.ISOLATED);
            case 1:
                return new Input.SetLeverage(fund, instrument, 2);
            case 2:
                return new Input.AddMargin(fund, instrument, MarketSetup.MONEY);
            default:
                return new Input.RemoveMargin(fund, instrument, MarketSetup.MONEY);
        }
    }

    private static Side opposite(final Side side)
    {
        return side == Side.BUY ? Side.SELL : Side.BUY;
    }

    private long account(final int selector)
    {
        return setup.accounts().get(selector % setup.accounts().size());
    }

    private int instrument(final int selector)
    {
        final int count = setup.instruments().size() + (extraDefined ? 1 : 0);
        return selector % count;
    }

    private long mark(final int instrument)
    {
        final long mark = state.markPrice(instrument);
        return mark > 0 ? mark : setup.basePrices().get(instrument);
    }

    /** A price near the mark (and the base), on the tick. */
    private long price(final int instrument, final int offsetBp)
    {
        final long base = setup.basePrices().get(instrument);
        final long near = Math.max(base / 8, Math.min(base * 8, mark(instrument)));
        final long tick = setup.spec(instrument).tickSize();
        return Math.max(tick, near * (10_000L + offsetBp) / 10_000L / tick * tick);
    }

    private long quantity(final int instrument, final long quantity)
    {
        final long step = setup.spec(instrument).stepSize();
        return Math.max(step, quantity / step * step);
    }

    private long wallet(final long account)
    {
        return state.hasAccount(account) ? state.crossWallet(account) : 0;
    }

    private static long share(final long amount, final int percent)
    {
        return Math.max(1, amount / 100 * percent);
    }
}
