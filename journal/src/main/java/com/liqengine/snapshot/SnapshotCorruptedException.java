package com.liqengine.snapshot;

import java.nio.file.Path;

/**
 * A snapshot file that cannot be used: truncated, not a snapshot, another format version, a checksum that does
 * not match its bytes, or a state that does not restore to its recorded hash. Recovery reports it and uses the
 * previous snapshot.
 */
public final class SnapshotCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the snapshot file.
     * @param reason what is wrong with it.
     */
    public SnapshotCorruptedException(final Path file, final String reason)
    {
        super("snapshot " + file + " is unusable: " + reason);
        this.file = file;
    }

    /**
     * @return the snapshot file.
     */
    public Path file()
    {
        return file;
    }
}
