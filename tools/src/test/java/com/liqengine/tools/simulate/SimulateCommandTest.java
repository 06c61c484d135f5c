package com.liqengine.tools.simulate;

import com.liqengine.tools.Liq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq simulate} as a user runs it: exit codes, the timeline, the JSON lines.
 */
class SimulateCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void timelineShowsLiquidationsAndTheFinalTable()
    {
        assertThat(run("../config/scenarios/isolated-vs-cross.yaml")).isZero();

        final String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("#14  mark BTCUSDT 56500")
            .contains("LIQUIDATED account 1 BTCUSDT isolated long 0.2 at mark 56500")
            .contains("LIQUIDATED account 2 LINKUSDT cross long 500 at mark 15")
            .contains("Final state").contains("insurance fund: 10100")
            .contains("ADL: - (no fund floor: no auto-deleveraging, no ADL indicator)");
    }

    @Test
    void jsonIsOneObjectPerLineWithTypeAndEndsWithState()
    {
        assertThat(run("--json", "../config/scenarios/cross-three-legs.yaml")).isZero();

        final List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).allMatch(l -> l.startsWith("{\"type\":\"") && l.endsWith("}"));
        assertThat(lines).filteredOn(l -> l.startsWith("{\"type\":\"LiquidationTriggered\"")).hasSize(3)
            .first().asString().contains("\"account\":7", "\"symbol\":\"BTCUSDT\"", "\"mode\":\"cross\"",
            "\"side\":\"long\"", "\"size\":\"0.2\"", "\"mark\":\"45500\"", "\"liquidationPrice\":\"45845.8\"",
            "\"bankruptcyPrice\":\"45000\"", "\"equity\":\"100\"", "\"maintenanceMargin\":\"168.9\"",
            "\"marginRatio\":\"1.689\"");
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"type\":\"State\",\"accounts\":[{\"id\":7,"
            + "\"wallet\":\"0\",\"positions\":[]}],\"insuranceFund\":\"100\"")
            .contains("\"autoDeleveraging\":false");
    }

    @Test
    void theLifecycleScenarioShowsEachStepInTheTimelineAndInJson()
    {
        assertThat(run("../config/scenarios/liquidation-lifecycle.yaml")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
            .contains("#9  liquidation fill account 1 15.41 STEPUSDT at 92 (order 23/1, sell)")
            .contains("CANCEL OPEN ORDERS of account 4 in every instrument")
            .contains("LIQUIDATION ORDER 23/1 account 1 sells 15.41 STEPUSDT at limit 90 (immediate-or-cancel, "
                + "reduce-only)")
            .contains("LIQUIDATION FILL 42/1 account 3 sells 1 HALFUSDT at 90: realizes -10 in its margin; 1 left of "
                + "the order")
            .contains("ORDER 32/1 DONE account 2 BESTUSDT: filled 1, liquidation fee 0.181 to the fund")
            .contains("CLEARANCE account 2 BESTUSDT: the rest of its margin, 0.319, to the fund; fund balance 7.5886")
            .contains("#21  liquidation done account 2 BESTUSDT (no open liquidation order: sent as order -1/0)")
            .contains("insurance fund: 7.5886, holds 1 HALFUSDT (entry 90), holds 10 XUSDT (entry 91.9)");

        out.reset();
        assertThat(run("--json", "../config/scenarios/liquidation-lifecycle.yaml")).isZero();
        final List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
        // six orders, each ended once (the liquidationDone #21 named no open order)
        assertThat(lines).filteredOn(l -> l.startsWith("{\"type\":\"LiquidationFeeCharged\"")).hasSize(6)
            .first().asString().contains("\"liquidationSequence\":23,\"liquidationIndex\":1,\"account\":1,"
                + "\"symbol\":\"STEPUSDT\",\"filledQuantity\":\"15.41\",\"reportedQuantity\":\"15.41\","
                + "\"amount\":\"7.0886\"");
        assertThat(lines).filteredOn(l -> l.startsWith("{\"type\":\"CancelOpenOrders\"")).hasSize(5);
        assertThat(lines.get(lines.size() - 1)).contains("\"inLiquidation\":false")
            // account 7's GAPUSDT short, second of two in its queue (ScenariosTest works it out)
            .contains("\"size\":\"-3\",\"entryPrice\":\"100\"").contains("\"inLiquidation\":false,\"adlIndicator\":3}")
            .contains("\"autoDeleveraging\":true")
            .endsWith("\"openLiquidationOrders\":[]}");
    }

    @Test
    void theOutputsOfAutoDeleveragingArePrintedWithTheirFields()
    {
        // each line from its fields alone (the lifecycle scenario prints them from the engine's outputs)
        assertThat(TimelineReport.describe(Map.of("type", "AutoDeleveraged", "account", 5L, "symbol", "BTCUSDT",
            "quantity", "-0.5", "price", "60000", "realizedPnl", "1250"))).isEqualTo(
            "AUTO-DELEVERAGED account 5 BTCUSDT: -0.5 closed at 60000, realizes 1250");
        assertThat(TimelineReport.describe(Map.of("type", "AutoDeleveraged", "account", 0L, "symbol", "BTCUSDT",
            "quantity", "0.5", "price", "60000", "realizedPnl", "0"))).startsWith("AUTO-DELEVERAGED insurance fund");
        assertThat(TimelineReport.describe(Map.of("type", "InsuranceFundDeficit", "amount", "12.5",
            "fundEquity", "-12.5"))).isEqualTo("INSURANCE FUND DEFICIT 12.5 (fund equity -12.5)");
    }

    @Test
    void compareModesPrintsBothRunsSideBySide()
    {
        assertThat(run("--compare-modes", "../config/scenarios/isolated-vs-cross.yaml")).isZero();

        // All isolated: the 1,575 left in each wallet is spread 525 per position, so BTC's pool is 1,125 and
        // survives 56,500 (1,125 - 700 > MM) but not 52,000; the account loses 1,125 and gains 250 on ETH and LINK.
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("all isolated").contains("all cross")
            .containsPattern("BTCUSDT +liquidated at 52000 +liquidated at 45500")
            .containsPattern("lost +875 +3000");
    }

    @Test
    void malformedScenarioExitsTwoWithFileAndLine(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: x\ninstruments: []\nevents:\n  - mark: { symbol: X, price: 1 }\n");

        assertThat(run(file.toString())).isEqualTo(SimulateCommand.BAD_SCENARIO);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(file + ":2: a scenario needs at least one");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /**
     * Issue 10: a value with more decimals than its field keeps ended in {@code ArithmeticException: Rounding
     * necessary}. Each of these is now a file error: file, line and field on standard error, exit 2, nothing on
     * standard output.
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("valuesWithTooManyDecimals")
    void valueWithMoreDecimalsThanItsFieldExitsTwoNamingFileLineAndField(
        final String written, final String replaced, final int line, final String problem, @TempDir final Path dir)
        throws IOException
    {
        final Path file = dir.resolve("decimals.yaml");
        final String scenario = """
            instruments:
              - symbol: BTCUSDT
                tickSize: "0.1"
                stepSize: "0.001"
                tiers: [ { maxNotional: "50000", maxLeverage: 125, mmr: "0.004", maintenanceAmount: "0" } ]
            accounts:
              - { id: 1, deposit: "1000" }
            events:
              - mark: { symbol: BTCUSDT, price: "50000" }
              - fill: { account: 1, symbol: BTCUSDT, side: buy, qty: "0.1", price: "50000", fee: "0" }
              - deposit: { account: 1, amount: "100" }
            """;
        assertThat(scenario).containsOnlyOnce(written);
        Files.writeString(file, scenario.replace(written, replaced));

        assertThat(run(file.toString())).isEqualTo(SimulateCommand.BAD_SCENARIO);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(file + ":" + line + ": " + problem)
            .doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /** The value as the scenario below writes it, the value put instead, the line, the message. */
    static Stream<Arguments> valuesWithTooManyDecimals()
    {
        return Stream.of(
            Arguments.of("mmr: \"0.004\"", "mmr: \"0.0066666666666666666667\"", 5, "'mmr' of a tier of BTCUSDT "
                + "has more than 8 decimals (rates are kept with 8): 0.0066666666666666666667"),
            Arguments.of("price: \"50000\" }", "price: \"50000.25\" }", 9, "'price' of event 1 (mark) has more "
                + "than 1 decimal (BTCUSDT's tick size is 0.1): 50000.25"),
            Arguments.of("qty: \"0.1\"", "qty: \"0.1234\"", 10, "'qty' of event 2 (fill) has more than 3 decimals "
                + "(BTCUSDT's step size is 0.001): 0.1234"),
            Arguments.of("amount: \"100\"", "amount: \"100.123456789\"", 11, "'amount' of event 3 (deposit) has "
                + "more than 8 decimals (amounts are kept with 8): 100.123456789"),
            Arguments.of("fee: \"0\"", "fee: \"0.000000001\"", 10, "'fee' of event 2 (fill) has more than 8 "
                + "decimals"),
            Arguments.of("deposit: \"1000\"", "deposit: \"1E-12\"", 7, "'deposit' of an account has more than 8 "
                + "decimals"),
            Arguments.of("maxNotional: \"50000\"", "maxNotional: \"9E+12\"", 5, "'maxNotional' of a tier of "
                + "BTCUSDT is out of range"));
    }

    @Test
    void helpListsTheOptions()
    {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--json").contains("--compare-modes");
    }

    private int run(final String... args)
    {
        final var commandLine = new picocli.CommandLine(
            new SimulateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        commandLine.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        assertThat(Liq.commandLine().getSubcommands()).containsKey("simulate");
        return commandLine.execute(args);
    }
}
