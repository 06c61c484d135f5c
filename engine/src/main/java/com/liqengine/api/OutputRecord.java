package com.liqengine.api;

import com.liqengine.codec.AutoDeleveragedDecoder;
import com.liqengine.codec.CancelOpenOrdersDecoder;
import com.liqengine.codec.ClearanceFeeDecoder;
import com.liqengine.codec.InsuranceFundDeficitDecoder;
import com.liqengine.codec.LiquidationFeeChargedDecoder;
import com.liqengine.codec.LiquidationFillDecoder;
import com.liqengine.codec.FundingAppliedDecoder;
import com.liqengine.codec.LiquidationOrderDecoder;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.MarginCallDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.PositionTakenOverDecoder;
import com.liqengine.codec.RequestAcceptedDecoder;
import com.liqengine.codec.RequestRejectedDecoder;
import com.liqengine.codec.UnderMarginedFillDecoder;
import org.agrona.DirectBuffer;

import java.util.LinkedHashMap;

/**
 * One decoded output message as a type name and its fields in schema order (cold path: allocates). Enums are
 * kept as their numeric values (Side BUY=0 SELL=1, MarginMode ISOLATED=0 CROSS=1, RejectReason its code), so
 * two records compare field by field, to the last unit.
 *
 * @param type SBE message name.
 * @param fields every field under its schema name.
 */
public record OutputRecord(String type, LinkedHashMap<String, Long> fields)
{
    /**
     * A field's value.
     *
     * @param name schema name.
     * @return the value.
     * @throws IllegalArgumentException when the message has no such field.
     */
    public long get(final String name)
    {
        final Long value = fields.get(name);
        if (value == null)
        {
            throw new IllegalArgumentException(type + " has no field " + name);
        }
        return value;
    }

    /**
     * Decodes one output message.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of header and body.
     * @return the record.
     * @throws IllegalArgumentException for a template that is not an output.
     */
    public static OutputRecord decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        final LinkedHashMap<String, Long> f = new LinkedHashMap<>();
        switch (header.templateId())
        {
            case LiquidationTriggeredDecoder.TEMPLATE_ID:
            {
                final LiquidationTriggeredDecoder d =
                    new LiquidationTriggeredDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("mode", (long)d.modeRaw());
                f.put("side", (long)d.sideRaw());
                f.put("size", d.size());
                f.put("markPrice", d.markPrice());
                f.put("liquidationPrice", d.liquidationPrice());
                f.put("bankruptcyPrice", d.bankruptcyPrice());
                f.put("equity", d.equity());
                f.put("maintenanceMargin", d.maintenanceMargin());
                f.put("marginRatio", d.marginRatio());
                return new OutputRecord("LiquidationTriggered", f);
            }
            case PositionTakenOverDecoder.TEMPLATE_ID:
            {
                final PositionTakenOverDecoder d = new PositionTakenOverDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("mode", (long)d.modeRaw());
                f.put("size", d.size());
                f.put("price", d.price());
                f.put("value", d.value());
                f.put("realizedPnl", d.realizedPnl());
                f.put("clearanceFee", d.clearanceFee());
                f.put("insuranceFundBalance", d.insuranceFundBalance());
                return new OutputRecord("PositionTakenOver", f);
            }
            case LiquidationOrderDecoder.TEMPLATE_ID:
            {
                final LiquidationOrderDecoder d = new LiquidationOrderDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("side", (long)d.sideRaw());
                f.put("quantity", d.quantity());
                f.put("price", d.price());
                f.put("liquidationSequence", d.liquidationSequence());
                f.put("liquidationIndex", (long)d.liquidationIndex());
                return new OutputRecord("LiquidationOrder", f);
            }
            case AutoDeleveragedDecoder.TEMPLATE_ID:
            {
                final AutoDeleveragedDecoder d = new AutoDeleveragedDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("quantity", d.quantity());
                f.put("price", d.price());
                f.put("realizedPnl", d.realizedPnl());
                return new OutputRecord("AutoDeleveraged", f);
            }
            case MarginCallDecoder.TEMPLATE_ID:
            {
                final MarginCallDecoder d = new MarginCallDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("mode", (long)d.modeRaw());
                f.put("equity", d.equity());
                f.put("maintenanceMargin", d.maintenanceMargin());
                f.put("marginRatio", d.marginRatio());
                return new OutputRecord("MarginCall", f);
            }
            case FundingAppliedDecoder.TEMPLATE_ID:
            {
                final FundingAppliedDecoder d = new FundingAppliedDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("mode", (long)d.modeRaw());
                f.put("amount", d.amount());
                f.put("rate", d.rate());
                f.put("markPrice", d.markPrice());
                return new OutputRecord("FundingApplied", f);
            }
            case RequestAcceptedDecoder.TEMPLATE_ID:
            {
                final RequestAcceptedDecoder d = new RequestAcceptedDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("requestTemplateId", (long)d.requestTemplateId());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                return new OutputRecord("RequestAccepted", f);
            }
            case RequestRejectedDecoder.TEMPLATE_ID:
            {
                final RequestRejectedDecoder d = new RequestRejectedDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("requestTemplateId", (long)d.requestTemplateId());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("reason", (long)d.reasonRaw());
                return new OutputRecord("RequestRejected", f);
            }
            case UnderMarginedFillDecoder.TEMPLATE_ID:
            {
                final UnderMarginedFillDecoder d = new UnderMarginedFillDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                f.put("required", d.required());
                f.put("moved", d.moved());
                return new OutputRecord("UnderMarginedFill", f);
            }
            case CancelOpenOrdersDecoder.TEMPLATE_ID:
            {
                final CancelOpenOrdersDecoder d = new CancelOpenOrdersDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("accountId", d.accountId());
                f.put("instrumentId", (long)d.instrumentId());
                return new OutputRecord("CancelOpenOrders", f);
            }
            case LiquidationFillDecoder.TEMPLATE_ID:
            {
                final LiquidationFillDecoder d = new LiquidationFillDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                liquidationId(f, d.liquidationSequence(), d.liquidationIndex(), d.accountId(), d.instrumentId());
                f.put("side", (long)d.sideRaw());
                f.put("quantity", d.quantity());
                f.put("price", d.price());
                f.put("realizedPnl", d.realizedPnl());
                f.put("remainingQuantity", d.remainingQuantity());
                return new OutputRecord("LiquidationFill", f);
            }
            case LiquidationFeeChargedDecoder.TEMPLATE_ID:
            {
                final LiquidationFeeChargedDecoder d =
                    new LiquidationFeeChargedDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                liquidationId(f, d.liquidationSequence(), d.liquidationIndex(), d.accountId(), d.instrumentId());
                f.put("filledQuantity", d.filledQuantity());
                f.put("reportedQuantity", d.reportedQuantity());
                f.put("amount", d.amount());
                f.put("insuranceFundBalance", d.insuranceFundBalance());
                return new OutputRecord("LiquidationFeeCharged", f);
            }
            case ClearanceFeeDecoder.TEMPLATE_ID:
            {
                final ClearanceFeeDecoder d = new ClearanceFeeDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                liquidationId(f, d.liquidationSequence(), d.liquidationIndex(), d.accountId(), d.instrumentId());
                f.put("amount", d.amount());
                f.put("insuranceFundBalance", d.insuranceFundBalance());
                return new OutputRecord("ClearanceFee", f);
            }
            case InsuranceFundDeficitDecoder.TEMPLATE_ID:
            {
                final InsuranceFundDeficitDecoder d =
                    new InsuranceFundDeficitDecoder().wrap(buffer, body, block, version);
                common(f, d.sequence(), d.correlationId(), d.eventTime());
                f.put("amount", d.amount());
                f.put("fundEquity", d.fundEquity());
                return new OutputRecord("InsuranceFundDeficit", f);
            }
            default:
                throw new IllegalArgumentException("not an output template: " + header.templateId());
        }
    }

    private static void liquidationId(
        final LinkedHashMap<String, Long> fields, final long sequence, final int index, final long accountId,
        final int instrumentId)
    {
        fields.put("liquidationSequence", sequence);
        fields.put("liquidationIndex", (long)index);
        fields.put("accountId", accountId);
        fields.put("instrumentId", (long)instrumentId);
    }

    private static void common(
        final LinkedHashMap<String, Long> fields, final long sequence, final long correlationId, final long eventTime)
    {
        fields.put("sequence", sequence);
        fields.put("correlationId", correlationId);
        fields.put("eventTime", eventTime);
    }
}
