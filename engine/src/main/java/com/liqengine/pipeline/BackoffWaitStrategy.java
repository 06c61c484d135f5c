package com.liqengine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for the next input by spinning a little, then yielding the core (to any thread that wants it) until a
 * time limit, and only then sleeping, for {@value #MIN_PARK_NANOS} ns at first and twice as long each time after,
 * up to {@value #MAX_PARK_NANOS} ns. Under a steady flow of inputs the handler never sleeps, so what a latency
 * histogram shows is the engine's own work; Disruptor's {@code SleepingWaitStrategy} parks as soon as the ring is
 * empty for a moment and wakes tens of microseconds after its input arrived (Linux's default timer slack is 50 µs).
 * Idle, it wakes about four thousand times a second, where the sleeping strategy's 100 ns parks wake it more often
 * times (docs/pipeline.md, "Wait strategies"). Allocation-free.
 */
final class BackoffWaitStrategy implements WaitStrategy
{
    private static final int SPINS = 100;
    private static final long MIN_PARK_NANOS = 10_000;
    private static final long MAX_PARK_NANOS = 250_000;

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
        long park = MIN_PARK_NANOS;
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
                LockSupport.parkNanos(park);
                park = Math.min(MAX_PARK_NANOS, park << 1);
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
