package com.liqengine.pipeline;

import com.liqengine.margin.MarginStateMachine;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

import java.util.concurrent.CountDownLatch;

/**
 * The margin state machine's handler. In {@link Topology#INLINE_JOURNAL} it journals each batch itself, then
 * applies it: the batch's slots stay valid until this handler's sequence moves past them, so they can be read
 * again once the journal has the whole batch. In {@link Topology#JOURNAL_THEN_APPLY} it runs gated behind a
 * {@link JournalHandler} and only applies. On its thread, before the first input, it runs the context's
 * {@link StateRecovery}; after each accepted {@code SnapshotRequest} it calls the {@link SnapshotTaker}. With a
 * {@link PipelineLatency} it records each input's latency once applied, and again once its batch's outputs are
 * written.
 */
final class StateMachineHandler implements EventHandler<InputSlot>
{
    private final MarginStateMachine stateMachine;
    private final OutputChannel outputs;
    private final InputJournal journal;
    private final RingBuffer<InputSlot> ring;
    private final EngineCounters counters;
    private final AppliedListener appliedListener;
    private final SnapshotTaker snapshotTaker;
    private final StateRecovery recovery;
    private final PipelineLatency latency;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable recoveryFailure;
    private Runnable threadStart;
    private long batchStart = -1;
    private long unwrittenStart = -1;

    /**
     * @param journal the journal to write before applying, or null when a separate handler journals.
     * @param latency where latencies are recorded, or null.
     */
    StateMachineHandler(
        final MarginStateMachine stateMachine,
        final OutputChannel outputs,
        final InputJournal journal,
        final RingBuffer<InputSlot> ring,
        final EngineCounters counters,
        final AppliedListener appliedListener,
        final SnapshotTaker snapshotTaker,
        final StateRecovery recovery,
        final PipelineLatency latency)
    {
        this.stateMachine = stateMachine;
        this.outputs = outputs;
        this.journal = journal;
        this.ring = ring;
        this.counters = counters;
        this.appliedListener = appliedListener;
        this.snapshotTaker = snapshotTaker;
        this.recovery = recovery;
        this.latency = latency;
    }

    /**
     * @param start run first on this handler's thread when it starts (pinning it to a core), or null; set before
     *     the engine starts.
     */
    void threadStart(final Runnable start)
    {
        this.threadStart = start;
    }

    @Override
    public void onStart()
    {
        try
        {
            if (threadStart != null)
            {
                threadStart.run();
            }
            if (recovery != null)
            {
                recovery.recover(stateMachine);
            }
        }
        catch (final Throwable ex)
        {
            recoveryFailure = ex;
        }
        finally
        {
            started.countDown();
        }
    }

    /**
     * Waits until the handler's thread has started and the recovery (if any) has run.
     *
     * @return the recovery's failure, or null.
     */
    Throwable awaitStarted()
    {
        try
        {
            started.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ex;
        }
        return recoveryFailure;
    }

    @Override
    public void onEvent(final InputSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (unwrittenStart < 0)
        {
            unwrittenStart = sequence;
        }
        if (journal == null)
        {
            apply(slot);
            if (endOfBatch)
            {
                endOfBatch(sequence);
            }
            return;
        }
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        journal.append(slot.buffer, 0, slot.length, slot.sourceIndex);
        if (endOfBatch)
        {
            journal.endOfBatch();
            if (counters != null)
            {
                counters.journalAppended(journal.appended());
            }
            for (long s = batchStart; s <= sequence; s++)
            {
                apply(ring.get(s));
            }
            batchStart = -1;
            endOfBatch(sequence);
        }
    }

    private void apply(final InputSlot slot)
    {
        stateMachine.onInput(slot.buffer, 0, slot.length);
        if (snapshotTaker != null && stateMachine.snapshotRequested())
        {
            snapshotTaker.onSnapshotRequest(stateMachine, slot.buffer, 0, slot.length);
        }
        if (counters != null)
        {
            counters.onInput(slot.buffer, 0);
        }
        if (latency != null)
        {
            latency.onApplied(slot);
        }
        if (appliedListener != null)
        {
            appliedListener.onApplied(slot.ingressNanos);
        }
    }

    private void endOfBatch(final long sequence)
    {
        outputs.endOfBatch();
        if (latency != null)
        {
            latency.onOutputsWritten(ring, unwrittenStart, sequence);
        }
        unwrittenStart = -1;
        if (counters != null)
        {
            counters.ringRemaining(ring.remainingCapacity());
        }
    }
}
