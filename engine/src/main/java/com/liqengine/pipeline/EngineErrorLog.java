package com.liqengine.pipeline;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteBuffer;

/**
 * The engine's one {@link ErrorHandler}: every unexpected exception of a pipeline thread (the Disruptor's
 * handlers, the snapshot writer's agent) is counted and recorded in an Agrona {@link DistinctErrorLog}, the region
 * of the counters file that {@code liq stat} reads from another process, as Aeron keeps its errors in its CnC
 * file. An error seen again (same type, message, stack trace and causes) adds to its count and last time instead
 * of taking more room. Errors are the cold path: this locks and allocates.
 * The times come from an {@link EpochClock}: the log is outside the state machine, which reads no clock.
 */
public final class EngineErrorLog implements ErrorHandler, AutoCloseable
{
    /** Length of the error log of an engine without a counters file. */
    public static final int IN_MEMORY_LENGTH = 64 * 1024;

    private final AtomicBuffer buffer;
    private final DistinctErrorLog log;
    private final AtomicCounter counter;
    private long errors;
    private long unrecorded;
    private boolean closed;

    /**
     * @param buffer the region the log is kept in (8-byte aligned; zeroed, or holding a log of this engine).
     * @param clock the time of each observation, in ms since the epoch.
     * @param counter counts every error where another process sees it, or null.
     */
    EngineErrorLog(final AtomicBuffer buffer, final EpochClock clock, final AtomicCounter counter)
    {
        this.buffer = buffer;
        this.log = new DistinctErrorLog(buffer, clock);
        this.counter = counter;
    }

    /**
     * An error log in memory, for an engine without a counters file: read it with {@link #read(ErrorConsumer)}.
     *
     * @param length bytes for the log.
     * @return the log.
     */
    public static EngineErrorLog inMemory(final int length)
    {
        return new EngineErrorLog(new UnsafeBuffer(ByteBuffer.allocateDirect(length)), SystemEpochClock.INSTANCE,
            null);
    }

    /**
     * Counts an error and records it; never throws. Once the log is closed (its file unmapped) the error is only
     * counted here.
     *
     * @param error what a pipeline thread did not expect.
     */
    @Override
    public synchronized void onError(final Throwable error)
    {
        errors++;
        if (closed)
        {
            unrecorded++;
            return;
        }
        if (counter != null)
        {
            counter.incrementRelease();
        }
        if (!log.record(error))
        {
            // the log is full: the error is counted, and liq stat shows how many are not in the log
            unrecorded++;
        }
    }

    /**
     * @return errors handled, recorded or not (readable after {@link #close()}).
     */
    public synchronized long errors()
    {
        return errors;
    }

    /**
     * @return errors counted but not in the log: it was full, or closed.
     */
    public synchronized long unrecorded()
    {
        return unrecorded;
    }

    /**
     * Reads the distinct errors recorded, oldest first.
     *
     * @param consumer given each error's count, first and last time (ms since the epoch) and text (the stack
     *     trace).
     * @return distinct errors read; 0 once closed.
     */
    public synchronized int read(final ErrorConsumer consumer)
    {
        return closed ? 0 : ErrorLogReader.read(buffer, consumer);
    }

    /**
     * Stops writing into the buffer (the counters file is unmapped next); later errors are only counted.
     */
    @Override
    public synchronized void close()
    {
        closed = true;
    }
}
