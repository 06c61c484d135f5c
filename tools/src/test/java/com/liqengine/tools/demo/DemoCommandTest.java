package com.liqengine.tools.demo;

import com.liqengine.codec.AutoDeleveragedDecoder;
import com.liqengine.codec.InsuranceFundDeficitDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.OutputQueueReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq demo} runs the whole pipeline, shows liquidations of both modes, auto-deleverages after the generated
 * market's flash crash and on a real crash day, and leaves a journal holding every input it generated; the summary's
 * counts of auto-deleveraging and deficits are those of the output queue.
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
        // without --idle the demo runs the default strategy, and names it beside the latency it prints
        assertThat(text).containsPattern("latency +from ring commit to applied, [0-9,]+ inputs \\(.*the handler's "
            + "wait strategy backoff\\): p50 ");
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

        // the flash crash after 20,000 events leaves the fund below its floor: it auto-deleverages
        final long[] inQueue = deleveragingInQueue(dir.resolve("outputs"));
        assertThat(printedDeleveraging(text)).as(text).isPositive().isEqualTo(inQueue[0]);
        assertThat(printedDeficits(text)).as(text).isEqualTo(inQueue[1]);
        // the fund's unwind orders go to the book too
        final Matcher unwind = Pattern.compile("fund's unwind +([0-9,]+) orders of the fund to the book").matcher(text);
        assertThat(unwind.find()).as(text).isTrue();
        assertThat(number(unwind.group(1))).isPositive();
    }

    @Test
    void aRealCrashDayDeleveragesAndTheSummaryCountsEachAutoDeleveragedOutput(@TempDir final Path dir)
        throws IOException
    {
        final List<String> args = new ArrayList<>(List.of("--events", "100000", "--accounts", "1000", "--rate", "0",
            "--dir", dir.toString(), "--instruments", "../config/instruments.yaml", "--history"));
        try (Stream<Path> files = Files.list(Path.of("../config/history")))
        {
            files.filter(f -> f.getFileName().toString().startsWith("2021-05-19_")).sorted()
                .forEach(f -> args.add(f.toString()));
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exit = new picocli.CommandLine(new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err)).execute(args.toArray(String[]::new));
        final String text = out.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isZero();
        // 19 May 2021's gaps leave the fund below its floor of 0 after some takeovers, which deleverage; every close
        // is an AutoDeleveraged output for the counterparty and one for the fund
        final long printed = printedDeleveraging(text);
        assertThat(printed).as(text).isPositive();
        final long[] inQueue = deleveragingInQueue(dir.resolve("outputs"));
        assertThat(inQueue[0]).isEqualTo(printed);
        assertThat(printedDeficits(text)).as(text).isEqualTo(inQueue[1]);
        // config/instruments.yaml sets liquidation fees and partial liquidation from the third bracket
        final Matcher partial = Pattern.compile("; ([0-9,]+) of them partial").matcher(text);
        assertThat(partial.find()).as(text).isTrue();
        assertThat(number(partial.group(1))).isPositive();
        final Matcher fees = Pattern.compile("liquidation fees ([0-9.]+);").matcher(text);
        assertThat(fees.find()).as(text).isTrue();
        assertThat(new java.math.BigDecimal(fees.group(1))).isPositive();
    }

    @Test
    void aSummaryWithoutDeleveragingSaysWhy()
    {
        assertThat(DemoCommand.deleveragingLine(0, false)).contains("none: no takeover left the fund below its "
            + "floor of 0").contains("--history");
        assertThat(DemoCommand.deleveragingLine(0, true)).doesNotContain("--history");
        assertThat(DemoCommand.deleveragingLine(1_236, true)).contains("1,236 auto-deleveraged counterparties");
    }

    @Test
    void theDeficitLineGivesTheCountTheLargestShortfallAndTheLowestEquity()
    {
        assertThat(DemoCommand.deficitLine(0, 0, 0)).contains("deficits        none");
        assertThat(DemoCommand.deficitLine(376, 502_000_000_000_000L, -502_000_000_000_000L))
            .contains("376 InsuranceFundDeficit").contains("the largest shortfall 5020000")
            .contains("the fund's lowest equity -5020000");
    }

    private static long printedDeleveraging(final String text)
    {
        final Matcher deleveraging = Pattern.compile("deleveraging +([0-9,]+) auto-deleveraged counterparties")
            .matcher(text);
        return deleveraging.find() ? number(deleveraging.group(1)) : 0;
    }

    private static long printedDeficits(final String text)
    {
        final Matcher deficits = Pattern.compile("deficits +([0-9,]+) InsuranceFundDeficit").matcher(text);
        return deficits.find() ? number(deficits.group(1)) : 0;
    }

    /**
     * @return the AutoDeleveraged outputs of counterparties (not the fund's own) and the InsuranceFundDeficit
     *     outputs in the output queue.
     */
    private static long[] deleveragingInQueue(final Path outputsDir)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final AutoDeleveragedDecoder adl = new AutoDeleveragedDecoder();
        final long[] inQueue = new long[2];
        try (OutputQueueReader outputs = OutputQueueReader.open(outputsDir, true))
        {
            while (outputs.poll((index, buffer, offset, length) ->
            {
                header.wrap(buffer, offset);
                if (header.templateId() == AutoDeleveragedDecoder.TEMPLATE_ID
                    && adl.wrapAndApplyHeader(buffer, offset, header).accountId() != DemoMarket.FUND_ACCOUNT)
                {
                    inQueue[0]++;
                }
                else if (header.templateId() == InsuranceFundDeficitDecoder.TEMPLATE_ID)
                {
                    inQueue[1]++;
                }
            }, 4096) > 0)
            {
                // reads the whole queue
            }
        }
        return inQueue;
    }

    private static long number(final String text)
    {
        return Long.parseLong(text.replace(",", ""));
    }
}
