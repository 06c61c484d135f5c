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
}
