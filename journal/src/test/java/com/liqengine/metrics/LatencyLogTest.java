package com.liqengine.metrics;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The latency log is a standard HdrHistogram log (read back with {@link HistogramLogReader}: tags, counts and
 * values as written), rotated by size with a bounded number of older files, each with its own header.
 */
class LatencyLogTest
{
    private static final long START_MS = 1_780_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void intervalsAreReadBackWithTheirTagValuesAndTimes() throws IOException
    {
        final Path file = dir.resolve("latency.hlog");
        try (LatencyLog log = LatencyLog.open(file, 1 << 20, 3, START_MS))
        {
            log.write(interval("commit-to-applied", 1, 1_000, START_MS));
            log.write(interval("event-to-output", 1_000, 1_000_000, START_MS));
        }

        final List<Histogram> read = read(file);
        assertThat(read).extracting(Histogram::getTag).containsExactly("commit-to-applied", "event-to-output");
        assertThat(read.get(0).getTotalCount()).isEqualTo(1_000);
        assertThat(read.get(0).getValueAtPercentile(50)).isCloseTo(500L, within(1L));
        assertThat(read.get(1).getMaxValue()).as("the largest of 1,000 to 1,000,999, to 3 digits")
            .isCloseTo(1_000_999L, within(1_001L));
        assertThat(read.get(1).getStartTimeStamp()).isEqualTo(START_MS);
        assertThat(read.get(1).getEndTimeStamp()).isEqualTo(START_MS + 1_000);
        assertThat(Files.readString(file)).startsWith("#liq latency log").contains("#[StartTime: 1780000000");
    }

    @Test
    void rotatesBySizeKeepingTheNewestFiles() throws IOException
    {
        final Path file = dir.resolve("latency.hlog");
        final int written = 60;
        final long maxBytes = 2_000;
        try (LatencyLog log = LatencyLog.open(file, maxBytes, 2, START_MS))
        {
            for (int i = 0; i < written; i++)
            {
                log.write(interval("commit-to-applied", i + 1, 100, START_MS + i * 1_000L));
            }
        }

        assertThat(dir.resolve("latency.1.hlog")).exists();
        assertThat(dir.resolve("latency.2.hlog")).exists();
        assertThat(dir.resolve("latency.3.hlog")).doesNotExist();
        final List<Histogram> newest = read(file);
        final List<Histogram> older = read(dir.resolve("latency.1.hlog"));
        final List<Histogram> oldest = read(dir.resolve("latency.2.hlog"));
        assertThat(newest).isNotEmpty();
        // one file follows on from the other: the last interval of each is just before the first of the next
        assertThat(older.get(older.size() - 1).getStartTimeStamp() + 1_000)
            .isEqualTo(newest.get(0).getStartTimeStamp());
        assertThat(oldest.get(oldest.size() - 1).getStartTimeStamp() + 1_000)
            .isEqualTo(older.get(0).getStartTimeStamp());
        assertThat(newest.get(newest.size() - 1).getMinValue()).isEqualTo(written);
        assertThat(newest.size() + older.size() + oldest.size()).as("the oldest intervals were deleted")
            .isLessThan(written);
        for (final Path path : List.of(file, dir.resolve("latency.1.hlog"), dir.resolve("latency.2.hlog")))
        {
            assertThat(Files.size(path)).as("%s: rotated once past %d bytes, by one line at most", path, maxBytes)
                .isLessThan(maxBytes + 500);
            assertThat(Files.readString(path)).as("each file has its own header").contains("#[StartTime:");
        }
    }

    @Test
    void aNewLogMovesThePreviousRunsLogAside() throws IOException
    {
        final Path file = dir.resolve("latency.hlog");
        try (LatencyLog log = LatencyLog.open(file, 1 << 20, 3, START_MS))
        {
            log.write(interval("commit-to-applied", 7, 1, START_MS));
        }
        try (LatencyLog log = LatencyLog.open(file, 1 << 20, 3, START_MS + 60_000))
        {
            log.write(interval("commit-to-applied", 9, 1, START_MS + 60_000));
        }

        assertThat(read(dir.resolve("latency.1.hlog"))).extracting(Histogram::getMaxValue).containsExactly(7L);
        assertThat(read(file)).extracting(Histogram::getMaxValue).containsExactly(9L);
    }

    /** Values from, from + 1, ... count of them, one second from startMs. */
    private static Histogram interval(final String tag, final long from, final int count, final long startMs)
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < count; i++)
        {
            histogram.recordValue(from + i);
        }
        histogram.setTag(tag);
        histogram.setStartTimeStamp(startMs);
        histogram.setEndTimeStamp(startMs + 1_000);
        return histogram;
    }

    private static List<Histogram> read(final Path file) throws IOException
    {
        final List<Histogram> histograms = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile()))
        {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null)
            {
                histograms.add((Histogram)next);
            }
        }
        return histograms;
    }
}
