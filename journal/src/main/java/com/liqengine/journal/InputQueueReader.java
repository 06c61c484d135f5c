package com.liqengine.journal;

import java.nio.file.Path;

/**
 * Tails an input queue written by a matching engine or gateway (one SBE input message per document) for
 * {@code liq run}, which hands each document's bytes to the engine's publisher:
 *
 * <pre>
 * try (InputQueueReader inputs = InputQueueReader.open(dir, true).resumeAfter(savedIndex))
 * {
 *     while (running)
 *     {
 *         idle.idle(inputs.poll((index, buffer, offset, length) -&gt; publisher.publish(buffer, offset, length), 256));
 *     }
 * }
 * </pre>
 */
public final class InputQueueReader extends QueueReader
{
    private InputQueueReader(final Path path, final boolean readOnly)
    {
        super(path, readOnly);
    }

    /**
     * Opens a reader positioned at the queue's first document.
     *
     * @param path the queue's directory.
     * @param readOnly true to map the queue read-only (it must exist); false creates it when missing.
     * @return the reader.
     */
    public static InputQueueReader open(final Path path, final boolean readOnly)
    {
        return new InputQueueReader(path, readOnly);
    }

    @Override
    public InputQueueReader toStart()
    {
        super.toStart();
        return this;
    }

    @Override
    public InputQueueReader toEnd()
    {
        super.toEnd();
        return this;
    }

    @Override
    public InputQueueReader resumeAfter(final long index)
    {
        super.resumeAfter(index);
        return this;
    }
}
