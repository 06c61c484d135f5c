package com.liqengine.tools.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq cluster bench} at a low rate for a few seconds, with a failover: every input sent is acknowledged once
 * (applied, or duplicate after the leader's close), and every run's row has its percentiles.
 */
class ClusterBenchCommandTest
{
    private static final Pattern CLUSTER_COUNTS = Pattern.compile("cluster, fileSync none: ([\\d,]+) inputs sent, "
        + "[\\d,]+ envelopes offered \\(([\\d,]+) resent\\); acknowledged ([\\d,]+) applied, ([\\d,]+) duplicate, "
        + "([\\d,]+) refused, ([\\d,]+) never .*; (\\d+) new leaders");
    private static final Pattern SINGLE_COUNTS =
        Pattern.compile("single process: ([\\d,]+) inputs published, ([\\d,]+) applied");
    private static final Pattern FAILOVER = Pattern.compile("\\| member \\d, [\\d.]+ s in \\| [\\d,]+ ms \\| "
        + "[\\d,]+ ms \\(member \\d\\) \\| [\\d,]+ ms \\| ([\\d,]+) ms \\| ([\\d,]+) \\| ([\\d,]+) \\| ([\\d,]+) \\|");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aShortRunAcknowledgesEveryInputOnceAndPrintsEveryPercentile() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Path output = dir.resolve("out");
        final int exit = new CommandLine(new ClusterBenchCommand(print(out), print(err))).execute(
            "--rate", "500", "--seconds", "2", "--warmup", "0", "--closed-seconds", "1", "--closed-inputs", "3000",
            "--window", "100", "--accounts", "20", "--sync", "none", "--failover", "--failover-seconds", "3",
            "--dir", dir.resolve("files").toString(), "--output", output.toString());
        final String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text + err.toString(StandardCharsets.UTF_8)).isZero();

        final Matcher single = find(SINGLE_COUNTS, text);
        assertThat(number(single, 2)).as("single process: applied = published").isEqualTo(number(single, 1));
        final Matcher cluster = find(CLUSTER_COUNTS, text);
        final long sent = number(cluster, 1);
        final long applied = number(cluster, 3);
        final long duplicates = number(cluster, 4);
        // 231 set-up inputs, 1,000 measured, some closed loop, 1,500 in the failover run
        assertThat(sent).as("inputs sent to the cluster").isGreaterThan(231 + 1_000 + 1_500);
        assertThat(applied + duplicates + number(cluster, 6)).as("acknowledged: applied, duplicate or passed over")
            .isEqualTo(sent);
        assertThat(number(cluster, 5)).as("refused").isZero();
        assertThat(duplicates).as("duplicates are resent inputs").isLessThanOrEqualTo(number(cluster, 2));
        assertThat(number(cluster, 7)).as("new leaders").isEqualTo(1);

        for (final String row : List.of("| single process | open loop 500/s | 1,000 |",
            "| single process | closed loop, window 100 |", "| cluster, fileSync none | open loop 500/s | 1,000 |",
            "| cluster, fileSync none | closed loop, window 100 |",
            "| cluster, fileSync none | open loop 500/s, leader closed | 1,500 |"))
        {
            final String line = text.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + row + " in\n" + text));
            final String[] cells = line.split("\\|");
            // cells: "", subject, run, inputs, seconds, inputs/s, p50, p90, p99, p99.9, max, ...
            double previous = 0;
            for (int cell = 6; cell <= 10; cell++)
            {
                final double micros = Double.parseDouble(cells[cell].trim().replace(",", ""));
                assertThat(micros).as(row + " percentile column " + cell).isPositive()
                    .isGreaterThanOrEqualTo(previous);
                previous = micros;
            }
            assertThat(Double.parseDouble(cells[5].trim().replace(",", ""))).as(row + " inputs/s").isPositive();
        }
        final Matcher failover = find(FAILOVER, text);
        assertThat(number(failover, 1)).as("first acknowledgement from the new leader, ms").isPositive();
        assertThat(number(failover, 4)).as("applied in the failover run").isPositive();
        assertThat(Files.readString(output.resolve("summary.md"))).contains("## Failover", "## Counts");
        assertThat(output.resolve("cluster-filesync-none-open-loop-500-s.hgrm")).exists();
        assertThat(dir.resolve("files")).isEmptyDirectory();
    }

    private static Matcher find(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in\n" + text).isTrue();
        return matcher;
    }

    private static long number(final Matcher matcher, final int group)
    {
        return Long.parseLong(matcher.group(group).replace(",", ""));
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
