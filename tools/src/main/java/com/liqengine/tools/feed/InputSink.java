package com.liqengine.tools.feed;

import org.agrona.DirectBuffer;

/**
 * Where {@code liq feed} writes each encoded input: the input queue, or the queue through an
 * {@link EventTimeStamper}.
 */
@FunctionalInterface
public interface InputSink
{
    /**
     * Writes one input.
     *
     * @param buffer holding it.
     * @param offset of the message.
     * @param length of the message.
     */
    void append(DirectBuffer buffer, int offset, int length);
}
