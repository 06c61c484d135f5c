package com.liqengine.pipeline;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An input journal in memory for pipeline tests: keeps a copy of every input and counts them where another
 * thread can read the count. Can be made slow to fill the ring.
 */
final class MemoryJournal implements InputJournal
{
    final List<byte[]> entries = new ArrayList<>();
    private final AtomicLong appended = new AtomicLong();
    private final long pauseNanosPerBatch;
    volatile boolean closed;

    MemoryJournal()
    {
        this(0);
    }

    MemoryJournal(final long pauseNanosPerBatch)
    {
        this.pauseNanosPerBatch = pauseNanosPerBatch;
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        entries.add(copy);
        appended.incrementAndGet();
    }

    @Override
    public void endOfBatch()
    {
        if (pauseNanosPerBatch > 0)
        {
            LockSupport.parkNanos(pauseNanosPerBatch);
        }
    }

    @Override
    public long appended()
    {
        return appended.get();
    }

    @Override
    public void close()
    {
        closed = true;
    }
}
