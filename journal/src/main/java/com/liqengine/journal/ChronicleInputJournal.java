package com.liqengine.journal;

import com.liqengine.pipeline.InputJournal;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * The engine's input journal in a Chronicle queue: each input's SBE bytes, exactly as published, then their
 * CRC32C ({@link DocumentChecksum}), as one document, which {@link JournalReader} checks and strips; forced
 * to disk at the end of each batch as the {@link FsyncPolicy} says. Allocation-free in steady state. The
 * pipeline calls it from one thread (the journaling thread, where the appender is created on the first
 * append); {@link #close()} may come from another thread once that one is done.
 *
 * <pre>
 * InputJournal journal = ChronicleInputJournal.open(
 *     new QueueContext().path(dir).rollCycle("FAST_HOURLY").fsyncPolicy(FsyncPolicy.PER_BATCH));
 * </pre>
 */
public final class ChronicleInputJournal extends ChronicleQueueWriter implements InputJournal
{
    private ChronicleInputJournal(final QueueContext context)
    {
        super(context, true);
    }

    /**
     * Opens (or creates) the journal; an existing journal is appended to.
     *
     * @param context where and how (concluded here).
     * @return the journal.
     */
    public static ChronicleInputJournal open(final QueueContext context)
    {
        return new ChronicleInputJournal(context.conclude());
    }

    /**
     * Opens (or creates) the journal in a directory with the default settings.
     *
     * @param path the directory.
     * @return the journal.
     */
    public static ChronicleInputJournal open(final Path path)
    {
        return open(new QueueContext().path(path));
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        write(buffer, offset, length);
    }

    @Override
    public long appended()
    {
        return count();
    }
}
