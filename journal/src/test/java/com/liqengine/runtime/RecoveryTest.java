package com.liqengine.runtime;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MessageHeaderDecoder;
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
import java.util.zip.CRC32C;

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
        final long lastSnapshot =
            SnapshotFile.read(new SnapshotStore(clean.snapshots(), Throwable::printStackTrace).files().get(0))
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
    void anOutputQueueMovedAwayIsWrittenAgainWholeFromTheJournal() throws IOException
    {
        // what docs/operations.md says to do with an output queue of format 1: move it away and restart
        final EngineConfig clean = config("clean");
        final long cleanHash = run(clean, new MixedEvents(ACCOUNTS, 9), 0, 25_000, true);
        final List<byte[]> outputs = Queues.documents(clean.outputs());
        final EngineConfig moved = config("moved");
        copy(clean.journal(), moved.journal());
        copy(clean.snapshots(), moved.snapshots());
        try (EngineRuntime engine = EngineRuntime.start(moved, null))
        {
            final RecoveryReport report = engine.recovery();
            assertThat(report.outputsWritten()).isEqualTo(outputs.size());
            assertThat(report.outputsAlreadyWritten()).isZero();
            assertThat(report.rejectedSnapshots()).isNotEmpty().allMatch(line -> line.contains("newer than"));
            assertThat(report.stateHash()).isEqualTo(cleanHash);
        }
        assertSameQueues(clean, moved);
    }

    @Test
    void aCorruptOrTruncatedSnapshotIsReportedAndThePreviousOneUsed() throws IOException
    {
        final EngineConfig config = config("engine");
        final long hash = run(config, new MixedEvents(ACCOUNTS, 3), 0, EVENTS, true);
        final List<Path> files = new SnapshotStore(config.snapshots(), Throwable::printStackTrace).files();
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

    @Test
    void recoveryAfterALateSnapshotReadsOnlyTheJournalsTail() throws IOException
    {
        final EngineConfig config = config("long");
        final MixedEvents events = new MixedEvents(ACCOUNTS, 8);
        final long hash = run(config, events, 0, 45_000, true);
        final long journalInputs = events.setUpCount() + 45_000 + 4;
        // damage the journal early on: the 4 bytes before input 1,000 (its entry's source index) change, so the
        // document holding it fails its checksum
        final Path file = journalFile(config);
        final long input1000 = find(file, 1_000L) - 8;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x0FFF_FFFF),
                input1000 - 4);
        }
        assertThatThrownBy(() -> new JournalReplay(config.engineSettings()).run(config.journal()))
            .as("reading the journal from its start meets the damage").isInstanceOf(JournalCorruptedException.class);

        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final RecoveryReport report = engine.recovery();
            assertThat(report.snapshotSequence()).isEqualTo(events.setUpCount() + 40_000 + 4);
            assertThat(report.replayed()).isEqualTo(5_000);
            assertThat(report.journalRead()).as("the snapshot's request and the tail").isEqualTo(5_001);
            assertThat(report.journalInputs()).isEqualTo(journalInputs);
            assertThat(report.stateHash()).isEqualTo(hash);
            assertThat(report.outputsWritten()).isZero();
        }
    }

    @Test
    void retentionKeepsTheNewestSnapshotsAndRecoveryFallsBackPastADamagedNewestOne() throws IOException
    {
        final EngineConfig config = config("kept").withSnapshotKeep(2);
        final MixedEvents events = new MixedEvents(ACCOUNTS, 12);
        final long hash = run(config, events, 0, 40_000, true);
        final List<Path> files = new SnapshotStore(config.snapshots(), Throwable::printStackTrace).files();
        assertThat(files).extracting(f -> SnapshotFile.read(f).sequence())
            .containsExactly(events.setUpCount() + 40_000L + 4, events.setUpCount() + 30_000L + 3);
        flipByte(files.get(0), Files.size(files.get(0)) / 2);

        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final RecoveryReport report = engine.recovery();
            assertThat(report.rejectedSnapshots()).singleElement().asString().contains(files.get(0).toString())
                .contains("checksum mismatch");
            assertThat(report.snapshot()).isEqualTo(files.get(1));
            assertThat(report.stateHash()).isEqualTo(hash);
            assertThat(report.snapshotsWritten()).as("the damaged one written again").isEqualTo(1);
        }
        assertThat(new SnapshotStore(config.snapshots(), Throwable::printStackTrace).files()).isEqualTo(files);
        assertThat(SnapshotFile.read(files.get(0)).stateHash()).isEqualTo(hash);
    }

    @Test
    void theEnginesOwnRequestsAreCountedWithoutReadingTheJournalBeforeTheSnapshot()
    {
        final EngineConfig config = config("injected");
        final MixedEvents events = new MixedEvents(ACCOUNTS, 14);
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final InputPublisher publisher = engine.newPublisher();
            MixedPublishing.setUp(publisher, events);
            publishWithInjected(publisher, events, 0, 20_500);
        }
        // the newest snapshot answers the outside request at 20,000: the six own requests before it are in it
        assertInjectedCountedFromTheTail(config, 500, false);

        // a second run takes its snapshots counting on from the recovered count, and ends on an own request
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final InputPublisher publisher = engine.newPublisher();
            publishWithInjected(publisher, events, 20_500, 22_500);
            publisher.commit(publisher.claim().snapshotRequest(SnapshotSchedule.INJECTED_CORRELATION_ID, 0));
        }
        assertInjectedCountedFromTheTail(config, 0, true);
    }

    @Test
    void aFormat1SnapshotIsUsedWithTheJournalCountedFromItsStart() throws IOException
    {
        final EngineConfig config = config("format1");
        final MixedEvents events = new MixedEvents(ACCOUNTS, 15);
        final long hash = run(config, events, 0, 25_000, true);
        final Path newest = new SnapshotStore(config.snapshots(), Throwable::printStackTrace).files().get(0);
        toFormat1(newest);
        assertThat(SnapshotFile.read(newest).injectedRequests()).isEqualTo(SnapshotFile.UNKNOWN);

        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final RecoveryReport report = engine.recovery();
            assertThat(report.snapshot()).isEqualTo(newest);
            assertThat(report.replayed()).isEqualTo(5_000);
            assertThat(report.journalRead()).isEqualTo(report.journalInputs());
            assertThat(report.injectedRequests()).isZero();
            assertThat(report.stateHash()).isEqualTo(hash);
        }
    }

    /** Restarts and checks the recovered count of injected requests against one counted over the whole journal. */
    private static void assertInjectedCountedFromTheTail(
        final EngineConfig config, final long tail, final boolean lastInjected)
    {
        final List<byte[]> journal = Queues.journal(config.journal());
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final long injected = journal.stream()
            .filter(input -> SnapshotSchedule.isInjected(header, new UnsafeBuffer(input), 0, input.length)).count();
        assertThat(injected).isPositive();
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final RecoveryReport report = engine.recovery();
            assertThat(report.journalInputs()).isEqualTo(journal.size());
            assertThat(report.replayed()).isEqualTo(tail);
            assertThat(report.journalRead()).isEqualTo(tail + 1);
            assertThat(report.injectedRequests()).isEqualTo(injected);
            assertThat(report.externalInputs()).isEqualTo(journal.size() - injected);
            assertThat(report.lastInputInjected()).isEqualTo(lastInjected);
        }
    }

    /** Inputs from..to, one of the engine's own requests every 3,000 and an outside request every 10,000. */
    private static void publishWithInjected(
        final InputPublisher publisher, final MixedEvents events, final int from, final int to)
    {
        for (int n = from + 1; n <= to; n++)
        {
            publisher.commit(events.next(n, publisher.claim()));
            if (n % 3_000 == 0)
            {
                publisher.commit(publisher.claim().snapshotRequest(SnapshotSchedule.INJECTED_CORRELATION_ID, n));
            }
            if (n % SNAPSHOT_EVERY == 0)
            {
                publisher.commit(publisher.claim().snapshotRequest(-n, n));
            }
        }
    }

    /** Rewrites a snapshot in the first format: no count of injected requests, the state right after 80 bytes. */
    private static void toFormat1(final Path file) throws IOException
    {
        final byte[] v2 = Files.readAllBytes(file);
        final int state = v2.length - SnapshotFile.HEADER_LENGTH - SnapshotFile.TRAILER_LENGTH;
        final UnsafeBuffer v1 = new UnsafeBuffer(new byte[SnapshotFile.V1_HEADER_LENGTH + state
            + SnapshotFile.TRAILER_LENGTH]);
        v1.putBytes(0, v2, 0, SnapshotFile.V1_HEADER_LENGTH);
        v1.putInt(8, SnapshotFile.FORMAT_VERSION_1, ByteOrder.LITTLE_ENDIAN);
        v1.putBytes(SnapshotFile.V1_HEADER_LENGTH, v2, SnapshotFile.HEADER_LENGTH, state);
        final CRC32C crc = new CRC32C();
        crc.update(v1.byteArray(), 0, SnapshotFile.V1_HEADER_LENGTH + state);
        v1.putInt(SnapshotFile.V1_HEADER_LENGTH + state, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        Files.write(file, v1.byteArray());
    }

    private static Path journalFile(final EngineConfig config) throws IOException
    {
        try (Stream<Path> files = Files.list(config.journal()))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
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
                MixedPublishing.setUp(publisher, events);
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
        MixedPublishing.events(publisher, events, from, to, SNAPSHOT_EVERY);
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
            // inputs lie at any offset inside a journal document of format 2: try every byte
            for (int p = 0; p + 16 <= map.limit(); p++)
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
