package com.liqengine.reference;

import com.liqengine.api.MessageType;
import com.liqengine.codec.RejectReason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Builds the outputs of one input in the field order of the schema (docs/messages.md); every output starts
 * with the input's sequence, correlation id and event time. Equity, maintenance margin and clearance fee are
 * exact sums, reported clamped to {@code [−2^63 + 1, 2^63 − 1]} units (docs/margin.md, section 3).
 */
final class RefOutputs
{
    static final long BUY = 0;
    static final long SELL = 1;
    static final long ISOLATED = 0;
    static final long CROSS = 1;

    private final List<RefOutput> outputs = new ArrayList<>();
    private long sequence;
    private long correlationId;
    private long eventTime;

    void begin(final long sequence, final long correlationId, final long eventTime)
    {
        this.sequence = sequence;
        this.correlationId = correlationId;
        this.eventTime = eventTime;
        outputs.clear();
    }

    /** The outputs of the current input, as a copy. */
    List<RefOutput> list()
    {
        return new ArrayList<>(outputs);
    }

    static long mode(final boolean isolated)
    {
        return isolated ? ISOLATED : CROSS;
    }

    static long side(final BigDecimal size)
    {
        return size.signum() > 0 ? BUY : SELL;
    }

    void liquidationTriggered(
        final long accountId, final RefPosition position, final long liquidationPrice, final long bankruptcyPrice,
        final BigDecimal equity, final BigDecimal maintenance, final long ratio)
    {
        final RefInstrument instrument = position.instrument;
        emit(MessageType.LIQUIDATION_TRIGGERED,
            "accountId", accountId,
            "instrumentId", instrument.id,
            "mode", mode(position.isolated),
            "side", side(position.size),
            "size", Math.abs(instrument.quantityUnits(position.size)),
            "markPrice", instrument.priceUnits(instrument.mark),
            "liquidationPrice", liquidationPrice,
            "bankruptcyPrice", bankruptcyPrice,
            "equity", RefMath.clampedUnits(equity),
            "maintenanceMargin", RefMath.clampedUnits(maintenance),
            "marginRatio", ratio);
    }

    void positionTakenOver(
        final long accountId, final RefInstrument instrument, final boolean isolated, final BigDecimal size,
        final long price, final BigDecimal value, final BigDecimal realized, final BigDecimal clearanceFee,
        final BigDecimal fundBalance)
    {
        emit(MessageType.POSITION_TAKEN_OVER,
            "accountId", accountId,
            "instrumentId", instrument.id,
            "mode", mode(isolated),
            "size", instrument.quantityUnits(size),
            "price", price,
            "value", RefMath.units(value),
            "realizedPnl", RefMath.units(realized),
            "clearanceFee", RefMath.clampedUnits(clearanceFee),
            "insuranceFundBalance", RefMath.units(fundBalance));
    }

    /** The fund's unwind of a taken-over position: the side closing it, id 0 (settled by ordinary fills). */
    void liquidationOrder(final long fundId, final RefInstrument instrument, final BigDecimal size, final long price)
    {
        liquidationOrder(fundId, instrument, size.signum() > 0, size.abs(), price, 0, 0);
    }

    void liquidationOrder(
        final long accountId, final RefInstrument instrument, final boolean sell, final BigDecimal quantity,
        final long price, final long liquidationSequence, final int liquidationIndex)
    {
        emit(MessageType.LIQUIDATION_ORDER,
            "accountId", accountId,
            "instrumentId", instrument.id,
            "side", sell ? SELL : BUY,
            "quantity", instrument.quantityUnits(quantity),
            "price", price,
            "liquidationSequence", liquidationSequence,
            "liquidationIndex", liquidationIndex);
    }

    void autoDeleveraged(
        final long accountId, final RefInstrument instrument, final BigDecimal quantity, final long price,
        final BigDecimal realized)
    {
        emit(MessageType.AUTO_DELEVERAGED,
            "accountId", accountId,
            "instrumentId", instrument.id,
            "quantity", instrument.quantityUnits(quantity),
            "price", price,
            "realizedPnl", RefMath.units(realized));
    }

    /** The shortfall left after ADL, and the fund's equity {@code floor − shortfall}, both clamped as reported. */
    void insuranceFundDeficit(final BigDecimal amount, final BigDecimal fundEquity)
    {
        emit(MessageType.INSURANCE_FUND_DEFICIT,
            "amount", RefMath.clampedUnits(amount),
            "fundEquity", RefMath.clampedUnits(fundEquity));
    }

    void cancelOpenOrders(final long accountId, final int instrumentId)
    {
        emit(MessageType.CANCEL_OPEN_ORDERS,
            "accountId", accountId,
            "instrumentId", instrumentId);
    }

    void liquidationFill(
        final RefLiquidationOrder order, final BigDecimal quantity, final long price, final BigDecimal realized)
    {
        final RefInstrument instrument = order.slot.instrument;
        emit(MessageType.LIQUIDATION_FILL,
            "liquidationSequence", order.liquidationSequence,
            "liquidationIndex", order.liquidationIndex,
            "accountId", order.account.id,
            "instrumentId", instrument.id,
            "side", order.sell ? SELL : BUY,
            "quantity", instrument.quantityUnits(quantity),
            "price", price,
            "realizedPnl", RefMath.units(realized),
            "remainingQuantity", instrument.quantityUnits(order.remaining()));
    }

    void liquidationFeeCharged(
        final RefLiquidationOrder order, final long reportedQuantity, final BigDecimal fee,
        final BigDecimal fundBalance)
    {
        emit(MessageType.LIQUIDATION_FEE_CHARGED,
            "liquidationSequence", order.liquidationSequence,
            "liquidationIndex", order.liquidationIndex,
            "accountId", order.account.id,
            "instrumentId", order.slot.instrument.id,
            "filledQuantity", order.slot.instrument.quantityUnits(order.filled),
            "reportedQuantity", reportedQuantity,
            "amount", RefMath.units(fee),
            "insuranceFundBalance", RefMath.units(fundBalance));
    }

    void clearanceFee(final RefLiquidationOrder order, final BigDecimal amount, final BigDecimal fundBalance)
    {
        emit(MessageType.CLEARANCE_FEE,
            "liquidationSequence", order.liquidationSequence,
            "liquidationIndex", order.liquidationIndex,
            "accountId", order.account.id,
            "instrumentId", order.slot.instrument.id,
            "amount", RefMath.units(amount),
            "insuranceFundBalance", RefMath.units(fundBalance));
    }

    void marginCall(
        final long accountId, final int instrumentId, final boolean isolated, final BigDecimal equity,
        final BigDecimal maintenance, final long ratio)
    {
        emit(MessageType.MARGIN_CALL,
            "accountId", accountId,
            "instrumentId", instrumentId,
            "mode", mode(isolated),
            "equity", RefMath.clampedUnits(equity),
            "maintenanceMargin", RefMath.clampedUnits(maintenance),
            "marginRatio", ratio);
    }

    void fundingApplied(
        final long accountId, final RefPosition position, final BigDecimal amount, final long rate)
    {
        final RefInstrument instrument = position.instrument;
        emit(MessageType.FUNDING_APPLIED,
            "accountId", accountId,
            "instrumentId", instrument.id,
            "mode", mode(position.isolated),
            "amount", RefMath.units(amount),
            "rate", rate,
            "markPrice", instrument.priceUnits(instrument.mark));
    }

    void accepted(final MessageType request, final long accountId, final int instrumentId)
    {
        emit(MessageType.REQUEST_ACCEPTED,
            "requestTemplateId", request.templateId(),
            "accountId", accountId,
            "instrumentId", instrumentId);
    }

    void rejected(final MessageType request, final long accountId, final int instrumentId, final RejectReason reason)
    {
        emit(MessageType.REQUEST_REJECTED,
            "requestTemplateId", request.templateId(),
            "accountId", accountId,
            "instrumentId", instrumentId,
            "reason", reason.value());
    }

    void underMarginedFill(
        final long accountId, final int instrumentId, final BigDecimal required, final BigDecimal moved)
    {
        emit(MessageType.UNDER_MARGINED_FILL,
            "accountId", accountId,
            "instrumentId", instrumentId,
            "required", RefMath.units(required),
            "moved", RefMath.units(moved));
    }

    /** Name and value pairs after the common fields; values are {@code Number}s. */
    private void emit(final MessageType type, final Object... namesAndValues)
    {
        final LinkedHashMap<String, Long> fields = new LinkedHashMap<>();
        fields.put("sequence", sequence);
        fields.put("correlationId", correlationId);
        fields.put("eventTime", eventTime);
        for (int i = 0; i < namesAndValues.length; i += 2)
        {
            fields.put((String)namesAndValues[i], ((Number)namesAndValues[i + 1]).longValue());
        }
        outputs.add(new RefOutput(type, fields));
    }
}
