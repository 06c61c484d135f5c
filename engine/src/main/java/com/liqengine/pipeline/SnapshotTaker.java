package com.liqengine.pipeline;

import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;

/**
 * Takes a snapshot when a {@code SnapshotRequest} input has been applied: called on the state machine's thread,
 * right after that input, so the state it sees is exactly the state at the request's sequence. A rare, cold
 * event: it may allocate and do I/O, and the ring waits meanwhile.
 */
@FunctionalInterface
public interface SnapshotTaker
{
    /**
     * A snapshot request was applied.
     *
     * @param stateMachine the state to save; read it during the call only.
     * @param request the buffer holding the request's SBE bytes (valid during the call only).
     * @param offset of the request's header.
     * @param length of the request.
     */
    void onSnapshotRequest(MarginStateMachine stateMachine, DirectBuffer request, int offset, int length);
}
