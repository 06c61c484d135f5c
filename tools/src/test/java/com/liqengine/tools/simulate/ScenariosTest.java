package com.liqengine.tools.simulate;

import com.liqengine.api.OutputRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios shipped in config/scenarios do what their comments say; the numbers are worked by hand there.
 */
class ScenariosTest
{
    private static final Path DIR = Path.of("..", "config", "scenarios");

    @Test
    void smallCapIsolatedPositionIsLiquidatedAndTheRestOfTheAccountSurvives()
    {
        final Simulation run = run("small-cap-isolated.yaml");

        assertThat(outputsOf(run, 10)).extracting(OutputRecord::type).containsExactly("MarginCall");
        final List<Map<String, Object>> liquidation = views(run, 11);
        assertThat(liquidation).extracting(v -> v.get("type"))
            .containsExactly("LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(liquidation.get(0)).containsEntry("account", 1L).containsEntry("symbol", "WIFUSDT")
            .containsEntry("mode", "isolated").containsEntry("liquidationPrice", "1.8307")
            .containsEntry("bankruptcyPrice", "1.8").containsEntry("equity", "-500")
            .containsEntry("maintenanceMargin", "137.5");
        assertThat(liquidation.get(1)).containsEntry("price", "1.8").containsEntry("realizedPnl", "-1000");

        final FinalState state = FinalState.of(run.engine());
        final FinalState.AccountState account = state.accounts().get(0);
        assertThat(account.wallet()).isEqualByComparingTo("9000");
        assertThat(account.positions()).extracting(FinalState.PositionState::symbol).containsExactly("BTCUSDT");
        assertThat(account.positions().get(0).size()).isEqualByComparingTo("0.1");
        assertThat(state.insuranceFund()).isEqualByComparingTo("5000");
        assertThat(liquidationsOf(run)).isEqualTo(1);
    }

    @Test
    void crossAccountLosesAllThreeLegsToOneCrash()
    {
        final Simulation run = run("cross-three-legs.yaml");

        for (int event = 1; event <= 9; event++)
        {
            assertThat(outputsOf(run, event)).extracting(OutputRecord::type).doesNotContain("LiquidationTriggered");
        }
        final List<Map<String, Object>> call = views(run, 10);
        assertThat(call).hasSize(1);
        assertThat(call.get(0)).containsEntry("type", "MarginCall").containsEntry("symbol", null)
            .containsEntry("equity", "200").containsEntry("maintenanceMargin", "169.3")
            .containsEntry("marginRatio", "0.8465");

        final List<Map<String, Object>> triggered = views(run, 11).stream()
            .filter(v -> "LiquidationTriggered".equals(v.get("type"))).collect(Collectors.toList());
        assertThat(triggered).extracting(v -> v.get("symbol")).containsExactly("BTCUSDT", "ETHUSDT", "LINKUSDT");
        assertThat(triggered).allSatisfy(v -> assertThat(v).containsEntry("mode", "cross")
            .containsEntry("equity", "100").containsEntry("maintenanceMargin", "168.9"));
        final List<Map<String, Object>> takeovers = views(run, 11).stream()
            .filter(v -> "PositionTakenOver".equals(v.get("type"))).collect(Collectors.toList());
        assertThat(takeovers.get(2)).containsEntry("clearanceFee", "100").containsEntry("insuranceFundBalance", "100");

        final FinalState state = FinalState.of(run.engine());
        assertThat(state.accounts().get(0).wallet()).isEqualByComparingTo("0");
        assertThat(state.accounts().get(0).positions()).isEmpty();
        assertThat(state.insuranceFund()).isEqualByComparingTo("100");
    }

    @Test
    void samePricePathIsolatedLosesOneLegCrossLosesEverything()
    {
        final Simulation run = run("isolated-vs-cross.yaml");

        final List<Map<String, Object>> first = views(run, 14);
        assertThat(first.get(0)).containsEntry("account", 1L).containsEntry("symbol", "BTCUSDT")
            .containsEntry("mode", "isolated").containsEntry("liquidationPrice", "57228.9")
            .containsEntry("bankruptcyPrice", "57000");
        assertThat(first).extracting(v -> v.get("account")).doesNotContain(2L);
        assertThat(views(run, 18)).filteredOn(v -> "LiquidationTriggered".equals(v.get("type")))
            .extracting(v -> v.get("account") + " " + v.get("symbol"))
            .containsExactly("2 BTCUSDT", "2 ETHUSDT", "2 LINKUSDT");

        final FinalState state = FinalState.of(run.engine());
        final FinalState.AccountState isolated = state.accounts().get(0);
        final FinalState.AccountState cross = state.accounts().get(1);
        assertThat(isolated.wallet()).isEqualByComparingTo("1575");
        assertThat(isolated.positions()).extracting(FinalState.PositionState::symbol)
            .containsExactly("ETHUSDT", "LINKUSDT");
        // 1,575 + 450 + 375 + 150 + 100: lost the BTC pool of 600, gained 250 on ETH and LINK.
        assertThat(isolated.equity()).isEqualByComparingTo("2650");
        assertThat(cross.equity()).isEqualByComparingTo("0");
    }

    @Test
    void compareModesRunsEveryPositionIsolatedThenEveryPositionCross()
    {
        final ModeComparison comparison = ModeComparison.run(load("isolated-vs-cross.yaml"));

        // All cross: both accounts are account 2 of the written scenario, and both lose everything.
        for (final long account : new long[]{1, 2})
        {
            final ModeComparison.Outcome cross = ModeComparison.outcome(comparison.cross(), account);
            assertThat(cross.lost()).isEqualByComparingTo("3000");
            assertThat(cross.positions().values()).allMatch(s -> s.startsWith("liquidated at"));
            final ModeComparison.Outcome isolated = ModeComparison.outcome(comparison.isolated(), account);
            assertThat(isolated.positions()).containsEntry("ETHUSDT", "open").containsEntry("LINKUSDT", "open");
            assertThat(isolated.lost()).isLessThan(new BigDecimal("3000"));
        }
        assertThat(comparison.isolated().steps()).anyMatch(s -> s.description().startsWith("spread: account 1"));
        assertThat(comparison.cross().steps()).filteredOn(s -> s.skipped() != null)
            .extracting(s -> s.event().kind()).containsOnly(EventKind.MODE);
    }

    private static Scenario load(final String name)
    {
        return ScenarioLoader.load(DIR.resolve(name));
    }

    private static Simulation run(final String name)
    {
        return ScenarioRunner.run(load(name), ModePolicy.AS_WRITTEN);
    }

    static List<OutputRecord> outputsOf(final Simulation run, final int event)
    {
        return run.steps().stream().filter(s -> s.event() != null && s.event().number() == event)
            .flatMap(s -> s.outputs().stream()).collect(Collectors.toList());
    }

    private static List<Map<String, Object>> views(final Simulation run, final int event)
    {
        return outputsOf(run, event).stream().filter(o -> !"RequestAccepted".equals(o.type()))
            .map(o -> EventView.of(o, run.engine())).collect(Collectors.toList());
    }

    private static long liquidationsOf(final Simulation run)
    {
        return run.steps().stream().flatMap(s -> s.outputs().stream())
            .filter(o -> "LiquidationTriggered".equals(o.type())).count();
    }
}
