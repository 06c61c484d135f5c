package com.liqengine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * The wait strategies a consumer can use. Busy-spin and yielding burn a core each, so on a machine with
 * fewer free cores than busy threads they starve the publisher: the default is the backing-off
 * {@link #SLEEPING}.
 */
public enum IdleStrategyName
{
    /** Spins, then yields, then parks briefly: low CPU when idle, microseconds to wake. */
    SLEEPING,
    /** Spins then yields: lower latency, one core busy per consumer. */
    YIELDING,
    /** Never gives up the core: lowest latency, needs a dedicated core per consumer. */
    BUSY_SPIN,
    /** Lock and condition: lowest CPU, highest wake-up latency. */
    BLOCKING,
    /**
     * Spins, then yields for up to {@link #BACKOFF_YIELD_MICROS} µs of waiting, then sleeps as {@link #SLEEPING}:
     * under a steady flow of inputs it never sleeps, so the latency measured is the engine's own (a sleeping
     * handler wakes tens of microseconds late: the kernel's timer slack); idle, it sleeps (docs/pipeline.md).
     */
    BACKOFF;

    /** How long {@link #BACKOFF} yields while waiting for an input before it sleeps. */
    public static final long BACKOFF_YIELD_MICROS = 1_000;

    /**
     * @return a new Disruptor wait strategy of this kind.
     */
    public WaitStrategy newWaitStrategy()
    {
        switch (this)
        {
            case YIELDING: return new YieldingWaitStrategy();
            case BUSY_SPIN: return new BusySpinWaitStrategy();
            case BLOCKING: return new BlockingWaitStrategy();
            case BACKOFF: return new BackoffWaitStrategy(BACKOFF_YIELD_MICROS * 1_000);
            default: return new SleepingWaitStrategy();
        }
    }
}
