package com.liqengine.snapshot;

import com.liqengine.margin.MarginStateMachine;
import com.liqengine.pipeline.SnapshotTaker;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The snapshot folder: takes a snapshot whenever a {@code SnapshotRequest} is applied (on the engine's thread:
 * the state is encoded into a reused buffer and written synchronously, so the ring waits for the time of one
 * file write; docs/replay.md gives the cost), and lists the snapshots it holds, newest first.
 * A snapshot that cannot be written is reported and counted, and the engine goes on: the journal, not the
 * snapshot, is what must never be lost.
 */
public final class SnapshotStore implements SnapshotTaker
{
    private final Path folder;
    private final PrintStream log;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private long written;
    private long failures;
    private Path last;

    /**
     * @param folder where snapshots are (created on the first snapshot).
     * @param log where a failure to write is reported.
     */
    public SnapshotStore(final Path folder, final PrintStream log)
    {
        this.folder = folder;
        this.log = log;
    }

    @Override
    public void onSnapshotRequest(
        final MarginStateMachine stateMachine, final DirectBuffer request, final int offset, final int length)
    {
        final int fileLength = SnapshotFile.encode(stateMachine, request, offset, length, buffer);
        try
        {
            last = SnapshotFile.writeAtomically(
                folder, SnapshotFile.name(stateMachine.lastSequence()), buffer.byteArray(), fileLength);
            written++;
        }
        catch (final IOException | UncheckedIOException ex)
        {
            failures++;
            log.println("liq: could not write the snapshot at sequence " + stateMachine.lastSequence() + " to "
                + folder + ": " + ex);
        }
    }

    /**
     * Snapshot files in the folder, newest (highest sequence) first; unchecked.
     *
     * @return the files.
     */
    public List<Path> files()
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder))
        {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, SnapshotFile.PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                if (SnapshotFile.sequenceOf(entry.getFileName().toString()) >= 0)
                {
                    files.add(entry);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the snapshot folder " + folder, ex);
        }
        files.sort(Comparator.comparingLong((Path p) -> SnapshotFile.sequenceOf(p.getFileName().toString()))
            .reversed());
        return files;
    }

    /**
     * @return the folder.
     */
    public Path folder()
    {
        return folder;
    }

    /**
     * @return snapshots written since this store was made.
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
     * @return the last snapshot written, or null.
     */
    public Path last()
    {
        return last;
    }
}
