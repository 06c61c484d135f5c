package com.liqengine.tools.simulate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code liq simulate --json}: one JSON object per line, every output event (with a {@code type}) in order, then
 * one {@code State} object (docs/simulate.md).
 */
public final class JsonReport
{
    private JsonReport()
    {
    }

    /**
     * Prints a run.
     *
     * @param simulation the run.
     * @param run null, or the run's name when several runs share the output ({@code --compare-modes}).
     * @param out where to print.
     */
    public static void print(final Simulation simulation, final String run, final PrintStream out)
    {
        for (final Step step : simulation.steps())
        {
            step.outputs().forEach(record ->
            {
                final Map<String, Object> view = EventView.of(record, simulation.engine());
                out.println(Json.write(tagged(view, run)));
            });
        }
        out.println(Json.write(tagged(state(FinalState.of(simulation.engine())), run)));
    }

    /**
     * @param state a final state.
     * @return its {@code State} object.
     */
    public static Map<String, Object> state(final FinalState state)
    {
        final Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", "State");
        final List<Object> accounts = new ArrayList<>();
        for (final FinalState.AccountState account : state.accounts())
        {
            final Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", account.id());
            a.put("wallet", account.wallet());
            a.put("positions", positions(account.positions()));
            accounts.add(a);
        }
        object.put("accounts", accounts);
        object.put("insuranceFund", state.insuranceFund());
        object.put("insuranceFundPositions", positions(state.insuranceFundPositions()));
        object.put("autoDeleveraging", state.autoDeleveraging());
        final List<Object> orders = new ArrayList<>();
        for (final FinalState.OrderState o : state.openOrders())
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.id());
            m.put("account", o.account());
            m.put("symbol", o.symbol());
            m.put("mode", o.mode());
            m.put("side", o.side());
            m.put("quantity", o.quantity());
            m.put("limitPrice", o.limitPrice());
            m.put("filled", o.filled());
            orders.add(m);
        }
        object.put("openLiquidationOrders", orders);
        return object;
    }

    private static List<Object> positions(final List<FinalState.PositionState> positions)
    {
        final List<Object> list = new ArrayList<>();
        for (final FinalState.PositionState p : positions)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", p.symbol());
            m.put("mode", p.mode());
            m.put("size", p.size());
            m.put("entryPrice", p.entryPrice());
            m.put("isolatedMargin", p.isolatedMargin());
            m.put("mark", p.mark());
            m.put("unrealizedPnl", p.unrealizedPnl());
            m.put("maintenanceMargin", p.maintenanceMargin());
            m.put("marginRatio", p.marginRatio());
            m.put("liquidationPrice", p.liquidationPrice());
            m.put("bankruptcyPrice", p.bankruptcyPrice());
            m.put("inLiquidation", p.inLiquidation());
            m.put("adlIndicator", p.adlIndicator());
            list.add(m);
        }
        return list;
    }

    private static Map<String, Object> tagged(final Map<String, Object> object, final String run)
    {
        if (run == null)
        {
            return object;
        }
        final Map<String, Object> tagged = new LinkedHashMap<>();
        tagged.put("type", object.get("type"));
        tagged.put("run", run);
        tagged.putAll(object);
        return tagged;
    }
}
