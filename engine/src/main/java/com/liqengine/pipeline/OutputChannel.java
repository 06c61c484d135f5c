package com.liqengine.pipeline;

import com.liqengine.api.OutputSink;

/**
 * Where the state machine's outputs go (e.g. a Chronicle output queue): a sink told when a batch ends.
 */
public interface OutputChannel extends OutputSink, AutoCloseable
{
    /**
     * End of a batch of outputs.
     */
    void endOfBatch();

    @Override
    void close();
}
