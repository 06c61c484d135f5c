package com.liqengine.margin;

import com.liqengine.api.OutputSink;
import com.liqengine.codec.AutoDeleveragedEncoder;
import com.liqengine.codec.CancelOpenOrdersEncoder;
import com.liqengine.codec.InsuranceFundDeficitEncoder;
import com.liqengine.codec.ClearanceFeeEncoder;
import com.liqengine.codec.FundingAppliedEncoder;
import com.liqengine.codec.LiquidationFeeChargedEncoder;
import com.liqengine.codec.LiquidationFillEncoder;
import com.liqengine.codec.LiquidationOrderEncoder;
import com.liqengine.codec.LiquidationTriggeredEncoder;
import com.liqengine.codec.MarginCallEncoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MessageHeaderEncoder;
import com.liqengine.codec.PositionTakenOverEncoder;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.RequestAcceptedEncoder;
import com.liqengine.codec.RequestRejectedEncoder;
import com.liqengine.codec.Side;
import com.liqengine.codec.UnderMarginedFillEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the engine's outputs into one reused buffer and hands each to the sink. Every output carries the
 * sequence, correlation id and event time of the input being applied, set by {@link #beginInput}.
 */
public final class OutputEmitter
{
    private static final int BUFFER_LENGTH = 256;

    private final OutputSink sink;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BUFFER_LENGTH]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final LiquidationTriggeredEncoder liquidationTriggered = new LiquidationTriggeredEncoder();
    private final PositionTakenOverEncoder positionTakenOver = new PositionTakenOverEncoder();
    private final LiquidationOrderEncoder liquidationOrder = new LiquidationOrderEncoder();
    private final MarginCallEncoder marginCall = new MarginCallEncoder();
    private final FundingAppliedEncoder fundingApplied = new FundingAppliedEncoder();
    private final RequestAcceptedEncoder accepted = new RequestAcceptedEncoder();
    private final RequestRejectedEncoder rejected = new RequestRejectedEncoder();
    private final UnderMarginedFillEncoder underMarginedFill = new UnderMarginedFillEncoder();
    private final CancelOpenOrdersEncoder cancelOpenOrders = new CancelOpenOrdersEncoder();
    private final LiquidationFillEncoder liquidationFill = new LiquidationFillEncoder();
    private final LiquidationFeeChargedEncoder feeCharged = new LiquidationFeeChargedEncoder();
    private final ClearanceFeeEncoder clearanceFee = new ClearanceFeeEncoder();
    private final AutoDeleveragedEncoder autoDeleveraged = new AutoDeleveragedEncoder();
    private final InsuranceFundDeficitEncoder fundDeficit = new InsuranceFundDeficitEncoder();
    private long sequence;
    private long correlationId;
    private long eventTime;

    OutputEmitter(final OutputSink sink)
    {
        this.sink = sink;
    }

    void beginInput(final long sequence, final long correlationId, final long eventTime)
    {
        this.sequence = sequence;
        this.correlationId = correlationId;
        this.eventTime = eventTime;
    }

    public void liquidationTriggered(
        final long accountId, final int instrumentId, final boolean isolated, final long size, final long mark,
        final long liquidationPrice, final long bankruptcyPrice, final long equity, final long maintenanceMargin,
        final long marginRatio)
    {
        liquidationTriggered.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId).mode(mode(isolated))
            .side(size > 0 ? Side.BUY : Side.SELL).size(Math.abs(size)).markPrice(mark)
            .liquidationPrice(liquidationPrice).bankruptcyPrice(bankruptcyPrice)
            .equity(equity).maintenanceMargin(maintenanceMargin).marginRatio(marginRatio);
        send(liquidationTriggered.encodedLength());
    }

    public void positionTakenOver(
        final long accountId, final int instrumentId, final boolean isolated, final long size, final long price,
        final long value, final long realizedPnl, final long clearanceFee, final long fundBalance)
    {
        positionTakenOver.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId).mode(mode(isolated)).size(size).price(price)
            .value(value).realizedPnl(realizedPnl).clearanceFee(clearanceFee).insuranceFundBalance(fundBalance);
        send(positionTakenOver.encodedLength());
    }

    /** The fund's order to unwind a position it took over (id 0: its fills are ordinary fills of the fund). */
    public void liquidationOrder(
        final long fundAccountId, final int instrumentId, final long takenSize, final long price)
    {
        liquidationOrder(fundAccountId, instrumentId, takenSize, Math.abs(takenSize), price, 0, 0);
    }

    /** An order closing {@code quantity} of the signed position {@code size}. */
    public void liquidationOrder(
        final long accountId, final int instrumentId, final long size, final long quantity, final long price,
        final long liquidationSequence, final int liquidationIndex)
    {
        liquidationOrder.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId)
            .side(size > 0 ? Side.SELL : Side.BUY).quantity(quantity).price(price)
            .liquidationSequence(liquidationSequence).liquidationIndex(liquidationIndex);
        send(liquidationOrder.encodedLength());
    }

    public void autoDeleveraged(
        final long accountId, final int instrumentId, final long quantity, final long price, final long realizedPnl)
    {
        autoDeleveraged.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId).quantity(quantity).price(price).realizedPnl(realizedPnl);
        send(autoDeleveraged.encodedLength());
    }

    public void insuranceFundDeficit(final long amount, final long fundEquity)
    {
        fundDeficit.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .amount(amount).fundEquity(fundEquity);
        send(fundDeficit.encodedLength());
    }

    public void cancelOpenOrders(final long accountId, final int instrumentId)
    {
        cancelOpenOrders.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId);
        send(cancelOpenOrders.encodedLength());
    }

    public void liquidationFill(
        final long liquidationSequence, final int liquidationIndex, final long accountId, final int instrumentId,
        final boolean buy, final long quantity, final long price, final long realizedPnl, final long remaining)
    {
        liquidationFill.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .liquidationSequence(liquidationSequence).liquidationIndex(liquidationIndex)
            .accountId(accountId).instrumentId(instrumentId).side(buy ? Side.BUY : Side.SELL)
            .quantity(quantity).price(price).realizedPnl(realizedPnl).remainingQuantity(remaining);
        send(liquidationFill.encodedLength());
    }

    public void liquidationFeeCharged(
        final long liquidationSequence, final int liquidationIndex, final long accountId, final int instrumentId,
        final long filled, final long reported, final long amount, final long fundBalance)
    {
        feeCharged.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .liquidationSequence(liquidationSequence).liquidationIndex(liquidationIndex)
            .accountId(accountId).instrumentId(instrumentId).filledQuantity(filled).reportedQuantity(reported)
            .amount(amount).insuranceFundBalance(fundBalance);
        send(feeCharged.encodedLength());
    }

    public void clearanceFee(
        final long liquidationSequence, final int liquidationIndex, final long accountId, final int instrumentId,
        final long amount, final long fundBalance)
    {
        clearanceFee.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .liquidationSequence(liquidationSequence).liquidationIndex(liquidationIndex)
            .accountId(accountId).instrumentId(instrumentId).amount(amount).insuranceFundBalance(fundBalance);
        send(clearanceFee.encodedLength());
    }

    public void marginCall(
        final long accountId, final int instrumentId, final boolean isolated, final long equity,
        final long maintenanceMargin, final long marginRatio)
    {
        marginCall.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId).mode(mode(isolated))
            .equity(equity).maintenanceMargin(maintenanceMargin).marginRatio(marginRatio);
        send(marginCall.encodedLength());
    }

    void fundingApplied(
        final long accountId, final int instrumentId, final boolean isolated, final long amount, final long rate,
        final long mark)
    {
        fundingApplied.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId).mode(mode(isolated))
            .amount(amount).rate(rate).markPrice(mark);
        send(fundingApplied.encodedLength());
    }

    void accepted(final int templateId, final long accountId, final int instrumentId)
    {
        accepted.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .requestTemplateId(templateId).accountId(accountId).instrumentId(instrumentId);
        send(accepted.encodedLength());
    }

    void rejected(final int templateId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        rejected.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .requestTemplateId(templateId).accountId(accountId).instrumentId(instrumentId).reason(reason);
        send(rejected.encodedLength());
    }

    void underMarginedFill(final long accountId, final int instrumentId, final long required, final long moved)
    {
        underMarginedFill.wrapAndApplyHeader(buffer, 0, header)
            .sequence(sequence).correlationId(correlationId).eventTime(eventTime)
            .accountId(accountId).instrumentId(instrumentId).required(required).moved(moved);
        send(underMarginedFill.encodedLength());
    }

    private static MarginMode mode(final boolean isolated)
    {
        return isolated ? MarginMode.ISOLATED : MarginMode.CROSS;
    }

    private void send(final int bodyLength)
    {
        sink.onOutput(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }
}
