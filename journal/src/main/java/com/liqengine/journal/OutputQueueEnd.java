package com.liqengine.journal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an output queue ends: the input sequence of its last output, how many outputs of that input it holds (a
 * batch's outputs that spilled over several documents may be cut by a crash between two of them), and the number
 * of its last output. On restart the engine does not write again what is there (docs/replay.md). Every output
 * message carries its input's sequence as its first field, right after the 8-byte SBE header. Read from the last
 * complete document backwards (an incomplete last document, its writer killed in the middle of a batch, holds no
 * output yet).
 *
 * @param lastSequence input sequence of the last output, 0 when the queue holds none.
 * @param outputsOfLastSequence outputs of that input in the queue.
 * @param outputs number of the queue's last output (outputs written to it since it was created), 0 when none.
 */
public record OutputQueueEnd(long lastSequence, long outputsOfLastSequence, long outputs)
{
    /** An output queue with no output. */
    public static final OutputQueueEnd EMPTY = new OutputQueueEnd(0, 0, 0);

    /**
     * Reads the end of an output queue (read-only), from its last document backwards.
     *
     * @param path the queue's directory; a missing one is an empty queue.
     * @return where it ends.
     * @throws JournalCorruptedException when a document read is damaged or of another format (the message names
     *     both versions), or an output too short to carry its input's sequence.
     */
    public static OutputQueueEnd read(final Path path)
    {
        if (!Files.isDirectory(path))
        {
            return EMPTY;
        }
        try (OutputDocuments documents = new OutputDocuments(path, true))
        {
            final DocumentPositions positions = documents.positions();
            final OutputDocument document = documents.document();
            long outputs = 0;
            long last = 0;
            long ofLast = 0;
            for (long n = positions.count(); n >= 1; n--)
            {
                if (!documents.readAt(positions, n))
                {
                    continue;
                }
                if (outputs == 0)
                {
                    outputs = document.lastNumber();
                    last = lastSequenceIn(documents, document);
                }
                final int trailing = trailingOutputsOf(document, last);
                ofLast += trailing;
                if (trailing < document.count())
                {
                    break;
                }
            }
            return outputs == 0 ? EMPTY : new OutputQueueEnd(last, ofLast, outputs);
        }
    }

    /**
     * Number of an output queue's last output, from its last complete document alone (the outputs are not looked
     * into): where a writer numbers on from.
     *
     * @param path the queue's directory; a missing one is an empty queue.
     * @return the number, 0 when the queue holds no output.
     * @throws JournalCorruptedException when the last document is damaged or of another format.
     */
    static long lastOutputNumber(final Path path)
    {
        if (!Files.isDirectory(path))
        {
            return 0;
        }
        try (OutputDocuments documents = new OutputDocuments(path, true))
        {
            final DocumentPositions positions = documents.positions();
            for (long n = positions.count(); n >= 1; n--)
            {
                if (documents.readAt(positions, n))
                {
                    return documents.document().lastNumber();
                }
            }
            return 0;
        }
    }

    private static long lastSequenceIn(final OutputDocuments documents, final OutputDocument document)
    {
        int entry = OutputDocument.firstEntry();
        long sequence = -1;
        for (int i = 0; i < document.count(); i++)
        {
            sequence = document.sequenceOf(entry);
            if (sequence < 0)
            {
                throw documents.corrupted("output " + (document.firstNumber() + i) + " holds "
                    + document.outputLength(entry) + " bytes, too few for an output message with its input's "
                    + "sequence", null);
            }
            entry = document.nextEntry(entry);
        }
        return sequence;
    }

    /** Outputs of an input at the document's end. */
    private static int trailingOutputsOf(final OutputDocument document, final long sequence)
    {
        int entry = OutputDocument.firstEntry();
        int trailing = 0;
        for (int i = 0; i < document.count(); i++)
        {
            trailing = document.sequenceOf(entry) == sequence ? trailing + 1 : 0;
            entry = document.nextEntry(entry);
        }
        return trailing;
    }
}
