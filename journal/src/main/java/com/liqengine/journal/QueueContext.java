package com.liqengine.journal;

import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Settings of a queue that the engine writes (the input journal or the output queue), as a context: fluent
 * setters, {@link #conclude()} checks them. Defaults: roll cycle {@value RollCycleNames#DEFAULT}, fsync
 * policy {@link FsyncPolicy#NONE}, periodic fsync interval {@value #DEFAULT_FSYNC_INTERVAL_MS} ms.
 */
public final class QueueContext
{
    /** Default interval of {@link FsyncPolicy#PERIODIC}. */
    public static final long DEFAULT_FSYNC_INTERVAL_MS = 100;

    private Path path;
    private String rollCycle = RollCycleNames.DEFAULT;
    private FsyncPolicy fsyncPolicy = FsyncPolicy.NONE;
    private long fsyncIntervalMs = DEFAULT_FSYNC_INTERVAL_MS;
    private RollCycle resolvedRollCycle;

    /**
     * Directory of the queue (required; created when missing).
     *
     * @param path the directory.
     * @return this.
     */
    public QueueContext path(final Path path)
    {
        this.path = path;
        return this;
    }

    /**
     * Roll cycle by name, e.g. {@code FAST_DAILY} or {@code FAST_HOURLY} ({@link RollCycleNames}). An existing
     * queue keeps the roll cycle it was created with.
     *
     * @param name the roll cycle's name.
     * @return this.
     */
    public QueueContext rollCycle(final String name)
    {
        this.rollCycle = name;
        return this;
    }

    /**
     * When appended documents are forced to disk.
     *
     * @param policy the policy.
     * @return this.
     */
    public QueueContext fsyncPolicy(final FsyncPolicy policy)
    {
        this.fsyncPolicy = policy;
        return this;
    }

    /**
     * Least time between two forces under {@link FsyncPolicy#PERIODIC}.
     *
     * @param intervalMs milliseconds, at least 1.
     * @return this.
     */
    public QueueContext fsyncIntervalMs(final long intervalMs)
    {
        this.fsyncIntervalMs = intervalMs;
        return this;
    }

    /**
     * Checks the settings.
     *
     * @return this.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public QueueContext conclude()
    {
        if (path == null)
        {
            throw new IllegalArgumentException("a queue path is required");
        }
        if (fsyncPolicy == null)
        {
            throw new IllegalArgumentException("fsyncPolicy may not be null");
        }
        if (fsyncIntervalMs < 1)
        {
            throw new IllegalArgumentException("fsyncIntervalMs must be at least 1: " + fsyncIntervalMs);
        }
        resolvedRollCycle = RollCycleNames.resolve(rollCycle);
        return this;
    }

    /** @return the queue's directory. */
    public Path path()
    {
        return path;
    }

    /** @return the roll cycle's name. */
    public String rollCycle()
    {
        return rollCycle;
    }

    /** @return the fsync policy. */
    public FsyncPolicy fsyncPolicy()
    {
        return fsyncPolicy;
    }

    /** @return the periodic fsync interval, ms. */
    public long fsyncIntervalMs()
    {
        return fsyncIntervalMs;
    }

    long fsyncIntervalNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(fsyncIntervalMs);
    }

    /** Builds the queue for writing; msync is synchronous when the policy forces at all. */
    SingleChronicleQueue openForWriting()
    {
        conclude();
        return SingleChronicleQueueBuilder.binary(path)
            .rollCycle(resolvedRollCycle)
            .syncMode(fsyncPolicy == FsyncPolicy.NONE ? SyncMode.NONE : SyncMode.SYNC)
            .build();
    }
}
