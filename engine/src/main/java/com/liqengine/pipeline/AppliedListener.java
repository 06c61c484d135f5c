package com.liqengine.pipeline;

/**
 * Told on the state machine's thread after each input is applied, with the publisher's time stamp: the hook
 * for end-to-end latency measurement, kept outside the state machine (which reads no clock). Must not
 * allocate or block.
 */
@FunctionalInterface
public interface AppliedListener
{
    /**
     * One input was applied and its outputs handed to the output channel.
     *
     * @param ingressNanos {@link System#nanoTime()} when the publisher committed the slot.
     */
    void onApplied(long ingressNanos);
}
