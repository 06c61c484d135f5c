package com.liqengine.journal;

import org.agrona.DirectBuffer;

/**
 * Receives one journaled input from a {@link JournalReader}: its engine sequence, the input queue's index it was
 * read from and its bytes, in place (valid only during the call; copy them to keep them).
 */
@FunctionalInterface
public interface JournaledInputHandler
{
    /**
     * One input.
     *
     * @param sequence the engine's sequence of the input (the journal's first is 1).
     * @param sourceIndex the input queue's index it came from, or {@link com.liqengine.pipeline.InputSlot#NO_SOURCE}
     *     when it was published directly (by an embedding program, or the engine's own snapshot requests).
     * @param buffer holding the input.
     * @param offset of its first byte.
     * @param length of the input.
     */
    void onInput(long sequence, long sourceIndex, DirectBuffer buffer, int offset, int length);
}
