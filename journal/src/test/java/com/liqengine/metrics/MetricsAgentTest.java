package com.liqengine.metrics;

import com.liqengine.pipeline.EngineCounters;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.pipeline.LatencyValue;
import com.liqengine.pipeline.PipelineLatency;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics agent ends an interval once per interval of its clock, a late one included, never twice for the same
 * one, writes each latency's histogram per interval to the log, and ends a last one when it closes.
 */
class MetricsAgentTest
{
    private static final long START_MS = 1_780_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void endsOneIntervalPerIntervalOfItsClockAndALastOneOnClose() throws IOException
    {
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(START_MS);
        final Path file = dir.resolve("latency.hlog");
        try (EngineCounters counters = EngineCounters.inMemory())
        {
            final MetricsAgent agent = new MetricsAgent(new PipelineLatency(), counters,
                LatencyLog.open(file, 1 << 20, 1, START_MS), clock, 1_000);

            assertThat(doWorkAt(agent, clock, START_MS + 999)).isZero();
            assertThat(doWorkAt(agent, clock, START_MS + 1_000)).isOne();
            assertThat(doWorkAt(agent, clock, START_MS + 1_000)).as("not twice").isZero();
            // late by 3.5 intervals: one interval now, the next at the next whole interval
            assertThat(doWorkAt(agent, clock, START_MS + 5_500)).isOne();
            assertThat(doWorkAt(agent, clock, START_MS + 5_999)).isZero();
            assertThat(doWorkAt(agent, clock, START_MS + 6_000)).isOne();
            assertThat(intervalLines(file)).isEqualTo(3 * LatencyStage.values().length);
            agent.onClose();

            assertThat(intervalLines(file)).isEqualTo(4 * LatencyStage.values().length);
            assertThat(counters.latency(LatencyStage.COMMIT_TO_APPLIED).get(LatencyValue.TOTAL)).isZero();
        }
        assertThat(Files.readString(file)).contains("Tag=commit-to-applied,").contains("Tag=event-to-output,");
    }

    private static int doWorkAt(final MetricsAgent agent, final CachedEpochClock clock, final long timeMs)
    {
        clock.update(timeMs);
        return agent.doWork();
    }

    private static long intervalLines(final Path file) throws IOException
    {
        return Files.readAllLines(file).stream().filter(line -> line.startsWith("Tag=")).count();
    }
}
