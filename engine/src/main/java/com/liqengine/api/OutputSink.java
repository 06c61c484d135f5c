package com.liqengine.api;

import org.agrona.DirectBuffer;

/**
 * Receives each SBE output message of the engine (header included). The bytes are valid only during the call.
 */
@FunctionalInterface
public interface OutputSink
{
    /**
     * One output message.
     *
     * @param buffer holding the message.
     * @param offset of the message header.
     * @param length of header and body.
     */
    void onOutput(DirectBuffer buffer, int offset, int length);
}
