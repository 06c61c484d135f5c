package com.liqengine.runtime;

import com.liqengine.journal.InputQueueReader;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.OutputQueueReader;
import org.agrona.DirectBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads whole queues into lists of byte arrays, for tests that compare them.
 */
public final class Queues
{
    private Queues()
    {
    }

    /**
     * @param path an output queue.
     * @return every output's bytes, in order.
     */
    public static List<byte[]> documents(final Path path)
    {
        final List<byte[]> documents = new ArrayList<>();
        if (!Files.isDirectory(path))
        {
            return documents;
        }
        try (OutputQueueReader reader = OutputQueueReader.open(path, true))
        {
            reader.toStart();
            while (reader.poll(
                (index, buffer, offset, length) -> documents.add(copy(buffer, offset, length)), 10_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return documents;
    }

    /**
     * @param path an input queue (one message per document, as a gateway writes it).
     * @return every document's bytes, in order.
     */
    public static List<byte[]> inputQueue(final Path path)
    {
        final List<byte[]> documents = new ArrayList<>();
        if (!Files.isDirectory(path))
        {
            return documents;
        }
        try (InputQueueReader reader = InputQueueReader.open(path, true))
        {
            while (reader.poll(
                (index, buffer, offset, length) -> documents.add(copy(buffer, offset, length)), 10_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return documents;
    }

    /**
     * @param path an input journal.
     * @return every input's bytes, in order.
     */
    public static List<byte[]> journal(final Path path)
    {
        final List<byte[]> inputs = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(path))
        {
            reader.readAll((sequence, source, buffer, offset, length) -> inputs.add(copy(buffer, offset, length)));
        }
        return inputs;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        return copy;
    }
}
