package com.liqengine.journal;

/**
 * When a queue writer forces its mapped pages to disk, as its {@link FsyncPolicy} says (docs/journal.md): at every
 * end of batch, at the first end of batch after an interval, or never. Reads {@link System#nanoTime()} only under
 * {@link FsyncPolicy#PERIODIC}. One writing thread.
 */
final class FsyncSchedule
{
    private final FsyncPolicy policy;
    private final long intervalNanos;
    private long lastSyncNanos;
    private boolean unsynced;
    private long syncs;

    FsyncSchedule(final FsyncPolicy policy, final long intervalNanos)
    {
        this.policy = policy;
        this.intervalNanos = intervalNanos;
    }

    /** The writer's first append: the interval starts here. */
    void started()
    {
        lastSyncNanos = System.nanoTime();
    }

    /** Something was appended since the last force. */
    void written()
    {
        unsynced = true;
    }

    /**
     * @return whether anything was appended since the last end of batch (or force).
     */
    boolean pending()
    {
        return unsynced;
    }

    /**
     * At an end of batch.
     *
     * @return true when the writer must force now (it then calls {@link #synced()}).
     */
    boolean dueAtEndOfBatch()
    {
        if (!unsynced)
        {
            return false;
        }
        if (policy == FsyncPolicy.PER_BATCH)
        {
            return true;
        }
        if (policy == FsyncPolicy.PERIODIC)
        {
            final long now = System.nanoTime();
            if (now - lastSyncNanos >= intervalNanos)
            {
                lastSyncNanos = now;
                return true;
            }
            return false;
        }
        unsynced = false;
        return false;
    }

    /**
     * @return true when closing must force what is left.
     */
    boolean dueAtClose()
    {
        return policy != FsyncPolicy.NONE && unsynced;
    }

    void synced()
    {
        syncs++;
        unsynced = false;
    }

    long syncs()
    {
        return syncs;
    }
}
