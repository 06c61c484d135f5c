package com.liqengine.reference;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.MessageType;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent model of the margin engine in BigDecimal, written from docs/margin.md and docs/liquidation.md
 * (takeover or market mode): it takes the same inputs
 * as the engine (in the engine's fixed-point units, one method per input message) and returns the outputs each
 * one causes in the shape of {@code OutputRecord}; its read-only views answer in the same units as
 * {@code MarginStateMachine}'s, so that the two can be compared to the last unit. Slow and allocating on
 * purpose: clarity over speed.
 */
public final class ReferenceEngine
{
    private static final int NO_INSTRUMENT = -1;

    private final int maxAccounts;
    private final int maxInstruments;
    private final int maxPositions;
    private final List<RefAccount> accounts = new ArrayList<>();
    private final Map<Long, RefAccount> accountsById = new HashMap<>();
    private final Map<Integer, RefInstrument> instruments = new HashMap<>();
    private final RefLedger ledger = new RefLedger();
    private final RefOutputs outputs = new RefOutputs();
    private final RefFills fills = new RefFills(ledger, outputs);
    private final RefLiquidator liquidator;
    private long sequence;

    /**
     * A model with no instruments and only the insurance fund account, with room for any number of slots.
     *
     * @param maxAccounts most accounts, the fund included.
     * @param maxInstruments instrument ids run from 0 to this minus one.
     * @param fundAccountId account id of the insurance fund.
     * @param marginCallRatio margin ratio (8 decimals) at which a margin call is emitted.
     */
    public ReferenceEngine(
        final int maxAccounts, final int maxInstruments, final long fundAccountId, final long marginCallRatio)
    {
        this(maxAccounts, maxInstruments, Integer.MAX_VALUE, fundAccountId, marginCallRatio);
    }

    /**
     * A model with no instruments and only the insurance fund account.
     *
     * @param maxAccounts most accounts, the fund included.
     * @param maxInstruments instrument ids run from 0 to this minus one.
     * @param maxPositions most slots not at their defaults (open positions plus non-default settings) over all
     *     accounts but the fund, whose slots are reserved (docs/margin.md, sections 1 and 3).
     * @param fundAccountId account id of the insurance fund.
     * @param marginCallRatio margin ratio (8 decimals) at which a margin call is emitted.
     */
    public ReferenceEngine(
        final int maxAccounts, final int maxInstruments, final int maxPositions, final long fundAccountId,
        final long marginCallRatio)
    {
        this(maxAccounts, maxInstruments, maxPositions, fundAccountId, marginCallRatio, LiquidationMode.TAKEOVER,
            EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS);
    }

    /**
     * A model with no instruments and only the insurance fund account.
     *
     * @param maxAccounts most accounts, the fund included.
     * @param maxInstruments instrument ids run from 0 to this minus one.
     * @param maxPositions most slots not at their defaults (open positions plus non-default settings) over all
     *     accounts but the fund, whose slots are reserved (docs/margin.md, sections 1 and 3).
     * @param fundAccountId account id of the insurance fund.
     * @param marginCallRatio margin ratio (8 decimals) at which a margin call is emitted.
     * @param liquidationMode what follows a liquidation trigger (docs/liquidation.md).
     * @param maxOpenLiquidations how many liquidation orders may be open at once (market mode).
     */
    public ReferenceEngine(
        final int maxAccounts, final int maxInstruments, final int maxPositions, final long fundAccountId,
        final long marginCallRatio, final LiquidationMode liquidationMode, final int maxOpenLiquidations)
    {
        this(maxAccounts, maxInstruments, maxPositions, fundAccountId, marginCallRatio, liquidationMode,
            maxOpenLiquidations, null);
    }

    /**
     * A model with no instruments and only the insurance fund account.
     *
     * @param maxAccounts most accounts, the fund included.
     * @param maxInstruments instrument ids run from 0 to this minus one.
     * @param maxPositions most slots not at their defaults (open positions plus non-default settings) over all
     *     accounts but the fund, whose slots are reserved (docs/margin.md, sections 1 and 3).
     * @param fundAccountId account id of the insurance fund.
     * @param marginCallRatio margin ratio (8 decimals) at which a margin call is emitted.
     * @param liquidationMode what follows a liquidation trigger (docs/liquidation.md).
     * @param maxOpenLiquidations how many liquidation orders may be open at once, and how many positions taken over
     *     one round of auto-deleveraging records (with their fund orders).
     * @param fundFloor amount units ({@code EngineSettings.fundFloor}); null: no auto-deleveraging.
     */
    public ReferenceEngine(
        final int maxAccounts, final int maxInstruments, final int maxPositions, final long fundAccountId,
        final long marginCallRatio, final LiquidationMode liquidationMode, final int maxOpenLiquidations,
        final Long fundFloor)
    {
        this.maxAccounts = maxAccounts;
        this.maxInstruments = maxInstruments;
        this.maxPositions = maxPositions;
        open(fundAccountId, true);
        this.liquidator = new RefLiquidator(accounts, ledger, outputs, RefMath.amount(marginCallRatio),
            liquidationMode == LiquidationMode.MARKET, maxOpenLiquidations,
            fundFloor == null ? null : RefMath.amount(fundFloor));
    }

    /**
     * A model with the settings of an engine.
     *
     * @param settings concluded engine settings.
     * @return the model.
     */
    public static ReferenceEngine of(final EngineSettings settings)
    {
        return new ReferenceEngine(settings.maxAccounts(), settings.maxInstruments(), settings.maxPositions(),
            settings.insuranceFundAccountId(), settings.marginCallRatio(), settings.liquidationMode(),
            settings.maxOpenLiquidations(), settings.hasFundFloor() ? settings.fundFloor() : null);
    }

    // ------------------------------------------------------------------ inputs (docs/margin.md, section 4)

    /**
     * A mark price tick.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param instrumentId instrument.
     * @param price price units.
     * @return the outputs.
     */
    public List<RefOutput> markPriceTick(
        final long correlationId, final long eventTime, final int instrumentId, final long price)
    {
        begin(correlationId, eventTime);
        try
        {
            final RefInstrument instrument = instrument(instrumentId);
            if (price <= 0)
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            final BigDecimal mark = instrument.price(price);
            if (RefMath.above(instrument.value(largestCapacity(instrument), mark), RefMath.MAX_AMOUNT) ||
                RefMath.above(instrument.value(fund().slot(instrumentId).size.abs(), mark), RefMath.MAX_FUND_POSITION))
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            instrument.mark = mark;
            liquidator.checkInstrument(instrumentId);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(MessageType.MARK_PRICE_TICK, 0, instrumentId, rejected.reason);
        }
        return end();
    }

    /**
     * A fill.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param side buy or sell.
     * @param quantity quantity units.
     * @param price price units.
     * @param fee amount units, negative for a rebate.
     * @param tradeId matching engine's trade id.
     * @return the outputs.
     */
    public List<RefOutput> fill(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final Side side, final long quantity, final long price, final long fee, final long tradeId)
    {
        return fill(correlationId, eventTime, accountId, instrumentId, side, quantity, price, fee, tradeId, 0, 0);
    }

    /**
     * A fill, of a liquidation order when {@code liquidationSequence} is not 0 (docs/liquidation.md, "Fills of
     * the order").
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param side buy or sell.
     * @param quantity quantity units.
     * @param price price units.
     * @param fee amount units, negative for a rebate.
     * @param tradeId matching engine's trade id.
     * @param liquidationSequence with {@code liquidationIndex}, the liquidation order's id; 0: an ordinary fill.
     * @param liquidationIndex the order's counter within the input that emitted it.
     * @return the outputs.
     */
    public List<RefOutput> fill(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final Side side, final long quantity, final long price, final long fee, final long tradeId,
        final long liquidationSequence, final int liquidationIndex)
    {
        begin(correlationId, eventTime);
        final RefAccount account = accountsById.get(accountId);
        if (account == null)
        {
            outputs.rejected(MessageType.FILL, accountId, NO_INSTRUMENT, RejectReason.UNKNOWN_ACCOUNT);
            return end();
        }
        try
        {
            final RefInstrument instrument = instrument(instrumentId);
            if (side != Side.BUY && side != Side.SELL)
            {
                throw new RefRejected(RejectReason.MALFORMED_MESSAGE);
            }
            if (liquidationSequence != 0)
            {
                liquidator.orders().fill(account, instrument, side == Side.BUY, quantity, price, fee, tradeId,
                    liquidationSequence, liquidationIndex);
                return end();
            }
            final BigDecimal feeAmount = RefMath.amount(fee);
            if (quantity <= 0 || price <= 0 || tradeId <= 0 || RefMath.outOfAmountRange(feeAmount))
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            if (quantity % instrument.stepSize != 0 || price % instrument.tickSize != 0)
            {
                throw new RefRejected(RejectReason.NOT_ON_TICK_OR_STEP);
            }
            final boolean buy = side == Side.BUY;
            if (tradeId <= (buy ? instrument.lastBuyTradeId : instrument.lastSellTradeId))
            {
                throw new RefRejected(RejectReason.DUPLICATE_TRADE_ID);
            }
            final RefFills.Plan plan = fills.plan(
                account, fund(), instrument, buy, instrument.quantity(quantity), instrument.price(price), feeAmount);
            RefFills.checkBounds(plan);
            // an account's slot at its defaults is not stored: the fill (q' ≠ 0) needs a new one
            if (!account.fund && account.atDefaults(account.slot(instrumentId)))
            {
                checkSlotAvailable();
            }
            fills.commit(plan);
            if (buy)
            {
                instrument.lastBuyTradeId = tradeId;
            }
            else
            {
                instrument.lastSellTradeId = tradeId;
            }
            liquidator.checkSlot(account, instrumentId);
            if (account.slot(instrumentId).isolated)
            {
                liquidator.checkCross(account);
            }
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(MessageType.FILL, accountId, instrumentId, rejected.reason);
        }
        return end();
    }

    /**
     * A deposit; opens the account when it is new.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param amount amount units.
     * @return the outputs.
     */
    public List<RefOutput> deposit(
        final long correlationId, final long eventTime, final long accountId, final long amount)
    {
        begin(correlationId, eventTime);
        try
        {
            final BigDecimal money = checkedAmount(amount);
            RefAccount account = accountsById.get(accountId);
            if (account != null && RefMath.outOfWalletRange(account.wallet.add(money)))
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            if (account == null)
            {
                if (accounts.size() == maxAccounts)
                {
                    throw new RefRejected(RejectReason.CAPACITY_EXCEEDED);
                }
                account = open(accountId, false);
            }
            account.wallet = account.wallet.add(money);
            ledger.deposits = ledger.deposits.add(money);
            outputs.accepted(MessageType.DEPOSIT, accountId, NO_INSTRUMENT);
            liquidator.checkCross(account);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(MessageType.DEPOSIT, accountId, NO_INSTRUMENT, rejected.reason);
        }
        return end();
    }

    /**
     * A withdrawal.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param amount amount units.
     * @return the outputs.
     */
    public List<RefOutput> withdrawal(
        final long correlationId, final long eventTime, final long accountId, final long amount)
    {
        begin(correlationId, eventTime);
        try
        {
            final RefAccount account = account(accountId);
            if (account.crossInLiquidation)
            {
                throw new RefRejected(RejectReason.IN_LIQUIDATION);
            }
            final BigDecimal money = checkedAmount(amount);
            if (RefMath.above(money, account.crossAvailable()) || RefMath.above(money, account.wallet))
            {
                throw new RefRejected(RejectReason.INSUFFICIENT_AVAILABLE);
            }
            account.wallet = account.wallet.subtract(money);
            ledger.withdrawals = ledger.withdrawals.add(money);
            outputs.accepted(MessageType.WITHDRAWAL, accountId, NO_INSTRUMENT);
            liquidator.checkCross(account);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(MessageType.WITHDRAWAL, accountId, NO_INSTRUMENT, rejected.reason);
        }
        return end();
    }

    /**
     * Sets the margin mode of a slot.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param mode isolated or cross.
     * @return the outputs.
     */
    public List<RefOutput> setMarginMode(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final MarginMode mode)
    {
        begin(correlationId, eventTime);
        final MessageType type = MessageType.SET_MARGIN_MODE;
        final RefPosition slot = requestSlot(type, accountId, instrumentId);
        if (slot == null)
        {
            return end();
        }
        // a malformed message first, then the state (docs/liquidation.md)
        if (mode != MarginMode.ISOLATED && mode != MarginMode.CROSS)
        {
            outputs.rejected(type, accountId, instrumentId, RejectReason.MALFORMED_MESSAGE);
        }
        else if (inLiquidation(accountId, slot))
        {
            outputs.rejected(type, accountId, instrumentId, RejectReason.IN_LIQUIDATION);
        }
        else if (slot.isOpen())
        {
            outputs.rejected(type, accountId, instrumentId, RejectReason.POSITION_OPEN);
        }
        else if (needsSlot(accountId, slot, mode == MarginMode.ISOLATED, slot.leverage) && slotsFull())
        {
            outputs.rejected(type, accountId, instrumentId, RejectReason.CAPACITY_EXCEEDED);
        }
        else
        {
            slot.isolated = mode == MarginMode.ISOLATED;
            outputs.accepted(type, accountId, instrumentId);
        }
        return end();
    }

    /**
     * Sets the leverage of a slot.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param leverage whole leverage.
     * @return the outputs.
     */
    public List<RefOutput> setLeverage(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final int leverage)
    {
        begin(correlationId, eventTime);
        final MessageType type = MessageType.SET_LEVERAGE;
        final RefPosition slot = requestSlot(type, accountId, instrumentId);
        if (slot == null)
        {
            return end();
        }
        try
        {
            if (inLiquidation(accountId, slot))
            {
                throw new RefRejected(RejectReason.IN_LIQUIDATION);
            }
            if (leverage < 1)
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            final BigDecimal notional = slot.isOpen() ? slot.notional() : BigDecimal.ZERO;
            if (leverage > slot.instrument.tiers.maxLeverage(notional))
            {
                throw new RefRejected(RejectReason.LEVERAGE_ABOVE_TIER_LIMIT);
            }
            if (slot.isOpen())
            {
                final boolean holds = slot.isolated ?
                    slot.pool.add(RefMath.min(slot.unrealizedPnl(), BigDecimal.ZERO))
                        .compareTo(slot.initialMargin(leverage)) >= 0 :
                    accountsById.get(accountId).crossAvailable(slot, leverage).signum() >= 0;
                if (!holds)
                {
                    throw new RefRejected(RejectReason.INSUFFICIENT_MARGIN);
                }
            }
            if (needsSlot(accountId, slot, slot.isolated, leverage))
            {
                checkSlotAvailable();
            }
            slot.leverage = leverage;
            outputs.accepted(type, accountId, instrumentId);
            liquidator.checkSlot(accountsById.get(accountId), instrumentId);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(type, accountId, instrumentId, rejected.reason);
        }
        return end();
    }

    /**
     * Moves money from the cross wallet into an isolated pool.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param amount amount units.
     * @return the outputs.
     */
    public List<RefOutput> addIsolatedMargin(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final long amount)
    {
        begin(correlationId, eventTime);
        final MessageType type = MessageType.ADD_ISOLATED_MARGIN;
        final RefPosition slot = requestSlot(type, accountId, instrumentId);
        if (slot == null)
        {
            return end();
        }
        final RefAccount account = accountsById.get(accountId);
        try
        {
            // it takes from W
            if (account.crossInLiquidation)
            {
                throw new RefRejected(RejectReason.IN_LIQUIDATION);
            }
            final BigDecimal money = checkedTransfer(slot, amount);
            if (RefMath.above(money, account.crossAvailable()) || RefMath.above(money, account.wallet))
            {
                throw new RefRejected(RejectReason.INSUFFICIENT_AVAILABLE);
            }
            if (RefMath.outOfWalletRange(slot.pool.add(money)))
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            account.wallet = account.wallet.subtract(money);
            slot.pool = slot.pool.add(money);
            outputs.accepted(type, accountId, instrumentId);
            liquidator.checkSlot(account, instrumentId);
            liquidator.checkCross(account);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(type, accountId, instrumentId, rejected.reason);
        }
        return end();
    }

    /**
     * Moves money from an isolated pool to the cross wallet.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param amount amount units.
     * @return the outputs.
     */
    public List<RefOutput> removeIsolatedMargin(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final long amount)
    {
        begin(correlationId, eventTime);
        final MessageType type = MessageType.REMOVE_ISOLATED_MARGIN;
        final RefPosition slot = requestSlot(type, accountId, instrumentId);
        if (slot == null)
        {
            return end();
        }
        final RefAccount account = accountsById.get(accountId);
        try
        {
            if (slot.inLiquidation)
            {
                throw new RefRejected(RejectReason.IN_LIQUIDATION);
            }
            final BigDecimal money = checkedTransfer(slot, amount);
            final BigDecimal removable = RefMath.max(BigDecimal.ZERO, slot.pool
                .add(RefMath.min(slot.unrealizedPnl(), BigDecimal.ZERO)).subtract(slot.initialMargin(slot.leverage)));
            if (RefMath.above(money, removable))
            {
                throw new RefRejected(RejectReason.INSUFFICIENT_MARGIN);
            }
            if (RefMath.outOfWalletRange(account.wallet.add(money)))
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            slot.pool = slot.pool.subtract(money);
            account.wallet = account.wallet.add(money);
            outputs.accepted(type, accountId, instrumentId);
            liquidator.checkSlot(account, instrumentId);
            liquidator.checkCross(account);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(type, accountId, instrumentId, rejected.reason);
        }
        return end();
    }

    /**
     * Settles funding of an instrument at its mark.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param instrumentId instrument.
     * @param rate rate units (8 decimals); positive: longs pay.
     * @return the outputs.
     */
    public List<RefOutput> fundingRate(
        final long correlationId, final long eventTime, final int instrumentId, final long rate)
    {
        begin(correlationId, eventTime);
        try
        {
            final RefInstrument instrument = instrument(instrumentId);
            final BigDecimal fundingRate = RefMath.amount(rate);
            if (fundingRate.abs().compareTo(RefMath.ONE) > 0)
            {
                throw new RefRejected(RejectReason.OUT_OF_RANGE);
            }
            if (!instrument.hasMark())
            {
                throw new RefRejected(RejectReason.NO_MARK_PRICE);
            }
            // every holder but the fund is checked before any pays
            for (final RefAccount account : accounts)
            {
                final RefPosition slot = account.slot(instrumentId);
                if (!account.fund && slot.isOpen() && RefMath.outOfWalletRange(
                    (slot.isolated ? slot.pool : account.wallet).subtract(fundingPayment(slot, fundingRate, false))))
                {
                    throw new RefRejected(RejectReason.OUT_OF_RANGE);
                }
            }
            for (final RefAccount account : accounts)
            {
                final RefPosition slot = account.slot(instrumentId);
                if (!slot.isOpen())
                {
                    continue;
                }
                final BigDecimal pay = fundingPayment(slot, fundingRate, account.fund);
                if (slot.isolated)
                {
                    slot.pool = slot.pool.subtract(pay);
                }
                else if (account.fund)
                {
                    account.wallet = RefMath.saturateFund(account.wallet.subtract(pay));
                }
                else
                {
                    account.wallet = account.wallet.subtract(pay);
                }
                ledger.funding = ledger.funding.subtract(pay);
                outputs.fundingApplied(account.id, slot, pay.negate(), rate);
            }
            outputs.accepted(MessageType.FUNDING_RATE, 0, instrumentId);
            liquidator.checkInstrument(instrumentId);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(MessageType.FUNDING_RATE, 0, instrumentId, rejected.reason);
        }
        return end();
    }

    /**
     * {@code pay = ceil(value(q, M) × rate / R)}: signed, negative when the position receives. The fund's value is
     * clamped to {@code ±2^62} first (section 1).
     */
    private static BigDecimal fundingPayment(final RefPosition slot, final BigDecimal rate, final boolean fund)
    {
        final BigDecimal value = slot.value(slot.instrument.mark);
        return RefMath.roundUp((fund ? RefMath.saturateFund(value) : value).multiply(rate));
    }

    /**
     * Defines an instrument, or replaces the tiers and defaults of a defined one.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param spec the definition.
     * @return the outputs.
     */
    public List<RefOutput> instrumentDefinition(
        final long correlationId, final long eventTime, final InstrumentSpec spec)
    {
        begin(correlationId, eventTime);
        final int id = spec.instrumentId();
        try
        {
            define(spec);
            outputs.accepted(MessageType.INSTRUMENT_DEFINITION, 0, id);
            liquidator.checkInstrument(id);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(MessageType.INSTRUMENT_DEFINITION, 0, id, rejected.reason);
        }
        return end();
    }

    /**
     * A snapshot request: only acknowledged.
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @return the outputs.
     */
    public List<RefOutput> snapshotRequest(final long correlationId, final long eventTime)
    {
        begin(correlationId, eventTime);
        outputs.accepted(MessageType.SNAPSHOT_REQUEST, 0, NO_INSTRUMENT);
        return end();
    }

    /**
     * The matching engine's end of a liquidation order (docs/liquidation.md, "The end of the order").
     *
     * @param correlationId echoed.
     * @param eventTime echoed.
     * @param liquidationSequence the order's id: the sequence of the input that emitted it.
     * @param liquidationIndex the order's id: its counter within that input.
     * @param filledQuantity what the book says it filled, quantity units.
     * @return the outputs.
     */
    public List<RefOutput> liquidationOrderDone(
        final long correlationId, final long eventTime, final long liquidationSequence, final int liquidationIndex,
        final long filledQuantity)
    {
        begin(correlationId, eventTime);
        try
        {
            liquidator.orders().done(liquidationSequence, liquidationIndex, filledQuantity);
        }
        catch (final RefRejected rejected)
        {
            outputs.rejected(MessageType.LIQUIDATION_ORDER_DONE, rejected.accountId, rejected.instrumentId,
                rejected.reason);
        }
        return end();
    }

    /**
     * {@code IN_LIQUIDATION} for a setting of a slot in liquidation: an isolated slot whose position is, or a cross
     * slot of a cross account that is (docs/liquidation.md, market mode).
     */
    private boolean inLiquidation(final long accountId, final RefPosition slot)
    {
        return slot.isolated ? slot.inLiquidation : accountsById.get(accountId).crossInLiquidation;
    }

    private void define(final InstrumentSpec spec)
    {
        final int id = spec.instrumentId();
        if (spec.defaultMode() != MarginMode.ISOLATED && spec.defaultMode() != MarginMode.CROSS)
        {
            throw new RefRejected(RejectReason.MALFORMED_MESSAGE);
        }
        final int pd = spec.priceDecimals();
        final int qd = spec.qtyDecimals();
        if (id < 0 || id >= maxInstruments || pd < 0 || qd < 0 || pd + qd > RefMath.AMOUNT_DECIMALS ||
            spec.tickSize() <= 0 || spec.stepSize() <= 0)
        {
            throw new RefRejected(RejectReason.OUT_OF_RANGE);
        }
        final RefTiers tiers = RefTiers.of(spec.tiers());
        if (!tiers.isValid())
        {
            throw new RefRejected(RejectReason.INVALID_TIERS);
        }
        if (spec.defaultLeverage() < 1 || spec.defaultLeverage() > tiers.tier(0).maxLeverage())
        {
            throw new RefRejected(RejectReason.OUT_OF_RANGE);
        }
        // docs/liquidation.md: the fee rate, then the partial tier, after the default leverage
        if (spec.liquidationFeeRate() < 0 || spec.liquidationFeeRate() > RefMath.units(RefMath.ONE))
        {
            throw new RefRejected(RejectReason.OUT_OF_RANGE);
        }
        if (spec.partialFromTier() < 0 || spec.partialFromTier() > tiers.count())
        {
            throw new RefRejected(RejectReason.INVALID_TIERS);
        }
        RefInstrument instrument = instruments.get(id);
        if (instrument != null && (instrument.priceDecimals != pd || instrument.qtyDecimals != qd ||
            instrument.tickSize != spec.tickSize() || instrument.stepSize != spec.stepSize() ||
            !instrument.symbol.equals(spec.symbol())))
        {
            throw new RefRejected(RejectReason.INSTRUMENT_REDEFINED);
        }
        final boolean isNew = instrument == null;
        if (isNew)
        {
            instrument = new RefInstrument(id, spec.symbol(), pd, qd, spec.tickSize(), spec.stepSize());
            instruments.put(id, instrument);
        }
        // the slots at their (old) defaults read as the new defaults; every other slot keeps its own
        final List<RefPosition> atDefaults = new ArrayList<>();
        final List<RefAccount> owners = new ArrayList<>();
        if (!isNew)
        {
            for (final RefAccount account : accounts)
            {
                final RefPosition slot = account.slot(id);
                if (account.atDefaults(slot))
                {
                    atDefaults.add(slot);
                    owners.add(account);
                }
            }
        }
        instrument.tiers = tiers;
        instrument.liquidationFeeRate = RefMath.amount(spec.liquidationFeeRate());
        instrument.partialFromTier = spec.partialFromTier();
        instrument.defaultLeverage = spec.defaultLeverage();
        instrument.defaultMode = spec.defaultMode();
        for (int k = 0; k < atDefaults.size(); k++)
        {
            owners.get(k).takeDefaults(atDefaults.get(k));
        }
        if (isNew)
        {
            // every account reads the new instrument's defaults
            for (final RefAccount account : accounts)
            {
                account.openSlot(instrument);
            }
        }
    }

    private void begin(final long correlationId, final long eventTime)
    {
        sequence++;
        outputs.begin(sequence, correlationId, eventTime);
        liquidator.orders().begin(sequence);
        liquidator.deleveraging().begin();
    }

    /** The end of an input, its checks done: auto-deleveraging (docs/liquidation.md), then its outputs. */
    private List<RefOutput> end()
    {
        liquidator.afterInput();
        return outputs.list();
    }

    private RefAccount open(final long accountId, final boolean fund)
    {
        final RefAccount account = new RefAccount(accountId, fund);
        for (int id = 0; id < maxInstruments; id++)
        {
            final RefInstrument instrument = instruments.get(id);
            if (instrument != null)
            {
                account.openSlot(instrument);
            }
        }
        accounts.add(account);
        accountsById.put(accountId, account);
        return account;
    }

    private RefAccount fund()
    {
        return accounts.get(0);
    }

    private RefAccount account(final long accountId)
    {
        final RefAccount account = accountsById.get(accountId);
        if (account == null)
        {
            throw new RefRejected(RejectReason.UNKNOWN_ACCOUNT);
        }
        return account;
    }

    private RefInstrument instrument(final int instrumentId)
    {
        final RefInstrument instrument = instruments.get(instrumentId);
        if (instrument == null)
        {
            throw new RefRejected(RejectReason.UNKNOWN_INSTRUMENT);
        }
        return instrument;
    }

    /**
     * The largest capacity among the open positions of an instrument, the fund's aside (docs/margin.md,
     * section 1), in quantity units of the instrument; 0 when none is open.
     */
    private BigDecimal largestCapacity(final RefInstrument instrument)
    {
        BigDecimal largest = BigDecimal.ZERO;
        for (final RefAccount account : accounts)
        {
            final RefPosition slot = account.slot(instrument.id);
            if (!account.fund && slot.isOpen())
            {
                largest = RefMath.max(largest, instrument.capacity(slot.size));
            }
        }
        return largest;
    }

    /** Slots stored by the engine: those not at their defaults, over every account but the fund. */
    private int storedSlots()
    {
        int stored = 0;
        for (final RefAccount account : accounts)
        {
            if (!account.fund)
            {
                stored += account.storedSlots();
            }
        }
        return stored;
    }

    private boolean slotsFull()
    {
        return storedSlots() >= maxPositions;
    }

    /** A request needs a new slot when the slot is at its defaults and the new setting is not a default. */
    private boolean needsSlot(final long accountId, final RefPosition slot, final boolean isolated, final int leverage)
    {
        final RefAccount account = accountsById.get(accountId);
        return account.atDefaults(slot) &&
            (isolated != account.defaultIsolated(slot.instrument) || leverage != slot.instrument.defaultLeverage);
    }

    /** {@code CAPACITY_EXCEEDED} when a new slot is needed and {@code maxPositions} slots are taken. */
    private void checkSlotAvailable()
    {
        if (slotsFull())
        {
            throw new RefRejected(RejectReason.CAPACITY_EXCEEDED);
        }
    }

    /** Account, instrument and fund checks of a slot request; rejects and returns null when one fails. */
    private RefPosition requestSlot(final MessageType type, final long accountId, final int instrumentId)
    {
        final RefAccount account = accountsById.get(accountId);
        if (account == null)
        {
            outputs.rejected(type, accountId, NO_INSTRUMENT, RejectReason.UNKNOWN_ACCOUNT);
            return null;
        }
        final RefInstrument instrument = instruments.get(instrumentId);
        if (instrument == null)
        {
            outputs.rejected(type, accountId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return null;
        }
        if (account.fund)
        {
            outputs.rejected(type, accountId, instrumentId, RejectReason.INSURANCE_FUND_ACCOUNT);
            return null;
        }
        return account.slot(instrumentId);
    }

    private static BigDecimal checkedAmount(final long amount)
    {
        if (amount <= 0)
        {
            throw new RefRejected(RejectReason.NON_POSITIVE_AMOUNT);
        }
        final BigDecimal money = RefMath.amount(amount);
        if (RefMath.outOfAmountRange(money))
        {
            throw new RefRejected(RejectReason.OUT_OF_RANGE);
        }
        return money;
    }

    private static BigDecimal checkedTransfer(final RefPosition slot, final long amount)
    {
        final BigDecimal money = checkedAmount(amount);
        if (!slot.isolated)
        {
            throw new RefRejected(RejectReason.NOT_ISOLATED);
        }
        if (!slot.isOpen())
        {
            throw new RefRejected(RejectReason.NO_POSITION);
        }
        return money;
    }

    // ------------------------------------------------------------------ views, in the engine's units

    /**
     * Sequence number of the last input (0 before the first).
     *
     * @return the sequence.
     */
    public long lastSequence()
    {
        return sequence;
    }

    /**
     * Number of accounts, the fund included.
     *
     * @return the count.
     */
    public int accountCount()
    {
        return accounts.size();
    }

    /**
     * Account id by registration order (0 is the fund).
     *
     * @param index registration index.
     * @return the id.
     */
    public long accountIdAt(final int index)
    {
        return accounts.get(index).id;
    }

    /**
     * Whether an account is open.
     *
     * @param accountId account id.
     * @return true once its first deposit was accepted (the fund from the start).
     */
    public boolean hasAccount(final long accountId)
    {
        return accountsById.containsKey(accountId);
    }

    /**
     * Whether an instrument is defined.
     *
     * @param instrumentId instrument id.
     * @return true when defined.
     */
    public boolean hasInstrument(final int instrumentId)
    {
        return instruments.containsKey(instrumentId);
    }

    /**
     * Cross wallet.
     *
     * @param accountId account id.
     * @return amount units.
     */
    public long crossWallet(final long accountId)
    {
        return RefMath.units(accountsById.get(accountId).wallet);
    }

    /**
     * The insurance fund's wallet.
     *
     * @return amount units.
     */
    public long insuranceFundBalance()
    {
        return RefMath.units(fund().wallet);
    }

    /**
     * Mark price.
     *
     * @param instrumentId instrument.
     * @return price units, 0 when unknown.
     */
    public long markPrice(final int instrumentId)
    {
        final RefInstrument instrument = instruments.get(instrumentId);
        return instrument.priceUnits(instrument.mark);
    }

    /**
     * Signed size.
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return quantity units.
     */
    public long positionSize(final long accountId, final int instrumentId)
    {
        final RefPosition slot = slot(accountId, instrumentId);
        return slot.instrument.quantityUnits(slot.size);
    }

    /**
     * Cost basis.
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return amount units.
     */
    public long costBasis(final long accountId, final int instrumentId)
    {
        return RefMath.units(slot(accountId, instrumentId).cost);
    }

    /**
     * Isolated pool.
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return amount units.
     */
    public long isolatedMargin(final long accountId, final int instrumentId)
    {
        return RefMath.units(slot(accountId, instrumentId).pool);
    }

    /**
     * Margin mode.
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return the mode.
     */
    public MarginMode marginMode(final long accountId, final int instrumentId)
    {
        return slot(accountId, instrumentId).isolated ? MarginMode.ISOLATED : MarginMode.CROSS;
    }

    /**
     * Leverage.
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return leverage.
     */
    public int leverage(final long accountId, final int instrumentId)
    {
        return slot(accountId, instrumentId).leverage;
    }

    /**
     * Unrealized PnL at the mark (0 when flat).
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return amount units.
     */
    public long unrealizedPnl(final long accountId, final int instrumentId)
    {
        return RefMath.units(slot(accountId, instrumentId).unrealizedPnl());
    }

    /**
     * Maintenance margin at the mark (0 when flat).
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return amount units.
     */
    public long maintenanceMargin(final long accountId, final int instrumentId)
    {
        return RefMath.units(slot(accountId, instrumentId).maintenanceMargin());
    }

    /**
     * Margin ratio of the position (isolated) or the account (cross); 0 when flat.
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return rate units.
     */
    public long marginRatio(final long accountId, final int instrumentId)
    {
        final RefPosition slot = slot(accountId, instrumentId);
        if (!slot.isOpen())
        {
            return 0;
        }
        final RefAccount account = accountsById.get(accountId);
        return slot.isolated ?
            RefLiquidator.marginRatio(slot.maintenanceMargin(), slot.isolatedEquity()) :
            RefLiquidator.marginRatio(account.crossMaintenanceMargin(), account.crossEquity());
    }

    /**
     * Liquidation price (docs/margin.md, section 7).
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return price units, 0 when none.
     */
    public long liquidationPrice(final long accountId, final int instrumentId)
    {
        return RefPrices.liquidationPrice(accountsById.get(accountId), slot(accountId, instrumentId));
    }

    /**
     * Bankruptcy price (docs/margin.md, section 7).
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return price units, 0 when none.
     */
    public long bankruptcyPrice(final long accountId, final int instrumentId)
    {
        return RefPrices.bankruptcyPrice(accountsById.get(accountId), slot(accountId, instrumentId));
    }

    /**
     * Whether a position is in liquidation: the isolated slot's own, or a cross slot's account's
     * (docs/liquidation.md, "In the state").
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return true between the trigger and the end of the lifecycle (market mode).
     */
    public boolean isInLiquidation(final long accountId, final int instrumentId)
    {
        return inLiquidation(accountId, slot(accountId, instrumentId));
    }

    /**
     * The ADL indicator of a position (docs/liquidation.md): {@code 5 − floor(5 × place / n)} in the queue of its
     * instrument and side.
     *
     * @param accountId account.
     * @param instrumentId instrument.
     * @return 1 to 5; 0 for an unknown account or instrument, no position, the fund's, or one in liquidation.
     */
    public int adlIndicator(final long accountId, final int instrumentId)
    {
        final RefAccount account = accountsById.get(accountId);
        if (account == null || !instruments.containsKey(instrumentId))
        {
            return 0;
        }
        return liquidator.deleveraging().adlIndicator(account, account.slot(instrumentId));
    }

    /**
     * The open liquidation orders, oldest first.
     *
     * @return the orders, in the engine's units.
     */
    public List<RefOpenLiquidation> openLiquidations()
    {
        return liquidator.orders().views();
    }

    /**
     * Total deposits, saturated to the {@code long} range (exactly: {@link #ledgerTotals()}).
     *
     * @return amount units.
     */
    public long totalDeposits()
    {
        return RefMath.clampedUnits(ledger.deposits);
    }

    /**
     * Total withdrawals, saturated to the {@code long} range.
     *
     * @return amount units.
     */
    public long totalWithdrawals()
    {
        return RefMath.clampedUnits(ledger.withdrawals);
    }

    /**
     * Total realized PnL, saturated to the {@code long} range.
     *
     * @return amount units.
     */
    public long totalRealizedPnl()
    {
        return RefMath.clampedUnits(ledger.realizedPnl);
    }

    /**
     * Total fees, saturated to the {@code long} range.
     *
     * @return amount units.
     */
    public long totalFees()
    {
        return RefMath.clampedUnits(ledger.fees);
    }

    /**
     * Net funding received, saturated to the {@code long} range.
     *
     * @return amount units.
     */
    public long totalFunding()
    {
        return RefMath.clampedUnits(ledger.funding);
    }

    /**
     * The five ledger totals exactly (docs/margin.md, section 8); the {@code long} views above are these clamped
     * to {@code [−2^63 + 1, 2^63 − 1]}.
     *
     * @return amount units.
     */
    public RefLedgerTotals ledgerTotals()
    {
        return new RefLedgerTotals(
            RefMath.exactUnits(ledger.deposits), RefMath.exactUnits(ledger.withdrawals),
            RefMath.exactUnits(ledger.realizedPnl), RefMath.exactUnits(ledger.fees),
            RefMath.exactUnits(ledger.funding));
    }

    /**
     * How many slots the engine stores for accounts other than the fund: slots not at their defaults (open
     * positions plus non-default settings), at most {@code maxPositions}.
     *
     * @return the count.
     */
    public int storedPositionSlots()
    {
        return storedSlots();
    }

    private RefPosition slot(final long accountId, final int instrumentId)
    {
        return accountsById.get(accountId).slot(instrumentId);
    }

    /**
     * Tier specs back from decimals, for tests that build tables by hand.
     *
     * @param cap notional cap.
     * @param maxLeverage maximum leverage.
     * @param rate maintenance margin rate.
     * @param cum maintenance amount.
     * @return the spec.
     */
    public static TierSpec tier(final String cap, final int maxLeverage, final String rate, final String cum)
    {
        return new TierSpec(
            RefMath.units(new BigDecimal(cap)), maxLeverage, RefMath.units(new BigDecimal(rate)),
            RefMath.units(new BigDecimal(cum)));
    }
}
