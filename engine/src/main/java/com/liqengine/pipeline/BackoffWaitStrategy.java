package com.liqengine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the next input by spinning a little, then yielding the core (to any thread that wants it) until a
 * time limit, and only then sleeping. Under a steady flow of inputs the handler never sleeps, so what a latency
 * histogram shows is the engine's own work; a sleeping handler wakes tens of microseconds after its input arrived
 * (Linux's default timer slack is 50 µs). Idle for longer than the limit, it sleeps like Disruptor's
 * {@code SleepingWaitStrategy} and costs almost no CPU. Allocation-free.
 */
final class BackoffWaitStrategy implements WaitStrategy
{
    private static final int SPINS = 100;
    private static final long SLEEP_NANOS = 100;

    private final long yieldNanos;

    /**
     * @param yieldNanos how long after it started waiting the handler yields before it sleeps.
     */
    BackoffWaitStrategy(final long yieldNanos)
    {
        this.yieldNanos = yieldNanos;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        long available;
        int spins = SPINS;
        long yieldingSince = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (spins > 0)
            {
                spins--;
                Thread.onSpinWait();
            }
            else if (yieldingSince == 0)
            {
                yieldingSince = System.nanoTime();
                Thread.yield();
            }
            else if (System.nanoTime() - yieldingSince < yieldNanos)
            {
                Thread.yield();
            }
            else
            {
                LockSupport.parkNanos(SLEEP_NANOS);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        // nobody blocks on a lock: a sleeping handler wakes by itself
    }
}
