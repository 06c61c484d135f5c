package com.liqengine.pipeline;

import org.agrona.DirectBuffer;

/**
 * An input journal that throws at one append: the unexpected exception of a pipeline handler, for the tests of the
 * error log (here and in the tools). Public for the tools' tests.
 */
public final class FailingJournal implements InputJournal
{
    private final long failingAppend;
    private final String message;
    private volatile long appended;

    /**
     * @param failingAppend the append (from 1) that throws.
     * @param message the message of the {@link IllegalStateException} it throws.
     */
    public FailingJournal(final long failingAppend, final String message)
    {
        this.failingAppend = failingAppend;
        this.message = message;
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (appended + 1 == failingAppend)
        {
            throw new IllegalStateException(message);
        }
        appended++;
    }

    @Override
    public void endOfBatch()
    {
    }

    @Override
    public long appended()
    {
        return appended;
    }

    @Override
    public void close()
    {
    }
}
