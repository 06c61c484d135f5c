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
 * {@link StateRecovery}; after each accepted {@code SnapshotRequest} it calls the {@link SnapshotTaker}.
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
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Throwable recoveryFailure;
    private long batchStart = -1;

    /**
     * @param journal the journal to write before applying, or null when a separate handler journals.
     */
    StateMachineHandler(
        final MarginStateMachine stateMachine,
        final OutputChannel outputs,
        final InputJournal journal,
        final RingBuffer<InputSlot> ring,
        final EngineCounters counters,
        final AppliedListener appliedListener,
        final SnapshotTaker snapshotTaker,
        final StateRecovery recovery)
    {
        this.stateMachine = stateMachine;
        this.outputs = outputs;
        this.journal = journal;
        this.ring = ring;
        this.counters = counters;
        this.appliedListener = appliedListener;
        this.snapshotTaker = snapshotTaker;
        this.recovery = recovery;
    }

    @Override
    public void onStart()
    {
        try
        {
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
        if (journal == null)
        {
            apply(slot);
            if (endOfBatch)
            {
                endOfBatch();
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
            endOfBatch();
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
        if (appliedListener != null)
        {
            appliedListener.onApplied(slot.ingressNanos);
        }
    }

    private void endOfBatch()
    {
        outputs.endOfBatch();
        if (counters != null)
        {
            counters.ringRemaining(ring.remainingCapacity());
        }
    }
}
