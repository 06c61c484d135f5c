package com.liqengine.cluster;

/**
 * When a node forces its Raft log, archive catalog and snapshots to disk (Aeron's {@code fileSyncLevel}). With
 * {@link #NONE} an input is committed once a majority holds it in their page cache: it survives a process crash,
 * not the loss of power of a majority at once (docs/cluster.md).
 */
public enum FileSyncLevel
{
    /** The page cache only: the operating system writes when it will. */
    NONE(0),
    /** The data is forced before it counts as written. */
    DATA(1),
    /** The data and the file metadata are forced. */
    DATA_AND_METADATA(2);

    private final int aeronLevel;

    FileSyncLevel(final int aeronLevel)
    {
        this.aeronLevel = aeronLevel;
    }

    /**
     * @return the level as Aeron's contexts take it (0, 1 or 2).
     */
    public int aeronLevel()
    {
        return aeronLevel;
    }
}
