package com.liqengine.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.RecordingSignal;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.RecordingLog;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Purges a stopped member's Raft log up to a snapshot (Aeron 1.51 has no command for it; docs/cluster.md): the
 * segment files of the log recording wholly before the snapshot's log position
 * ({@code AeronArchive.purgeSegments} to the base of the segment that holds the position), and the recordings of
 * the snapshots older than it ({@code purgeRecording}). The recording log is left as it is: its latest snapshot and
 * the log after it are what a restart uses, and both stay; the older snapshot entries it still lists are never used
 * while a newer snapshot is there (Aeron cannot mark them invalid from outside in 1.51). The member's archive is
 * opened by an archive of this process's own, on a media driver of its own, so the member must be stopped.
 */
public final class LogPurge
{
    private static final long DELETE_WAIT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final String CONTROL_CHANNEL = "aeron:ipc?term-length=64k";

    private LogPurge()
    {
    }

    /**
     * The latest snapshot of a member, as its recording log names it (the consensus module's and the service's are
     * taken at the same log position).
     *
     * @param config the cluster.
     * @param member the member.
     * @return its log position, or -1 when the member has no recording log or no snapshot in it.
     */
    public static long latestSnapshotPosition(final ClusterConfig config, final int member)
    {
        final File consensus = consensusDir(config, member);
        if (!new File(consensus, RecordingLog.RECORDING_LOG_FILE_NAME).isFile())
        {
            return -1;
        }
        try (RecordingLog log = new RecordingLog(consensus, false))
        {
            final RecordingLog.Entry moduleSnapshot = log.getLatestSnapshot(ConsensusModule.Configuration.SERVICE_ID);
            final RecordingLog.Entry serviceSnapshot = log.getLatestSnapshot(0);
            if (moduleSnapshot == null || serviceSnapshot == null)
            {
                return -1;
            }
            return Math.min(moduleSnapshot.logPosition, serviceSnapshot.logPosition);
        }
    }

    /**
     * Purges a stopped member's log and old snapshots up to a snapshot position. The caller checks the member is
     * stopped ({@link StoppedMember}) and picks a position at or before the member's latest snapshot.
     *
     * @param config the cluster.
     * @param member the member.
     * @param snapshotPosition the log position of a snapshot this member has (usually the latest all members have).
     * @param report told, in a line each, what is removed.
     * @return what was removed.
     * @throws IllegalStateException when the member has no snapshot at or after the position, or its archive cannot
     *     be opened (a running member's archive refuses).
     */
    public static Result purge(
        final ClusterConfig config, final int member, final long snapshotPosition, final Consumer<String> report)
    {
        final long latest = latestSnapshotPosition(config, member);
        if (latest < 0 || latest < snapshotPosition)
        {
            throw new IllegalStateException("member " + member + " has no snapshot at log position "
                + snapshotPosition + " or later (its latest: " + (latest < 0 ? "none" : latest) + ")");
        }
        final Path archiveDir = config.nodeDir(member).resolve(ClusterConfig.ARCHIVE_DIR);
        final long before = bytesIn(archiveDir);
        final List<RecordingLog.Entry> olderSnapshots = new ArrayList<>();
        final long logRecordingId;
        try (RecordingLog log = new RecordingLog(consensusDir(config, member), false))
        {
            logRecordingId = log.findLastTermRecordingId();
            for (final RecordingLog.Entry entry : log.entries())
            {
                if (entry.type == RecordingLog.ENTRY_TYPE_SNAPSHOT && entry.logPosition < snapshotPosition)
                {
                    olderSnapshots.add(entry);
                }
            }
        }
        final AtomicLong deletes = new AtomicLong();
        MediaDriver driver = null;
        Archive archive = null;
        AeronArchive client = null;
        try
        {
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            archive = Archive.launch(new Archive.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .archiveId(member)
                .archiveDir(archiveDir.toFile())
                .controlChannelEnabled(false)
                .localControlChannel(CONTROL_CHANNEL)
                .replicationChannel("aeron:udp?endpoint=localhost:0")
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel(CONTROL_CHANNEL))
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(() -> new SleepingMillisIdleStrategy(1)));
            client = AeronArchive.connect(new AeronArchive.Context()
                .lock(NoOpLock.INSTANCE)
                .aeronDirectoryName(driver.aeronDirectoryName())
                .controlRequestChannel(CONTROL_CHANNEL)
                .controlRequestStreamId(archive.context().localControlStreamId())
                .controlResponseChannel(CONTROL_CHANNEL)
                .recordingSignalConsumer((controlSessionId, correlationId, recordingId, subscriptionId, position,
                    signal) ->
                {
                    if (signal == RecordingSignal.DELETE)
                    {
                        deletes.incrementAndGet();
                    }
                }));
            long segments = 0;
            int awaitedDeletes = 0;
            if (logRecordingId >= 0)
            {
                final RecordingExtent log = RecordingExtent.of(client, logRecordingId);
                if (log != null)
                {
                    final long newStart = AeronArchive.segmentFileBasePosition(
                        log.startPosition, snapshotPosition, log.termBufferLength, log.segmentFileLength);
                    if (newStart > log.startPosition)
                    {
                        segments = client.purgeSegments(logRecordingId, newStart);
                        awaitedDeletes++;
                        report.accept("member " + member + ": log recording " + logRecordingId + ": " + segments
                            + " segment file(s) of " + log.segmentFileLength + " bytes before log position "
                            + newStart + " removed (the log now starts there; the snapshot is at " + snapshotPosition
                            + ")");
                    }
                    else
                    {
                        report.accept("member " + member + ": log recording " + logRecordingId + " starts at "
                            + log.startPosition + ": no whole segment of " + log.segmentFileLength
                            + " bytes before the snapshot at " + snapshotPosition + ", nothing to remove from the log");
                    }
                }
            }
            int snapshots = 0;
            for (final RecordingLog.Entry entry : olderSnapshots)
            {
                if (entry.recordingId >= 0 && RecordingExtent.of(client, entry.recordingId) != null)
                {
                    client.purgeRecording(entry.recordingId);
                    awaitedDeletes++;
                    snapshots++;
                    report.accept("member " + member + ": snapshot recording " + entry.recordingId + " (service "
                        + entry.serviceId + ", log position " + entry.logPosition + ") removed");
                }
            }
            awaitDeletes(client, deletes, awaitedDeletes);
            final long after = bytesIn(archiveDir);
            return new Result(member, snapshotPosition, segments, snapshots, before, after);
        }
        finally
        {
            CloseHelper.quietCloseAll(client, archive, driver);
        }
    }

    /** The archive deletes files on its own thread after answering: wait for its signals (bounded). */
    private static void awaitDeletes(final AeronArchive client, final AtomicLong deletes, final int expected)
    {
        final long deadline = System.nanoTime() + DELETE_WAIT_NS;
        while (deletes.get() < expected && System.nanoTime() - deadline < 0)
        {
            if (client.pollForRecordingSignals() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    private static File consensusDir(final ClusterConfig config, final int member)
    {
        return config.nodeDir(member).resolve(ClusterConfig.CONSENSUS_DIR).toFile();
    }

    /**
     * @param dir a folder.
     * @return the bytes of the files under it (0 when it is missing).
     */
    public static long bytesIn(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot measure " + dir, ex);
        }
    }

    /**
     * What a purge removed from one member.
     *
     * @param member the member.
     * @param snapshotPosition the snapshot's log position purged up to.
     * @param logSegments segment files of the log recording removed.
     * @param snapshotRecordings older snapshot recordings removed.
     * @param bytesBefore the archive folder's bytes before.
     * @param bytesAfter its bytes after.
     */
    public record Result(
        int member, long snapshotPosition, long logSegments, int snapshotRecordings, long bytesBefore,
        long bytesAfter)
    {
        /** @return bytes freed in the archive folder. */
        public long bytesFreed()
        {
            return bytesBefore - bytesAfter;
        }
    }

    /** A recording's start, term and segment lengths, from the archive's catalog. */
    private record RecordingExtent(long startPosition, int termBufferLength, int segmentFileLength)
    {
        static RecordingExtent of(final AeronArchive client, final long recordingId)
        {
            final RecordingExtent[] found = {null};
            client.listRecording(recordingId, (controlSessionId, correlationId, id, startTimestamp, stopTimestamp,
                startPosition, stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength,
                sessionId, streamId, strippedChannel, originalChannel, sourceIdentity) ->
                found[0] = new RecordingExtent(startPosition, termBufferLength, segmentFileLength));
            return found[0];
        }
    }
}
