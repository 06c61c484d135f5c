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
    BLOCKING;

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
            default: return new SleepingWaitStrategy();
        }
    }
}
