package com.liqengine.journal;

import java.nio.file.Path;

/**
 * Tails the engine's output queue from another process (risk UI, matching engine, insurance desk, auditors):
 * each SBE output message in order, allocation-free. Outputs carry the sequence of the input that caused them,
 * so a consumer that saves {@link #lastReadIndex()} can resume after a restart and de-duplicate.
 *
 * <pre>
 * try (OutputQueueReader outputs = OutputQueueReader.open(dir, true))
 * {
 *     while (running)
 *     {
 *         idle.idle(outputs.poll((index, buffer, offset, length) -&gt; handle(buffer, offset, length), 256));
 *     }
 * }
 * </pre>
 */
public final class OutputQueueReader extends QueueReader
{
    private OutputQueueReader(final Path path, final boolean readOnly)
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
    public static OutputQueueReader open(final Path path, final boolean readOnly)
    {
        return new OutputQueueReader(path, readOnly);
    }

    @Override
    public OutputQueueReader toStart()
    {
        super.toStart();
        return this;
    }

    @Override
    public OutputQueueReader toEnd()
    {
        super.toEnd();
        return this;
    }

    @Override
    public OutputQueueReader resumeAfter(final long index)
    {
        super.resumeAfter(index);
        return this;
    }
}
