package com.liqengine.snapshot;

import org.agrona.ErrorHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * Writes snapshot files off the engine's thread (docs/replay.md). Two file buffers go back and forth: the
 * engine's thread {@link #claim() claims} a free one, encodes the state into it and {@link #submit submits} it;
 * this agent seals it (state hash, checksum), writes it to a temporary file, forces it, renames it over the final
 * name, then applies the retention and gives the buffer back. So one snapshot can be written while the next is
 * encoded; when both buffers are still with the writer, the engine's thread waits for one (counted: snapshots
 * requested faster than the disk writes them) rather than skip a snapshot or overwrite one being written.
 * Run it with an {@link org.agrona.concurrent.AgentRunner}; on close it writes what was submitted before. Its idle
 * strategy may park for long (a snapshot is rare): {@link #submit} unparks the writer's thread, so a parked writer
 * starts on a snapshot at once and does not wake hundreds of times a second for nothing.
 * A snapshot that cannot be written is reported to the error handler ({@link SnapshotWriteException}) and counted:
 * the journal, not the snapshot, must never be lost.
 */
public final class SnapshotWriter implements Agent
{
    /** Size the buffers start with; they grow to the state's size on the first snapshots, then stay. */
    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final long WAIT_NANOS = 100_000;

    private final Path folder;
    private final int keep;
    private final ErrorHandler errorHandler;
    private final OneToOneConcurrentArrayQueue<ExpandableArrayBuffer> free = new OneToOneConcurrentArrayQueue<>(2);
    private final OneToOneConcurrentArrayQueue<ExpandableArrayBuffer> submitted =
        new OneToOneConcurrentArrayQueue<>(2);
    private final CRC32C checksum = new CRC32C();
    private volatile long written;
    private volatile long failures;
    private volatile long deleted;
    private volatile Path last;
    private long waits;
    private final ExpandableArrayBuffer first = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private final ExpandableArrayBuffer second = new ExpandableArrayBuffer(INITIAL_CAPACITY);
    private int firstLength;
    private int secondLength;
    private WriteHook hook = WriteHook.NONE;
    /** The thread this agent runs on, once started: {@link #submit} wakes it. */
    private volatile Thread thread;

    /**
     * @param folder where snapshots go (created on the first one).
     * @param keep snapshots to keep, older ones are deleted after each write; 0 keeps them all.
     * @param errorHandler where a failure is reported (the engine's error log).
     */
    public SnapshotWriter(final Path folder, final int keep, final ErrorHandler errorHandler)
    {
        if (keep < 0)
        {
            throw new IllegalArgumentException("snapshots to keep must be 0 (all) or more, not " + keep);
        }
        this.folder = folder;
        this.keep = keep;
        this.errorHandler = errorHandler;
        free.offer(first);
        free.offer(second);
    }

    /**
     * A free file buffer for the engine's thread to encode into; waits while the writer holds both.
     *
     * @return the buffer.
     */
    public ExpandableArrayBuffer claim()
    {
        ExpandableArrayBuffer buffer = free.poll();
        if (buffer == null)
        {
            waits++;
            while ((buffer = free.poll()) == null)
            {
                LockSupport.parkNanos(WAIT_NANOS);
            }
        }
        return buffer;
    }

    /**
     * Hands an encoded file to the writer.
     *
     * @param buffer a buffer from {@link #claim()}, holding an encoded file ({@link SnapshotFile#encode}).
     * @param fileLength the file's length.
     */
    public void submit(final ExpandableArrayBuffer buffer, final int fileLength)
    {
        // the length travels beside the buffer: the queue holds only the two preallocated buffers
        if (buffer == first)
        {
            firstLength = fileLength;
        }
        else
        {
            secondLength = fileLength;
        }
        submitted.offer(buffer);
        final Thread writer = thread;
        if (writer != null)
        {
            LockSupport.unpark(writer);
        }
    }

    @Override
    public void onStart()
    {
        thread = Thread.currentThread();
    }

    @Override
    public int doWork()
    {
        final ExpandableArrayBuffer buffer = submitted.poll();
        if (buffer == null)
        {
            return 0;
        }
        writeAndFree(buffer);
        return 1;
    }

    @Override
    public void onClose()
    {
        ExpandableArrayBuffer buffer;
        while ((buffer = submitted.poll()) != null)
        {
            writeAndFree(buffer);
        }
    }

    /** The buffer goes back whatever happens: a lost buffer would leave the engine's thread waiting for ever. */
    private void writeAndFree(final ExpandableArrayBuffer buffer)
    {
        try
        {
            write(buffer, buffer == first ? firstLength : secondLength);
        }
        catch (final RuntimeException ex)
        {
            failures++;
            errorHandler.onError(new SnapshotWriteException("could not write a snapshot to " + folder, ex));
        }
        finally
        {
            free.offer(buffer);
        }
    }

    @Override
    public String roleName()
    {
        return "liq-snapshot-writer";
    }

    private void write(final ExpandableArrayBuffer buffer, final int fileLength)
    {
        final long sequence = SnapshotFile.sequenceOf(buffer);
        final Path file;
        try
        {
            SnapshotFile.seal(buffer, fileLength, checksum);
            file = SnapshotFile.writeAtomically(folder, SnapshotFile.name(sequence), buffer.byteArray(), fileLength,
                hook);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            failures++;
            // no sequence in the message: a disk that keeps failing is one error in the log, with its count
            errorHandler.onError(new SnapshotWriteException("could not write a snapshot to " + folder, ex));
            return;
        }
        try
        {
            deleted += SnapshotFolder.keepNewest(folder, keep);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            errorHandler.onError(new SnapshotWriteException("could not delete old snapshots in " + folder, ex));
        }
        last = file;
        // counted last, so a reader of written() also sees the retention done
        written++;
    }

    /**
     * For tests: called while a file is written, between its temporary file and its rename.
     *
     * @param hook the hook.
     */
    void hook(final WriteHook hook)
    {
        this.hook = hook;
    }

    /**
     * @return snapshots written.
     */
    public long written()
    {
        return written;
    }

    /**
     * @return snapshots that could not be written.
     */
    public long failures()
    {
        return failures;
    }

    /**
     * @return old snapshots deleted by the retention.
     */
    public long deleted()
    {
        return deleted;
    }

    /**
     * @return times the engine's thread waited for a free buffer (read on that thread).
     */
    public long waits()
    {
        return waits;
    }

    /**
     * @return the last snapshot written, or null.
     */
    public Path last()
    {
        return last;
    }
}
