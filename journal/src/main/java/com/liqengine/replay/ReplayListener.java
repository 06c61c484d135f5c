package com.liqengine.replay;

import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;

/**
 * Told of every input and output of a replay, on the replaying thread; buffers are valid during the call only.
 */
public interface ReplayListener
{
    /**
     * An input is about to be applied.
     *
     * @param sequence the sequence it will take.
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of the input.
     * @param engine the state before it.
     */
    default void beforeInput(
        final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final MarginStateMachine engine)
    {
    }

    /**
     * The input produced an output.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of the output.
     */
    default void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
    }

    /**
     * An input was applied.
     *
     * @param sequence its sequence.
     * @param buffer holding it.
     * @param offset of its header.
     * @param length of the input.
     * @param engine the state after it.
     */
    default void afterInput(
        final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final MarginStateMachine engine)
    {
    }
}
