package com.liqengine.journal;

import com.liqengine.pipeline.InputSlot;

/**
 * The input journal's format 2 (docs/journal.md): one Chronicle document per batch of inputs, so Chronicle's
 * per-document cost is paid once per batch. Little endian throughout:
 *
 * <pre>
 *   0  'L' 'Q' 'J' version            4 bytes: marks a format 2 document (version 2)
 *   4  first input sequence           int64: the engine's sequence of the batch's first input (from 1)
 *  12  entries, each:
 *        length                       int32: the input's bytes
 *        source index                 int64: the input queue's index it was read from, or -1 (published directly)
 *        the input's bytes, exactly as received
 * end-8  entry count                  int32: at least 1
 * end-4  CRC32C                       int32: of every byte before it
 * </pre>
 *
 * Format 1 (one input per document followed by its CRC32C, no source index) is recognised and refused by name.
 */
public final class JournalFormat
{
    /** The format this build writes and reads. */
    public static final int VERSION = 2;
    /** The format before batches, recognised to be refused by name. */
    public static final int VERSION_ONE_INPUT_PER_DOCUMENT = 1;
    /** Sequence of the first input of a journal. */
    public static final long FIRST_SEQUENCE = 1;

    static final int MAGIC_LENGTH = 3;
    static final byte[] MAGIC = {'L', 'Q', 'J'};
    static final int VERSION_OFFSET = 3;
    static final int FIRST_SEQUENCE_OFFSET = 4;
    static final int HEADER_LENGTH = 12;
    static final int ENTRY_HEADER_LENGTH = 12;
    static final int ENTRY_SOURCE_OFFSET = 4;
    static final int TRAILER_LENGTH = 8;
    static final int CHECKSUM_LENGTH = 4;
    /** Largest input an entry holds: what a ring slot holds. */
    static final int MAX_INPUT_LENGTH = InputSlot.CAPACITY;
    /**
     * A batch's document is closed, and the rest of the batch goes in the next one, once its entries pass this
     * size: well under Chronicle's largest document, and a restart's search reads at most this much per probe.
     */
    static final int DOCUMENT_TARGET_LENGTH = 64 * 1024;
    /** No document is longer: the target, plus one largest entry, header and trailer. */
    static final int MAX_DOCUMENT_LENGTH =
        HEADER_LENGTH + DOCUMENT_TARGET_LENGTH + ENTRY_HEADER_LENGTH + MAX_INPUT_LENGTH + TRAILER_LENGTH;

    private JournalFormat()
    {
    }
}
