package com.liqengine.journal;

/**
 * When a queue writer forces appended documents to disk ({@code msync}). Every document is in the page cache
 * (and visible to readers in other processes) as soon as it is appended, so all three survive a crash of the
 * process (kill -9); they differ in what a crash of the machine or a power cut can lose (docs/journal.md).
 */
public enum FsyncPolicy
{
    /**
     * Never force: the operating system writes pages back in its own time. Fastest; a power cut can lose the
     * last seconds of documents.
     */
    NONE,

    /**
     * Force at the end of every batch, before the batch is applied: nothing acknowledged is ever lost, at the
     * cost of a synchronous disk write (tens of microseconds to milliseconds) per batch.
     */
    PER_BATCH,

    /**
     * Force at the end of a batch when at least the configured interval has passed since the last force (the
     * writer's thread reads {@link System#nanoTime()}; the state machine still reads no clock). A power cut
     * loses at most the interval, plus the batches after the last one that forced when input then paused.
     */
    PERIODIC
}
