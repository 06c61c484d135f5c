package com.liqengine.tools.simulate;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.Side;

import java.util.HashMap;
import java.util.Map;

/**
 * The liquidation orders of a run that are open, learnt from the engine's outputs as a matching engine learns
 * them (docs/liquidation.md): a {@code LiquidationOrder} with a liquidation sequence opens one, its
 * {@code LiquidationFill}s add up what it filled, its {@code LiquidationFeeCharged} ends it. A liquidated account
 * has at most one open order per instrument, so a scenario names an order by its account and symbol.
 */
final class OpenOrders
{
    /** The id sent when an event names no open order: the engine numbers inputs from 1, so no order has it. */
    static final long NO_SUCH_SEQUENCE = -1;

    /**
     * One open order.
     *
     * @param sequence its id: the sequence of the input that emitted it.
     * @param index its id: its counter within that input.
     * @param side the side it trades.
     * @param filled what its fills added up to so far, in quantity units.
     */
    record Order(long sequence, int index, Side side, long filled)
    {
        String id()
        {
            return sequence + "/" + index;
        }
    }

    private record Key(long account, long instrument)
    {
    }

    private final Map<Key, Order> open = new HashMap<>();

    /**
     * Follows one output of the engine.
     *
     * @param output the output.
     */
    void observe(final OutputRecord output)
    {
        switch (output.type())
        {
            case "LiquidationOrder" ->
            {
                if (output.get("liquidationSequence") != 0)
                {
                    open.put(key(output), new Order(output.get("liquidationSequence"),
                        (int)output.get("liquidationIndex"), Side.get((short)output.get("side")), 0));
                }
            }
            case "LiquidationFill" -> open.computeIfPresent(key(output), (k, order) -> new Order(order.sequence(),
                order.index(), order.side(), order.filled() + output.get("quantity")));
            case "LiquidationFeeCharged" -> open.remove(key(output));
            default ->
            {
            }
        }
    }

    /**
     * @param account the liquidated account.
     * @param instrument the instrument.
     * @return its open order, or null.
     */
    Order of(final long account, final int instrument)
    {
        return open.get(new Key(account, instrument));
    }

    /**
     * @param account the liquidated account.
     * @param instrument the instrument.
     * @return its open order, or one no order is ({@link #NO_SUCH_SEQUENCE}, no side, nothing filled).
     */
    Order orUnknown(final long account, final int instrument)
    {
        final Order order = of(account, instrument);
        return order != null ? order : new Order(NO_SUCH_SEQUENCE, 0, null, 0);
    }

    private static Key key(final OutputRecord output)
    {
        return new Key(output.get("accountId"), output.get("instrumentId"));
    }
}
