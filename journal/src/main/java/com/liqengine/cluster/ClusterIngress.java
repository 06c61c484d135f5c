package com.liqengine.cluster;

import com.liqengine.journal.DocumentHandler;
import com.liqengine.journal.InputQueueReader;
import com.liqengine.journal.QueueReader;
import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.exceptions.TimeoutException;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The runtime's ingress in cluster mode (docs/cluster.md): an Agrona {@link Agent} that tails the Chronicle input
 * queue a matching engine writes and sends each document to the cluster's leader as an {@link IngressEnvelope#INPUT}
 * envelope stamped with this source's id and the document's queue index (strictly increasing). It starts each
 * session with {@link IngressEnvelope#RESUME} and reads on after the sequence the {@link ClusterEgress#NEXT} answer
 * names, so a restarted ingress sends nothing twice. After a new leader it reads the queue again after the last
 * acknowledged index and resends: the cluster acknowledges what it had already applied as a duplicate and applies
 * the rest, once. It polls the egress every duty cycle and sends keep-alives when idle, so its session lives.
 * Allocation-free in steady state on its send path.
 */
public final class ClusterIngress implements Agent, DocumentHandler, EgressListener
{
    /** Most documents sent in one duty cycle. */
    static final int POLL_LIMIT = 256;

    private static final int CONNECTING = 0;
    private static final int AWAITING_NEXT = 1;
    private static final int STREAMING = 2;

    /** Thrown to leave a document in the queue when the leader cannot take it now: no stack, no allocation. */
    private static final RuntimeException BACK_PRESSURED = new BackPressured();

    private final AeronCluster.Context clientContext;
    private final InputQueueReader queue;
    private final int sourceId;
    private final long keepAliveIntervalNs;
    private final long resumeTimeoutNs;
    private final UnsafeBuffer envelopeHeader = new UnsafeBuffer(new byte[IngressEnvelope.HEADER_LENGTH]);
    private final UnsafeBuffer input = new UnsafeBuffer(0, 0);
    private final DirectBufferVector[] vectors =
        {null, new DirectBufferVector(envelopeHeader, 0, IngressEnvelope.HEADER_LENGTH), new DirectBufferVector()};

    private Aeron aeron;
    private AeronCluster.AsyncConnect connecting;
    private AeronCluster client;
    private int state = CONNECTING;
    private long resumeSentNanos;
    private boolean resumeSent;
    private boolean rewindPending;
    private long lastSendNanos;
    /** Highest queue index ever sent: what is at or below it and sent again counts as resent. */
    private long highestSent = QueueReader.NO_INDEX;

    private volatile long sent;
    private volatile long resent;
    private volatile long acked;
    private volatile long duplicates;
    private volatile long refused;
    private volatile long lastAcked = QueueReader.NO_INDEX;
    private volatile long sessions;
    private volatile long newLeaders;
    private volatile boolean streaming;
    private volatile Throwable failure;

    /**
     * @param clientContext the cluster client's settings ({@link ClusterClient#context}); the ingress sets itself
     *     as its egress listener and connects anew with a copy after a session is lost.
     * @param queue the input queue, at its start (this agent positions it after the cluster's answer and closes it).
     * @param sourceId this input source's id, &gt;= 1.
     * @param keepAliveIntervalNs how long without a message before a keep-alive is sent (below the session
     *     timeout).
     * @param resumeTimeoutNs how long a RESUME waits for its answer before it is sent again.
     */
    public ClusterIngress(
        final AeronCluster.Context clientContext,
        final InputQueueReader queue,
        final int sourceId,
        final long keepAliveIntervalNs,
        final long resumeTimeoutNs)
    {
        if (sourceId < 1)
        {
            throw new IllegalArgumentException("the source id must be at least 1, not " + sourceId);
        }
        this.clientContext = clientContext.egressListener(this);
        this.queue = queue;
        this.sourceId = sourceId;
        this.keepAliveIntervalNs = keepAliveIntervalNs;
        this.resumeTimeoutNs = resumeTimeoutNs;
    }

    @Override
    public void onStart()
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(clientContext.aeronDirectoryName()));
        clientContext.aeron(aeron).ownsAeronClient(false);
    }

    @Override
    public int doWork()
    {
        try
        {
            if (client == null)
            {
                return connect();
            }
            int work = client.pollEgress();
            if (client.isClosed())
            {
                // the session timed out or the new leader never came: a new session, which starts with RESUME
                client = null;
                streaming = false;
                state = CONNECTING;
                return work + 1;
            }
            final long now = System.nanoTime();
            if (state == AWAITING_NEXT)
            {
                work += resume(now);
            }
            else if (state == STREAMING)
            {
                work += stream();
            }
            if (now - lastSendNanos > keepAliveIntervalNs && client.sendKeepAlive())
            {
                lastSendNanos = now;
            }
            return work;
        }
        catch (final AgentTerminationException ex)
        {
            throw ex;
        }
        catch (final RuntimeException | Error ex)
        {
            failure = ex;
            throw new AgentTerminationException(ex);
        }
    }

    private int connect()
    {
        if (connecting == null)
        {
            connecting = AeronCluster.asyncConnect(clientContext.clone());
        }
        try
        {
            client = connecting.poll();
        }
        catch (final TimeoutException ex)
        {
            // no leader answered in time (an election, or no member up yet): try again
            CloseHelper.quietClose(connecting);
            connecting = null;
            return 0;
        }
        if (client == null)
        {
            return 0;
        }
        connecting = null;
        sessions++;
        state = AWAITING_NEXT;
        resumeSent = false;
        lastSendNanos = System.nanoTime();
        return 1;
    }

    private int resume(final long now)
    {
        if (resumeSent && now - resumeSentNanos < resumeTimeoutNs)
        {
            return 0;
        }
        IngressEnvelope.writeHeader(envelopeHeader, 0, IngressEnvelope.RESUME, sourceId, 0);
        if (client.offer(envelopeHeader, 0, IngressEnvelope.HEADER_LENGTH) > 0)
        {
            resumeSent = true;
            resumeSentNanos = now;
            lastSendNanos = now;
            return 1;
        }
        return 0;
    }

    private int stream()
    {
        if (rewindPending)
        {
            // what the old leader had not committed is lost: read again after the last acknowledged input
            rewindPending = false;
            final long after = lastAcked;
            if (after == QueueReader.NO_INDEX)
            {
                queue.toStart();
            }
            else
            {
                queue.resumeAfter(after);
            }
        }
        try
        {
            return queue.poll(this, POLL_LIMIT);
        }
        catch (final BackPressured ex)
        {
            return 0;
        }
    }

    @Override
    public void onDocument(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        IngressEnvelope.writeHeader(envelopeHeader, 0, IngressEnvelope.INPUT, sourceId, index);
        input.wrap(buffer, offset, length);
        vectors[2].reset(input, 0, length);
        if (client.offer(vectors) <= 0)
        {
            throw BACK_PRESSURED;
        }
        lastSendNanos = System.nanoTime();
        sent++;
        if (index <= highestSent)
        {
            resent++;
        }
        else
        {
            highestSent = index;
        }
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
        final long sequence = ClusterEgress.sourceSequence(buffer, offset);
        switch (ClusterEgress.kind(buffer, offset))
        {
            case ClusterEgress.APPLIED:
                acked++;
                acknowledged(sequence);
                break;
            case ClusterEgress.DUPLICATE:
                duplicates++;
                acknowledged(sequence);
                break;
            case ClusterEgress.REFUSED:
                // a malformed input is never applied: resending it would be refused again
                refused++;
                acknowledged(sequence);
                break;
            case ClusterEgress.NEXT:
                onNext(sequence);
                break;
            default:
                break;
        }
    }

    private void acknowledged(final long sequence)
    {
        if (sequence > lastAcked)
        {
            lastAcked = sequence;
        }
    }

    private void onNext(final long lastApplied)
    {
        if (state != AWAITING_NEXT)
        {
            return;
        }
        if (lastApplied == 0)
        {
            queue.toStart();
        }
        else
        {
            queue.resumeAfter(lastApplied);
            acknowledged(lastApplied);
        }
        rewindPending = false;
        state = STREAMING;
        streaming = true;
    }

    @Override
    public void onNewLeader(
        final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
        final String ingressEndpoints)
    {
        newLeaders++;
        if (state == STREAMING)
        {
            rewindPending = true;
        }
        else if (state == AWAITING_NEXT)
        {
            // the RESUME may have gone to the old leader
            resumeSent = false;
        }
    }

    @Override
    public void onClose()
    {
        CloseHelper.quietCloseAll(client, connecting);
        CloseHelper.quietClose(aeron);
        queue.close();
    }

    @Override
    public String roleName()
    {
        return "liq-cluster-ingress";
    }

    /**
     * @return envelopes the cluster took from this ingress, resent ones included (any thread).
     */
    public long sent()
    {
        return sent;
    }

    /**
     * @return envelopes sent again after a new leader or a new session (any thread).
     */
    public long resent()
    {
        return resent;
    }

    /**
     * @return APPLIED acknowledgements received (any thread).
     */
    public long acked()
    {
        return acked;
    }

    /**
     * @return DUPLICATE acknowledgements received: resent inputs the cluster had already applied (any thread).
     */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * @return REFUSED acknowledgements received: malformed envelopes (any thread).
     */
    public long refused()
    {
        return refused;
    }

    /**
     * @return the highest queue index the cluster acknowledged (applied, duplicate or refused), or
     *     {@link QueueReader#NO_INDEX} (any thread).
     */
    public long lastAcked()
    {
        return lastAcked;
    }

    /**
     * @return sessions opened with the cluster (any thread).
     */
    public long sessions()
    {
        return sessions;
    }

    /**
     * @return new-leader events received (any thread).
     */
    public long newLeaders()
    {
        return newLeaders;
    }

    /**
     * @return whether a session is open and its RESUME answered: inputs flow (any thread).
     */
    public boolean streaming()
    {
        return streaming;
    }

    /**
     * @return what stopped the ingress, or null while it runs (any thread).
     */
    public Throwable failure()
    {
        return failure;
    }

    /** The leader's ingress cannot take an envelope now; the document stays in the queue for the next cycle. */
    private static final class BackPressured extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        BackPressured()
        {
            super("back pressured", null, false, false);
        }
    }
}
