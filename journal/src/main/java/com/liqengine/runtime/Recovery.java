package com.liqengine.runtime;

import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.SnapshotRequestDecoder;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.JournaledInputHandler;
import com.liqengine.journal.OutputQueueEnd;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.state.StateCodec;
import com.liqengine.pipeline.InputSlot;
import com.liqengine.pipeline.StateRecovery;
import com.liqengine.snapshot.Snapshot;
import com.liqengine.snapshot.SnapshotCorruptedException;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.snapshot.SnapshotStore;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recovery of a restarted engine (docs/replay.md), run on the engine's thread before its first input: restore the
 * latest valid snapshot no newer than the output queue's last output, then apply the journal's inputs after it,
 * with the outputs the output queue already holds dropped by the {@link DeduplicatingOutputChannel}. The journal is
 * read from the snapshot's own request on, found by a binary search over the documents' first sequences, so the cost is
 * that of the tail, not of the journal; what the inputs before it held that a restart needs (how many of them the
 * engine injected) is in the snapshot. A corrupt snapshot is reported and the previous one used; a journal that
 * does not continue the snapshot (fewer inputs than its sequence, or another input at that sequence than its
 * request) stops the start with a {@link RecoveryException}.
 */
public final class Recovery implements StateRecovery
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final Path journal;
    private final SnapshotStore snapshots;
    private final InjectedRequestCount snapshotTaker;
    private final OutputQueueEnd outputEnd;
    private final DeduplicatingOutputChannel outputs;
    private final List<String> rejected = new ArrayList<>();
    private final Set<Long> rejectedSequences = new HashSet<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private volatile RecoveryReport report;

    /**
     * @param journal the input journal's directory.
     * @param snapshots the snapshot folder, or null when snapshots are not used.
     * @param snapshotTaker the engine's snapshot taker, told the count of injected requests recovered (null
     *     with no snapshots).
     * @param outputEnd where the output queue ended before the restart.
     * @param outputs the engine's output channel, dropping what the queue already holds.
     */
    Recovery(
        final Path journal,
        final SnapshotStore snapshots,
        final InjectedRequestCount snapshotTaker,
        final OutputQueueEnd outputEnd,
        final DeduplicatingOutputChannel outputs)
    {
        this.journal = journal;
        this.snapshots = snapshots;
        this.snapshotTaker = snapshotTaker;
        this.outputEnd = outputEnd;
        this.outputs = outputs;
    }

    @Override
    public void recover(final MarginStateMachine engine)
    {
        final long start = System.nanoTime();
        final Snapshot snapshot = restoreLatest(engine);
        final long snapshotSequence = snapshot == null ? 0 : snapshot.sequence();
        final Tail tail = new Tail(engine, snapshot);
        if (Files.isDirectory(journal))
        {
            try (JournalReader reader = JournalReader.open(journal))
            {
                read(reader, snapshot, tail);
            }
        }
        else if (snapshot != null)
        {
            throw shorter(snapshot, 0);
        }
        if (outputEnd.lastSequence() > tail.inputs)
        {
            throw new RecoveryException("the output queue holds outputs of input " + outputEnd.lastSequence()
                + " but the journal at " + journal + " holds only " + tail.inputs + " inputs: the journal lost "
                + "inputs that were applied (a power cut with fsync none?) or belongs to another engine");
        }
        if (snapshotTaker != null)
        {
            snapshotTaker.recovered(tail.injected);
        }
        outputs.endOfBatch();
        report = new RecoveryReport(snapshot == null ? null : snapshot.file(), snapshotSequence, List.copyOf(rejected),
            tail.inputs, tail.inputs - snapshotSequence, tail.read, tail.injected, tail.lastInjected,
            outputs.skipped(), outputs.passed(), tail.snapshotsWritten, tail.lastSourceIndex, engine.stateHash(),
            (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * @return what the recovery did, or null before it ran.
     */
    public RecoveryReport report()
    {
        return report;
    }

    /**
     * Hands the tail the journal from the snapshot's request on (from its start without a snapshot, or with one of
     * format 1, which does not record the injected requests before it: those are counted on the way).
     */
    private void read(final JournalReader reader, final Snapshot snapshot, final Tail tail)
    {
        if (snapshot == null || snapshot.injectedRequests() == SnapshotFile.UNKNOWN)
        {
            reader.readAll(tail);
            if (snapshot != null && tail.inputs < snapshot.sequence())
            {
                throw shorter(snapshot, tail.inputs);
            }
            return;
        }
        tail.inputs = snapshot.sequence() - 1;
        if (reader.readFrom(snapshot.sequence(), tail) == 0)
        {
            throw shorter(snapshot, reader.inputCount());
        }
    }

    private RecoveryException shorter(final Snapshot snapshot, final long inputs)
    {
        return new RecoveryException("the journal at " + journal + " holds " + inputs + " inputs, but "
            + "snapshot " + snapshot.file() + " is at sequence " + snapshot.sequence() + ": the journal does not "
            + "continue the snapshot (truncated, or another journal). Refusing to start with a gap.");
    }
    private Snapshot restoreLatest(final MarginStateMachine engine)
    {
        if (snapshots == null)
        {
            return null;
        }
        final UnsafeBuffer fresh = new UnsafeBuffer(new byte[StateCodec.length(engine)]);
        final int freshLength = StateCodec.write(engine, fresh, 0);
        for (final Path file : snapshots.files())
        {
            final long sequence = SnapshotFile.sequenceOf(file.getFileName().toString());
            if (sequence > outputEnd.lastSequence())
            {
                rejected.add("snapshot " + file + " is newer than the output queue's last output (input "
                    + outputEnd.lastSequence() + "): an older one is used so that the missing outputs are written");
                continue;
            }
            try
            {
                final Snapshot snapshot = SnapshotFile.read(file);
                final String mismatch = snapshot.settingsMismatch(engine.settings());
                if (mismatch != null)
                {
                    throw new RecoveryException("snapshot " + file + " was taken with " + mismatch + ": start with "
                        + "the settings the journal was written with");
                }
                snapshot.restoreInto(engine);
                return snapshot;
            }
            catch (final SnapshotCorruptedException ex)
            {
                rejected.add(ex.getMessage() + "; using the previous snapshot");
                rejectedSequences.add(sequence);
                engine.restore(fresh, 0, freshLength);
            }
        }
        return null;
    }

    /**
     * Walks the journal from where {@link #read} starts it: counts the inputs the snapshot covers, checks the
     * snapshot's request, applies the inputs after it.
     */
    private final class Tail implements JournaledInputHandler
    {
        private final MarginStateMachine engine;
        private final Snapshot snapshot;
        private final long snapshotSequence;
        long inputs;
        long read;
        long injected;
        boolean lastInjected;
        long snapshotsWritten;
        long lastSourceIndex = InputSlot.NO_SOURCE;

        Tail(final MarginStateMachine engine, final Snapshot snapshot)
        {
            this.engine = engine;
            this.snapshot = snapshot;
            this.snapshotSequence = snapshot == null ? 0 : snapshot.sequence();
        }

        @Override
        public void onInput(
            final long sequence, final long sourceIndex, final DirectBuffer buffer, final int offset, final int length)
        {
            inputs = sequence;
            read++;
            if (sourceIndex != InputSlot.NO_SOURCE)
            {
                lastSourceIndex = sourceIndex;
            }
            lastInjected = SnapshotSchedule.isInjected(header, buffer, offset, length);
            if (lastInjected)
            {
                injected++;
            }
            if (inputs < snapshotSequence)
            {
                return;
            }
            if (inputs == snapshotSequence)
            {
                checkRequest(buffer, offset, length);
                if (snapshot.injectedRequests() != SnapshotFile.UNKNOWN)
                {
                    injected = snapshot.injectedRequests();
                }
                return;
            }
            engine.onInput(buffer, offset, length);
            if (snapshots != null && engine.snapshotRequested() && (rejectedSequences.contains(inputs)
                || !Files.exists(snapshots.folder().resolve(SnapshotFile.name(inputs)))))
            {
                snapshots.take(engine, buffer, offset, length, injected);
                snapshotsWritten++;
            }
        }

        private void checkRequest(final DirectBuffer buffer, final int offset, final int length)
        {
            final boolean isRequest =
                length >= MessageHeaderDecoder.ENCODED_LENGTH + SnapshotRequestDecoder.BLOCK_LENGTH
                && header.wrap(buffer, offset).templateId() == SnapshotRequestDecoder.TEMPLATE_ID;
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (!isRequest || buffer.getLong(body, ORDER) != snapshot.requestCorrelationId()
                || buffer.getLong(body + 8, ORDER) != snapshot.requestEventTime())
            {
                throw new RecoveryException("input " + inputs + " of the journal at " + journal + " is not the "
                    + "snapshot request (correlation id " + snapshot.requestCorrelationId() + ", event time "
                    + snapshot.requestEventTime() + ") that snapshot " + snapshot.file() + " answered: the journal "
                    + "does not continue the snapshot (another journal?). Refusing to start.");
            }
        }
    }
}
