package com.liqengine.runtime;

import com.liqengine.api.OutputRecord;
import com.liqengine.journal.ChronicleInputJournal;
import com.liqengine.journal.ChronicleOutputChannel;
import com.liqengine.journal.JournalCorruptedException;
import com.liqengine.journal.OutputQueueEnd;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.replay.JournalReplay;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.snapshot.SnapshotStore;
import com.liqengine.testing.MixedEvents;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Recovery at start (docs/replay.md): the latest valid snapshot, then the journal's tail; outputs the queue
 * already holds are not written again and the missing ones are; a corrupt or truncated snapshot is reported and
 * the previous one used; a journal that does not continue the snapshot, or cannot be read, stops the start with
 * a clear message.
 */
class RecoveryTest
{
    private static final int ACCOUNTS = 200;
    private static final int EVENTS = 30_000;
    private static final int SNAPSHOT_EVERY = 10_000;

    @TempDir
    Path dir;

    @Test
    void restartRecoversFromTheLatestSnapshotAndContinuesAsOneCleanRun()
    {
        final EngineConfig config = config("restarted");
        final MixedEvents events = new MixedEvents(ACCOUNTS, 5);
        final long firstHash = run(config, events, 0, 25_000, true);

        final long secondHash;
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final RecoveryReport report = engine.recovery();
            assertThat(report.snapshotSequence()).isEqualTo(events.setUpCount() + 20_000 + 2);
            assertThat(report.snapshot()).hasFileName(SnapshotFile.name(report.snapshotSequence()));
            assertThat(report.replayed()).isEqualTo(5_000);
            assertThat(report.journalInputs()).isEqualTo(events.setUpCount() + 25_000 + 2);
            assertThat(report.outputsAlreadyWritten()).isPositive();
            assertThat(report.outputsWritten()).isZero();
            assertThat(report.rejectedSnapshots()).isEmpty();
            assertThat(report.stateHash()).isEqualTo(firstHash);
            assertThat(report.lines()).anyMatch(line -> line.contains("state hash " + SnapshotFile.hex(firstHash)));
            publish(engine.newPublisher(), events, 25_000, 35_000);
            engine.close();
            secondHash = engine.engine().stateMachine().stateHash();
        }

        final EngineConfig clean = config("clean");
        final MixedEvents same = new MixedEvents(ACCOUNTS, 5);
        assertThat(runAll(clean, same, 35_000)).isEqualTo(secondHash);
        assertSameQueues(config, clean);
    }

    @Test
    void outputsLostInACrashAreWrittenOnceOnRestart() throws IOException
    {
        final EngineConfig clean = config("clean");
        final long cleanHash = run(clean, new MixedEvents(ACCOUNTS, 9), 0, 25_000, true);
        final List<byte[]> outputs = Queues.documents(clean.outputs());
        final long lastSnapshot = SnapshotFile.read(new SnapshotStore(clean.snapshots(), System.err).files().get(0))
            .sequence();
        // cut the output queue inside the outputs of one liquidation: after the last snapshot, and before it
        for (final boolean afterLastSnapshot : new boolean[] {true, false})
        {
            final int cut = cutInsideALiquidation(outputs, lastSnapshot, afterLastSnapshot);
            final EngineConfig crashed = config("crashed-" + afterLastSnapshot);
            copy(clean.journal(), crashed.journal());
            copy(clean.snapshots(), crashed.snapshots());
            try (ChronicleOutputChannel channel = ChronicleOutputChannel.open(crashed.outputs()))
            {
                for (int i = 0; i < cut; i++)
                {
                    channel.onOutput(new UnsafeBuffer(outputs.get(i)), 0, outputs.get(i).length);
                }
                channel.endOfBatch();
            }
            final OutputQueueEnd end = OutputQueueEnd.read(crashed.outputs());
            assertThat(end.lastSequence()).isEqualTo(OutputRecord.decode(
                new UnsafeBuffer(outputs.get(cut - 1)), 0, outputs.get(cut - 1).length).get("sequence"));

            try (EngineRuntime engine = EngineRuntime.start(crashed, null))
            {
                final RecoveryReport report = engine.recovery();
                assertThat(report.outputsWritten()).isEqualTo(outputs.size() - cut);
                assertThat(report.stateHash()).isEqualTo(cleanHash);
                if (!afterLastSnapshot)
                {
                    assertThat(report.rejectedSnapshots()).anyMatch(line -> line.contains("newer than the output"));
                    assertThat(report.snapshotSequence()).isLessThan(end.lastSequence());
                }
            }
            assertSameQueues(clean, crashed);
        }
    }

    @Test
    void aCorruptOrTruncatedSnapshotIsReportedAndThePreviousOneUsed() throws IOException
    {
        final EngineConfig config = config("engine");
        final long hash = run(config, new MixedEvents(ACCOUNTS, 3), 0, EVENTS, true);
        final List<Path> files = new SnapshotStore(config.snapshots(), System.err).files();
        assertThat(files).hasSize(3);
        flipByte(files.get(0), Files.size(files.get(0)) / 2);
        truncate(files.get(1), Files.size(files.get(1)) - 10);
        Files.writeString(config.snapshots().resolve(SnapshotFile.name(1) + ".tmp"), "an unfinished write");

        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final RecoveryReport report = engine.recovery();
            assertThat(report.rejectedSnapshots()).hasSize(2);
            assertThat(report.rejectedSnapshots().get(0)).contains(files.get(0).toString())
                .contains("checksum mismatch").contains("using the previous snapshot");
            assertThat(report.rejectedSnapshots().get(1)).contains(files.get(1).toString()).contains("truncated");
            assertThat(report.snapshot()).isEqualTo(files.get(2));
            assertThat(report.stateHash()).isEqualTo(hash);
            assertThat(report.snapshotsWritten()).as("the two damaged ones are written again").isEqualTo(2);
        }
        assertThat(SnapshotFile.read(files.get(0)).sequence()).isPositive();
    }

    @Test
    void aJournalThatDoesNotContinueTheSnapshotStopsTheStart() throws IOException
    {
        final EngineConfig config = config("engine");
        final MixedEvents events = new MixedEvents(ACCOUNTS, 4);
        run(config, events, 0, SNAPSHOT_EVERY, true);
        final long sequence = events.setUpCount() + SNAPSHOT_EVERY + 1;
        final List<byte[]> inputs = Queues.journal(config.journal());

        // a shorter journal (its tail lost or another journal)
        final EngineConfig shorter = config("shorter");
        copy(config.snapshots(), shorter.snapshots());
        copy(config.outputs(), shorter.outputs());
        journal(shorter.journal(), inputs.subList(0, (int)sequence - 1));
        assertThatThrownBy(() -> EngineRuntime.start(shorter, null)).isInstanceOf(RecoveryException.class)
            .hasMessageContaining("holds " + (sequence - 1) + " inputs, but snapshot")
            .hasMessageContaining("at sequence " + sequence + ": the journal does not continue the snapshot");

        // as many inputs, but another one where the snapshot's request was
        final EngineConfig other = config("other");
        copy(config.snapshots(), other.snapshots());
        copy(config.outputs(), other.outputs());
        final List<byte[]> changed = new java.util.ArrayList<>(inputs);
        changed.set((int)sequence - 1, inputs.get(0));
        journal(other.journal(), changed);
        assertThatThrownBy(() -> EngineRuntime.start(other, null)).isInstanceOf(RecoveryException.class)
            .hasMessageContaining("input " + sequence + " of the journal at " + other.journal() + " is not the "
                + "snapshot request");
    }

    @Test
    void aTruncatedJournalIsReportedByReplayAndRecovery() throws IOException
    {
        final EngineConfig config = config("engine").withSnapshotInterval(0);
        final MixedEvents events = new MixedEvents(ACCOUNTS, 6);
        run(config, events, 0, 5_000, false);
        final Path file;
        try (Stream<Path> files = Files.list(config.journal()))
        {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        // cut the file in the middle of input 4,000 (correlation id and event time both 4,000)
        truncate(file, find(file, 4_000L) + 4);

        assertThatThrownBy(() -> new JournalReplay(config.engineSettings()).run(config.journal()))
            .isInstanceOf(JournalCorruptedException.class).hasMessageContaining(config.journal().toString());
        assertThatThrownBy(() -> EngineRuntime.start(config, null)).isInstanceOf(JournalCorruptedException.class);
    }

    private EngineConfig config(final String name)
    {
        return EngineConfig.defaults(dir.resolve(name)).withMaxAccounts(ACCOUNTS + 1).withSnapshotInterval(0);
    }

    /** Set-up (when {@code from} is 0) and inputs from..to of the events, a snapshot request every 10,000. */
    private static long run(
        final EngineConfig config, final MixedEvents events, final int from, final int to, final boolean setUp)
    {
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final InputPublisher publisher = engine.newPublisher();
            if (setUp)
            {
                for (int i = 0; i < events.setUpCount(); i++)
                {
                    publisher.commit(events.setUp(i, publisher.claim()));
                }
            }
            publish(publisher, events, from, to);
            engine.close();
            return engine.engine().stateMachine().stateHash();
        }
    }

    private static long runAll(final EngineConfig config, final MixedEvents events, final int to)
    {
        return run(config, events, 0, to, true);
    }

    private static void publish(final InputPublisher publisher, final MixedEvents events, final int from, final int to)
    {
        for (int n = from + 1; n <= to; n++)
        {
            publisher.commit(events.next(n, publisher.claim()));
            if (n % SNAPSHOT_EVERY == 0)
            {
                publisher.commit(publisher.claim().snapshotRequest(-n, n));
            }
        }
    }

    private static void assertSameQueues(final EngineConfig actual, final EngineConfig expected)
    {
        final List<byte[]> actualOutputs = Queues.documents(actual.outputs());
        final List<byte[]> expectedOutputs = Queues.documents(expected.outputs());
        assertThat(actualOutputs).hasSameSizeAs(expectedOutputs);
        for (int i = 0; i < expectedOutputs.size(); i++)
        {
            assertThat(actualOutputs.get(i)).as("output %d", i).isEqualTo(expectedOutputs.get(i));
        }
        final List<byte[]> actualInputs = Queues.journal(actual.journal());
        final List<byte[]> expectedInputs = Queues.journal(expected.journal());
        assertThat(actualInputs).hasSameSizeAs(expectedInputs);
        for (int i = 0; i < expectedInputs.size(); i++)
        {
            assertThat(actualInputs.get(i)).as("input %d", i).isEqualTo(expectedInputs.get(i));
        }
    }

    /** The number of outputs to keep so the queue ends after the first output of a liquidation. */
    private static int cutInsideALiquidation(final List<byte[]> outputs, final long snapshot, final boolean after)
    {
        for (int i = 0; i < outputs.size(); i++)
        {
            final OutputRecord record = OutputRecord.decode(new UnsafeBuffer(outputs.get(i)), 0, outputs.get(i).length);
            final long sequence = record.get("sequence");
            if (record.type().equals("LiquidationTriggered") && (after ? sequence > snapshot + 100
                : sequence > snapshot - 3_000))
            {
                return i + 1;
            }
        }
        throw new AssertionError("no liquidation");
    }

    private static void journal(final Path path, final List<byte[]> inputs)
    {
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(path))
        {
            for (final byte[] input : inputs)
            {
                journal.append(new UnsafeBuffer(input), 0, input.length);
            }
            journal.endOfBatch();
        }
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            files.forEach(file ->
            {
                try
                {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

    static void flipByte(final Path file, final long position) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int b = raf.read();
            raf.seek(position);
            raf.write(b ^ 0x40);
        }
    }

    static void truncate(final Path file, final long length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(length);
        }
    }

    /** Position of the first place in a file holding the value twice in a row (little endian). */
    private static long find(final Path file, final long value) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(channel.size(), 1 << 26))
                .order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p + 16 <= map.limit(); p += 4)
            {
                if (map.getLong(p) == value && map.getLong(p + 8) == value)
                {
                    return p;
                }
            }
        }
        throw new AssertionError("not found: " + value);
    }
}
