package com.liqengine.pipeline;

import org.agrona.DirectBuffer;

/**
 * Counts outputs by type on their way to the real channel.
 */
public final class CountingOutputChannel implements OutputChannel
{
    private final OutputChannel delegate;
    private final EngineCounters counters;

    /**
     * @param delegate where the outputs go.
     * @param counters where they are counted.
     */
    public CountingOutputChannel(final OutputChannel delegate, final EngineCounters counters)
    {
        this.delegate = delegate;
        this.counters = counters;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        delegate.onOutput(buffer, offset, length);
        counters.onOutput(buffer, offset);
    }

    @Override
    public void endOfBatch()
    {
        delegate.endOfBatch();
    }

    @Override
    public void close()
    {
        delegate.close();
    }
}
