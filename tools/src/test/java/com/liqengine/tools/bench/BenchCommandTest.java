package com.liqengine.tools.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq bench} on a tiny setting: every run of the plan happens and every file of the report is written.
 * (It measures nothing here: performance is measured by running it, never asserted in a unit test.)
 */
class BenchCommandTest
{
    @Test
    void tinyBenchWritesTheWholeReport(@TempDir final Path dir) throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exit = new picocli.CommandLine(new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
            .execute("--rates", "2000,4000", "--seconds", "1", "--warmup", "1", "--max-events", "20000",
                "--accounts", "100", "--out", dir.toString(), "--baseline", "../perf/results/bench-calm");

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        for (final String file : new String[]{"summary.md", "latency.hlog", "latency.png", "engine-max.hgrm",
            "disruptor-max.hgrm", "chronicle-max.hgrm", "engine-2000.hgrm", "disruptor-4000.hgrm"})
        {
            assertThat(dir.resolve(file)).isNotEmptyFile();
        }
        final String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(summary).contains("| engine (ring, journal, state machine, output queue) | 20,000 |")
            .contains("| bare Chronicle append | 20,000 |")
            .containsPattern("\\| 2,000 \\| engine \\(ring[^|]*\\| [0-9,]+ \\|")
            .containsPattern("\\| 4,000 \\| bare Disruptor pass-through \\| [0-9,]+ \\|")
            // against the saved run: its throughput rows (the rates differ, so no latency rows)
            .contains("## Against the baseline ../perf/results/bench-calm")
            .containsPattern("\\| bare Chronicle append, events/s \\| 1,800,918 \\| [0-9,]+ \\| [0-9.]+ \\|");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("## Against the baseline");
        if (Files.isDirectory(Path.of("/proc/self/task")))
        {
            // each open-loop window's threads as the kernel accounted them: the handler ran, the publisher too
            assertThat(summary).contains("## Threads in each open-loop window")
                .containsPattern("\\| 2,000 \\| engine \\| [1-9][0-9]* \\| [0-9.]+ \\| [0-9,]+ / [0-9,]+ "
                    + "\\| [0-9,]+ \\| [1-9][0-9]* \\|")
                .containsPattern("\\| 4,000 \\| disruptor \\| [1-9][0-9]* \\|");
            // the closed loop per second of the working thread's CPU: the engine's handler, the ring's handler and
            // the thread that appended to bare Chronicle, each with its CPU time and a ratio
            assertThat(summary).contains("## Closed loop per second of CPU")
                .containsPattern("\\| engine \\(ring[^|]*\\| liq-handler-0 \\| [0-9]+ \\| [0-9.]+ \\| "
                    + "[1-9][0-9,]* \\|  \\|")
                .containsPattern("\\| bare Disruptor pass-through \\| liq-pass-throug \\| [0-9]+ \\| [0-9.]+ \\| "
                    + "[1-9][0-9,]* \\| [0-9]+\\.[0-9]{2} \\|")
                .containsPattern("\\| bare Chronicle append \\| [^|]+ \\| [0-9]+ \\| [0-9.]+ \\| [1-9][0-9,]* "
                    + "\\| [0-9]+\\.[0-9]{2} \\|");
        }
        try (var files = Files.list(dir))
        {
            assertThat(files.filter(Files::isDirectory)).as("temporary queues are deleted").isEmpty();
        }
    }

    @Test
    void aBaselineThatIsNoRunIsRefusedBeforeAnythingRuns(@TempDir final Path dir)
    {
        final java.io.PrintStream err = System.err;
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try
        {
            final int exit = new picocli.CommandLine(new BenchCommand(new PrintStream(new ByteArrayOutputStream())))
                .execute("--out", dir.resolve("out").toString(), "--baseline", dir.toString());
            assertThat(exit).isEqualTo(2);
        }
        finally
        {
            System.setErr(err);
        }
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("liq bench: --baseline ")
            .contains("no summary of a liq bench run");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
