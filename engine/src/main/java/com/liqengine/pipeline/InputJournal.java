package com.liqengine.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where every input is recorded before it is applied. The pipeline calls it from one thread only.
 */
public interface InputJournal extends AutoCloseable
{
    /**
     * Appends one input message exactly as received.
     *
     * @param buffer holding it.
     * @param offset of the message.
     * @param length of the message.
     */
    void append(DirectBuffer buffer, int offset, int length);

    /**
     * End of a batch of appends: the moment to make them durable, as the fsync policy says.
     */
    void endOfBatch();

    /**
     * Number of inputs appended since the journal was opened (a counter, not an index).
     *
     * @return appended inputs.
     */
    long appended();

    @Override
    void close();
}
