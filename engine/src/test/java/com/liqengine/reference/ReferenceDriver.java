package com.liqengine.reference;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.AddIsolatedMarginDecoder;
import com.liqengine.codec.DepositDecoder;
import com.liqengine.codec.FillDecoder;
import com.liqengine.codec.FundingRateDecoder;
import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.LiquidationOrderDoneDecoder;
import com.liqengine.codec.MarkPriceTickDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.RemoveIsolatedMarginDecoder;
import com.liqengine.codec.SetLeverageDecoder;
import com.liqengine.codec.SetMarginModeDecoder;
import com.liqengine.codec.SnapshotRequestDecoder;
import com.liqengine.codec.WithdrawalDecoder;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a well-formed SBE input, as the engine receives it, to the reference model: decodes it and calls the
 * model's method for that message. Lets any producer of engine inputs (a scenario, a journal) be checked against
 * the model without a second encoding of its own. A schema version 1 input lacks the fields of version 2 (a fill's
 * liquidation id, an instrument's liquidation settings): they read as 0, not as SBE's null values.
 */
public final class ReferenceDriver
{
    private final ReferenceEngine reference;
    private static final int LIQUIDATION_VERSION = 2;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    /**
     * Drives a model.
     *
     * @param reference the model.
     */
    public ReferenceDriver(final ReferenceEngine reference)
    {
        this.reference = reference;
    }

    /**
     * Applies one input.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @return the model's outputs.
     * @throws IllegalArgumentException for a template that is not an input.
     */
    public List<RefOutput> apply(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case MarkPriceTickDecoder.TEMPLATE_ID:
            {
                final MarkPriceTickDecoder tick = new MarkPriceTickDecoder().wrap(buffer, body, block, version);
                return reference.markPriceTick(tick.correlationId(), tick.eventTime(), tick.instrumentId(),
                    tick.price());
            }
            case FillDecoder.TEMPLATE_ID:
            {
                final FillDecoder fill = new FillDecoder().wrap(buffer, body, block, version);
                final boolean liquidation = version >= LIQUIDATION_VERSION;
                return reference.fill(fill.correlationId(), fill.eventTime(), fill.accountId(), fill.instrumentId(),
                    fill.side(), fill.quantity(), fill.price(), fill.fee(), fill.tradeId(),
                    liquidation ? fill.liquidationSequence() : 0, liquidation ? fill.liquidationIndex() : 0);
            }
            case DepositDecoder.TEMPLATE_ID:
            {
                final DepositDecoder deposit = new DepositDecoder().wrap(buffer, body, block, version);
                return reference.deposit(deposit.correlationId(), deposit.eventTime(), deposit.accountId(),
                    deposit.amount());
            }
            case WithdrawalDecoder.TEMPLATE_ID:
            {
                final WithdrawalDecoder withdrawal = new WithdrawalDecoder().wrap(buffer, body, block, version);
                return reference.withdrawal(withdrawal.correlationId(), withdrawal.eventTime(),
                    withdrawal.accountId(), withdrawal.amount());
            }
            case SetMarginModeDecoder.TEMPLATE_ID:
            {
                final SetMarginModeDecoder mode = new SetMarginModeDecoder().wrap(buffer, body, block, version);
                return reference.setMarginMode(mode.correlationId(), mode.eventTime(), mode.accountId(),
                    mode.instrumentId(), mode.mode());
            }
            case SetLeverageDecoder.TEMPLATE_ID:
            {
                final SetLeverageDecoder leverage = new SetLeverageDecoder().wrap(buffer, body, block, version);
                return reference.setLeverage(leverage.correlationId(), leverage.eventTime(), leverage.accountId(),
                    leverage.instrumentId(), leverage.leverage());
            }
            case AddIsolatedMarginDecoder.TEMPLATE_ID:
            {
                final AddIsolatedMarginDecoder add = new AddIsolatedMarginDecoder().wrap(buffer, body, block, version);
                return reference.addIsolatedMargin(add.correlationId(), add.eventTime(), add.accountId(),
                    add.instrumentId(), add.amount());
            }
            case RemoveIsolatedMarginDecoder.TEMPLATE_ID:
            {
                final RemoveIsolatedMarginDecoder remove =
                    new RemoveIsolatedMarginDecoder().wrap(buffer, body, block, version);
                return reference.removeIsolatedMargin(remove.correlationId(), remove.eventTime(), remove.accountId(),
                    remove.instrumentId(), remove.amount());
            }
            case FundingRateDecoder.TEMPLATE_ID:
            {
                final FundingRateDecoder funding = new FundingRateDecoder().wrap(buffer, body, block, version);
                return reference.fundingRate(funding.correlationId(), funding.eventTime(), funding.instrumentId(),
                    funding.rate());
            }
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                return define(new InstrumentDefinitionDecoder().wrap(buffer, body, block, version));
            case SnapshotRequestDecoder.TEMPLATE_ID:
            {
                final SnapshotRequestDecoder request = new SnapshotRequestDecoder().wrap(buffer, body, block, version);
                return reference.snapshotRequest(request.correlationId(), request.eventTime());
            }
            case LiquidationOrderDoneDecoder.TEMPLATE_ID:
            {
                final LiquidationOrderDoneDecoder done =
                    new LiquidationOrderDoneDecoder().wrap(buffer, body, block, version);
                return reference.liquidationOrderDone(done.correlationId(), done.eventTime(),
                    done.liquidationSequence(), done.liquidationIndex(), done.filledQuantity());
            }
            default:
                throw new IllegalArgumentException("not an input: template " + header.templateId());
        }
    }

    private List<RefOutput> define(final InstrumentDefinitionDecoder definition)
    {
        final long correlationId = definition.correlationId();
        final long eventTime = definition.eventTime();
        final int instrumentId = definition.instrumentId();
        final byte[] symbol = new byte[InstrumentDefinitionDecoder.symbolLength()];
        definition.getSymbol(symbol, 0);
        int length = 0;
        while (length < symbol.length && symbol[length] != 0)
        {
            length++;
        }
        final int priceDecimals = definition.priceDecimals();
        final int qtyDecimals = definition.qtyDecimals();
        final long tickSize = definition.tickSize();
        final long stepSize = definition.stepSize();
        final int defaultLeverage = definition.defaultLeverage();
        final com.liqengine.codec.MarginMode defaultMode = definition.defaultMode();
        final boolean liquidation = definition.actingVersion() >= LIQUIDATION_VERSION;
        final long liquidationFeeRate = liquidation ? definition.liquidationFeeRate() : 0;
        final int partialFromTier = liquidation ? definition.partialFromTier() : 0;
        final List<TierSpec> tiers = new ArrayList<>();
        for (final InstrumentDefinitionDecoder.TiersDecoder tier : definition.tiers())
        {
            tiers.add(new TierSpec(tier.maxNotional(), tier.maxLeverage(), tier.maintenanceMarginRate(),
                tier.maintenanceAmount()));
        }
        return reference.instrumentDefinition(correlationId, eventTime, new InstrumentSpec(instrumentId,
            new String(symbol, 0, length, StandardCharsets.US_ASCII), priceDecimals, qtyDecimals, tickSize, stepSize,
            defaultLeverage, defaultMode, tiers, liquidationFeeRate, partialFromTier));
    }
}
