package com.liqengine.journal;

import org.agrona.DirectBuffer;

/**
 * Receives one document of a queue: the raw bytes of one SBE message, in place in the memory-mapped queue
 * file. The bytes are valid only during the call; copy them to keep them.
 */
@FunctionalInterface
public interface DocumentHandler
{
    /**
     * One document.
     *
     * @param index the document's Chronicle index (cycle and sequence within the cycle), for resuming.
     * @param buffer holding the document.
     * @param offset of the document's first byte.
     * @param length of the document.
     */
    void onDocument(long index, DirectBuffer buffer, int offset, int length);
}
