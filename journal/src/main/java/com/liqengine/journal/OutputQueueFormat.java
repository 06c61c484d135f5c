package com.liqengine.journal;

/**
 * The output queue's format 2 (docs/journal.md): the outputs the state machine emits while applying one batch of
 * inputs in one Chronicle document, so Chronicle's per-document cost is paid once per batch. The layout is the
 * input journal's ({@link BatchLayout}), with its own mark and a shorter entry header. Little endian throughout:
 *
 * <pre>
 *   0  'L' 'Q' 'O' version            4 bytes: marks a format 2 output document (version 2)
 *   4  first output                   int64: the queue's number of the document's first output (from 1)
 *  12  entries, each:
 *        length                       int32: the output's bytes
 *        the output's bytes           one SBE message, exactly as the state machine emitted it
 * end-8  entry count                  int32: at least 1
 * end-4  CRC32C                       int32: of every byte before it
 * </pre>
 *
 * Format 1 (one output per document, no header, no checksum) is recognised and refused by name.
 */
public final class OutputQueueFormat
{
    /** The format this build writes and reads. */
    public static final int VERSION = 2;
    /** The format before batches, recognised to be refused by name. */
    public static final int VERSION_ONE_OUTPUT_PER_DOCUMENT = 1;
    /** Number of the first output of a queue. */
    public static final long FIRST_OUTPUT = 1;
    /** Largest output an entry holds (the state machine's are at most 256 bytes). */
    public static final int MAX_OUTPUT_LENGTH = 1024;

    static final byte[] MAGIC = {'L', 'Q', 'O'};
    static final int ENTRY_HEADER_LENGTH = 4;
    static final BatchLayout LAYOUT = new BatchLayout("output queue", MAGIC, VERSION, VERSION_ONE_OUTPUT_PER_DOCUMENT,
        "first output", "output", ENTRY_HEADER_LENGTH, MAX_OUTPUT_LENGTH);

    private OutputQueueFormat()
    {
    }
}
