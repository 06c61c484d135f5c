package com.liqengine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.util.concurrent.locks.LockSupport;

/**
 * The baseline for benchmarks: the engine's ring (same slots, size, producer type and wait strategy) with one
 * handler that only reports each slot to a listener: no journal, no state machine. Comparing the engine with
 * it in the same run shows what journaling and margin work cost on top of the bare Disruptor.
 */
public final class PassThroughRing implements AutoCloseable, RingOwner
{
    /** Its handler thread's name. */
    public static final String THREAD_NAME = "liq-pass-through";

    private final Disruptor<InputSlot> disruptor;
    private final RingBuffer<InputSlot> ring;
    private final AppliedListener listener;
    private volatile boolean closed;

    /**
     * Starts the ring.
     *
     * @param ringSize slots, a power of two.
     * @param idle the handler's wait strategy.
     * @param listener told of every slot, on the handler's thread.
     */
    public PassThroughRing(final int ringSize, final IdleStrategyName idle, final AppliedListener listener)
    {
        this(ringSize, idle, listener, null);
    }

    /**
     * Starts the ring, running something first on the handler's thread.
     *
     * @param ringSize slots, a power of two.
     * @param idle the handler's wait strategy.
     * @param listener told of every slot, on the handler's thread.
     * @param threadStart run first on the handler's thread (pinning it to a core, as the engine's), or null.
     */
    public PassThroughRing(
        final int ringSize, final IdleStrategyName idle, final AppliedListener listener, final Runnable threadStart)
    {
        this.listener = listener;
        this.disruptor = new Disruptor<>(InputSlot::new, ringSize, runnable ->
        {
            final Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        }, ProducerType.SINGLE, idle.newWaitStrategy());
        this.ring = disruptor.getRingBuffer();
        disruptor.handleEventsWith(new EventHandler<InputSlot>()
        {
            @Override
            public void onStart()
            {
                if (threadStart != null)
                {
                    threadStart.run();
                }
            }

            @Override
            public void onEvent(final InputSlot slot, final long sequence, final boolean endOfBatch)
            {
                PassThroughRing.this.listener.onApplied(slot.ingressNanos);
            }
        });
        disruptor.start();
    }

    /**
     * @return a publisher for one thread, as the engine's.
     */
    public InputPublisher newPublisher()
    {
        return new InputPublisher(this, ring, null);
    }

    @Override
    public void checkRunning()
    {
        if (closed)
        {
            throw new IllegalStateException("the ring is closed");
        }
    }

    /** Waits for the handler to pass the last published slot, then stops it. */
    @Override
    public void close()
    {
        closed = true;
        final long last = ring.getCursor();
        while (disruptor.getRingBuffer().getMinimumGatingSequence() < last)
        {
            LockSupport.parkNanos(100_000);
        }
        disruptor.halt();
    }
}
