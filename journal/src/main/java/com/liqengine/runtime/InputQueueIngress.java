package com.liqengine.runtime;

import com.liqengine.journal.DocumentHandler;
import com.liqengine.journal.InputQueueReader;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.InputSlot;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;

/**
 * The engine's ingress: an Agrona {@link Agent} that tails the input queue a matching engine or gateway writes and
 * publishes each document into the ring with its queue index, which the journal records with the input; a restart
 * resumes the queue right after the last journaled one (docs/pipeline.md). It also injects the periodic snapshot
 * requests ({@link SnapshotSchedule}), as the ring's only publisher. Started by
 * {@link EngineRuntime#startIngress()} on its own thread ({@code liq-ingress}); allocation-free in steady state.
 */
public final class InputQueueIngress implements Agent, DocumentHandler
{
    /** Most documents read in one duty cycle. */
    static final int POLL_LIMIT = 256;

    private final InputQueueReader queue;
    private final InputPublisher publisher;
    private final SnapshotSchedule schedule;
    private final boolean lastInputInjected;
    private final long resumedAfter;
    private volatile long inputsRead;
    private volatile long lastInputNanos = System.nanoTime();
    private volatile Throwable failure;
    private final Runnable threadSetup;

    /**
     * @param queue the input queue, positioned where reading resumes (this agent closes it).
     * @param resumedAfter the index it resumes after, or {@link InputSlot#NO_SOURCE} from its start.
     * @param publisher the ring's publisher, used on the agent's thread only.
     * @param schedule the snapshot requests' schedule, counting from the recovery's count of outside inputs.
     * @param lastInputInjected whether the journal's last input is an injected snapshot request.
     * @param threadSetup run first on the agent's thread (its core and timer slack, {@link
     *     EngineRuntime#prepareIngressThread()}).
     */
    InputQueueIngress(
        final InputQueueReader queue,
        final long resumedAfter,
        final InputPublisher publisher,
        final SnapshotSchedule schedule,
        final boolean lastInputInjected,
        final Runnable threadSetup)
    {
        this.threadSetup = threadSetup;
        this.queue = queue;
        this.resumedAfter = resumedAfter;
        this.publisher = publisher;
        this.schedule = schedule;
        this.lastInputInjected = lastInputInjected;
    }

    @Override
    public void onStart()
    {
        threadSetup.run();
        // a request due right where the last run stopped, before it could publish it
        schedule.resume(publisher, lastInputInjected);
    }

    @Override
    public int doWork()
    {
        final int read;
        try
        {
            read = queue.poll(this, POLL_LIMIT);
        }
        catch (final RuntimeException | Error ex)
        {
            // the engine stopped (its failure is in the error log) or the queue cannot be read (InternalError: a
            // fault in its mapped file): reading on is futile
            failure = ex;
            throw new AgentTerminationException(ex);
        }
        if (read > 0)
        {
            inputsRead += read;
        }
        return read;
    }

    @Override
    public void onDocument(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        publisher.publish(buffer, offset, length, index);
        // per input, not per poll: a poll of many inputs into a full ring can take longer than an idle limit
        lastInputNanos = System.nanoTime();
        schedule.afterInput(publisher);
    }

    @Override
    public void onClose()
    {
        queue.close();
    }

    @Override
    public String roleName()
    {
        return "liq-ingress";
    }

    /**
     * @return input queue documents published since the ingress started (any thread).
     */
    public long inputsRead()
    {
        return inputsRead;
    }

    /**
     * @return {@link System#nanoTime()} of the last input published, or of the start (any thread).
     */
    public long lastInputNanos()
    {
        return lastInputNanos;
    }

    /**
     * @return the input queue index the ingress resumed after, or {@link InputSlot#NO_SOURCE} when it read the queue
     *     from its start.
     */
    public long resumedAfter()
    {
        return resumedAfter;
    }

    /**
     * @return what stopped the ingress, or null while it runs (any thread).
     */
    public Throwable failure()
    {
        return failure;
    }
}
