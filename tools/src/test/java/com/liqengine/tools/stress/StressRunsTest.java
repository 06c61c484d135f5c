package com.liqengine.tools.stress;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three runs of a tiny portfolio on a hand-made history, every liquidation time worked by hand.
 *
 * <p>One tier for both instruments: mmr 1%, cum 0, up to 20x. The trader deposits 300 and opens, at 100 each,
 * AAA long 10 (notional 1,000, 10x, isolated as given) and BBB long 10 (1,000, 10x, cross as given). Bars are
 * one minute, so marks come every 15 s; AAA falls 100, 101, 95, 96 | 96, 97, 80, 90 | 90, 90, 70, 75 while BBB
 * stays near 100 (100, 99, 100, 100 each bar).
 * <ul>
 * <li>AAA isolated has a pool of 1,000 / 10 = 100: liquidated when 100 + 10 (M - 100) ≤ 0.01 × 10 M, that is
 * M ≤ 90.909...: first at 80, T0 + 90 s; the account loses the pool, 100.</li>
 * <li>BBB isolated (pool 100) needs M ≤ 90.9 too: it never falls below 99 and survives; so does BBB on the
 * cross wallet in the as-given run (wallet 200 after AAA's pool left it).</li>
 * <li>All cross: 300 + 10 (A - 100) + 10 (B - 100) ≤ 0.1 (A + B). At T0 + 90 s (A 80, B 99): 90 against 17.9,
 * standing; at T0 + 150 s (A 70, B 100): 0 against 17, liquidated, both legs, and the account loses all 300.</li>
 * </ul>
 */
class StressRunsTest
{
    private static final long T0 = 1_621_382_400_000L; // 2021-05-19 00:00 UTC
    private static final String TIER = "      - { maxNotional: \"1000000\", maxLeverage: 20, mmr: \"0.01\", "
        + "maintenanceAmount: \"0\" }";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private StressInputs inputs;

    @BeforeEach
    void writeFiles() throws IOException
    {
        Files.writeString(dir.resolve("instruments.yaml"), """
            instruments:
              - symbol: AAAUSDT
                tickSize: "0.1"
                stepSize: "1"
                tiers:
            %s
              - symbol: BBBUSDT
                tickSize: "0.1"
                stepSize: "1"
                tiers:
            %s
            """.formatted(TIER, TIER));
        Files.write(dir.resolve("portfolio.yaml"), List.of(
            "name: tiny",
            "wallet: \"300\"",
            "positions:",
            "  - { symbol: AAAUSDT, side: long, notional: \"1000\", leverage: 10, mode: isolated }",
            "  - { symbol: BBBUSDT, side: long, notional: \"1000\", leverage: 10, mode: cross }"));
        Files.write(dir.resolve("AAAUSDT_1m.csv"), List.of(
            T0 + ",100,101,95,96,0",
            (T0 + 60_000) + ",96,97,80,90,0",
            (T0 + 120_000) + ",90,90,70,75,0"));
        Files.write(dir.resolve("BBBUSDT_1m.csv"), List.of(
            T0 + ",100,100,99,100,0",
            (T0 + 60_000) + ",100,100,99,100,0",
            (T0 + 120_000) + ",100,100,99,100,0"));
        inputs = StressInputs.load(dir.resolve("portfolio.yaml"),
            List.of(dir.resolve("AAAUSDT_1m.csv").toString(), dir.resolve("BBBUSDT_1m.csv").toString()),
            dir.resolve("instruments.yaml"), List.of());
    }

    @Test
    void asGivenLosesOnlyTheIsolatedPool()
    {
        final RunOutcome run = StressRunner.run(inputs, inputs.portfolio(), StressRun.AS_GIVEN, null);

        assertThat(run.liquidations())
            .extracting(l -> l.symbol() + "@" + (l.time() - T0) / 1_000 + " " + l.field("mark"))
            .containsExactly("AAAUSDT@90 80");
        assertThat(run.liquidations().get(0).accountLoss()).isEqualByComparingTo("100");
        // the wallet kept 200, BBB closed the history at its open
        assertThat(run.traders().get(0).equity()).isEqualByComparingTo("200");
    }

    @Test
    void progressIsToldInTenthsUpToTheEnd()
    {
        final List<Double> told = new ArrayList<>();

        StressRunner.run(inputs, inputs.portfolio(), StressRun.AS_GIVEN, told::add);

        assertThat(told).hasSizeBetween(10, 11).isSorted().last().isEqualTo(1.0);
    }

    @Test
    void allIsolatedLosesTheSamePoolAndKeepsBbb()
    {
        final RunOutcome run = StressRunner.run(inputs, inputs.portfolio(), StressRun.ISOLATED, null);

        assertThat(run.liquidations()).extracting(l -> l.symbol() + "@" + (l.time() - T0) / 1_000)
            .containsExactly("AAAUSDT@90");
        // wallet 100 and BBB's pool 100, BBB at 100 again
        assertThat(run.traders().get(0).equity()).isEqualByComparingTo("200");
    }

    @Test
    void allCrossTakesBothLegsLaterAndEverything()
    {
        final RunOutcome run = StressRunner.run(inputs, inputs.portfolio(), StressRun.CROSS, null);

        assertThat(run.liquidations())
            .extracting(l -> l.symbol() + "@" + (l.time() - T0) / 1_000 + " " + l.field("mode"))
            .containsExactly("AAAUSDT@150 cross", "BBBUSDT@150 cross");
        assertThat(run.liquidations().get(0).accountLoss()).isEqualByComparingTo("300");
        assertThat(run.traders().get(0).equity()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(run.traders().get(0).worstMarginRatio()).isNull(); // equity 0 at the liquidation: infinite
    }

    @Test
    void jsonTagsEachLiquidationWithRunAndTimeAndSummarisesEachRun()
    {
        final int code = new picocli.CommandLine(new StressCommand(print(out), print(err))).execute(
            dir.resolve("portfolio.yaml").toString(), "--json", "--instruments", dir.resolve("instruments.yaml")
                .toString(), "--history", dir.resolve("AAAUSDT_1m.csv").toString(),
            dir.resolve("BBBUSDT_1m.csv").toString());

        assertThat(code).isZero();
        final List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).filteredOn(l -> l.contains("LiquidationTriggered")).hasSize(4)
            .first().asString().startsWith("{\"type\":\"LiquidationTriggered\",\"run\":\"as-given\",\"time\":"
                + (T0 + 90_000) + ",").contains("\"symbol\":\"AAAUSDT\"", "\"mark\":\"80\"");
        assertThat(lines).filteredOn(l -> l.startsWith("{\"type\":\"StressRun\"")).hasSize(3)
            .last().asString().contains("\"run\":\"cross\"", "\"liquidations\":2", "\"equity\":\"0\"",
                "\"worstMarginRatio\":null");
    }

    @Test
    void sweepFindsTheHighestLeverageThatSurvivesByHand()
    {
        // AAA isolated would need a pool above 307 to outlive the low of 70 (pool + 10 (70 - 100) > 0.1 x 70), and
        // the wallet holds 300: none at any leverage, in any run. BBB isolated needs a pool above 19.9 to outlive 99
        // (pool - 10 > 9.9): 1000 / 20 = 50 is enough, so its first tier's 20x; on the as-given cross wallet of 200
        // it stands at any leverage; in the all-cross run both legs fall whatever BBB's leverage: none.
        final LeverageSweep sweep = LeverageSweep.run(inputs, null);

        final List<String> cells = new ArrayList<>();
        for (final LeverageSweep.Result r : sweep.results())
        {
            cells.add(r.position() + ":" + Arrays.toString(r.highest()));
        }
        assertThat(cells).containsExactly("0:[0, 0, 0]", "1:[20, 20, 0]");
    }

    @Test
    void jsonSweepIsOneObjectPerPosition()
    {
        final int code = new picocli.CommandLine(new StressCommand(print(out), print(err))).execute(
            dir.resolve("portfolio.yaml").toString(), "--json", "--sweep", "--instruments",
            dir.resolve("instruments.yaml").toString(), "--history", dir.resolve("AAAUSDT_1m.csv").toString(),
            dir.resolve("BBBUSDT_1m.csv").toString());

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).filteredOn(l -> l.contains("LeverageSweep"))
            .containsExactly(
                "{\"type\":\"LeverageSweep\",\"account\":1,\"symbol\":\"AAAUSDT\",\"leverage\":10,\"maxLeverage\":20,"
                    + "\"as-given\":null,\"isolated\":null,\"cross\":null}",
                "{\"type\":\"LeverageSweep\",\"account\":1,\"symbol\":\"BBBUSDT\",\"leverage\":10,\"maxLeverage\":20,"
                    + "\"as-given\":20,\"isolated\":20,\"cross\":null}");
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
