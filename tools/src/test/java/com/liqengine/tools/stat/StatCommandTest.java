package com.liqengine.tools.stat;

import com.liqengine.margin.EngineSettings;
import com.liqengine.pipeline.EngineContext;
import com.liqengine.pipeline.EngineCounters;
import com.liqengine.pipeline.FailingJournal;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.pipeline.PipelineLatency;
import com.liqengine.pipeline.LiquidationEngine;
import com.liqengine.pipeline.OutputChannel;
import com.liqengine.tools.Liq;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq stat} as a user runs it: the counters, the last latency interval's percentiles, then the errors of the
 * error log with their count and first and last time; an old counters file is refused.
 */
class StatCommandTest
{
    private static final long STOPPED_AT_MS = 1_767_225_600_000L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @Test
    void printsTheErrorOfAHandlerWithItsCountAndTimes()
    {
        final Path file = dir.resolve("counters.dat");
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(STOPPED_AT_MS);
        final EngineCounters counters = EngineCounters.create(file.toFile(), clock);
        final LiquidationEngine engine = LiquidationEngine.launch(new EngineContext()
            .marginSettings(new EngineSettings().maxAccounts(10).maxInstruments(1))
            .inputJournal(new FailingJournal(2, "journal disk on fire"))
            .outputChannel(new NoOutputs())
            .counters(counters)
            .ringSize(8));
        final InputPublisher publisher = engine.newPublisher();
        publisher.commit(publisher.claim().deposit(1, 0, 1, 100));
        publisher.commit(publisher.claim().deposit(2, 0, 1, 100));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.failure() == null && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        engine.close();
        counters.close();

        assertThat(run("--counters", file.toString(), "--count", "1")).isZero();

        final String text = out.toString(StandardCharsets.UTF_8);
        final String at = Instant.ofEpochMilli(STOPPED_AT_MS).toString();
        assertThat(text).containsPattern("\nerrors +1 +\n")
            .contains("error log: 1 distinct error, 1 in all")
            .contains("1 time, first " + at + ", last " + at + ":\n"
                + "    com.liqengine.pipeline.LiquidationEngine$HandlerStopped: the engine stopped at ring sequence 1 "
                + "on an unexpected error")
            .contains("    Caused by: java.lang.IllegalStateException: journal disk on fire\n"
                + "        at com.liqengine.pipeline.FailingJournal.append(")
            .doesNotContain("not in the log");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void repeatedErrorsAreOneEntryWithTheirCount()
    {
        final Path file = dir.resolve("counters.dat");
        final CachedEpochClock clock = new CachedEpochClock();
        try (EngineCounters counters = EngineCounters.create(file.toFile(), clock))
        {
            final IllegalStateException again = new IllegalStateException("again");
            for (int i = 0; i < 3; i++)
            {
                clock.update(STOPPED_AT_MS + i * 60_000L);
                counters.errorLog().onError(again);
            }
        }

        assertThat(run("--counters", file.toString(), "--count", "1")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("error log: 1 distinct error, 3 in all")
            .contains("3 times, first " + Instant.ofEpochMilli(STOPPED_AT_MS) + ", last "
                + Instant.ofEpochMilli(STOPPED_AT_MS + 120_000L) + ":\n    java.lang.IllegalStateException: again");
    }

    @Test
    void showsTheLastIntervalsLatencyPercentilesInMicroseconds()
    {
        final Path file = dir.resolve("counters.dat");
        try (EngineCounters counters = EngineCounters.create(file.toFile()))
        {
            // 1, 2, ... 100 µs in the interval; 3 inputs out of range since the start
            final Histogram interval = new Histogram(PipelineLatency.HIGHEST_TRACKABLE_NANOS, 3);
            for (int i = 1; i <= 100; i++)
            {
                interval.recordValue(i * 1_000L);
            }
            counters.latency(LatencyStage.COMMIT_TO_APPLIED).publish(interval, 3);
            counters.latency(LatencyStage.EVENT_TO_OUTPUT).publish(new Histogram(3), 0);
        }

        assertThat(run("--counters", file.toString(), "--count", "1")).isZero();

        final String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
            .containsPattern("\ncommit-to-applied +100 +50\\.\\d +99\\.\\d +100\\.\\d +100\\.\\d +100 +3\n")
            .containsPattern("\nevent-to-output +0 +0\\.0 +0\\.0 +0\\.0 +0\\.0 +0 +0\n")
            .as("the latencies are not listed as counters too").doesNotContain("latency commit-to-applied p50 ns");
    }

    @Test
    void noErrorsSaysSo()
    {
        final Path file = dir.resolve("counters.dat");
        EngineCounters.create(file.toFile()).close();

        assertThat(run("--counters", file.toString(), "--count", "1")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("error log: no errors");
    }

    @Test
    void aCountersFileOfTheOldLayoutIsRefusedNamingBothVersions() throws IOException
    {
        final Path file = dir.resolve("counters.dat");
        EngineCounters.create(file.toFile()).close();
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw"))
        {
            raw.seek(4);
            raw.writeInt(Integer.reverseBytes(1)); // version 1, little-endian as the engine writes it
        }

        assertThat(run("--counters", file.toString(), "--count", "1")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("liq stat: " + file + " has counters layout "
            + "version 1, this build reads version " + EngineCounters.VERSION);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private int run(final String... args)
    {
        assertThat(Liq.commandLine().getSubcommands()).containsKey("stat");
        return new CommandLine(new StatCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }

    /** The engine's outputs, dropped: only its error matters here. */
    private static final class NoOutputs implements OutputChannel
    {
        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
        }

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public void close()
        {
        }
    }
}
