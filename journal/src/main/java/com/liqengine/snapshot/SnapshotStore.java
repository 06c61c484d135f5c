package com.liqengine.snapshot;

import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;
import java.util.List;

/**
 * The snapshot folder of an engine (docs/replay.md): takes a snapshot when asked, on the engine's thread, by
 * encoding the state into a free buffer of its {@link SnapshotWriter} (allocation-free once the buffers have
 * grown to the state's size), which writes the file on its own thread; and lists the snapshots the folder holds,
 * newest first. Run {@link #writer()} with an {@link org.agrona.concurrent.AgentRunner} before taking snapshots.
 */
public final class SnapshotStore
{
    private final Path folder;
    private final SnapshotWriter writer;

    /**
     * A store keeping every snapshot.
     *
     * @param folder where snapshots are (created on the first snapshot).
     * @param errorHandler where a failure to write is reported.
     */
    public SnapshotStore(final Path folder, final ErrorHandler errorHandler)
    {
        this(folder, 0, errorHandler);
    }

    /**
     * @param folder where snapshots are (created on the first snapshot).
     * @param keep snapshots to keep: after each one written the older ones are deleted; 0 keeps them all.
     * @param errorHandler where a failure to write is reported (the engine's error log).
     */
    public SnapshotStore(final Path folder, final int keep, final ErrorHandler errorHandler)
    {
        this.folder = folder;
        this.writer = new SnapshotWriter(folder, keep, errorHandler);
    }

    /**
     * Takes a snapshot of the state right after a {@code SnapshotRequest} was applied: encodes it now and hands
     * the file to the writer. Waits only when the writer still holds both buffers ({@link SnapshotWriter}).
     *
     * @param stateMachine the state (on its thread).
     * @param request the buffer holding the request.
     * @param offset of the request's header.
     * @param length of the request.
     * @param injectedRequests snapshot requests the engine injected in the journal up to this one, included.
     */
    public void take(
        final MarginStateMachine stateMachine,
        final DirectBuffer request,
        final int offset,
        final int length,
        final long injectedRequests)
    {
        final ExpandableArrayBuffer file = writer.claim();
        final int fileLength = SnapshotFile.encode(stateMachine, request, offset, length, injectedRequests, file);
        writer.submit(file, fileLength);
    }

    /**
     * Snapshot files in the folder, newest (highest sequence) first; unchecked.
     *
     * @return the files.
     */
    public List<Path> files()
    {
        return SnapshotFolder.list(folder);
    }

    /**
     * @return the agent that writes the files.
     */
    public SnapshotWriter writer()
    {
        return writer;
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
        return writer.written();
    }

    /**
     * @return snapshots that could not be written.
     */
    public long failures()
    {
        return writer.failures();
    }

    /**
     * @return the last snapshot written, or null.
     */
    public Path last()
    {
        return writer.last();
    }
}
