package com.liqengine.journal;

import org.agrona.DirectBuffer;

/**
 * Writes an input queue as a gateway or matching engine does: one SBE message per document, nothing added (the
 * format {@code liq run} tails). For {@code liq feed}, tests and the bare-Chronicle baseline; the engine's own
 * journal is a {@link ChronicleInputJournal}, whose documents hold batches of inputs with their source and a checksum
 * (docs/journal.md). One writing thread.
 */
public final class InputQueueWriter extends ChronicleQueueWriter
{
    private InputQueueWriter(final QueueContext context)
    {
        super(context);
    }

    /**
     * Opens (or creates) an input queue; an existing one is appended to.
     *
     * @param context where and how (concluded here).
     * @return the writer.
     */
    public static InputQueueWriter open(final QueueContext context)
    {
        return new InputQueueWriter(context.conclude());
    }

    /**
     * Appends one message as one document.
     *
     * @param buffer holding the message.
     * @param offset of its first byte.
     * @param length of the message.
     */
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        write(buffer, offset, length);
    }
}
