package com.liqengine.snapshot;

/**
 * A snapshot the writer could not write, or old snapshots it could not delete: reported to the engine's error
 * handler (the counters file's error log) with the cause, and counted. The engine goes on: the journal, not the
 * snapshot, must never be lost.
 */
public final class SnapshotWriteException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done, and where.
     * @param cause why.
     */
    public SnapshotWriteException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
