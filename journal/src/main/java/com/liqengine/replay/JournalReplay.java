package com.liqengine.replay;

import com.liqengine.api.OutputRecord;
import com.liqengine.api.OutputSink;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.JournaledInputHandler;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.journal.QueuedOutputHandler;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.snapshot.Snapshot;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Replays an input journal through a fresh margin state machine (or one restored from a snapshot), with the settings
 * the journal records ({@link ReplaySettings}), on the calling thread, and compares each output with the recorded
 * output queue when one is given: byte for byte, and at the first difference field by field (docs/replay.md).
 * Stops at the first divergence or after {@link #until}.
 * The replay is the engine's own code on the journal's own bytes, so a replay of a healthy journal gives the
 * recorded outputs exactly.
 */
public final class JournalReplay
{
    private static final int SEQUENCE_OFFSET = 8;

    private final EngineSettings settings;
    private Path recordedOutputs;
    private long until = Long.MAX_VALUE;
    private Snapshot snapshot;
    private ReplayListener listener = new ReplayListener()
    {
    };

    /**
     * @param settings the engine settings of a journal without a settings record (one written before them): a
     *     journal with one is replayed with the settings it records ({@link ReplaySettings}).
     */
    public JournalReplay(final EngineSettings settings)
    {
        this.settings = settings;
    }

    /**
     * Compares with a recorded output queue.
     *
     * @param outputs the output queue's directory, or null for no comparison.
     * @return this.
     */
    public JournalReplay compareWith(final Path outputs)
    {
        this.recordedOutputs = outputs;
        return this;
    }

    /**
     * Stops after the input with this sequence.
     *
     * @param sequence the last sequence to apply.
     * @return this.
     */
    public JournalReplay until(final long sequence)
    {
        this.until = sequence;
        return this;
    }

    /**
     * Starts from a snapshot: restores it, then applies the journal's inputs after its sequence.
     *
     * @param start the snapshot, or null for the journal's start.
     * @return this.
     */
    public JournalReplay from(final Snapshot start)
    {
        this.snapshot = start;
        return this;
    }

    /**
     * Told of every input and output.
     *
     * @param replayListener the listener.
     * @return this.
     */
    public JournalReplay listener(final ReplayListener replayListener)
    {
        this.listener = Objects.requireNonNull(replayListener);
        return this;
    }

    /**
     * Replays.
     *
     * @param journal the journal's directory.
     * @return what happened.
     * @throws com.liqengine.journal.JournalCorruptedException when the journal cannot be read to its end.
     * @throws com.liqengine.snapshot.SnapshotCorruptedException when the snapshot does not restore.
     * @throws com.liqengine.journal.JournalSettingsException when the journal's settings record is damaged.
     */
    public ReplayResult run(final Path journal)
    {
        final Run run = new Run(ReplaySettings.of(journal, settings).settings());
        final long start = System.nanoTime();
        if (snapshot != null)
        {
            snapshot.restoreInto(run.engine);
        }
        final long skip = snapshot == null ? 0 : snapshot.sequence();
        try (JournalReader reader = JournalReader.open(journal);
            OutputQueueReader recorded = recordedOutputs == null ? null : OutputQueueReader.open(recordedOutputs, true))
        {
            run.recorded = recorded;
            if (recorded != null)
            {
                recorded.toStart();
                run.skipRecordedThrough(skip);
            }
            try
            {
                if (skip == 0)
                {
                    reader.readAll(run.input());
                }
                else
                {
                    // from a snapshot: start at the input after it, found by its sequence, not by reading the prefix
                    run.journalPosition = skip;
                    reader.readFrom(skip + 1, run.input());
                }
                run.lastInputNanos = System.nanoTime();
                run.lastInputCpuNanos = cpuNanos();
                run.checkRecordingEnded();
            }
            catch (final Stop stop)
            {
                // the divergence or the requested end: the state is the one after the last input applied
                run.lastInputNanos = System.nanoTime();
                run.lastInputCpuNanos = cpuNanos();
            }
        }
        final long end = System.nanoTime();
        return new ReplayResult(run.applied, run.engine.lastSequence(), run.outputs, run.compared, run.divergence,
            run.engine.stateHash(), end - start, run.applied == 0 ? 0 : run.lastInputNanos - run.firstInputNanos,
            run.applied == 0 || run.firstInputCpuNanos < 0 ? 0 : run.lastInputCpuNanos - run.firstInputCpuNanos,
            run.engine);
    }

    /** The calling thread's CPU time, or -1 when the JVM does not measure it. */
    private static long cpuNanos()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** Ends the replay from inside the journal reader's handler. */
    private static final class Stop extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Stop()
        {
            super(null, null, false, false);
        }
    }

    private final class Run implements OutputSink
    {
        final MarginStateMachine engine;
        final ExpandableArrayBuffer recordedCopy = new ExpandableArrayBuffer(256);
        final QueuedOutputHandler copyRecorded = (index, buffer, offset, length) ->
        {
            recordedCopy.putBytes(0, buffer, offset, length);
            recordedLength = length;
        };
        OutputQueueReader recorded;
        int recordedLength = -1;
        long applied;
        long firstInputNanos;
        long lastInputNanos;
        long firstInputCpuNanos;
        long lastInputCpuNanos;
        long outputs;
        long compared;
        Divergence divergence;
        long journalPosition;

        Run(final EngineSettings replayed)
        {
            engine = new MarginStateMachine(replayed, this);
        }

        JournaledInputHandler input()
        {
            return (sequence, sourceIndex, buffer, offset, length) ->
            {
                journalPosition = sequence;
                if (journalPosition > until)
                {
                    throw new Stop();
                }
                if (applied == 0)
                {
                    firstInputNanos = System.nanoTime();
                    firstInputCpuNanos = cpuNanos();
                }
                listener.beforeInput(journalPosition, buffer, offset, length, engine);
                engine.onInput(buffer, offset, length);
                applied++;
                if (divergence != null)
                {
                    throw new Stop();
                }
                listener.afterInput(journalPosition, buffer, offset, length, engine);
                if (journalPosition == until)
                {
                    throw new Stop();
                }
            };
        }

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            outputs++;
            listener.onOutput(buffer, offset, length);
            if (recorded == null || divergence != null)
            {
                return;
            }
            if (!nextRecorded())
            {
                final OutputRecord replayed = OutputRecord.decode(buffer, offset, length);
                divergence = new Divergence(sequenceOf(buffer, offset), outputs, "none", replayed.type(), "output",
                    "(the recording ends)", replayed.type());
                return;
            }
            compared++;
            if (recordedLength != length || !sameBytes(buffer, offset, length))
            {
                divergence = difference(buffer, offset, length);
            }
            recordedLength = -1;
        }

        /** Passes over the recorded outputs of the inputs a snapshot covers; the first one after stays pending. */
        void skipRecordedThrough(final long sequence)
        {
            if (sequence == 0)
            {
                return;
            }
            while (recorded.poll(copyRecorded, 1) == 1)
            {
                if (sequenceOf(recordedCopy, 0) > sequence)
                {
                    return;
                }
            }
            recordedLength = -1;
        }

        /** The next recorded output into the copy; false when the recording ended. */
        boolean nextRecorded()
        {
            if (recordedLength >= 0)
            {
                return true;
            }
            return recorded.poll(copyRecorded, 1) == 1;
        }

        void checkRecordingEnded()
        {
            if (recorded == null || divergence != null)
            {
                return;
            }
            if (nextRecorded() && (until == Long.MAX_VALUE || sequenceOf(recordedCopy, 0) <= until))
            {
                final OutputRecord extra = decode(recordedCopy, 0, recordedLength);
                divergence = new Divergence(sequenceOf(recordedCopy, 0), outputs + 1, extra.type(), "none",
                    "output", extra.type(), "(the replay produced no more outputs)");
            }
        }

        private boolean sameBytes(final DirectBuffer buffer, final int offset, final int length)
        {
            int i = 0;
            for (; i + 8 <= length; i += 8)
            {
                if (recordedCopy.getLong(i) != buffer.getLong(offset + i))
                {
                    return false;
                }
            }
            for (; i < length; i++)
            {
                if (recordedCopy.getByte(i) != buffer.getByte(offset + i))
                {
                    return false;
                }
            }
            return true;
        }

        private Divergence difference(final DirectBuffer buffer, final int offset, final int length)
        {
            final OutputRecord expected = decode(recordedCopy, 0, recordedLength);
            final OutputRecord actual = decode(buffer, offset, length);
            final long sequence = sequenceOf(buffer, offset);
            if (!expected.type().equals(actual.type()))
            {
                return new Divergence(sequence, outputs, expected.type(), actual.type(), "type", expected.type(),
                    actual.type());
            }
            for (final Map.Entry<String, Long> field : expected.fields().entrySet())
            {
                final Long replayed = actual.fields().get(field.getKey());
                if (!field.getValue().equals(replayed))
                {
                    return new Divergence(sequence, outputs, expected.type(), actual.type(), field.getKey(),
                        String.valueOf(field.getValue()), String.valueOf(replayed));
                }
            }
            return new Divergence(sequence, outputs, expected.type(), actual.type(), "bytes",
                recordedLength + " bytes", length + " bytes");
        }

        private OutputRecord decode(final DirectBuffer buffer, final int offset, final int length)
        {
            try
            {
                return OutputRecord.decode(buffer, offset, length);
            }
            catch (final RuntimeException ex)
            {
                final LinkedHashMap<String, Long> fields = new LinkedHashMap<>();
                fields.put("length", (long)length);
                return new OutputRecord("not an output message", fields);
            }
        }

        private long sequenceOf(final DirectBuffer buffer, final int offset)
        {
            return buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        }
    }
}
