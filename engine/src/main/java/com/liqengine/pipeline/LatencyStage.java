package com.liqengine.pipeline;

/**
 * The two latencies a running engine records ({@link PipelineLatency}; docs/operations.md). Each has a word used
 * alike in the counters file, the latency log's tags and the Prometheus labels.
 */
public enum LatencyStage
{
    /**
     * From the publisher's commit of an input into the ring to the state machine having applied it: queueing in
     * the ring, the journal write and the state machine. Both ends on this host's monotonic clock.
     */
    COMMIT_TO_APPLIED("commit-to-applied"),

    /**
     * From the input's {@code eventTime} (the sender's clock, ns since the epoch) to the end of the batch that
     * wrote the input's outputs: adds the sender's side and the trip to the engine, and any offset between the
     * two hosts' clocks.
     */
    EVENT_TO_OUTPUT("event-to-output");

    private final String word;

    LatencyStage(final String word)
    {
        this.word = word;
    }

    /**
     * @return the stage as written in counters, log tags and labels ({@code commit-to-applied}).
     */
    public String word()
    {
        return word;
    }
}
