package com.liqengine.tools.stress;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad history and portfolio files: exit 2 with {@code FILE:LINE: what is wrong}, nothing on standard output, no
 * stack trace; a gap is only a warning with its count.
 */
class StressInputErrorsTest
{
    private static final long T0 = 1_621_382_400_000L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeInstrumentsAndPortfolio() throws IOException
    {
        Files.write(dir.resolve("instruments.yaml"), List.of(
            "instruments:",
            "  - symbol: AAAUSDT",
            "    tickSize: \"0.1\"",
            "    stepSize: \"1\"",
            "    tiers: [ { maxNotional: \"1000000\", maxLeverage: 20, mmr: \"0.01\", maintenanceAmount: \"0\" } ]"));
        portfolio("AAAUSDT");
    }

    @Test
    void aPriceThatIsNotANumberNamesFileLineAndField() throws IOException
    {
        final Path file = bars("AAAUSDT_1m.csv", T0 + ",100,101,99,100,0", (T0 + 60_000) + ",100,1O1,99,100,0");

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(error()).isEqualTo(file + ":2: 'high' is not a decimal number: '1O1'");
    }

    @Test
    void aLineWithTooFewColumnsIsRefused() throws IOException
    {
        final Path file = bars("AAAUSDT_1m.csv", "open_time,open,high,low,close", T0 + ",100,101,99");

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(error()).startsWith(file + ":2: expected at least 5 columns (open_time, open, high, low, close)");
    }

    @Test
    void aBarWhoseHighIsBelowItsCloseIsRefused() throws IOException
    {
        final Path file = bars("AAAUSDT_1m.csv", T0 + ",100,101,99,102,0");

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(error()).startsWith(file + ":1: the bar's high 101 and low 99 must enclose its open 100 and close");
    }

    @Test
    void timesThatGoBackwardsAreRefused() throws IOException
    {
        final Path file = bars("AAAUSDT_1m.csv", T0 + ",100,101,99,100,0", (T0 + 60_000) + ",100,101,99,100,0",
            (T0 + 30_000) + ",100,101,99,100,0");

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(error()).startsWith(file + ":3: open_time " + (T0 + 30_000) + " is not after the bar before it");
    }

    @Test
    void filesOfOneSymbolThatOverlapAreRefused() throws IOException
    {
        final Path first = bars("day1_AAAUSDT_1m.csv", T0 + ",100,101,99,100,0", (T0 + 60_000) + ",100,101,99,100,0");
        final Path second = bars("day2_AAAUSDT_1m.csv", (T0 + 60_000) + ",100,101,99,100,0");

        assertThat(run(second.toString(), first.toString())).isEqualTo(2);
        assertThat(error()).startsWith(second + ":1: overlaps " + first + " (both hold AAAUSDT at 2021-05-19 00:01:00");
    }

    @Test
    void aGapIsAWarningWithItsCount() throws IOException
    {
        // 00:00, then 00:03: the bars of 00:01 and 00:02 are missing
        final Path file = bars("AAAUSDT_1m.csv", T0 + ",100,101,99,100,0", (T0 + 180_000) + ",100,101,99,100,0",
            (T0 + 240_000) + ",100,101,99,100,0");

        assertThat(run(file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("warning: AAAUSDT: 2 bars missing in gaps");
    }

    @Test
    void aPortfolioSymbolWithoutHistoryIsNamed() throws IOException
    {
        final Path file = bars("BBBUSDT_1m.csv", T0 + ",100,101,99,100,0");

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(error()).isEqualTo(dir.resolve("portfolio.yaml") + ":3: no history for AAAUSDT (give its price "
            + "file with --history; files given are for BBBUSDT)");
    }

    @Test
    void aPortfolioSymbolWithoutInstrumentIsNamed() throws IOException
    {
        portfolio("CCCUSDT");
        final Path file = bars("CCCUSDT_1m.csv", T0 + ",100,101,99,100,0");

        assertThat(run(file.toString())).isEqualTo(2);
        assertThat(error()).startsWith(dir.resolve("portfolio.yaml") + ":3: no instrument CCCUSDT in ");
    }

    private void portfolio(final String symbol) throws IOException
    {
        Files.write(dir.resolve("portfolio.yaml"), List.of("wallet: \"1000\"", "positions:",
            "  - { symbol: " + symbol + ", side: short, notional: \"500\", leverage: 5, mode: isolated }"));
    }

    private Path bars(final String name, final String... lines) throws IOException
    {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private int run(final String... history)
    {
        final List<String> args = new ArrayList<>(List.of(dir.resolve("portfolio.yaml").toString(), "--instruments",
            dir.resolve("instruments.yaml").toString(), "--history"));
        args.addAll(List.of(history));
        return new CommandLine(new StressCommand(print(out), print(err))).execute(args.toArray(String[]::new));
    }

    private String error()
    {
        assertThat(out.size()).isZero();
        final String text = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
        return text;
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
