package com.liqengine.tools.cluster;

import org.HdrHistogram.Histogram;

/**
 * What {@link LoadLoop} drives: the single-process engine or the cluster through a client. Inputs are offered in
 * index order from one thread; acknowledgements (an input applied) come back in the same order.
 */
interface LoadSubject
{
    /**
     * Sends input {@code index} for the first time.
     *
     * @param index the input.
     * @param sendNanos the time its round trip starts from: its planned send time (open loop) or now (closed).
     * @return false when it cannot be taken now (back-pressure, no leader, resends pending): offer it again.
     */
    boolean offer(int index, long sendNanos);

    /**
     * Reads what came back (and, for the cluster, resends what a new leader needs).
     *
     * @return work done, 0 when there was nothing.
     */
    int poll();

    /**
     * @return how many inputs, from index 0, are acknowledged.
     */
    long acknowledged();

    /**
     * Records the round trips of inputs {@code from} (inclusive) to {@code to} (exclusive) from now on.
     *
     * @param from first input recorded.
     * @param to past the last input recorded.
     * @param roundTrips from the time {@link #offer} was given.
     * @param fromSend from the client's actual send, or null.
     */
    void record(int from, int to, Histogram roundTrips, Histogram fromSend);
}
