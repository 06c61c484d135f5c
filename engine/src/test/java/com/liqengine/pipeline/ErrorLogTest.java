package com.liqengine.pipeline;

import com.liqengine.margin.EngineSettings;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The error log of the counters file (docs/pipeline.md): an exception in a handler is recorded once, with its
 * count, times and text, where another process reads it back from the file; a repeat adds to its count; an old
 * counters file is refused naming both versions.
 */
class ErrorLogTest
{
    private static final long FIRST_MS = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Topology.class)
    void anExceptionInAHandlerIsInTheErrorLogReadBackFromTheFile(final Topology topology)
    {
        final Path file = dir.resolve("counters.dat");
        final CachedEpochClock clock = new CachedEpochClock();
        clock.update(FIRST_MS);
        final EngineCounters counters = EngineCounters.create(file.toFile(), clock);
        final LiquidationEngine engine = LiquidationEngine.launch(new EngineContext()
            .marginSettings(new EngineSettings().maxAccounts(10).maxInstruments(1))
            .inputJournal(new FailingJournal(3, "disk on fire"))
            .outputChannel(new RecordingOutputChannel(new MemoryJournal()))
            .counters(counters)
            .topology(topology)
            .ringSize(8));
        final InputPublisher publisher = engine.newPublisher();
        for (int i = 0; i < 3; i++)
        {
            publisher.commit(publisher.claim().deposit(i, 0, 1, 100));
        }
        awaitFailure(engine);
        engine.close();
        awaitHandlerThreadsEnded();
        counters.close();

        assertThat(engine.failure()).hasMessage("disk on fire");
        assertThat(counters.errors()).as("reported once, not again by the dying thread").isEqualTo(1);
        final List<String> errors = new ArrayList<>();
        try (CountersFile read = CountersFile.open(file.toFile()))
        {
            final int distinct = read.readErrors((count, first, last, text) ->
                errors.add(count + " " + first + " " + last + " " + text));
            assertThat(distinct).isEqualTo(1);
            assertThat(read.counter(EngineCounters.ERRORS_LABEL)).isEqualTo(1);
        }
        assertThat(errors.get(0))
            .startsWith("1 " + FIRST_MS + " " + FIRST_MS + " com.liqengine.pipeline.LiquidationEngine$HandlerStopped: "
                + "the engine stopped at ring sequence 2 on an unexpected error")
            .contains("Caused by: java.lang.IllegalStateException: disk on fire")
            .contains("at com.liqengine.pipeline.FailingJournal.append");
    }

    @Test
    void aRepeatedErrorAddsToItsCountAndLastTime()
    {
        final CachedEpochClock clock = new CachedEpochClock();
        final EngineErrorLog log = new EngineErrorLog(new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), clock,
            null);
        final IllegalStateException repeated = new IllegalStateException("again");
        clock.update(FIRST_MS);
        log.onError(repeated);
        clock.update(FIRST_MS + 1_000);
        log.onError(new IllegalArgumentException("other"));
        clock.update(FIRST_MS + 5_000);
        log.onError(repeated);

        final List<String> read = new ArrayList<>();
        assertThat(log.read((count, first, last, text) -> read.add(count + " " + first + " " + last + " "
            + text.lines().findFirst().orElseThrow()))).isEqualTo(2);
        assertThat(read).containsExactly(
            "2 " + FIRST_MS + " " + (FIRST_MS + 5_000) + " java.lang.IllegalStateException: again",
            "1 " + (FIRST_MS + 1_000) + " " + (FIRST_MS + 1_000) + " java.lang.IllegalArgumentException: other");
        assertThat(log.errors()).isEqualTo(3);
        assertThat(log.unrecorded()).isZero();
    }

    @Test
    void aFullOrClosedLogStillCountsWhatItCannotRecord()
    {
        final EngineErrorLog log = EngineErrorLog.inMemory(256);
        log.onError(new IllegalStateException("too long a stack trace for 256 bytes"));
        assertThat(log.errors()).isEqualTo(1);
        assertThat(log.unrecorded()).isEqualTo(1);

        log.close();
        log.onError(new IllegalStateException("after close"));
        assertThat(log.errors()).isEqualTo(2);
        assertThat(log.unrecorded()).isEqualTo(2);
        assertThat(log.read((count, first, last, text) ->
        {
        })).isZero();
    }

    @Test
    void aCountersFileOfAnotherLayoutVersionIsRefusedNamingBoth() throws IOException
    {
        final Path file = dir.resolve("old.dat");
        EngineCounters.create(file.toFile()).close();
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw"))
        {
            raw.seek(EngineCounters.VERSION_OFFSET);
            raw.writeInt(Integer.reverseBytes(1)); // the header is little-endian
        }

        assertThatThrownBy(() -> CountersFile.open(file.toFile())).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith(file + " has counters layout version 1, this build reads version "
                + EngineCounters.VERSION);
        assertThat(EngineCounters.VERSION).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotACountersFileIsRefused() throws IOException
    {
        final Path file = Files.write(dir.resolve("other.dat"), new byte[4096]);

        assertThatThrownBy(() -> CountersFile.open(file.toFile())).isInstanceOf(IllegalStateException.class)
            .hasMessage(file + " is not a liq counters file (or the engine has not started)");
    }

    /** The failed handler's thread ends by throwing: what it throws must not be reported a second time. */
    private static void awaitHandlerThreadsEnded()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("liq-handler-"))
            {
                try
                {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ex);
                }
                assertThat(thread.isAlive()).as(thread.getName()).isFalse();
            }
        }
    }

    private static void awaitFailure(final LiquidationEngine engine)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.failure() == null && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
