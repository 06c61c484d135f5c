package com.liqengine.cluster;

import java.util.function.BooleanSupplier;

/**
 * When a member asks for the scheduled snapshot ({@code snapshots.intervalSeconds}): every interval, if it leads
 * then (only the leader's request counts; a follower's slot passes). A request that cannot be placed (another
 * control action under way) is tried again at the next check rather than a whole interval later. Times are the
 * caller's monotonic clock (System.nanoTime), outside the state machine.
 */
public final class SnapshotSchedule
{
    private final long intervalNs;
    private long nextNs;

    /**
     * @param intervalNs the interval; 0 or less: never.
     * @param nowNs now: the first request is one interval later.
     */
    public SnapshotSchedule(final long intervalNs, final long nowNs)
    {
        this.intervalNs = intervalNs;
        this.nextNs = nowNs + intervalNs;
    }

    /**
     * @param nowNs now.
     * @param leads whether this member leads now.
     * @param request places the request, true when placed.
     * @return true when a request was placed by this call.
     */
    public boolean poll(final long nowNs, final boolean leads, final BooleanSupplier request)
    {
        if (intervalNs <= 0 || nowNs - nextNs < 0)
        {
            return false;
        }
        if (!leads)
        {
            nextNs = nowNs + intervalNs;
            return false;
        }
        if (request.getAsBoolean())
        {
            nextNs = nowNs + intervalNs;
            return true;
        }
        return false;
    }
}
