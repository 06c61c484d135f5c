package com.liqengine.cluster;

import org.agrona.DirectBuffer;

/**
 * Receives the engine's outputs with their position, the same on every node: the sequence of the input that
 * caused the output and its ordinal (1, 2, ...) among that input's outputs.
 */
@FunctionalInterface
public interface OutputHandler
{
    /**
     * One output; the bytes are valid only during the call.
     *
     * @param sequence of the input that caused it.
     * @param ordinal among that input's outputs, from 1.
     * @param buffer holding the SBE output.
     * @param offset of its header.
     * @param length of header and body.
     */
    void onOutput(long sequence, long ordinal, DirectBuffer buffer, int offset, int length);
}
