package com.liqengine.cluster;

import com.liqengine.journal.ChronicleInputJournal;
import com.liqengine.journal.ChronicleOutputChannel;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.JournalSettings;
import com.liqengine.journal.OutputQueueEnd;
import com.liqengine.journal.QueueContext;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.state.StateCodec;
import com.liqengine.pipeline.CountingOutputChannel;
import com.liqengine.pipeline.InputSlot;
import com.liqengine.runtime.DeduplicatingOutputChannel;
import com.liqengine.runtime.EngineConfig;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The margin state machine as an Aeron Cluster service (docs/cluster.md). Each committed envelope of the log is
 * decoded here: an INPUT whose source sequence is above its source's last applied one is applied, its outputs written
 * to this node's Chronicle output queue and the input copied to this node's Chronicle input journal; a resend is
 * ignored (DUPLICATE, counted, reported once per run); a malformed envelope is refused (REFUSED, counted, nothing
 * applied); RESUME is answered with the source's last applied sequence; STATUS makes every node write its status
 * file at this log position. Replies go through the session (only the leader's reach the client; they are advisory,
 * the client resends, so back-pressure is ignored).
 * <p>
 * Deterministic: the state and the outputs depend on the log only (never on the cluster's time or this node's
 * role), so every node holds the same state at the same log position. After a restart the log is replayed from the
 * snapshot: inputs the journal copy holds are not copied again, outputs the output queue holds are not written
 * again. The member's counters file ({@link NodeCounters}, what {@code liq stat} reads) is kept on the message path
 * with ordered writes. The message path is allocation-free; snapshots, status files and the report lines are the
 * cold path.
 * One thread: the service container's.
 */
public final class EngineClusteredService implements ClusteredService, AutoCloseable
{
    private final EngineConfig config;
    private final Path statusFile;
    private final SourceSequences sources;
    private final IgnoredRuns ignored;
    private final PrintStream report;
    private final UnsafeBuffer egress = new UnsafeBuffer(new byte[ClusterEgress.LENGTH]);
    private final ExpandableArrayBuffer stateScratch = new ExpandableArrayBuffer(4096);

    private Cluster cluster;
    private Cluster.Role role = Cluster.Role.FOLLOWER;
    private MarginStateMachine engine;
    private CommittedInputCopy inputs;
    private ChronicleOutputChannel outputQueue;
    private DeduplicatingOutputChannel outputs;
    private NodeCounters counters;
    private boolean batchOpen;
    private long duplicatesIgnored;
    private long envelopesRefused;
    private boolean closed;

    /**
     * A service that reports on {@code System.err}.
     *
     * @param config this node's own configuration: its journal, output queue and counters paths are its own (the
     *     node status file goes beside the counters file); the engine settings must be the same on every node.
     * @param sourcesCapacity how many input sources may be applied from (the same on every node).
     */
    public EngineClusteredService(final EngineConfig config, final int sourcesCapacity)
    {
        this(config, sourcesCapacity, System.err);
    }

    /**
     * @param config this node's own configuration.
     * @param sourcesCapacity how many input sources may be applied from (the same on every node).
     * @param report where the lines about ignored envelopes and a start's warnings go.
     */
    public EngineClusteredService(final EngineConfig config, final int sourcesCapacity, final PrintStream report)
    {
        this.config = config;
        this.statusFile = NodeStatus.file(config);
        this.sources = new SourceSequences(sourcesCapacity);
        this.report = report;
        this.ignored = new IgnoredRuns(report);
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        start(cluster, snapshotImage == null ? null : new ImageChunkSource(snapshotImage, cluster.idleStrategy()));
    }

    /**
     * What {@link #onStart} does, from any source of snapshot chunks: reads and checks the snapshot (when there is
     * one), opens the journal copy and the output queue, restores the state. Public for tests and tools.
     *
     * @param cluster the cluster (its member id, role and log position go into the status file).
     * @param snapshot the snapshot's chunks, or null to start empty.
     * @throws ClusterSnapshotException when the snapshot is damaged or does not fit this node.
     * @throws IllegalStateException when the journal copy does not reach the snapshot (the message says what to do).
     * @throws com.liqengine.journal.JournalSettingsException when the journal copy's settings record is damaged or
     *     records other settings than this node's (nothing is then opened or written).
     */
    public void start(final Cluster cluster, final SnapshotChunkSource snapshot)
    {
        this.cluster = cluster;
        // before anything is opened or written: the journal copy is replayed by auditors with the settings it records
        final EngineSettings settings = config.engineSettings();
        final boolean settingsRecorded = JournalSettings.check(config.journal(), settings);
        final ClusterSnapshot loaded = snapshot == null ? null : ClusterSnapshot.read(snapshot);
        final long journaled = inputsIn(config.journal());
        final OutputQueueEnd outputEnd = OutputQueueEnd.read(config.outputs());
        ChronicleInputJournal journal = null;
        try
        {
            counters = NodeCounters.create(config.counters());
            journal = ChronicleInputJournal.open(queue(config.journal()));
            outputQueue = ChronicleOutputChannel.open(queue(config.outputs()));
            outputs = new DeduplicatingOutputChannel(
                outputQueue, outputEnd.lastSequence(), outputEnd.outputsOfLastSequence());
            // counted before the de-duplication: the counts are what this process's state machine produced
            engine = new MarginStateMachine(settings, new CountingOutputChannel(outputs, counters.engine()));
            if (loaded != null)
            {
                loaded.restoreInto(engine, sources);
                duplicatesIgnored = loaded.duplicatesIgnored();
                envelopesRefused = loaded.envelopesRefused();
            }
            counters.totals(engine.lastSequence(), duplicatesIgnored, envelopesRefused);
            counters.role(role);
            counters.logPosition(cluster.logPosition());
            if (journaled < engine.lastSequence())
            {
                throw new IllegalStateException("the journal copy at " + config.journal() + " holds " + journaled
                    + " inputs but the snapshot is at engine sequence " + engine.lastSequence() + ": the copy would "
                    + "miss inputs " + (journaled + 1) + " to " + engine.lastSequence() + ". Stop the node, copy "
                    + "another node's journal and outputs folders here, and start it again.");
            }
            if (outputEnd.lastSequence() < engine.lastSequence())
            {
                report.println("liq cluster: the output queue at " + config.outputs() + " ends at input "
                    + outputEnd.lastSequence() + " but the snapshot is at engine sequence " + engine.lastSequence()
                    + ": its outputs in between are missing here (another node's output queue has them)");
            }
            inputs = new CommittedInputCopy(journal, journaled);
            if (!settingsRecorded)
            {
                JournalSettings.write(config.journal(), settings);
            }
            report.println("liq cluster: service started " + (loaded == null ? "without a snapshot" :
                "from a snapshot at engine sequence " + loaded.engineSequence() + " (state hash "
                + ClusterSnapshot.hex(loaded.stateHash()) + ")") + "; the journal copy holds " + journaled
                + " inputs, the output queue ends at input " + outputEnd.lastSequence());
        }
        catch (final RuntimeException ex)
        {
            if (journal != null)
            {
                journal.close();
            }
            if (outputQueue != null)
            {
                outputQueue.close();
            }
            if (counters != null)
            {
                counters.close();
            }
            closed = true;
            throw ex;
        }
        writeStatus("start");
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(
        final ClientSession session, final long timestamp, final DirectBuffer buffer, final int offset,
        final int length, final Header header)
    {
        counters.logPosition(cluster.logPosition());
        if (length < IngressEnvelope.HEADER_LENGTH)
        {
            refuse(session, RefusalReason.TOO_SHORT, 0, 0);
            return;
        }
        final int sourceId = IngressEnvelope.sourceId(buffer, offset);
        final long sequence = IngressEnvelope.sourceSequence(buffer, offset);
        if (IngressEnvelope.version(buffer, offset) != IngressEnvelope.VERSION)
        {
            refuse(session, RefusalReason.UNKNOWN_VERSION, sourceId, sequence);
            return;
        }
        if (IngressEnvelope.kind(buffer, offset) == IngressEnvelope.STATUS)
        {
            // a probe from an operator's tool, not an input source: its ids are only echoed
            ignored.end();
            writeStatus("status");
            reply(session, ClusterEgress.STATUS, sourceId, sequence);
            return;
        }
        if (sourceId < 1)
        {
            refuse(session, RefusalReason.SOURCE_ID_BELOW_ONE, sourceId, sequence);
            return;
        }
        switch (IngressEnvelope.kind(buffer, offset))
        {
            case IngressEnvelope.INPUT:
                onInput(session, buffer, offset, length, sourceId, sequence);
                break;
            case IngressEnvelope.RESUME:
                ignored.end();
                reply(session, ClusterEgress.NEXT, sourceId, sources.lastApplied(sourceId));
                break;
            default:
                refuse(session, RefusalReason.UNKNOWN_KIND, sourceId, sequence);
                break;
        }
    }

    private void onInput(
        final ClientSession session, final DirectBuffer buffer, final int offset, final int length,
        final int sourceId, final long sequence)
    {
        final int inputLength = length - IngressEnvelope.HEADER_LENGTH;
        if (sequence < 1)
        {
            refuse(session, RefusalReason.SEQUENCE_BELOW_ONE, sourceId, sequence);
            return;
        }
        if (inputLength == 0)
        {
            refuse(session, RefusalReason.NO_INPUT, sourceId, sequence);
            return;
        }
        if (inputLength > InputSlot.CAPACITY)
        {
            // the journal copy's entries, like the single-process ring's slots, hold no more
            refuse(session, RefusalReason.INPUT_TOO_LONG, sourceId, sequence);
            return;
        }
        final int slot = sources.slotFor(sourceId);
        if (slot == SourceSequences.FULL)
        {
            refuse(session, RefusalReason.SOURCES_FULL, sourceId, sequence);
            return;
        }
        final long lastApplied = sources.lastAppliedAt(slot);
        if (sequence <= lastApplied)
        {
            duplicatesIgnored++;
            counters.duplicateIgnored();
            ignored.duplicate(sourceId, sequence, lastApplied);
            reply(session, ClusterEgress.DUPLICATE, sourceId, sequence);
            return;
        }
        ignored.end();
        final int inputOffset = offset + IngressEnvelope.HEADER_LENGTH;
        engine.onInput(buffer, inputOffset, inputLength);
        counters.applied(buffer, inputOffset, engine.lastSequence());
        sources.applied(slot, sequence);
        inputs.append(engine.lastSequence(), buffer, inputOffset, inputLength, sequence);
        batchOpen = true;
        reply(session, ClusterEgress.APPLIED, sourceId, sequence);
    }

    private void refuse(
        final ClientSession session, final RefusalReason reason, final int sourceId, final long sequence)
    {
        envelopesRefused++;
        counters.envelopeRefused();
        ignored.refused(reason, sourceId, sequence);
        reply(session, ClusterEgress.REFUSED, sourceId, sequence);
    }

    /** Advisory: a lost reply makes the client resend, and the resend is a DUPLICATE. */
    private void reply(final ClientSession session, final short kind, final int sourceId, final long sequence)
    {
        if (session != null)
        {
            ClusterEgress.write(egress, 0, kind, sourceId, sequence, engine.lastSequence());
            session.offer(egress, 0, ClusterEgress.LENGTH);
        }
    }

    /**
     * Completes the batch of inputs copied and outputs written since the last duty cycle (the journal copy's
     * document, the queues' forcing as the fsync policy says).
     */
    @Override
    public int doBackgroundWork(final long nowNs)
    {
        if (batchOpen)
        {
            endBatch();
            return 1;
        }
        return 0;
    }

    private void endBatch()
    {
        batchOpen = false;
        inputs.endOfBatch();
        outputs.endOfBatch();
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        takeSnapshot(new PublicationChunkSink(snapshotPublication, cluster.idleStrategy()));
    }

    /**
     * What {@link #onTakeSnapshot} does, to any sink of chunks ({@link ClusterSnapshot}); then writes the status file.
     * Public for tests and tools.
     *
     * @param sink where the chunks go.
     * @return the state hash of the snapshot.
     */
    public long takeSnapshot(final SnapshotChunkSink sink)
    {
        ignored.end();
        endBatch();
        final long hash = ClusterSnapshot.write(engine, sources, duplicatesIgnored, envelopesRefused, sink);
        counters.snapshotTaken();
        writeStatus("snapshot", hash);
        return hash;
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
        if (counters != null && !closed)
        {
            counters.role(newRole);
        }
        writeStatus("role-change");
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        close();
    }

    /**
     * Reports the open run of ignored envelopes, completes the last batch, writes the status file and closes the
     * journal copy and the output queue. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed || engine == null)
        {
            return;
        }
        closed = true;
        try
        {
            ignored.end();
            endBatch();
            writeStatus("terminate");
        }
        finally
        {
            try
            {
                inputs.close();
            }
            finally
            {
                try
                {
                    outputs.close();
                }
                finally
                {
                    counters.close();
                }
            }
        }
    }

    /**
     * @return the engine sequence: inputs applied.
     */
    public long engineSequence()
    {
        return engine.lastSequence();
    }

    /**
     * The state hash of the engine's state now (cold path: encodes the whole state).
     *
     * @return the hash.
     */
    public long stateHash()
    {
        final int length = StateCodec.length(engine);
        stateScratch.checkLimit(length);
        StateCodec.write(engine, stateScratch, 0);
        return StateCodec.stateHash(stateScratch, 0, length);
    }

    /**
     * @param sourceId a source.
     * @return its last applied sequence (0: none).
     */
    public long lastApplied(final int sourceId)
    {
        return sources.lastApplied(sourceId);
    }

    /**
     * @return envelopes ignored as resends (replicated: restored from the snapshot).
     */
    public long duplicatesIgnored()
    {
        return duplicatesIgnored;
    }

    /**
     * @return envelopes refused (replicated: restored from the snapshot).
     */
    public long envelopesRefused()
    {
        return envelopesRefused;
    }

    /**
     * @return outputs not written again since the start because the output queue held them.
     */
    public long outputsSkipped()
    {
        return outputs.skipped();
    }

    /**
     * @return inputs not copied again since the start because the journal copy held them.
     */
    public long inputsNotCopiedAgain()
    {
        return inputs.skipped();
    }

    /**
     * @return the node status file this service writes.
     */
    public Path statusFile()
    {
        return statusFile;
    }

    private void writeStatus(final String event)
    {
        writeStatus(event, engine == null ? 0 : stateHash());
    }

    /** Advisory, like the replies: a status file that cannot be written is reported, the service goes on. */
    private void writeStatus(final String event, final long hash)
    {
        if (engine == null)
        {
            return;
        }
        try
        {
            new NodeStatus(cluster.memberId(), role.name().toLowerCase(Locale.ROOT), engine.lastSequence(), hash,
                engine.lastSequence(), cluster.logPosition(), duplicatesIgnored, envelopesRefused, event)
                .write(statusFile);
        }
        catch (final UncheckedIOException ex)
        {
            report.println("liq cluster: " + ex.getMessage() + ": " + ex.getCause());
        }
    }

    private QueueContext queue(final Path path)
    {
        return new QueueContext().path(path).rollCycle(config.rollCycle()).fsyncPolicy(config.fsync())
            .fsyncIntervalMs(config.fsyncIntervalMs());
    }

    private static long inputsIn(final Path journal)
    {
        if (!Files.isDirectory(journal))
        {
            return 0;
        }
        try (JournalReader reader = JournalReader.open(journal))
        {
            return reader.inputCount();
        }
    }
}
