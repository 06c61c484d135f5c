package com.liqengine.metrics;

import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.LatencyCounters;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.pipeline.LatencyValue;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.EngineRuntime;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running engine ({@link EngineRuntime}) measures every input: its metrics thread publishes the latencies to
 * the counters while it runs, and the latency log beside the counters file holds each input once per latency,
 * with the {@code eventTime} latency at least what the inputs were made to carry.
 */
class EngineMetricsTest
{
    private static final int INPUTS = 2_000;
    private static final long SENT_AGO_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    @TempDir
    Path dir;

    @Test
    void everyInputsLatenciesReachTheCountersAndTheLog() throws IOException
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(INPUTS + 1);
        try (EngineRuntime engine = EngineRuntime.start(config, MetricsConfig.defaults().withIntervalMs(50), null))
        {
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 0; i < INPUTS; i++)
            {
                // the matching engine sent it 5 ms ago (its clock: ms resolution here, so at least 5 ms ago)
                final long eventTime = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - SENT_AGO_NANOS;
                publisher.commit(publisher.claim().deposit(i, eventTime, i + 1, 1_000));
            }
            final LatencyCounters commit = engine.counters().latency(LatencyStage.COMMIT_TO_APPLIED);
            final LatencyCounters event = engine.counters().latency(LatencyStage.EVENT_TO_OUTPUT);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((commit.get(LatencyValue.TOTAL) < INPUTS || event.get(LatencyValue.TOTAL) < INPUTS)
                && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(commit.get(LatencyValue.TOTAL)).as("published to the counters while running").isEqualTo(INPUTS);
            assertThat(event.get(LatencyValue.TOTAL)).isEqualTo(INPUTS);
            assertThat(event.get(LatencyValue.OUT_OF_RANGE)).isZero();
        }

        final Map<String, Histogram> logged = readLog(dir.resolve("latency.hlog"));
        assertThat(logged.keySet()).containsExactlyInAnyOrder("commit-to-applied", "event-to-output");
        assertThat(logged.get("commit-to-applied").getTotalCount()).isEqualTo(INPUTS);
        final Histogram event = logged.get("event-to-output");
        assertThat(event.getTotalCount()).isEqualTo(INPUTS);
        assertThat(event.getMinValue()).as("no input is measured younger than it was made")
            .isGreaterThanOrEqualTo(SENT_AGO_NANOS * 999 / 1000);
        assertThat(event.getMaxValue()).as("nor older than it could be").isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    /** Every interval of the log, added up per tag. */
    private static Map<String, Histogram> readLog(final Path file) throws IOException
    {
        final Map<String, Histogram> byTag = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile()))
        {
            EncodableHistogram next;
            // from the log's start time on, as HdrHistogram's log processor reads: every interval starts after it
            while ((next = reader.nextIntervalHistogram(0, Long.MAX_VALUE)) != null)
            {
                final Histogram interval = (Histogram)next;
                byTag.computeIfAbsent(interval.getTag(), tag -> new Histogram(3)).add(interval);
            }
        }
        return byTag;
    }
}
