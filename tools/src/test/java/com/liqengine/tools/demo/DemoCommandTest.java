package com.liqengine.tools.demo;

import com.liqengine.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq demo} runs the whole pipeline, shows liquidations of both modes, and leaves a journal holding
 * every input it generated.
 */
class DemoCommandTest
{
    @Test
    void smallDemoLiquidatesInBothModesAndJournalsEveryInput(@TempDir final Path dir)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exit = new picocli.CommandLine(new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err)).execute("--events", "60000", "--accounts", "300", "--rate", "0", "--dir", dir.toString());
        final String text = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isZero();
        assertThat(text).contains("LIQUIDATED").contains("Summary").contains("latency").contains("p99.9");
        final Matcher liquidations = Pattern.compile("liquidations +([0-9,]+): isolated ([0-9,]+), cross ([0-9,]+)")
            .matcher(text);
        assertThat(liquidations.find()).as(text).isTrue();
        assertThat(number(liquidations.group(2))).isPositive();
        assertThat(number(liquidations.group(3))).isPositive();
        assertThat(number(liquidations.group(1))).isEqualTo(number(liquidations.group(2))
            + number(liquidations.group(3)));

        // market mode: every liquidation order is answered by the simulated book and ends exactly once
        final Matcher orders = Pattern.compile("orders +([0-9,]+) liquidation orders to the book, ([0-9,]+) ended: "
            + "the simulated book filled ([0-9,]+) in full, ([0-9,]+) in part, ([0-9,]+) not at all, in ([0-9,]+) "
            + "liquidation fills \\(([0-9,]+) book inputs\\)").matcher(text);
        assertThat(orders.find()).as(text).isTrue();
        final long sent = number(orders.group(1));
        assertThat(sent).isPositive();
        assertThat(number(orders.group(2))).isEqualTo(sent);
        assertThat(number(orders.group(3)) + number(orders.group(4)) + number(orders.group(5))).isEqualTo(sent);
        assertThat(number(orders.group(6))).isPositive();
        // an end per order, and a fill or two per order the book filled (a fill the engine refused, e.g. when an
        // ordinary fill closed the position first, is a book input without a LiquidationFill)
        final long bookInputs = number(orders.group(7));
        assertThat(bookInputs).isGreaterThanOrEqualTo(sent + number(orders.group(6)));

        final long setUp = new DemoMarket(1, 300).setUpCount();
        try (JournalReader journal = JournalReader.open(dir.resolve("journal")))
        {
            assertThat(journal.readAll((sequence, source, buffer, offset, length) ->
            {
            })).isEqualTo(setUp + 60_000 + bookInputs);
        }
    }

    private static long number(final String text)
    {
        return Long.parseLong(text.replace(",", ""));
    }
}
