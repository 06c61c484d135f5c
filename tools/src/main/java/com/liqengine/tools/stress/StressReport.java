package com.liqengine.tools.stress;

import com.liqengine.tools.simulate.TextTable;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The text report of a stress test: per run every liquidation and each trader's worst margin ratio and end, then
 * in words what isolated saved and what cross cost, per trader.
 */
public final class StressReport
{
    private StressReport()
    {
    }

    /**
     * Prints the report.
     *
     * @param inputs what ran.
     * @param outcomes the runs, in {@link StressRun} order.
     * @param out where to print.
     */
    public static void print(final StressInputs inputs, final List<RunOutcome> outcomes, final PrintStream out)
    {
        out.println(heading(inputs));
        inputs.warnings().forEach(w -> out.println("  warning: " + w));
        for (final RunOutcome outcome : outcomes)
        {
            out.println();
            out.println("Run " + outcome.run().label() + ": " + outcome.run().meaning());
            liquidations(outcome).print(out, "  ");
            out.println();
            traders(outcome).print(out, "  ");
            outcome.notices().forEach(n -> out.println("  note: " + n));
        }
        out.println();
        out.println("Isolated against cross");
        for (final String line : comparison(inputs.portfolio(), outcomes))
        {
            out.println("  " + line);
        }
    }

    /**
     * @param inputs what ran.
     * @return one line saying what ran on which history.
     */
    public static String heading(final StressInputs inputs)
    {
        final MarkPath path = inputs.path();
        final long end = path.events().get(path.events().size() - 1).time();
        return "liq stress: " + inputs.portfolio().name() + " on " + String.join(", ", path.symbols()) + " from "
            + StressTime.utc(path.start()) + " to " + StressTime.utc(end) + " (" + path.markCount() + " marks), "
            + "three runs through the margin state machine";
    }

    /**
     * @param outcome a run.
     * @return its liquidations, one row each.
     */
    public static TextTable liquidations(final RunOutcome outcome)
    {
        final TextTable table = new TextTable("time (UTC)", "trader", "position", "mode", "mark", "margin ratio",
            "account lost");
        for (final RunOutcome.Liquidation l : outcome.liquidations())
        {
            table.row(StressTime.utc(l.time()).replace(" UTC", ""), traderName(outcome, l.account()),
                l.symbol() + " " + l.field("side") + " " + l.field("size"), l.field("mode"), l.field("mark"),
                l.view().get("marginRatio") == null ? "infinite" :
                    percent(new BigDecimal(l.field("marginRatio"))),
                l.firstOfStep() ? l.accountLoss().toPlainString() : "(with the above)");
        }
        if (outcome.liquidations().isEmpty())
        {
            table.row("no liquidation");
        }
        return table;
    }

    /**
     * @param outcome a run.
     * @return per trader: liquidations, worst margin ratio and when, wallet and equity at the end, what it lost.
     */
    public static TextTable traders(final RunOutcome outcome)
    {
        final TextTable table = new TextTable("trader", "liquidations", "worst margin ratio", "at (UTC)",
            "wallet at end", "equity at end", "lost");
        for (final RunOutcome.TraderOutcome t : outcome.traders())
        {
            table.row(t.name(), outcome.liquidationsOf(t.account()), percent(t.worstMarginRatio()),
                t.worstTime() == 0 ? "-" : StressTime.utc(t.worstTime()).replace(" UTC", ""),
                t.wallet().toPlainString(), t.equity().toPlainString(), t.lost().toPlainString());
        }
        return table;
    }

    /**
     * What each trader would want to know, in words: which positions isolated saved, which cross saved, and what
     * each mode cost.
     *
     * @param portfolio the portfolio.
     * @param outcomes the runs, in {@link StressRun} order.
     * @return the lines.
     */
    public static List<String> comparison(final Portfolio portfolio, final List<RunOutcome> outcomes)
    {
        final RunOutcome given = outcomes.get(StressRun.AS_GIVEN.ordinal());
        final RunOutcome isolated = outcomes.get(StressRun.ISOLATED.ordinal());
        final RunOutcome cross = outcomes.get(StressRun.CROSS.ordinal());
        final List<String> lines = new ArrayList<>();
        for (int t = 0; t < portfolio.traders().size(); t++)
        {
            final Portfolio.Trader trader = portfolio.traders().get(t);
            final long account = t + 1;
            final List<String> savedByIsolated = new ArrayList<>();
            final List<String> savedByCross = new ArrayList<>();
            final List<String> lostInBoth = new ArrayList<>();
            for (final Portfolio.Position p : trader.positions())
            {
                final boolean iso = isolated.liquidation(account, p.symbol()) != null;
                final boolean crs = cross.liquidation(account, p.symbol()) != null;
                final String name = p.symbol() + " " + p.side() + " " + p.leverage() + "x";
                if (crs && !iso)
                {
                    savedByIsolated.add(name);
                }
                else if (iso && !crs)
                {
                    savedByCross.add(name);
                }
                else if (iso)
                {
                    lostInBoth.add(name);
                }
            }
            final RunOutcome.TraderOutcome g = given.traders().get(t);
            final RunOutcome.TraderOutcome i = isolated.traders().get(t);
            final RunOutcome.TraderOutcome c = cross.traders().get(t);
            lines.add(trader.name() + " (wallet " + trader.wallet().toPlainString() + "): as given it "
                + outcomeInWords(given, g) + "; all isolated it " + outcomeInWords(isolated, i) + "; all cross it "
                + outcomeInWords(cross, c) + ".");
            if (!savedByIsolated.isEmpty())
            {
                lines.add("  Isolated saved " + String.join(", ", savedByIsolated) + ": liquidated with the shared "
                    + "wallet in the cross run, each survived on its own margin.");
            }
            if (!savedByCross.isEmpty())
            {
                lines.add("  Cross saved " + String.join(", ", savedByCross) + ": liquidated on its own margin when "
                    + "isolated, carried by the rest of the wallet in the cross run.");
            }
            if (!lostInBoth.isEmpty())
            {
                lines.add("  Neither mode saved " + String.join(", ", lostInBoth) + ".");
            }
            final BigDecimal difference = c.lost().subtract(i.lost());
            if (difference.signum() > 0)
            {
                lines.add("  Cross cost " + difference.toPlainString() + " more than isolated.");
            }
            else if (difference.signum() < 0)
            {
                lines.add("  Isolated cost " + difference.negate().toPlainString() + " more than cross.");
            }
            else
            {
                lines.add("  Both modes ended with the same equity.");
            }
        }
        return lines;
    }

    private static String outcomeInWords(final RunOutcome run, final RunOutcome.TraderOutcome t)
    {
        final long n = run.liquidationsOf(t.account());
        final String lost = t.lost().signum() >= 0 ? "lost " + t.lost().toPlainString() :
            "gained " + t.lost().negate().toPlainString();
        return (n == 0 ? "kept every position" : "had " + n + (n == 1 ? " position" : " positions") + " liquidated")
            + " and " + lost;
    }

    /**
     * @param ratio a margin ratio, null for infinite.
     * @return it in %, to 2 decimals, or "infinite".
     */
    static String percent(final BigDecimal ratio)
    {
        return ratio == null ? "infinite (equity ≤ 0)" :
            ratio.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static String traderName(final RunOutcome outcome, final long account)
    {
        return outcome.traders().get((int)account - 1).name();
    }
}
