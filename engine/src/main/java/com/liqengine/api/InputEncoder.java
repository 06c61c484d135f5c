package com.liqengine.api;

import com.liqengine.codec.AddIsolatedMarginEncoder;
import com.liqengine.codec.DepositEncoder;
import com.liqengine.codec.FillEncoder;
import com.liqengine.codec.FundingRateEncoder;
import com.liqengine.codec.InstrumentDefinitionEncoder;
import com.liqengine.codec.LiquidationOrderDoneEncoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MarkPriceTickEncoder;
import com.liqengine.codec.MessageHeaderEncoder;
import com.liqengine.codec.RemoveIsolatedMarginEncoder;
import com.liqengine.codec.SetLeverageEncoder;
import com.liqengine.codec.SetMarginModeEncoder;
import com.liqengine.codec.Side;
import com.liqengine.codec.SnapshotRequestEncoder;
import com.liqengine.codec.WithdrawalEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes engine inputs as SBE messages at offset 0 of a target buffer (its own, or one set with
 * {@link #target}, e.g. a ring buffer slot); each method returns the encoded length (header included).
 * Allocation-free except {@link #instrumentDefinition}, which is a cold-path message.
 * Not thread-safe: one encoder per publishing thread.
 */
public final class InputEncoder
{
    /** Size of the buffer: the largest input (an instrument with 16 tiers) fits with room to spare. */
    public static final int BUFFER_LENGTH = 1024;
    /**
     * Offset of {@code eventTime} (int64, little-endian) in every input: each starts with {@code correlationId},
     * then {@code eventTime}, after the message header (liq-messages.xml).
     */
    public static final int EVENT_TIME_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + Long.BYTES;

    private MutableDirectBuffer buffer = new UnsafeBuffer(new byte[BUFFER_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MarkPriceTickEncoder tick = new MarkPriceTickEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawalEncoder withdrawal = new WithdrawalEncoder();
    private final SetMarginModeEncoder marginMode = new SetMarginModeEncoder();
    private final SetLeverageEncoder leverage = new SetLeverageEncoder();
    private final AddIsolatedMarginEncoder addMargin = new AddIsolatedMarginEncoder();
    private final RemoveIsolatedMarginEncoder removeMargin = new RemoveIsolatedMarginEncoder();
    private final FundingRateEncoder funding = new FundingRateEncoder();
    private final InstrumentDefinitionEncoder instrument = new InstrumentDefinitionEncoder();
    private final SnapshotRequestEncoder snapshot = new SnapshotRequestEncoder();
    private final LiquidationOrderDoneEncoder orderDone = new LiquidationOrderDoneEncoder();

    /**
     * Sets the buffer the next messages are encoded into, at offset 0; it must hold at least
     * {@link #BUFFER_LENGTH} bytes.
     *
     * @param target the buffer.
     * @return this.
     */
    public InputEncoder target(final MutableDirectBuffer target)
    {
        this.buffer = target;
        return this;
    }

    /**
     * The buffer every method encodes into, at offset 0.
     *
     * @return the buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * A mark price tick.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param instrumentId instrument.
     * @param price mark price, priceDecimals.
     * @return encoded length.
     */
    public int markPriceTick(final long correlationId, final long eventTime, final int instrumentId, final long price)
    {
        tick.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).instrumentId(instrumentId).price(price);
        return MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
    }

    /**
     * A fill of one account.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param side buy or sell.
     * @param quantity positive, qtyDecimals.
     * @param price positive, priceDecimals.
     * @param fee amount; negative is a rebate.
     * @param tradeId matching engine's trade id.
     * @return encoded length.
     */
    public int fill(
        final long correlationId,
        final long eventTime,
        final long accountId,
        final int instrumentId,
        final Side side,
        final long quantity,
        final long price,
        final long fee,
        final long tradeId)
    {
        return encodeFill(correlationId, eventTime, accountId, instrumentId, side, quantity, price, fee, tradeId, 0, 0);
    }

    /**
     * A fill of a liquidation order (docs/liquidation.md): the order's account, instrument and side, no fee.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId the liquidated account.
     * @param instrumentId instrument.
     * @param side the order's side.
     * @param quantity positive, qtyDecimals.
     * @param price positive, priceDecimals.
     * @param tradeId matching engine's trade id.
     * @param liquidationSequence the order's id: the sequence of the input that emitted it.
     * @param liquidationIndex the order's id: its counter within that input.
     * @return encoded length.
     */
    public int liquidationFill(
        final long correlationId,
        final long eventTime,
        final long accountId,
        final int instrumentId,
        final Side side,
        final long quantity,
        final long price,
        final long tradeId,
        final long liquidationSequence,
        final int liquidationIndex)
    {
        return encodeFill(correlationId, eventTime, accountId, instrumentId, side, quantity, price, 0, tradeId,
            liquidationSequence, liquidationIndex);
    }

    private int encodeFill(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId, final Side side,
        final long quantity, final long price, final long fee, final long tradeId, final long liquidationSequence,
        final int liquidationIndex)
    {
        fill.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).accountId(accountId).instrumentId(instrumentId)
            .side(side).quantity(quantity).price(price).fee(fee).tradeId(tradeId)
            .liquidationSequence(liquidationSequence).liquidationIndex(liquidationIndex);
        return MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength();
    }

    /**
     * The matching engine's end of a liquidation order.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param liquidationSequence the order's id: the sequence of the input that emitted it.
     * @param liquidationIndex the order's id: its counter within that input.
     * @param filledQuantity what the book filled, qtyDecimals.
     * @return encoded length.
     */
    public int liquidationOrderDone(
        final long correlationId,
        final long eventTime,
        final long liquidationSequence,
        final int liquidationIndex,
        final long filledQuantity)
    {
        orderDone.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).liquidationSequence(liquidationSequence)
            .liquidationIndex(liquidationIndex).filledQuantity(filledQuantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderDone.encodedLength();
    }

    /**
     * A deposit into the cross wallet.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId account (opened if new).
     * @param amount amount.
     * @return encoded length.
     */
    public int deposit(final long correlationId, final long eventTime, final long accountId, final long amount)
    {
        deposit.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).accountId(accountId).amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + deposit.encodedLength();
    }

    /**
     * A withdrawal from the cross wallet.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId account.
     * @param amount amount.
     * @return encoded length.
     */
    public int withdrawal(final long correlationId, final long eventTime, final long accountId, final long amount)
    {
        withdrawal.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).accountId(accountId).amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdrawal.encodedLength();
    }

    /**
     * Sets the margin mode of an account in an instrument.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param mode isolated or cross.
     * @return encoded length.
     */
    public int setMarginMode(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final MarginMode mode)
    {
        marginMode.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).accountId(accountId).instrumentId(instrumentId)
            .mode(mode);
        return MessageHeaderEncoder.ENCODED_LENGTH + marginMode.encodedLength();
    }

    /**
     * Sets the leverage of an account in an instrument.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param leverage whole leverage.
     * @return encoded length.
     */
    public int setLeverage(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final int leverage)
    {
        this.leverage.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).accountId(accountId).instrumentId(instrumentId)
            .leverage(leverage);
        return MessageHeaderEncoder.ENCODED_LENGTH + this.leverage.encodedLength();
    }

    /**
     * Moves money from the cross wallet into an isolated pool.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param amount amount.
     * @return encoded length.
     */
    public int addIsolatedMargin(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final long amount)
    {
        addMargin.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).accountId(accountId).instrumentId(instrumentId)
            .amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + addMargin.encodedLength();
    }

    /**
     * Moves money from an isolated pool to the cross wallet.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param accountId account.
     * @param instrumentId instrument.
     * @param amount amount.
     * @return encoded length.
     */
    public int removeIsolatedMargin(
        final long correlationId, final long eventTime, final long accountId, final int instrumentId,
        final long amount)
    {
        removeMargin.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).accountId(accountId).instrumentId(instrumentId)
            .amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + removeMargin.encodedLength();
    }

    /**
     * Settles funding of an instrument at its mark.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param instrumentId instrument.
     * @param rate funding rate, 8 decimals; positive: longs pay shorts.
     * @return encoded length.
     */
    public int fundingRate(final long correlationId, final long eventTime, final int instrumentId, final long rate)
    {
        funding.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).instrumentId(instrumentId).rate(rate);
        return MessageHeaderEncoder.ENCODED_LENGTH + funding.encodedLength();
    }

    /**
     * Defines an instrument or replaces its tiers.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @param spec the instrument.
     * @return encoded length.
     */
    public int instrumentDefinition(final long correlationId, final long eventTime, final InstrumentSpec spec)
    {
        instrument.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId).eventTime(eventTime).instrumentId(spec.instrumentId())
            .symbol(spec.symbol())
            .priceDecimals((byte)spec.priceDecimals()).qtyDecimals((byte)spec.qtyDecimals())
            .tickSize(spec.tickSize()).stepSize(spec.stepSize())
            .defaultLeverage(spec.defaultLeverage()).defaultMode(spec.defaultMode())
            .liquidationFeeRate(spec.liquidationFeeRate()).partialFromTier(spec.partialFromTier());
        final InstrumentDefinitionEncoder.TiersEncoder tiers = instrument.tiersCount(spec.tiers().size());
        for (final TierSpec tier : spec.tiers())
        {
            tiers.next().maxNotional(tier.maxNotional()).maxLeverage(tier.maxLeverage())
                .maintenanceMarginRate(tier.maintenanceMarginRate()).maintenanceAmount(tier.maintenanceAmount());
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + instrument.encodedLength();
    }

    /**
     * Asks for a snapshot at this point of the input sequence.
     *
     * @param correlationId sender's id.
     * @param eventTime sender's time, ns.
     * @return encoded length.
     */
    public int snapshotRequest(final long correlationId, final long eventTime)
    {
        snapshot.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).eventTime(eventTime);
        return MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength();
    }
}
