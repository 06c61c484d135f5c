package com.liqengine.tools.dump;

import com.liqengine.api.MessageType;
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
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.liquidation.OpenLiquidation;
import com.liqengine.tools.simulate.Units;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journaled input in a person's terms, as {@link com.liqengine.tools.simulate.EventView} shows outputs: the
 * sequence, the message name, ids, symbols, and decimals at their scales (cold path). A document that is not a
 * well-formed input of the schema is shown as {@code Malformed} with its length and template id: the engine
 * journals such inputs as received and rejects them.
 */
public final class InputView
{
    private InputView()
    {
    }

    /**
     * Converts one input.
     *
     * @param sequence its engine sequence (its position in the journal, from 1).
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of the input.
     * @param instruments knows the symbols and scales of the instruments defined so far (may be null).
     * @return field name to value: {@code sequence}, {@code type}, then the message's fields.
     */
    public static Map<String, Object> of(
        final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final MarginStateMachine instruments)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("sequence", sequence);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final MessageType type = length < MessageHeaderDecoder.ENCODED_LENGTH ? null :
            MessageType.of(header.wrap(buffer, offset).templateId());
        if (type == null || !type.isInput() || header.schemaId() != MessageHeaderDecoder.SCHEMA_ID
            || length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() || header.blockLength() < 16)
        {
            view.put("type", "Malformed");
            view.put("length", (long)length);
            view.put("templateId", length < MessageHeaderDecoder.ENCODED_LENGTH ? null : (long)header.templateId());
            return view;
        }
        view.put("type", type.label());
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (type)
        {
            case MARK_PRICE_TICK ->
            {
                final MarkPriceTickDecoder d = new MarkPriceTickDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                instrument(view, d.instrumentId(), instruments);
                view.put("price", price(d.price(), d.instrumentId(), instruments));
            }
            case FILL ->
            {
                final FillDecoder d = new FillDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("account", d.accountId());
                instrument(view, d.instrumentId(), instruments);
                view.put("side", d.sideRaw() == 0 ? "buy" : d.sideRaw() == 1 ? "sell" : String.valueOf(d.sideRaw()));
                view.put("quantity", quantity(d.quantity(), d.instrumentId(), instruments));
                view.put("price", price(d.price(), d.instrumentId(), instruments));
                view.put("fee", Units.amount(d.fee()));
                view.put("tradeId", d.tradeId());
                // schema version 2: a fill of a liquidation order names it (version 1 fills are ordinary ones)
                if (version >= 2 && d.liquidationSequence() != 0)
                {
                    view.put("liquidationSequence", d.liquidationSequence());
                    view.put("liquidationIndex", (long)d.liquidationIndex());
                }
            }
            case DEPOSIT ->
            {
                final DepositDecoder d = new DepositDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("account", d.accountId());
                view.put("amount", Units.amount(d.amount()));
            }
            case WITHDRAWAL ->
            {
                final WithdrawalDecoder d = new WithdrawalDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("account", d.accountId());
                view.put("amount", Units.amount(d.amount()));
            }
            case SET_MARGIN_MODE ->
            {
                final SetMarginModeDecoder d = new SetMarginModeDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("account", d.accountId());
                instrument(view, d.instrumentId(), instruments);
                view.put("mode", d.modeRaw() == 0 ? "isolated" : d.modeRaw() == 1 ? "cross" : "" + d.modeRaw());
            }
            case SET_LEVERAGE ->
            {
                final SetLeverageDecoder d = new SetLeverageDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("account", d.accountId());
                instrument(view, d.instrumentId(), instruments);
                view.put("leverage", (long)d.leverage());
            }
            case ADD_ISOLATED_MARGIN ->
            {
                final AddIsolatedMarginDecoder d = new AddIsolatedMarginDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("account", d.accountId());
                instrument(view, d.instrumentId(), instruments);
                view.put("amount", Units.amount(d.amount()));
            }
            case REMOVE_ISOLATED_MARGIN ->
            {
                final RemoveIsolatedMarginDecoder d =
                    new RemoveIsolatedMarginDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("account", d.accountId());
                instrument(view, d.instrumentId(), instruments);
                view.put("amount", Units.amount(d.amount()));
            }
            case FUNDING_RATE ->
            {
                final FundingRateDecoder d = new FundingRateDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                instrument(view, d.instrumentId(), instruments);
                view.put("rate", Units.amount(d.rate()));
            }
            case INSTRUMENT_DEFINITION -> definition(view, buffer, body, block, version);
            case LIQUIDATION_ORDER_DONE ->
            {
                final LiquidationOrderDoneDecoder d =
                    new LiquidationOrderDoneDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
                view.put("liquidationSequence", d.liquidationSequence());
                view.put("liquidationIndex", (long)d.liquidationIndex());
                orderDone(view, d.liquidationSequence(), d.liquidationIndex(), d.filledQuantity(), instruments);
            }
            default ->
            {
                final SnapshotRequestDecoder d = new SnapshotRequestDecoder().wrap(buffer, body, block, version);
                ids(view, d.correlationId(), d.eventTime());
            }
        }
        return view;
    }

    /**
     * The account an input names.
     *
     * @param view an input's view.
     * @return the account id, or null.
     */
    public static Long account(final Map<String, Object> view)
    {
        return (Long)view.get("account");
    }

    private static void definition(
        final Map<String, Object> view, final DirectBuffer buffer, final int body, final int block, final int version)
    {
        final InstrumentDefinitionDecoder d = new InstrumentDefinitionDecoder().wrap(buffer, body, block, version);
        ids(view, d.correlationId(), d.eventTime());
        view.put("instrumentId", (long)d.instrumentId());
        final StringBuilder symbol = new StringBuilder();
        for (int i = 0; i < InstrumentDefinitionDecoder.symbolLength() && d.symbol(i) != 0; i++)
        {
            symbol.append((char)d.symbol(i));
        }
        view.put("symbol", symbol.toString());
        view.put("priceDecimals", (long)d.priceDecimals());
        view.put("qtyDecimals", (long)d.qtyDecimals());
        view.put("tickSize", Units.text(d.tickSize(), Math.max(0, d.priceDecimals())));
        view.put("stepSize", Units.text(d.stepSize(), Math.max(0, d.qtyDecimals())));
        view.put("defaultLeverage", (long)d.defaultLeverage());
        view.put("defaultMode", d.defaultModeRaw() == 0 ? "isolated" : "cross");
        // absent from a version 1 definition: the engine reads them as 0 (no fee, never partial)
        view.put("liquidationFeeRate", Units.amount(version >= 2 ? d.liquidationFeeRate() : 0));
        view.put("partialFromTier", version >= 2 ? (long)d.partialFromTier() : 0L);
        final List<Map<String, Object>> tiers = new ArrayList<>();
        try
        {
            for (final InstrumentDefinitionDecoder.TiersDecoder tier : d.tiers())
            {
                final Map<String, Object> t = new LinkedHashMap<>();
                t.put("maxNotional", Units.amount(tier.maxNotional()));
                t.put("maxLeverage", (long)tier.maxLeverage());
                t.put("maintenanceMarginRate", Units.amount(tier.maintenanceMarginRate()));
                t.put("maintenanceAmount", Units.amount(tier.maintenanceAmount()));
                tiers.add(t);
            }
        }
        catch (final RuntimeException ex)
        {
            view.put("tiersDamaged", true);
        }
        view.put("tiers", tiers);
    }

    /**
     * The order a {@code LiquidationOrderDone} ends names no account or instrument: when the engine given still
     * has the order open (before the input is applied), they and the quantity at its decimals are shown; otherwise
     * the quantity in the instrument's quantity units, as {@code filledQuantityUnits}.
     */
    private static void orderDone(
        final Map<String, Object> view, final long sequence, final int index, final long filled,
        final MarginStateMachine engine)
    {
        if (engine != null)
        {
            for (final OpenLiquidation order : engine.openLiquidations())
            {
                if (order.liquidationSequence() == sequence && order.liquidationIndex() == index)
                {
                    view.put("account", order.accountId());
                    instrument(view, order.instrumentId(), engine);
                    view.put("filledQuantity", quantity(filled, order.instrumentId(), engine));
                    return;
                }
            }
        }
        view.put("filledQuantityUnits", filled);
    }

    private static void ids(final Map<String, Object> view, final long correlationId, final long eventTime)
    {
        view.put("correlationId", correlationId);
        view.put("eventTime", eventTime);
    }

    private static void instrument(final Map<String, Object> view, final int id, final MarginStateMachine engine)
    {
        view.put("instrumentId", (long)id);
        if (known(id, engine))
        {
            view.put("symbol", engine.symbol(id));
        }
    }

    private static String price(final long price, final int id, final MarginStateMachine engine)
    {
        return known(id, engine) ? Units.text(price, engine.priceDecimals(id)) : String.valueOf(price);
    }

    private static String quantity(final long quantity, final int id, final MarginStateMachine engine)
    {
        return known(id, engine) ? Units.text(quantity, engine.qtyDecimals(id)) : String.valueOf(quantity);
    }

    private static boolean known(final int id, final MarginStateMachine engine)
    {
        return engine != null && engine.hasInstrument(id);
    }

    /**
     * A view as one line of text: {@code key=value} pairs after the sequence and type.
     *
     * @param view a view of an input or output.
     * @return the line.
     */
    public static String text(final Map<String, Object> view)
    {
        final StringBuilder line = new StringBuilder();
        line.append(String.format("%10s  %-22s", "#" + view.get("sequence"), view.get("type")));
        for (final Map.Entry<String, Object> field : view.entrySet())
        {
            if (field.getKey().equals("sequence") || field.getKey().equals("type"))
            {
                continue;
            }
            line.append(' ').append(field.getKey()).append('=').append(field.getValue());
        }
        return line.toString();
    }
}
