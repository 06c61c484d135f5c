package com.liqengine.tools.replay;

import com.liqengine.tools.dump.DumpCommand;
import com.liqengine.tools.feed.FeedCommand;
import com.liqengine.tools.run.RunCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq replay --account} and {@code liq dump} on a real {@code liq run} in market mode of
 * config/scenarios/liquidation-lifecycle.yaml (with its fund floor 0): an account's history explains each step of
 * its liquidation, and the dump shows the liquidation inputs. The engine takes no snapshots of its own here, so it
 * numbers the inputs as the simulator that wrote them did, and the order ids the scenario's events carry are the
 * engine's.
 */
class LiquidationHistoryTest
{
    private static final String SCENARIO = Path.of("..", "config", "scenarios", "liquidation-lifecycle.yaml")
        .toAbsolutePath().toString();

    @TempDir
    static Path data;
    private static Path config;

    @BeforeAll
    static void runTheScenario()
    {
        config = ReplayAndDumpTest.config(data,
            "engine: { maxAccounts: 100 }\nliquidation: { mode: market, fundFloor: \"0\" }\n"
                + "snapshots: { interval: 0 }\n");
        assertThat(liq(FeedCommand::new, "--config", config.toString(), "--scenario", SCENARIO)[0]).isEqualTo("0");
        final String[] run = liq(RunCommand::new, "--config", config.toString(), "--exit-when-idle", "0.5");
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        // two IN_LIQUIDATION requests and an end sent twice
        assertThat(run[1]).contains("3 rejections");
    }

    @Test
    void theHistoryOfAnAccountExplainsEachStepOfItsLiquidation()
    {
        final String[] replay = liq(ReplayCommand::new, "--config", config.toString(), "--account", "3");
        assertThat(replay[0]).isEqualTo("0");
        assertThat(replay[1])
            .contains("CancelOpenOrders")
            .contains("means: before liquidating, the matching engine is asked to cancel the account's open orders "
                + "in HALFUSDT")
            .contains("equity 1.8 <= maintenance margin 1.818: liquidated")
            .contains("means: order 42/1 goes to the book: sell 2 HALFUSDT, immediate-or-cancel, reduce-only, limit 90"
                + " (the position's bankruptcy price now, on the tick); the whole position")
            .contains("Fill                   correlationId=28 eventTime=28 account=3 instrumentId=2 symbol=HALFUSDT "
                + "side=sell quantity=1 price=90 fee=0 tradeId=3 liquidationSequence=42 liquidationIndex=1")
            .contains("means: the book filled 1 of order 42/1 at 90; the realized -10 is settled in the position's "
                + "isolated margin (now 10); 1 left of the order")
            .contains("LiquidationOrderDone   correlationId=29 eventTime=29 liquidationSequence=42 liquidationIndex=1 "
                + "account=3 instrumentId=2 symbol=HALFUSDT filledQuantity=1")
            .contains("means: order 42/1 ended, 1 filled; liquidation fee 0 to the insurance fund; the 1 the book did "
                + "not take goes to the insurance fund")
            .contains("means: the insurance fund takes over 1 HALFUSDT at 90; the account realizes -10")
            .contains("account 3 at sequence 65: wallet 19980");

        final String[] partial = liq(ReplayCommand::new, "--config", config.toString(), "--account", "1");
        assertThat(partial[1]).contains("means: order 23/1 goes to the book: sell 15.41 STEPUSDT, immediate-or-cancel,"
            + " reduce-only, limit 90 (the position's bankruptcy price now, on the tick); a partial step: 1084.59 "
            + "stays, in the tier below");
        final String[] best = liq(ReplayCommand::new, "--config", config.toString(), "--account", "2");
        assertThat(best[1]).contains("means: the position is closed; what was left of its isolated margin, 0.319, "
            + "goes to the insurance fund (clearance)");
        final String[] cross = liq(ReplayCommand::new, "--config", config.toString(), "--account", "4");
        assertThat(cross[1]).contains("in every instrument (cross)")
            .contains("the realized -19 is settled in the wallet (now 81)")
            .contains("means: order 55/1 ended, 0 filled; liquidation fee 0 to the insurance fund\n")
            .contains("means: the insurance fund takes over 10 XUSDT at 91.9; the account realizes -81");
    }

    @Test
    void theHistoryOfAnAccountExplainsItsAutoDeleveragingAndShowsItsAdlIndicator()
    {
        // #50: the fund takes account 5's 10 GAPUSDT over at 90 with the mark at 80, then closes 4 against account 8
        // (short 4 at 100: buys 4 at the ADL price 90, realizes 4 x 10 = 40) and 5.16 against account 6
        final String[] best = liq(ReplayCommand::new, "--config", config.toString(), "--account", "8");
        assertThat(best[0]).isEqualTo("0");
        assertThat(best[1]).contains("AutoDeleveraged")
            .contains("means: auto-deleveraged: the account buys 4 GAPUSDT to reduce its short, against the insurance "
                + "fund, at the ADL price 90 (the mark moved against the position so the fund recovers what a takeover"
                + " cost it; not a price of the book); it realizes 40");
        final String[] second = liq(ReplayCommand::new, "--config", config.toString(), "--account", "6");
        assertThat(second[1]).contains("the account buys 5.16 GAPUSDT to reduce its short")
            .contains("it realizes 51.6")
            // its 0.84 left ranks first of the two shorts (ScenariosTest works the ranks out)
            .contains("GAPUSDT cross size -0.84").contains(" ADL indicator 5");
        final String[] kept = liq(ReplayCommand::new, "--config", config.toString(), "--account", "7");
        assertThat(kept[1]).contains("GAPUSDT cross size -3").contains(" ADL indicator 3");
        final String[] fund = liq(ReplayCommand::new, "--config", config.toString(), "--account", "0");
        assertThat(fund[1]).contains("means: ADL: the insurance fund sells 4 GAPUSDT to reduce the long it took over,"
            + " against a counterparty, at the ADL price 90, realizing 0")
            .contains("means: ADL: the insurance fund sells 5.16 GAPUSDT");
    }

    @Test
    void theDumpShowsTheEndsOfOrdersAndTheIdsOfLiquidationFills()
    {
        final String[] ends = liq(DumpCommand::new, "--config", config.toString(), "--type", "LiquidationOrderDone");
        // the dump has no state: the order's instrument, and so the quantity's decimals, are not in the input
        assertThat(ends[1].lines()).hasSize(7).first().asString().contains("liquidationSequence=23")
            .contains("liquidationIndex=1").contains("filledQuantityUnits=1541");
        final String[] fills = liq(DumpCommand::new, "--config", config.toString(), "--json", "--type", "Fill",
            "--account", "4");
        assertThat(fills[1].lines()).filteredOn(l -> l.contains("\"liquidationSequence\"")).singleElement()
            .asString().contains("\"price\":\"98.1\"").contains("\"liquidationIndex\":1");
        final String[] definitions = liq(DumpCommand::new, "--config", config.toString(), "--type",
            "InstrumentDefinition", "--instrument", "STEPUSDT");
        assertThat(definitions[1]).contains("liquidationFeeRate=0.005 partialFromTier=2");
    }

    /** Runs a command; returns its exit code, standard output and standard error. */
    private static String[] liq(final BiFunction<PrintStream, PrintStream, Callable<Integer>> command,
        final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = new CommandLine(command.apply(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }
}
