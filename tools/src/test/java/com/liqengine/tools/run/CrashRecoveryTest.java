package com.liqengine.tools.run;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.QueueContext;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.Queues;
import com.liqengine.runtime.SnapshotSchedule;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.testing.MixedEvents;
import com.liqengine.tools.LiqProcess;
import com.liqengine.tools.engine.EngineConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test: {@code liq run} in its own JVM tails an input queue that this process keeps writing, and is
 * killed with SIGKILL at random moments, four times, each time restarted on the same folders. At the end its state
 * hash equals that of a clean run over the same inputs, its journal holds every input of the queue exactly once
 * (with its own snapshot requests where a clean run puts them), and its output queue holds every output of the
 * clean run exactly once, byte for byte.
 */
class CrashRecoveryTest
{
    private static final int ACCOUNTS = 300;
    private static final int EVENTS = 400_000;
    private static final int SNAPSHOT_INTERVAL = 10_000;
    private static final int KILLS = 4;
    private static final Pattern HASH = Pattern.compile("liq run: state hash ([0-9a-f]{16}) at sequence (\\d+)");

    @Test
    void killedFourTimesUnderLoadEndsAsTheCleanRunWithNothingLostOrWrittenTwice(@TempDir final Path dir)
        throws Exception
    {
        final Path configFile = writeConfig(dir, SNAPSHOT_INTERVAL);
        final EngineConfig config = EngineConfigFile.load(configFile);
        final long seed = System.nanoTime();
        final Random random = new Random(seed);

        final Thread writer = new Thread(() -> writeInputs(config.inputQueue()), "input-writer");
        writer.start();
        final List<String> logs = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++)
        {
            final Path log = dir.resolve("engine-" + kill + ".log");
            final Process engine = LiqProcess.start(log, "run", "--config", configFile.toString());
            awaitLog(engine, log, "liq run: reading");
            Thread.sleep(100 + random.nextInt(600));
            engine.destroyForcibly(); // SIGKILL
            assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
            logs.add(Files.readString(log, StandardCharsets.UTF_8));
        }
        writer.join();
        final Path lastLog = dir.resolve("engine-last.log");
        final Process last =
            LiqProcess.start(lastLog, "run", "--config", configFile.toString(), "--exit-when-idle", "2");
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        final String finalLog = Files.readString(lastLog, StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as(finalLog).isZero();
        System.out.println("CrashRecoveryTest (seed " + seed + "): recoveries after each kill:");
        for (final String text : logs.subList(1, logs.size()))
        {
            text.lines().filter(line -> line.startsWith("liq run: recovered") || line.startsWith("liq run: outputs"))
                .forEach(line -> System.out.println("  " + line));
        }
        finalLog.lines().filter(line -> line.startsWith("liq run: recovered")).forEach(System.out::println);

        final Clean clean = cleanRun(config);
        final Matcher matcher = HASH.matcher(finalLog.substring(finalLog.indexOf("liq run: reading")));
        assertThat(matcher.find()).as(finalLog).isTrue();
        assertThat(matcher.group(1)).isEqualTo(SnapshotFile.hex(clean.hash));
        assertThat(Long.parseLong(matcher.group(2))).isEqualTo(clean.inputs.size());

        final List<byte[]> journal = Queues.journal(config.journal());
        assertThat(journal).as("journaled inputs").hasSize(clean.inputs.size());
        for (int i = 0; i < journal.size(); i++)
        {
            assertThat(journal.get(i)).as("input %d", i + 1).isEqualTo(clean.inputs.get(i));
        }
        final List<byte[]> outputs = Queues.documents(config.outputs());
        assertThat(outputs).as("outputs").hasSize(clean.outputs.size());
        for (int i = 0; i < outputs.size(); i++)
        {
            assertThat(outputs.get(i)).as("output %d", i + 1).isEqualTo(clean.outputs.get(i));
        }
        // A kill may land after a batch holding a snapshot request was journaled but before it was applied; the
        // next recovery writes that snapshot, so the restarts after the first kill (the last one included) must
        // have used one at least once, however slow the machine.
        final List<String> restarts = new ArrayList<>(logs.subList(1, logs.size()));
        restarts.add(finalLog);
        assertThat(restarts.stream().anyMatch(text -> text.contains("from snapshot")))
            .as(String.join("\n", restarts)).isTrue();
    }

    /**
     * An input queue of three million inputs, the engine killed with SIGKILL once it has journaled most of them: the
     * restart resumes after the last journaled input-queue index, so it reads only the rest of the queue (its count
     * of inputs read proves it), and ends as one clean run. Prints the restart's time (process start to reading).
     */
    @Test
    void aRestartOnAQueueOfMillionsReadsOnlyWhatTheJournalLacks(@TempDir final Path dir) throws Exception
    {
        final int events = 3_000_000;
        final int interval = 500_000;
        final Path configFile = writeConfig(dir, interval);
        final EngineConfig config = EngineConfigFile.load(configFile);
        final MixedEvents market = new MixedEvents(ACCOUNTS, 78);
        final InputEncoder encoder = new InputEncoder();
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(config.inputQueue())))
        {
            for (int i = 0; i < market.setUpCount(); i++)
            {
                queue.append(encoder.buffer(), 0, market.setUp(i, encoder));
            }
            for (int n = 1; n <= events; n++)
            {
                queue.append(encoder.buffer(), 0, market.next(n, encoder));
            }
            queue.endOfBatch();
        }
        final long queued = market.setUpCount() + (long)events;

        final Path firstLog = dir.resolve("engine-first.log");
        final Process first = LiqProcess.start(firstLog, "run", "--config", configFile.toString());
        awaitLog(first, firstLog, "liq run: reading");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        long journaled = 0;
        while (journaled < queued * 9 / 10 && System.nanoTime() < deadline && first.isAlive())
        {
            Thread.sleep(50);
            try (JournalReader journal = JournalReader.open(config.journal()))
            {
                journaled = journal.inputCount();
            }
        }
        first.destroyForcibly(); // SIGKILL
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(journaled).as(LiqProcess.log(firstLog)).isGreaterThanOrEqualTo(queued * 9 / 10);
        final long fromQueue;
        try (JournalReader journal = JournalReader.open(config.journal()))
        {
            final long[] count = {0};
            journal.readAll((sequence, source, buffer, offset, length) -> count[0] += source >= 0 ? 1 : 0);
            fromQueue = count[0];
        }

        final Path lastLog = dir.resolve("engine-last.log");
        final long restartStart = System.nanoTime();
        final Process last =
            LiqProcess.start(lastLog, "run", "--config", configFile.toString(), "--exit-when-idle", "2");
        awaitLog(last, lastLog, "liq run: reading");
        final long restartMillis = (System.nanoTime() - restartStart) / 1_000_000;
        assertThat(last.waitFor(240, TimeUnit.SECONDS)).isTrue();
        final String log = Files.readString(lastLog, StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as(log).isZero();
        System.out.println("CrashRecoveryTest: restart on an input queue of " + queued + " inputs, " + fromQueue
            + " of them journaled before the kill: " + restartMillis + " ms from process start to reading the queue");
        log.lines().filter(line -> line.startsWith("liq run: recovered") || line.startsWith("liq run: reading")
            || line.startsWith("liq run: stopped after")).forEach(line -> System.out.println("  " + line));

        assertThat(log).contains("liq run: reading " + config.inputQueue() + " after index");
        final Matcher read = Pattern.compile("liq run: stopped after (\\d+) inputs").matcher(log);
        assertThat(read.find()).as(log).isTrue();
        assertThat(Long.parseLong(read.group(1))).as("inputs the restart read from the queue: only those not journaled")
            .isEqualTo(queued - fromQueue);
        final Matcher hash = HASH.matcher(log.substring(log.indexOf("liq run: reading")));
        assertThat(hash.find()).as(log).isTrue();
        assertThat(Long.parseLong(hash.group(2))).as("every queue input once, and a request every %d", interval)
            .isEqualTo(queued + queued / interval);
        // queue indexes only grow along a queue: all of them, each greater than the one before, is each once
        final long[] sources = {0, -1, 0};
        try (JournalReader journal = JournalReader.open(config.journal()))
        {
            journal.readAll((sequence, source, buffer, offset, length) ->
            {
                if (source >= 0)
                {
                    sources[0]++;
                    sources[2] += source > sources[1] ? 0 : 1;
                    sources[1] = source;
                }
            });
        }
        assertThat(sources[0]).as("journaled inputs from the queue").isEqualTo(queued);
        assertThat(sources[2]).as("queue indexes not above the one before").isZero();
    }

    private static void writeInputs(final Path inputQueue)
    {
        final MixedEvents events = new MixedEvents(ACCOUNTS, 77);
        final InputEncoder encoder = new InputEncoder();
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(inputQueue)))
        {
            for (int i = 0; i < events.setUpCount(); i++)
            {
                queue.append(encoder.buffer(), 0, events.setUp(i, encoder));
            }
            for (int n = 1; n <= EVENTS; n++)
            {
                queue.append(encoder.buffer(), 0, events.next(n, encoder));
                if (n % 5_000 == 0)
                {
                    queue.endOfBatch();
                    Thread.sleep(5);
                }
            }
            queue.endOfBatch();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The same inputs through a bare state machine, with the snapshot requests liq run injects. */
    private static Clean cleanRun(final EngineConfig config)
    {
        final Clean clean = new Clean();
        final MarginStateMachine engine = new MarginStateMachine(config.engineSettings(), (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            clean.outputs.add(copy);
        });
        final MixedEvents events = new MixedEvents(ACCOUNTS, 77);
        final InputEncoder encoder = new InputEncoder();
        long external = 0;
        for (int i = 0; i < events.setUpCount() + EVENTS; i++)
        {
            final int length = i < events.setUpCount() ? events.setUp(i, encoder) :
                events.next(i - events.setUpCount() + 1, encoder);
            clean.apply(engine, encoder, length);
            external++;
            if (external % SNAPSHOT_INTERVAL == 0)
            {
                clean.apply(engine, encoder,
                    encoder.snapshotRequest(SnapshotSchedule.INJECTED_CORRELATION_ID, external));
            }
        }
        clean.hash = engine.stateHash();
        return clean;
    }

    private static final class Clean
    {
        final List<byte[]> inputs = new ArrayList<>();
        final List<byte[]> outputs = new ArrayList<>();
        long hash;

        void apply(final MarginStateMachine engine, final InputEncoder encoder, final int length)
        {
            final byte[] copy = new byte[length];
            encoder.buffer().getBytes(0, copy);
            inputs.add(copy);
            engine.onInput(encoder.buffer(), 0, length);
        }
    }

    private static void awaitLog(final Process engine, final Path log, final String text) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final String content = LiqProcess.log(log);
            if (content.contains(text))
            {
                return;
            }
            if (!engine.isAlive())
            {
                throw new AssertionError("liq run exited " + engine.exitValue() + ":\n" + content);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("liq run did not print '" + text + "'");
    }

    /** An engine configuration with every path in {@code dir} and a snapshot every {@code interval} inputs. */
    private static Path writeConfig(final Path dir, final long interval) throws java.io.IOException
    {
        final Path configFile = dir.resolve("engine.yaml");
        Files.writeString(configFile, LiqProcess.pathsIn(dir)
            + "  snapshots: " + dir.resolve("snapshots") + "\n"
            + "engine: { maxAccounts: " + (ACCOUNTS + 1) + ", maxInstruments: 2 }\n"
            + "snapshots: { interval: " + interval + " }\n");
        return configFile;
    }
}
