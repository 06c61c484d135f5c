package com.liqengine.journal;

import org.agrona.DirectBuffer;

/**
 * Receives one output of the output queue: the raw bytes of one SBE output message, in a copy of its document
 * checked whole. The bytes are valid only during the call; copy them to keep them.
 */
@FunctionalInterface
public interface QueuedOutputHandler
{
    /**
     * One output.
     *
     * @param position the output's number in the queue (1, 2, 3, ... without gaps), to save and
     *     {@link OutputQueueReader#resumeAfter(long) resume after}.
     * @param buffer holding the output.
     * @param offset of its first byte (the SBE header).
     * @param length of the output.
     */
    void onOutput(long position, DirectBuffer buffer, int offset, int length);
}
