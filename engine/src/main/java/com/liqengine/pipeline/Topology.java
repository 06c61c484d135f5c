package com.liqengine.pipeline;

/**
 * How journaling and the state machine share the ring (docs/pipeline.md). Each keeps the invariant that no
 * output leaves the engine for an input that is not journaled.
 */
public enum Topology
{
    /** The state machine thread journals each batch, then applies it: one consumer thread. */
    INLINE_JOURNAL,

    /** A journaler handler on its own thread; the state machine handler is gated behind it. */
    JOURNAL_THEN_APPLY
}
