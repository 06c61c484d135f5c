package com.liqengine.property;

import com.liqengine.codec.RejectReason;
import com.liqengine.reference.RefOpenLiquidation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The liquidation orders of a run as its outputs tell them (docs/liquidation.md), whichever model emitted them:
 * checks, output by output, that every order ends exactly once (one LiquidationOrder, one LiquidationFeeCharged,
 * no fill after it), that its fills never exceed it nor cross its limit, and that each fill and end reports the
 * order's own account, instrument, side and quantities. It knows the open orders (a run's steps can act on them)
 * and what the run exercised, for coverage.
 */
final class OrderLifecycle
{
    private static final long BUY = 0;
    /** Each round ends every open order; an end opens at most one new order. */
    private static final int MAX_END_ROUNDS = 1_000;
    private static final Set<Long> LIQUIDATION_REASONS = Set.of(
        (long)RejectReason.IN_LIQUIDATION.value(), (long)RejectReason.UNKNOWN_LIQUIDATION.value(),
        (long)RejectReason.LIQUIDATION_MISMATCH.value(), (long)RejectReason.BEYOND_LIMIT_PRICE.value(),
        (long)RejectReason.EXCEEDS_ORDER_QUANTITY.value());

    /** An open order as its outputs tell it. */
    private static final class Order
    {
        final Map<String, Long> emitted;
        long filled;

        Order(final Map<String, Long> emitted)
        {
            this.emitted = emitted;
        }

        long get(final String field)
        {
            return emitted.get(field);
        }
    }

    private final Map<String, Order> open = new LinkedHashMap<>();
    private final Set<String> ended = new HashSet<>();
    private final Set<String> exercised = new HashSet<>();

    /**
     * Checks the outputs of one input against the orders so far.
     *
     * @param input what was applied.
     * @param outputs its outputs, as type and fields in schema order.
     * @param context what to print when a check fails (the run so far).
     */
    void observe(final Input input, final List<Emitted> outputs, final Supplier<String> context)
    {
        final Map<String, Long> triggeredSizes = new HashMap<>();
        boolean triggered = false;
        for (final Emitted output : outputs)
        {
            final Map<String, Long> f = output.fields();
            final Supplier<String> where = () -> output + " after " + input + "\n" + context.get();
            switch (output.type())
            {
                case "LiquidationTriggered":
                    triggered = true;
                    triggeredSizes.put(f.get("accountId") + "/" + f.get("instrumentId"), f.get("size"));
                    break;
                case "LiquidationOrder":
                    if (f.get("liquidationSequence") != 0)
                    {
                        emitted(f, triggeredSizes, input, where);
                    }
                    break;
                case "LiquidationFill":
                    filled(f, where);
                    break;
                case "LiquidationFeeCharged":
                    ended(f, where);
                    break;
                case "ClearanceFee":
                    assertThat(ended)
                        .as(() -> "a clearance fee of an order that just ended: " + where.get()).contains(id(f));
                    exercised.add("clearance fee");
                    break;
                case "PositionTakenOver":
                    exercised.add(input instanceof Input.LiquidationDone ? "rest taken over" :
                        triggered ? "taken over at once" : "other takeover");
                    break;
                case "AutoDeleveraged":
                    exercised.add("auto-deleveraging");
                    break;
                case "InsuranceFundDeficit":
                    exercised.add("insurance fund deficit");
                    break;
                case "RequestRejected":
                    if (LIQUIDATION_REASONS.contains(f.get("reason")))
                    {
                        exercised.add("liquidation rejection");
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private void emitted(
        final Map<String, Long> f, final Map<String, Long> triggeredSizes, final Input input,
        final Supplier<String> where)
    {
        final String id = id(f);
        assertThat(open.containsKey(id) || ended.contains(id))
            .as(() -> "an order id used twice: " + where.get()).isFalse();
        assertThat(f.get("quantity")).as(() -> "quantity of " + where.get()).isPositive();
        assertThat(f.get("price")).as(() -> "limit of " + where.get()).isPositive();
        open.put(id, new Order(f));
        exercised.add("liquidation order");
        final Long size = triggeredSizes.get(f.get("accountId") + "/" + f.get("instrumentId"));
        if (size != null && f.get("quantity") < size)
        {
            exercised.add("partial order");
        }
        if (input instanceof Input.LiquidationDone)
        {
            exercised.add("order after an order's end");
        }
    }

    private void filled(final Map<String, Long> f, final Supplier<String> where)
    {
        final Order order = open.get(id(f));
        assertThat(order).as(() -> "a fill of an order that is not open: " + where.get()).isNotNull();
        assertThat(List.of(f.get("accountId"), f.get("instrumentId"), f.get("side"))).as(() -> "fill of " + where.get())
            .isEqualTo(List.of(order.get("accountId"), order.get("instrumentId"), order.get("side")));
        order.filled += f.get("quantity");
        assertThat(order.filled).as(() -> "filled beyond the order's quantity: " + where.get())
            .isLessThanOrEqualTo(order.get("quantity"));
        assertThat(f.get("remainingQuantity")).as(() -> "remaining quantity of " + where.get())
            .isEqualTo(order.get("quantity") - order.filled);
        if (order.get("side") == BUY)
        {
            assertThat(f.get("price"))
                .as(() -> "a buy above its limit: " + where.get()).isLessThanOrEqualTo(order.get("price"));
        }
        else
        {
            assertThat(f.get("price"))
                .as(() -> "a sell below its limit: " + where.get()).isGreaterThanOrEqualTo(order.get("price"));
        }
        exercised.add("liquidation fill");
    }

    private void ended(final Map<String, Long> f, final Supplier<String> where)
    {
        final String id = id(f);
        final Order order = open.remove(id);
        assertThat(order).as(() -> "the end of an order that is not open: " + where.get()).isNotNull();
        ended.add(id);
        assertThat(List.of(f.get("accountId"), f.get("instrumentId"), f.get("filledQuantity")))
            .as(() -> "end of " + where.get())
            .isEqualTo(List.of(order.get("accountId"), order.get("instrumentId"), order.filled));
        exercised.add(f.get("filledQuantity") == order.get("quantity") ? "order filled in full" :
            f.get("filledQuantity") > 0 ? "order filled in part" : "order not filled");
    }

    private static String id(final Map<String, Long> f)
    {
        return f.get("liquidationSequence") + "/" + f.get("liquidationIndex");
    }

    /** The open orders, oldest first, as a model would show them. */
    List<RefOpenLiquidation> openOrders()
    {
        final List<RefOpenLiquidation> orders = new ArrayList<>();
        for (final Order order : open.values())
        {
            orders.add(new RefOpenLiquidation(order.get("liquidationSequence"),
                (int)order.get("liquidationIndex"), order.get("accountId"), (int)order.get("instrumentId"),
                order.get("side") != BUY, order.get("quantity"), order.get("price"), order.filled, false));
        }
        return orders;
    }

    /**
     * Ends every open order with the quantity its fills added up to, round after round until none is open (an
     * end may open the next cross position's order, or a stepped-down position's).
     *
     * @param apply applies an input to the model and observes its outputs here.
     * @param context what to print when orders never stop opening.
     * @return how many inputs were applied.
     */
    int endAll(final Consumer<Input> apply, final Supplier<String> context)
    {
        int applied = 0;
        for (int round = 0; !open.isEmpty(); round++)
        {
            assertThat(round).as(() -> "orders still open after ending every open one again and again\n" +
                context.get()).isLessThan(MAX_END_ROUNDS);
            for (final RefOpenLiquidation order : openOrders())
            {
                apply.accept(new Input.LiquidationDone(order.liquidationSequence(), order.liquidationIndex(),
                    order.filledQuantity()));
                applied++;
            }
        }
        return applied;
    }

    /** Adds this run's labels to a coverage count. */
    void collectInto(final Coverage coverage, final List<String> labels)
    {
        coverage.run();
        for (final String label : labels)
        {
            coverage.collect(label, exercised.contains(label));
        }
    }

    /**
     * One output of either model, as type and fields in schema order.
     *
     * @param type message name.
     * @param fields values by schema name.
     */
    record Emitted(String type, Map<String, Long> fields)
    {
    }
}
