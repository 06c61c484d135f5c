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

        final long setUp = new DemoMarket(1, 300).setUpCount();
        try (JournalReader journal = JournalReader.open(dir.resolve("journal")))
        {
            assertThat(journal.readAll((index, buffer, offset, length) ->
            {
            })).isEqualTo(setUp + 60_000);
        }
    }

    private static long number(final String text)
    {
        return Long.parseLong(text.replace(",", ""));
    }
}
