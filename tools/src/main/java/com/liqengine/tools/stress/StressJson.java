package com.liqengine.tools.stress;

import com.liqengine.tools.simulate.Json;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code liq stress --json}: one object per line: every {@code LiquidationTriggered} as {@code liq simulate
 * --json} prints it, with {@code run} and {@code time} added, then one {@code StressRun} object per run and trader.
 */
public final class StressJson
{
    private StressJson()
    {
    }

    /**
     * @param outcomes the runs.
     * @param out where to print.
     */
    public static void print(final List<RunOutcome> outcomes, final PrintStream out)
    {
        for (final RunOutcome outcome : outcomes)
        {
            for (final RunOutcome.Liquidation l : outcome.liquidations())
            {
                final Map<String, Object> object = new LinkedHashMap<>();
                object.put("type", l.view().get("type"));
                object.put("run", outcome.run().label());
                object.put("time", l.time());
                object.putAll(l.view());
                out.println(Json.write(object));
            }
            for (final RunOutcome.TraderOutcome t : outcome.traders())
            {
                final Map<String, Object> object = new LinkedHashMap<>();
                object.put("type", "StressRun");
                object.put("run", outcome.run().label());
                object.put("account", t.account());
                object.put("trader", t.name());
                object.put("liquidations", outcome.liquidationsOf(t.account()));
                object.put("wallet", t.wallet());
                object.put("equity", t.equity());
                object.put("worstMarginRatio", t.worstMarginRatio());
                object.put("worstMarginRatioTime", t.worstTime());
                out.println(Json.write(object));
            }
        }
    }

    /**
     * {@code --json --sweep}: one {@code LeverageSweep} object per position: per run the highest surviving leverage,
     * null when none.
     *
     * @param sweep the sweep.
     * @param out where to print.
     */
    public static void print(final LeverageSweep sweep, final PrintStream out)
    {
        for (final LeverageSweep.Result r : sweep.results())
        {
            final Portfolio.Trader trader = sweep.inputs().portfolio().traders().get(r.trader());
            final Portfolio.Position p = trader.positions().get(r.position());
            final Map<String, Object> object = new LinkedHashMap<>();
            object.put("type", "LeverageSweep");
            object.put("account", r.trader() + 1L);
            object.put("symbol", p.symbol());
            object.put("leverage", p.leverage());
            object.put("maxLeverage", r.maxLeverage());
            for (final StressRun run : StressRun.values())
            {
                final int highest = r.highest()[run.ordinal()];
                object.put(run.label(), highest == 0 ? null : highest);
            }
            out.println(Json.write(object));
        }
    }
}
