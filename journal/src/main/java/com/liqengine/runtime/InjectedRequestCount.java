package com.liqengine.runtime;

import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.pipeline.SnapshotTaker;
import com.liqengine.snapshot.SnapshotStore;
import org.agrona.DirectBuffer;

/**
 * The engine's {@link SnapshotTaker}: counts the snapshot requests the engine injected itself
 * ({@link SnapshotSchedule}) as they are applied, and has the {@link SnapshotStore} take each snapshot with that
 * count, so a snapshot records how many of its inputs were the engine's own and a restart need not read the
 * journal before it to know (docs/replay.md). On the engine's thread; the count starts from the recovery's.
 */
final class InjectedRequestCount implements SnapshotTaker
{
    private final SnapshotStore store;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long injected;

    InjectedRequestCount(final SnapshotStore store)
    {
        this.store = store;
    }

    /**
     * Sets the count after recovery, before the first new input.
     *
     * @param injectedSoFar injected requests in the journal recovered.
     */
    void recovered(final long injectedSoFar)
    {
        injected = injectedSoFar;
    }

    @Override
    public void onSnapshotRequest(
        final MarginStateMachine stateMachine, final DirectBuffer request, final int offset, final int length)
    {
        if (SnapshotSchedule.isInjected(header, request, offset, length))
        {
            injected++;
        }
        store.take(stateMachine, request, offset, length, injected);
    }
}
