package com.liqengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an output queue ends: the input sequence of its last output and how many outputs of that input it holds
 * (a process killed while writing one input's outputs leaves only the first few). On restart the engine does not
 * write again what is there (docs/replay.md). Every output message carries its input's sequence as its first
 * field, right after the 8-byte SBE header.
 *
 * @param lastSequence input sequence of the last output, 0 when the queue holds none.
 * @param outputsOfLastSequence outputs of that input in the queue.
 * @param outputs outputs in the queue when they had to be counted from the start, else -1.
 */
public record OutputQueueEnd(long lastSequence, long outputsOfLastSequence, long outputs)
{
    /** An output queue with no output. */
    public static final OutputQueueEnd EMPTY = new OutputQueueEnd(0, 0, 0);

    private static final int SEQUENCE_OFFSET = 8;

    /**
     * Reads the end of an output queue (read-only), from its last document backwards.
     *
     * @param path the queue's directory; a missing one is an empty queue.
     * @return where it ends.
     */
    public static OutputQueueEnd read(final Path path)
    {
        if (!Files.isDirectory(path))
        {
            return EMPTY;
        }
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(path).readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            long last = 0;
            long count = 0;
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        break;
                    }
                    final long sequence = sequence(document, path);
                    if (count > 0 && sequence != last)
                    {
                        break;
                    }
                    last = sequence;
                    count++;
                }
            }
            if (count == 0 && queue.lastIndex() >= 0)
            {
                return forward(queue, path);
            }
            return count == 0 ? EMPTY : new OutputQueueEnd(last, count, -1);
        }
    }

    /** The backward read found nothing (an unfinished last document): count from the start instead. */
    private static OutputQueueEnd forward(final SingleChronicleQueue queue, final Path path)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            long last = 0;
            long count = 0;
            long outputs = 0;
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        break;
                    }
                    final long sequence = sequence(document, path);
                    count = sequence == last ? count + 1 : 1;
                    last = sequence;
                    outputs++;
                }
            }
            return outputs == 0 ? EMPTY : new OutputQueueEnd(last, count, outputs);
        }
    }

    private static long sequence(final DocumentContext document, final Path path)
    {
        final Bytes<?> bytes = document.wire().bytes();
        if (bytes.readRemaining() < SEQUENCE_OFFSET + 8)
        {
            throw new IllegalStateException("output queue " + path + ": document at index " + document.index()
                + " holds " + bytes.readRemaining() + " bytes, too few for an output message");
        }
        return bytes.readLong(bytes.readPosition() + SEQUENCE_OFFSET);
    }
}
