package com.liqengine.tools.stress;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.tools.simulate.ModePolicy;
import com.liqengine.tools.simulate.ScenarioRunner;
import com.liqengine.tools.simulate.TextTable;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * {@code liq stress --sweep}: for every position and run, the highest whole leverage (up to its first tier's
 * maximum) at which the position would have survived the history, the other positions unchanged. Bisection, each
 * probe a run from the start that ends at the position's liquidation or at the history's end: a higher leverage
 * only ever means a smaller isolated pool, so survival falls with leverage.
 * (A cross position's survival does not depend on its leverage at all: its whole account backs it.)
 *
 * @param inputs what was swept.
 * @param results one per position, in portfolio order.
 * @param runs how many runs the bisections took.
 */
public record LeverageSweep(StressInputs inputs, List<Result> results, int runs)
{
    /**
     * The sweep of one position.
     *
     * @param trader the trader's index.
     * @param position the position's index in the trader's list.
     * @param highest per run ({@link StressRun} order): the highest surviving leverage, 0 when none.
     * @param maxLeverage the first tier's maximum.
     */
    public record Result(int trader, int position, int[] highest, int maxLeverage)
    {
    }

    /**
     * Runs the sweep, the positions in parallel.
     *
     * @param inputs the checked inputs.
     * @param progress told the number of runs done so far, now and then, or null.
     * @return the highest surviving leverages.
     */
    public static LeverageSweep run(final StressInputs inputs, final IntConsumer progress)
    {
        final Portfolio portfolio = inputs.portfolio();
        final List<int[]> tasks = new ArrayList<>();
        for (int t = 0; t < portfolio.traders().size(); t++)
        {
            for (int p = 0; p < portfolio.traders().get(t).positions().size(); p++)
            {
                for (final StressRun run : StressRun.values())
                {
                    tasks.add(new int[] {t, p, run.ordinal()});
                }
            }
        }
        final AtomicInteger runs = new AtomicInteger();
        final int[] highest = tasks.parallelStream().mapToInt(task ->
        {
            final int found = highest(inputs, task[0], task[1], StressRun.values()[task[2]], runs);
            if (progress != null)
            {
                progress.accept(runs.get());
            }
            return found;
        }).toArray();
        final List<Result> results = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i += StressRun.values().length)
        {
            final int[] task = tasks.get(i);
            final String symbol = portfolio.traders().get(task[0]).positions().get(task[1]).symbol();
            final int[] perRun = new int[StressRun.values().length];
            System.arraycopy(highest, i, perRun, 0, perRun.length);
            results.add(new Result(task[0], task[1], perRun, inputs.maxLeverage(symbol)));
        }
        return new LeverageSweep(inputs, List.copyOf(results), runs.get());
    }

    private static int highest(
        final StressInputs inputs, final int trader, final int position, final StressRun run, final AtomicInteger runs)
    {
        final Portfolio.Position swept = inputs.portfolio().traders().get(trader).positions().get(position);
        final int max = inputs.maxLeverage(swept.symbol());
        if (survives(inputs, trader, position, max, run, runs))
        {
            return max;
        }
        // a cross position's leverage takes no part in its liquidation: failing at one leverage, it fails at all
        if (run.mode(swept.mode()) == MarginMode.CROSS || !survives(inputs, trader, position, 1, run, runs))
        {
            return 0;
        }
        int survived = 1;
        int failed = max;
        while (failed - survived > 1)
        {
            final int mid = (survived + failed) >>> 1;
            if (survives(inputs, trader, position, mid, run, runs))
            {
                survived = mid;
            }
            else
            {
                failed = mid;
            }
        }
        return survived;
    }

    /** One run with the position at this leverage, ended at its liquidation (the answer) or at the history's end. */
    static boolean survives(
        final StressInputs inputs, final int trader, final int position, final int leverage, final StressRun run,
        final AtomicInteger runs)
    {
        final Portfolio portfolio = inputs.portfolio().withLeverage(trader, position, leverage);
        final String symbol = portfolio.traders().get(trader).positions().get(position).symbol();
        final int instrument = inputs.path().symbols().indexOf(symbol);
        final boolean[] liquidated = new boolean[1];
        ScenarioRunner.run(StressScenario.of(inputs, portfolio, run).scenario(), ModePolicy.AS_WRITTEN,
            (step, engine) ->
            {
                for (final OutputRecord output : step.outputs())
                {
                    liquidated[0] |= "LiquidationTriggered".equals(output.type())
                        && output.get("accountId") == trader + 1 && output.get("instrumentId") == instrument;
                }
                return !liquidated[0];
            });
        runs.incrementAndGet();
        return !liquidated[0];
    }

    /**
     * @return the table: per position, its leverage and the highest surviving one per run.
     */
    public TextTable table()
    {
        final TextTable table = new TextTable("trader", "position", "leverage", "max", "as-given", "isolated",
            "cross");
        for (final Result r : results)
        {
            final Portfolio.Trader trader = inputs.portfolio().traders().get(r.trader());
            final Portfolio.Position p = trader.positions().get(r.position());
            table.row(trader.name(), p.symbol() + " " + p.side() + " " + p.mode().name().toLowerCase(),
                p.leverage() + "x", r.maxLeverage() + "x", cell(r, 0), cell(r, 1), cell(r, 2));
        }
        return table;
    }

    private static String cell(final Result r, final int run)
    {
        final int h = r.highest()[run];
        return h == 0 ? "none" : h + "x";
    }

    /**
     * Prints the table with a line on how to read it.
     *
     * @param out where to print.
     */
    public void print(final PrintStream out)
    {
        out.println("Leverage sweep: the highest whole leverage at which each position would have survived, the "
            + "others unchanged (none: liquidated even at 1x)");
        table().print(out, "  ");
    }
}
