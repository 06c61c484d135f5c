package com.liqengine.pipeline;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;

/**
 * An engine's counters file ({@link EngineCounters}) opened for reading, from another process or after the engine
 * stopped (the file stays): its counters, and the distinct errors of its error log. What {@code liq stat} reads.
 */
public final class CountersFile implements AutoCloseable
{
    private final MappedByteBuffer mapped;
    private final CountersReader counters;
    private final AtomicBuffer errorLog;

    private CountersFile(final MappedByteBuffer mapped, final CountersReader counters, final AtomicBuffer errorLog)
    {
        this.mapped = mapped;
        this.counters = counters;
        this.errorLog = errorLog;
    }

    /**
     * Opens a counters file for reading.
     *
     * @param file the counters file.
     * @return the opened file; close it to unmap it.
     * @throws IllegalStateException when the file is not a counters file, has another layout version than this
     *     build's {@link EngineCounters#VERSION} (the message names both), or is shorter than its header says.
     */
    public static CountersFile open(final File file)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "counters");
        try
        {
            final UnsafeBuffer header = new UnsafeBuffer(mapped);
            if (header.capacity() < EngineCounters.HEADER_LENGTH
                || header.getIntVolatile(EngineCounters.MAGIC_OFFSET) != EngineCounters.MAGIC)
            {
                throw new IllegalStateException(file + " is not a liq counters file (or the engine has not started)");
            }
            final int version = header.getInt(EngineCounters.VERSION_OFFSET);
            if (version != EngineCounters.VERSION)
            {
                throw new IllegalStateException(file + " has counters layout version " + version
                    + ", this build reads version " + EngineCounters.VERSION + " (it was written by another build of "
                    + "liq: read it with that build, or restart the engine with this one)");
            }
            final int metadata = header.getInt(EngineCounters.METADATA_LENGTH_OFFSET);
            final int values = header.getInt(EngineCounters.VALUES_LENGTH_OFFSET);
            final int errors = header.getInt(EngineCounters.ERROR_LOG_LENGTH_OFFSET);
            if (metadata < 0 || values < 0 || errors < 0
                || (long)EngineCounters.HEADER_LENGTH + metadata + values + errors > header.capacity())
            {
                throw new IllegalStateException(file + " is shorter than its header says: "
                    + header.capacity() + " bytes");
            }
            final long address = header.addressOffset() + EngineCounters.HEADER_LENGTH;
            return new CountersFile(mapped,
                new CountersReader(new UnsafeBuffer(address, metadata), new UnsafeBuffer(address + metadata, values)),
                new UnsafeBuffer(address + metadata + values, errors));
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
    }

    /**
     * @return the counters (label and value of each).
     */
    public CountersReader counters()
    {
        return counters;
    }

    /**
     * The value of the first counter with this label.
     *
     * @param label the counter's label (e.g. {@link EngineCounters#ERRORS_LABEL}).
     * @return its value, or -1 when there is none.
     */
    public long counter(final String label)
    {
        final long[] value = {-1};
        counters.forEach((counterValue, counterId, counterLabel) ->
        {
            if (value[0] < 0 && counterLabel.equals(label))
            {
                value[0] = counterValue;
            }
        });
        return value[0];
    }

    /**
     * Reads the distinct errors of the error log, oldest first.
     *
     * @param consumer given each error's count, first and last time (ms since the epoch) and text (the stack
     *     trace).
     * @return distinct errors read.
     */
    public int readErrors(final ErrorConsumer consumer)
    {
        return ErrorLogReader.read(errorLog, consumer);
    }

    /** Unmaps the file. */
    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
