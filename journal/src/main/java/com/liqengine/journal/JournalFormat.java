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

    static final int MAGIC_LENGTH = BatchLayout.MAGIC_LENGTH;
    static final byte[] MAGIC = {'L', 'Q', 'J'};
    static final int VERSION_OFFSET = BatchLayout.VERSION_OFFSET;
    static final int FIRST_SEQUENCE_OFFSET = BatchLayout.FIRST_NUMBER_OFFSET;
    static final int HEADER_LENGTH = BatchLayout.HEADER_LENGTH;
    static final int ENTRY_HEADER_LENGTH = 12;
    static final int ENTRY_SOURCE_OFFSET = 4;
    static final int TRAILER_LENGTH = BatchLayout.TRAILER_LENGTH;
    static final int CHECKSUM_LENGTH = BatchLayout.CHECKSUM_LENGTH;
    /** Largest input an entry holds: what a ring slot holds. */
    static final int MAX_INPUT_LENGTH = InputSlot.CAPACITY;
    /** The batch document layout it shares with the output queue (mark, header, trailer, size). */
    static final BatchLayout LAYOUT = new BatchLayout("journal", MAGIC, VERSION, VERSION_ONE_INPUT_PER_DOCUMENT,
        "first sequence", "input", ENTRY_HEADER_LENGTH, MAX_INPUT_LENGTH);
    /** See {@link BatchLayout#DOCUMENT_TARGET_LENGTH}. */
    static final int DOCUMENT_TARGET_LENGTH = BatchLayout.DOCUMENT_TARGET_LENGTH;
    /** No document is longer: the target, plus one largest entry, header and trailer. */
    static final int MAX_DOCUMENT_LENGTH = LAYOUT.maxDocumentLength;

    private JournalFormat()
    {
    }
}
