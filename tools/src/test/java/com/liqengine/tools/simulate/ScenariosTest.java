package com.liqengine.tools.simulate;

import com.liqengine.api.OutputRecord;
import com.liqengine.margin.LiquidationMode;
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
        // takeover mode (no liquidation: section): the open orders of the position cancelled first, then taken over
        assertThat(liquidation).extracting(v -> v.get("type"))
            .containsExactly("CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(liquidation.get(0)).containsEntry("account", 1L).containsEntry("symbol", "WIFUSDT");
        assertThat(liquidation.get(1)).containsEntry("account", 1L).containsEntry("symbol", "WIFUSDT")
            .containsEntry("mode", "isolated").containsEntry("liquidationPrice", "1.8307")
            .containsEntry("bankruptcyPrice", "1.8").containsEntry("equity", "-500")
            .containsEntry("maintenanceMargin", "137.5");
        assertThat(liquidation.get(2)).containsEntry("price", "1.8").containsEntry("realizedPnl", "-1000");
        assertThat(liquidation.get(3)).containsEntry("liquidationSequence", 0L);

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
        assertThat(first.get(0)).containsEntry("type", "CancelOpenOrders").containsEntry("symbol", "BTCUSDT");
        assertThat(first.get(1)).containsEntry("account", 1L).containsEntry("symbol", "BTCUSDT")
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

    @Test
    void liquidationLifecycleTakesEachPathOfAMarketLiquidation()
    {
        final Simulation run = run("liquidation-lifecycle.yaml");
        assertThat(run.engine().settings().liquidationMode()).isEqualTo(LiquidationMode.MARKET);

        // 1. tier 3 steps down to tier 2: 15.41 of 1,100 offered at the whole position's bankruptcy price
        assertThat(types(run, 7)).containsExactly("MarginCall");
        final List<Map<String, Object>> step = views(run, 8);
        assertThat(step).extracting(v -> v.get("type"))
            .containsExactly("CancelOpenOrders", "LiquidationTriggered", "LiquidationOrder");
        assertThat(step.get(2)).containsEntry("account", 1L).containsEntry("side", "sell")
            .containsEntry("quantity", "15.41").containsEntry("price", "90")
            .containsEntry("liquidationSequence", step.get(2).get("sequence")).containsEntry("liquidationIndex", 1L);
        assertThat(only(run, 9)).containsEntry("type", "LiquidationFill").containsEntry("realizedPnl", "-123.28")
            .containsEntry("remainingQuantity", "0");
        final List<Map<String, Object>> stepDone = views(run, 10);
        assertThat(stepDone).extracting(v -> v.get("type")).containsExactly("LiquidationFeeCharged", "MarginCall");
        assertThat(stepDone.get(0)).containsEntry("amount", "7.0886").containsEntry("filledQuantity", "15.41")
            .containsEntry("reportedQuantity", "15.41").containsEntry("insuranceFundBalance", "7.0886");
        assertThat(stepDone.get(1)).containsEntry("equity", "2409.8294")
            .containsEntry("maintenanceMargin", "2349.97995");

        // 2. filled above bankruptcy: fee, then the rest of the pool to the fund
        assertThat(only(run, 18)).containsEntry("reason", "IN_LIQUIDATION");
        assertThat(only(run, 19)).containsEntry("realizedPnl", "-9.5");
        final List<Map<String, Object>> best = views(run, 20);
        assertThat(best).extracting(v -> v.get("type")).containsExactly("LiquidationFeeCharged", "ClearanceFee");
        assertThat(best.get(0)).containsEntry("amount", "0.181");
        assertThat(best.get(1)).containsEntry("amount", "0.319").containsEntry("insuranceFundBalance", "7.5886");
        assertThat(only(run, 21)).containsEntry("type", "RequestRejected")
            .containsEntry("reason", "UNKNOWN_LIQUIDATION");

        // 3. half filled, the rest taken over at the bankruptcy price of that moment
        assertThat(only(run, 28)).containsEntry("realizedPnl", "-10").containsEntry("remainingQuantity", "1");
        final List<Map<String, Object>> half = views(run, 29);
        assertThat(half).extracting(v -> v.get("type"))
            .containsExactly("LiquidationFeeCharged", "PositionTakenOver", "LiquidationOrder");
        assertThat(half.get(0)).containsEntry("filledQuantity", "1").containsEntry("amount", "0");
        assertThat(half.get(1)).containsEntry("size", "1").containsEntry("price", "90").containsEntry("value", "90")
            .containsEntry("realizedPnl", "-10");
        assertThat(half.get(2)).containsEntry("account", 0L).containsEntry("liquidationSequence", 0L);

        // 4. a cross account: the larger maintenance margin (Y) first, X only after Y's order ended
        final List<Map<String, Object>> cross = views(run, 37);
        assertThat(cross).extracting(v -> v.get("type")).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "LiquidationTriggered", "LiquidationOrder");
        assertThat(cross.get(0)).containsEntry("symbol", null);
        assertThat(cross.get(3)).containsEntry("symbol", "YUSDT").containsEntry("price", "98.1");
        assertThat(only(run, 38)).containsEntry("reason", "IN_LIQUIDATION");
        assertThat(only(run, 39)).containsEntry("realizedPnl", "-19");
        final List<Map<String, Object>> next = views(run, 40);
        assertThat(next).extracting(v -> v.get("type")).containsExactly("LiquidationFeeCharged", "LiquidationOrder");
        assertThat(next.get(1)).containsEntry("symbol", "XUSDT").containsEntry("quantity", "10")
            .containsEntry("price", "91.9");
        final List<Map<String, Object>> rest = views(run, 41);
        assertThat(rest).extracting(v -> v.get("type"))
            .containsExactly("LiquidationFeeCharged", "PositionTakenOver", "LiquidationOrder");
        assertThat(rest.get(0)).containsEntry("filledQuantity", "0");
        assertThat(rest.get(1)).containsEntry("price", "91.9").containsEntry("realizedPnl", "-81")
            .containsEntry("clearanceFee", "0");

        // 5. a gap: nothing filled at 90, the fund takes the 10 over at 90 (D = 100, below the floor 0 by 91.5114),
        // then closes 4 against account 8 and 5.16 against account 6 at the ADL price 90; only then the fund's own
        // order, for the 10 − 4 − 5.16 = 0.84 ADL left it (docs/liquidation.md, "The fund's unwind order")
        final List<Map<String, Object>> gap = views(run, 50);
        assertThat(gap).extracting(v -> v.get("type")).containsExactly("LiquidationFeeCharged", "PositionTakenOver",
            "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged", "LiquidationOrder");
        assertThat(gap.get(1)).containsEntry("price", "90").containsEntry("value", "900");
        assertThat(gap.get(2)).containsEntry("account", 8L).containsEntry("quantity", "4").containsEntry("price", "90")
            .containsEntry("realizedPnl", "40");
        assertThat(gap.get(3)).containsEntry("account", 0L).containsEntry("quantity", "-4");
        assertThat(gap.get(4)).containsEntry("account", 6L).containsEntry("quantity", "5.16")
            .containsEntry("realizedPnl", "51.6");
        assertThat(gap.get(5)).containsEntry("account", 0L).containsEntry("quantity", "-5.16");
        assertThat(gap.get(6)).containsEntry("account", 0L).containsEntry("symbol", "GAPUSDT")
            .containsEntry("side", "sell").containsEntry("quantity", "0.84").containsEntry("price", "90")
            .containsEntry("liquidationSequence", 0L);

        final FinalState state = FinalState.of(run.engine());
        assertThat(state.openOrders()).isEmpty();
        final FinalState.PositionState kept = state.accounts().get(0).positions().get(0);
        assertThat(kept.size()).isEqualByComparingTo("1084.59");
        assertThat(kept.isolatedMargin()).isEqualByComparingTo("10869.6314");
        assertThat(kept.inLiquidation()).isFalse();
        assertThat(state.accounts().subList(1, 4)).allSatisfy(a -> assertThat(a.positions()).isEmpty());
        assertThat(state.accounts().get(3).wallet()).isEqualByComparingTo("0");
        assertThat(state.insuranceFund()).isEqualByComparingTo("7.5886");
        assertThat(state.insuranceFundPositions()).extracting(p -> p.symbol() + " " + p.size().toPlainString())
            .containsExactly("HALFUSDT 1", "XUSDT 10", "GAPUSDT 0.84");
    }

    @Test
    void theFinalStateShowsTheAdlIndicatorOfEachPositionWhenAFundFloorIsSet()
    {
        // At the end GAPUSDT's mark is 80 and its short queue (the fund aside) is account 6 and account 7, both cross:
        // account 6: short 6 - 5.16 = 0.84 at 100, wallet 100 + 51.60 = 151.60, U = 0.84 x 20 = 16.80, equity 168.40,
        //   rank 0.2 x (0.84 x 80 = 67.20) / 168.40 = 0.0798: first, 5 - floor(5 x 0 / 2) = 5;
        // account 7: short 3 at 100, wallet 1,000, U = 60, equity 1,060, rank 0.2 x 240 / 1,060 = 0.0453: second,
        //   5 - floor(5 x 1 / 2) = 3.
        // Account 1's STEPUSDT long and each of account 9's shorts are alone in their queues: 5. The fund's positions
        // are in no queue: none.
        final FinalState state = FinalState.of(run("liquidation-lifecycle.yaml").engine());
        assertThat(state.autoDeleveraging()).isTrue();
        final Map<Long, FinalState.AccountState> byId = new java.util.HashMap<>();
        state.accounts().forEach(a -> byId.put(a.id(), a));
        assertThat(byId.get(6L).positions()).singleElement().satisfies(p ->
        {
            assertThat(p.size()).isEqualByComparingTo("-0.84");
            assertThat(p.adlIndicator()).isEqualTo(5);
        });
        assertThat(byId.get(7L).positions()).singleElement().satisfies(p ->
        {
            assertThat(p.size()).isEqualByComparingTo("-3");
            assertThat(p.adlIndicator()).isEqualTo(3);
        });
        assertThat(byId.get(1L).positions()).extracting(FinalState.PositionState::adlIndicator).containsExactly(5);
        assertThat(byId.get(9L).positions()).extracting(FinalState.PositionState::adlIndicator)
            .containsExactly(5, 5, 5, 5, 5);
        assertThat(state.insuranceFundPositions()).extracting(FinalState.PositionState::adlIndicator)
            .containsOnlyNulls();

        // the order left open: account 4's cross positions are in liquidation, in no queue
        final Scenario full = load("liquidation-lifecycle.yaml");
        final Scenario cut = new Scenario(full.file(), full.name(), full.marginCallRatio(), full.insuranceFund(),
            full.instruments(), full.accounts(), full.events().subList(0, 37), full.liquidation());
        final FinalState open = FinalState.of(ScenarioRunner.run(cut, ModePolicy.AS_WRITTEN).engine());
        assertThat(open.accounts().get(3).positions()).extracting(FinalState.PositionState::adlIndicator)
            .containsOnlyNulls().hasSize(2);
    }

    @Test
    void withoutAFundFloorNoPositionHasAnAdlIndicator()
    {
        final FinalState state = FinalState.of(run("isolated-vs-cross.yaml").engine());
        assertThat(state.autoDeleveraging()).isFalse();
        assertThat(state.accounts()).flatExtracting(FinalState.AccountState::positions).isNotEmpty()
            .extracting(FinalState.PositionState::adlIndicator).containsOnlyNulls();
    }

    @Test
    void anOrderLeftOpenShowsInTheFinalState()
    {
        final Scenario full = load("liquidation-lifecycle.yaml");
        // the scenario up to the cross account's first order, without its fills and ends
        final Scenario cut = new Scenario(full.file(), full.name(), full.marginCallRatio(), full.insuranceFund(),
            full.instruments(), full.accounts(), full.events().subList(0, 37), full.liquidation());
        final FinalState state = FinalState.of(ScenarioRunner.run(cut, ModePolicy.AS_WRITTEN).engine());
        assertThat(state.openOrders()).singleElement().satisfies(o ->
        {
            assertThat(o.account()).isEqualTo(4);
            assertThat(o.symbol()).isEqualTo("YUSDT");
            assertThat(o.side()).isEqualTo("sell");
            assertThat(o.limitPrice()).isEqualByComparingTo("98.1");
            assertThat(o.filled()).isEqualByComparingTo("0");
        });
        assertThat(state.accounts().get(3).positions()).allSatisfy(p -> assertThat(p.inLiquidation()).isTrue());
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

    private static List<String> types(final Simulation run, final int event)
    {
        return views(run, event).stream().map(v -> (String)v.get("type")).collect(Collectors.toList());
    }

    /** The one output of an event other than its acknowledgement. */
    private static Map<String, Object> only(final Simulation run, final int event)
    {
        final List<Map<String, Object>> views = views(run, event);
        assertThat(views).as("outputs of event %d", event).hasSize(1);
        return views.get(0);
    }

    private static long liquidationsOf(final Simulation run)
    {
        return run.steps().stream().flatMap(s -> s.outputs().stream())
            .filter(o -> "LiquidationTriggered".equals(o.type())).count();
    }
}
