package com.liqengine.cluster;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How a cluster node's agents (media driver, archive, consensus module, clustered service) wait for work. Three
 * members on one machine share its cores, so the default backs off to sleeping rather than spinning.
 */
public enum ClusterIdleStrategy
{
    /** Spins, yields, then parks from 1 µs up to 1 ms: idle costs little, a busy agent never sleeps. */
    BACKOFF,
    /** Sleeps 1 ms whenever there is nothing to do: least CPU, a millisecond added to each idle wake-up. */
    SLEEPING,
    /** Yields the core: one core busy per agent. */
    YIELDING,
    /** Never gives up the core: needs a dedicated core per agent. */
    BUSY_SPIN;

    private static final long BACKOFF_MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long BACKOFF_MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * @return a new idle strategy of this kind (each agent needs its own).
     */
    public IdleStrategy newIdleStrategy()
    {
        switch (this)
        {
            case SLEEPING: return new SleepingMillisIdleStrategy(1);
            case YIELDING: return new YieldingIdleStrategy();
            case BUSY_SPIN: return new BusySpinIdleStrategy();
            default: return new BackoffIdleStrategy(10, 20, BACKOFF_MIN_PARK_NANOS, BACKOFF_MAX_PARK_NANOS);
        }
    }
}
