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
     * Appends one input message exactly as received, with where it came from. A journal that does not record the
     * source ignores it.
     *
     * @param buffer holding it.
     * @param offset of the message.
     * @param length of the message.
     * @param sourceIndex the input queue's index of the document it was read from, or {@link InputSlot#NO_SOURCE}
     *     when it was published directly.
     */
    default void append(DirectBuffer buffer, int offset, int length, long sourceIndex)
    {
        append(buffer, offset, length);
    }

    /**
     * End of a batch of appends: the moment to complete them in the journal (nothing appended since the last end of
     * batch may be applied before this returns) and to make them durable, as the fsync policy says.
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
