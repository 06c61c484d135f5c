package com.liqengine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * The wait strategies a consumer can use. Busy-spin and yielding burn a core each, so on a machine with
 * fewer free cores than busy threads they starve the publisher. The default is {@link #BACKOFF}: it yields while
 * inputs flow, so latency is the engine's own, and sleeps when they stop (docs/pipeline.md, "Wait strategies").
 */
public enum IdleStrategyName
{
    /** Spins, then yields, then parks for 100 ns at a time: tens of microseconds to wake (the timer slack). */
    SLEEPING,
    /** Spins then yields: lower latency, one core busy per consumer. */
    YIELDING,
    /** Never gives up the core: lowest latency, needs a dedicated core per consumer. */
    BUSY_SPIN,
    /** Lock and condition: lowest CPU, highest wake-up latency. */
    BLOCKING,
    /**
     * Spins, then yields for up to {@link #BACKOFF_YIELD_MICROS} µs of waiting, then parks for 10 µs, 20 µs, ... up
     * to 250 µs at a time: under a steady flow of inputs it never sleeps, so the latency measured is the engine's own;
     * idle, it wakes about four thousand times a second (docs/pipeline.md, "Wait strategies").
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
