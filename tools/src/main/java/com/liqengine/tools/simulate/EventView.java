package com.liqengine.tools.simulate;

import com.liqengine.api.MessageType;
import com.liqengine.api.OutputRecord;
import com.liqengine.codec.RejectReason;
import com.liqengine.margin.MarginStateMachine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An output message in a person's terms (docs/simulate.md): ids become symbols, fixed-point values become exact
 * decimal strings at their scale, enums become words, "none" and "infinite" become null. Used by both the
 * timeline and {@code --json}.
 */
public final class EventView
{
    private EventView()
    {
    }

    /**
     * Converts one output.
     *
     * @param record the decoded output.
     * @param engine for the symbols and scales of instruments.
     * @return field name to String (decimals, words), Long (ids, sequence) or null, starting with {@code type}.
     */
    public static Map<String, Object> of(final OutputRecord record, final MarginStateMachine engine)
    {
        final Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", record.type());
        final int instrument = record.fields().containsKey("instrumentId") ? (int)record.get("instrumentId") : -1;
        final int pd = instrument >= 0 ? engine.priceDecimals(instrument) : 0;
        final int qd = instrument >= 0 ? engine.qtyDecimals(instrument) : 0;
        for (final Map.Entry<String, Long> field : record.fields().entrySet())
        {
            final long v = field.getValue();
            switch (field.getKey())
            {
                case "correlationId" -> view.put("event", v);
                case "eventTime" ->
                {
                    // the scenario's event number again: nothing to add
                }
                case "accountId" -> view.put("account", v);
                case "instrumentId" -> view.put("symbol", v >= 0 ? engine.symbol((int)v) : null);
                case "mode" -> view.put("mode", v == 0 ? "isolated" : "cross");
                case "side" -> view.put("side", side(record.type(), v));
                case "size", "quantity", "filledQuantity", "reportedQuantity", "remainingQuantity" ->
                    view.put(field.getKey(), Units.text(v, qd));
                case "markPrice" -> view.put("mark", Units.text(v, pd));
                case "liquidationPrice", "bankruptcyPrice", "price" ->
                    view.put(field.getKey(), v == 0 ? null : Units.text(v, pd));
                case "marginRatio" -> view.put("marginRatio", v == Long.MAX_VALUE ? null : Units.amount(v));
                case "requestTemplateId" ->
                {
                    final MessageType type = MessageType.of((int)v);
                    view.put("request", type == null ? String.valueOf(v) : type.label());
                }
                case "reason" -> view.put("reason", RejectReason.get((short)v).name());
                case "sequence", "liquidationSequence", "liquidationIndex" -> view.put(field.getKey(), v);
                default -> view.put(field.getKey(), Units.amount(v));
            }
        }
        return view;
    }

    /** A triggered liquidation names the position's side; an order or fill names the trade's side. */
    private static String side(final String type, final long side)
    {
        if ("LiquidationTriggered".equals(type))
        {
            return side == 0 ? "long" : "short";
        }
        return side == 0 ? "buy" : "sell";
    }
}
