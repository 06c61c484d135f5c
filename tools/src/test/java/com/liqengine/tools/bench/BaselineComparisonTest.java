package com.liqengine.tools.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code liq bench --baseline}: a saved run's summary read back and compared, as ratios, with another's.
 */
class BaselineComparisonTest
{
    private static final Path SAVED = Path.of("..", "perf", "results", "bench-calm");

    @Test
    void aRunAgainstASavedOneGivesTheRatioOfEachMeasure() throws IOException
    {
        final String baseline = BaselineComparison.readBaseline(SAVED);
        // the same run with the engine's throughput halved and its p99 at 100,000/s doubled
        final String current = baseline
            .replace("| 2,000,000 | 2.08 | 961,685 |", "| 2,000,000 | 4.16 | 480,842 |")
            .replace("| 3.8 | 40.5 | 7196.7 |", "| 3.8 | 40.5 | 14393.4 |");
        final String comparison = BaselineComparison.compare(current, baseline, "bench-calm");

        assertThat(comparison).startsWith("## Against the baseline bench-calm")
            .contains("| engine (ring, journal, state machine, output queue), events/s | 961,685 | 480,842 | 0.50 |")
            .contains("| bare Chronicle append, events/s | 1,800,918 | 1,800,918 | 1.00 |")
            .contains("| 100,000/s, engine (ring, journal, state machine, output queue), p99 µs | 7196.7 | 14393.4 "
                + "| 2.00 |")
            .contains("| 100,000/s, bare Disruptor pass-through, p50 µs | 1.8 | 1.8 | 1.00 |");
        // three subjects of throughput, six rows of latency with four percentiles each
        assertThat(comparison.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| measure"))).hasSize(3 + 24);
    }

    @Test
    void aFolderWithoutASummaryIsNamed(@TempDir final Path dir) throws IOException
    {
        assertThatThrownBy(() -> BaselineComparison.readBaseline(dir))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(dir.resolve("summary.md").toString())
            .hasMessageContaining("no summary of a liq bench run");
        Files.writeString(dir.resolve("summary.md"), "# something else\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BaselineComparison.readBaseline(dir))
            .hasMessageContaining("no 'Maximum throughput' table");
    }
}
