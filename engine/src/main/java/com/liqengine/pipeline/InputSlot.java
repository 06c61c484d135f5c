package com.liqengine.pipeline;

import com.liqengine.api.InputEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated ring buffer slot: the SBE bytes of one input, encoded once at ingress, then journaled and
 * decoded in place by flyweights. {@code ingressNanos} is stamped by the publisher for latency measurement
 * outside the state machine (which reads no clock).
 */
public final class InputSlot
{
    /** Largest input a slot holds. */
    public static final int CAPACITY = InputEncoder.BUFFER_LENGTH;
    /** {@link #sourceIndex()} of an input published directly rather than read from an input queue. */
    public static final long NO_SOURCE = -1;

    final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY]);
    int length;
    long ingressNanos;
    long sourceIndex = NO_SOURCE;

    /**
     * The slot's bytes.
     *
     * @return buffer holding the message at offset 0.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * Length of the message.
     *
     * @return bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * Time the publisher stamped (its own clock), for latency measurement.
     *
     * @return nanoseconds.
     */
    public long ingressNanos()
    {
        return ingressNanos;
    }

    /**
     * Where the input came from, journaled with it so a restart resumes its input queue right after the last
     * journaled one.
     *
     * @return the input queue's index of its document, or {@link #NO_SOURCE}.
     */
    public long sourceIndex()
    {
        return sourceIndex;
    }
}
