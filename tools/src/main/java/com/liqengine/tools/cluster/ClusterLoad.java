package com.liqengine.tools.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.cluster.ClusterEgress;
import com.liqengine.cluster.IngressEnvelope;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The cluster as a {@link LoadSubject}: an Aeron Cluster client session that sends each input as an
 * {@link IngressEnvelope#INPUT} envelope (source sequence = index + 1) and reads the leader's acknowledgements on
 * its egress. The round trip of an input runs from its send time to its APPLIED (or DUPLICATE) acknowledgement at
 * this client; send times are kept in arrays indexed by input, allocated before the run. After a new leader it
 * resends every input after the last acknowledged one, in order, before any new input (what the old leader had
 * committed comes back DUPLICATE), as {@code ClusterIngress} does. One thread: the bench's.
 */
final class ClusterLoad implements LoadSubject, EgressListener
{
    private final BenchInputs inputs;
    private final int sourceId;
    private final UnsafeBuffer message =
        new UnsafeBuffer(new byte[IngressEnvelope.HEADER_LENGTH + InputEncoder.BUFFER_LENGTH]);
    private final long[] sendNanos;
    private final long[] offerNanos;
    private AeronCluster client;
    private Histogram roundTrips;
    private Histogram fromSend;
    private int recordFrom;
    private int recordTo;

    private int acknowledged;
    private int highestSent = -1;
    /** Resends pending: inputs from this one (inclusive) to {@link #resendEnd} (exclusive) go again first. */
    private int resendNext;
    private int resendEnd;
    private long sent;
    private long resent;
    private long applied;
    private long duplicates;
    private long refused;
    private long unacknowledged;
    private long newLeaders;
    private boolean failoverArmed;
    private long newLeaderNanos;
    private long firstAckAfterNewLeaderNanos;

    /**
     * @param inputs what to send.
     * @param sourceId this client's source id, &gt;= 1.
     */
    ClusterLoad(final BenchInputs inputs, final int sourceId)
    {
        this.inputs = inputs;
        this.sourceId = sourceId;
        this.sendNanos = new long[inputs.count()];
        this.offerNanos = new long[inputs.count()];
    }

    /**
     * @param client the connected session whose egress listener is this.
     */
    void client(final AeronCluster client)
    {
        this.client = client;
    }

    @Override
    public boolean offer(final int index, final long sendNanos)
    {
        if (resendNext < resendEnd || !send(index))
        {
            return false;
        }
        this.sendNanos[index] = sendNanos;
        offerNanos[index] = System.nanoTime();
        highestSent = index;
        return true;
    }

    private boolean send(final int index)
    {
        IngressEnvelope.writeHeader(message, 0, IngressEnvelope.INPUT, sourceId, index + 1L);
        final int length = inputs.copy(index, message, IngressEnvelope.HEADER_LENGTH);
        if (client.offer(message, 0, IngressEnvelope.HEADER_LENGTH + length) < 0)
        {
            return false;
        }
        sent++;
        return true;
    }

    @Override
    public int poll()
    {
        int work = client.pollEgress();
        if (client.isClosed())
        {
            throw new IllegalStateException("the cluster session closed (no leader within the session timeout?)");
        }
        while (resendNext < resendEnd && send(resendNext))
        {
            resent++;
            resendNext++;
            work++;
        }
        return work;
    }

    @Override
    public long acknowledged()
    {
        return acknowledged;
    }

    @Override
    public void record(final int from, final int to, final Histogram roundTrips, final Histogram fromSend)
    {
        this.roundTrips = roundTrips;
        this.fromSend = fromSend;
        this.recordFrom = from;
        this.recordTo = to;
    }

    @Override
    public void onMessage(
        final long clusterSessionId, final long timestamp, final DirectBuffer buffer, final int offset,
        final int length, final Header header)
    {
        if (length < ClusterEgress.LENGTH || ClusterEgress.sourceId(buffer, offset) != sourceId)
        {
            return;
        }
        final short kind = ClusterEgress.kind(buffer, offset);
        switch (kind)
        {
            case ClusterEgress.APPLIED -> applied++;
            case ClusterEgress.DUPLICATE -> duplicates++;
            case ClusterEgress.REFUSED -> refused++;
            default ->
            {
                return;
            }
        }
        final long now = System.nanoTime();
        if (failoverArmed && newLeaderNanos != 0 && firstAckAfterNewLeaderNanos == 0)
        {
            firstAckAfterNewLeaderNanos = now;
        }
        final int index = (int)(ClusterEgress.sourceSequence(buffer, offset) - 1);
        if (index >= acknowledged)
        {
            // the first acknowledgement of this input (later ones are for resends the old leader had answered)
            if (index >= recordFrom && index < recordTo && roundTrips != null)
            {
                roundTrips.recordValue(LoadResult.clamp(now - sendNanos[index]));
                if (fromSend != null)
                {
                    fromSend.recordValue(LoadResult.clamp(now - offerNanos[index]));
                }
            }
            // the leader drops a reply its egress cannot take (advisory): the inputs before this one were applied
            unacknowledged += index - acknowledged;
            acknowledged = index + 1;
        }
    }

    @Override
    public void onNewLeader(
        final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
        final String ingressEndpoints)
    {
        newLeaders++;
        if (failoverArmed && newLeaderNanos == 0)
        {
            newLeaderNanos = System.nanoTime();
        }
        // what the old leader had not committed is lost: everything after the last acknowledged goes again, in order
        resendNext = acknowledged;
        resendEnd = highestSent + 1;
    }

    /**
     * From now on, remembers when the next new-leader event and the first acknowledgement after it come.
     */
    void armFailover()
    {
        failoverArmed = true;
        newLeaderNanos = 0;
        firstAckAfterNewLeaderNanos = 0;
    }

    /**
     * @return distinct inputs sent.
     */
    long inputsSent()
    {
        return highestSent + 1L;
    }

    /**
     * @return envelopes the cluster's client took, resends included.
     */
    long sent()
    {
        return sent;
    }

    /**
     * @return inputs sent again after a new leader.
     */
    long resent()
    {
        return resent;
    }

    /**
     * @return APPLIED acknowledgements.
     */
    long applied()
    {
        return applied;
    }

    /**
     * @return DUPLICATE acknowledgements: resent inputs the cluster had applied already.
     */
    long duplicates()
    {
        return duplicates;
    }

    /**
     * @return REFUSED acknowledgements (malformed envelopes: there should be none).
     */
    long refused()
    {
        return refused;
    }

    /**
     * @return inputs whose acknowledgement never came (the leader dropped it under egress back-pressure), though a
     *     later input's did.
     */
    long unacknowledged()
    {
        return unacknowledged;
    }

    /**
     * @return new-leader events.
     */
    long newLeaders()
    {
        return newLeaders;
    }

    /**
     * @return when the first new-leader event after {@link #armFailover()} came (System.nanoTime), or 0.
     */
    long newLeaderNanos()
    {
        return newLeaderNanos;
    }

    /**
     * @return when the first acknowledgement after that new-leader event came, or 0.
     */
    long firstAckAfterNewLeaderNanos()
    {
        return firstAckAfterNewLeaderNanos;
    }
}
