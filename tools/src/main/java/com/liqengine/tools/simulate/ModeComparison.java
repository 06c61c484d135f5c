package com.liqengine.tools.simulate;

import com.liqengine.api.OutputRecord;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code liq simulate --compare-modes}: the same scenario run with every position isolated and with every
 * position cross, side by side: per account what it lost and which positions survived.
 *
 * @param isolated the all-isolated run.
 * @param cross the all-cross run.
 */
public record ModeComparison(Simulation isolated, Simulation cross)
{
    /**
     * Runs both.
     *
     * @param scenario the scenario.
     * @return both runs.
     */
    public static ModeComparison run(final Scenario scenario)
    {
        return new ModeComparison(
            ScenarioRunner.run(scenario, ModePolicy.ALL_ISOLATED), ScenarioRunner.run(scenario, ModePolicy.ALL_CROSS));
    }

    /**
     * What one account came out with in one run.
     *
     * @param paidIn deposits less withdrawals that the engine accepted.
     * @param equity wallet + isolated margin + unrealized PnL at the end.
     * @param positions per symbol traded: "open", "closed" or "liquidated at MARK".
     */
    public record Outcome(BigDecimal paidIn, BigDecimal equity, Map<String, String> positions)
    {
        /**
         * @return paid in less equity: what the account lost (negative: gained).
         */
        public BigDecimal lost()
        {
            return paidIn.subtract(equity);
        }
    }

    /**
     * The outcome of an account in a run.
     *
     * @param run the run.
     * @param account the account id.
     * @return what it lost and what survived.
     */
    public static Outcome outcome(final Simulation run, final long account)
    {
        BigDecimal paidIn = BigDecimal.ZERO;
        final Set<String> traded = new LinkedHashSet<>();
        final Map<String, String> liquidated = new LinkedHashMap<>();
        for (final ScenarioAccount a : run.scenario().accounts())
        {
            if (a.id() == account)
            {
                paidIn = paidIn.add(a.deposit());
            }
        }
        for (final Step step : run.steps())
        {
            final ScenarioEvent e = step.event();
            final boolean accepted = step.outputs().stream().anyMatch(o -> "RequestAccepted".equals(o.type()));
            if (e != null && e.account() != null && e.account() == account && accepted)
            {
                if (e.kind() == EventKind.DEPOSIT)
                {
                    paidIn = paidIn.add(e.amount());
                }
                else if (e.kind() == EventKind.WITHDRAW)
                {
                    paidIn = paidIn.subtract(e.amount());
                }
            }
            if (e != null && e.kind() == EventKind.FILL && e.account() == account)
            {
                traded.add(e.symbol());
            }
            for (final OutputRecord o : step.outputs())
            {
                if ("LiquidationTriggered".equals(o.type()) && o.get("accountId") == account)
                {
                    final Map<String, Object> view = EventView.of(o, run.engine());
                    liquidated.putIfAbsent((String)view.get("symbol"), "liquidated at " + view.get("mark"));
                }
            }
        }
        BigDecimal equity = BigDecimal.ZERO;
        final Map<String, String> positions = new LinkedHashMap<>();
        for (final FinalState.AccountState state : FinalState.of(run.engine()).accounts())
        {
            if (state.id() == account)
            {
                equity = state.equity();
                for (final String symbol : traded)
                {
                    final boolean open = state.positions().stream().anyMatch(p -> p.symbol().equals(symbol));
                    positions.put(symbol, liquidated.getOrDefault(symbol, open ? "open" : "closed"));
                }
            }
        }
        return new Outcome(paidIn, equity, positions);
    }

    /**
     * Prints both runs side by side.
     *
     * @param out where to print.
     */
    public void print(final PrintStream out)
    {
        out.println("Scenario: " + isolated.scenario().name() + ", the same events with every position isolated "
            + "and with every position cross");
        out.println();
        final TextTable table = new TextTable("account", "", "all isolated", "all cross");
        for (final ScenarioAccount account : isolated.scenario().accounts())
        {
            final Outcome iso = outcome(isolated, account.id());
            final Outcome crs = outcome(cross, account.id());
            boolean first = true;
            for (final String symbol : iso.positions().keySet())
            {
                table.row(first ? account.id() : "", symbol, iso.positions().get(symbol),
                    crs.positions().getOrDefault(symbol, "-"));
                first = false;
            }
            table.row(first ? account.id() : "", "equity at end", iso.equity().toPlainString(),
                crs.equity().toPlainString());
            table.row("", "lost", iso.lost().toPlainString(), crs.lost().toPlainString());
        }
        table.row("fund", "insurance fund", FinalState.of(isolated.engine()).insuranceFund().toPlainString(),
            FinalState.of(cross.engine()).insuranceFund().toPlainString());
        table.print(out, "  ");
        out.println();
        out.println("  Isolated: each position risks only its own margin; when the scenario does not move margin "
            + "itself,");
        out.println("  the account's wallet is spread evenly over its positions before the first mark after its "
            + "first fill.");
        out.println("  Cross: all positions share the wallet, so one leg's loss can liquidate them all.");
        out.println("  Timelines: run without --compare-modes, or with --json for every event of both runs.");
    }
}
