package com.liqengine.tools.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends inputs to a {@link LoadSubject} from the calling thread: open loop at a fixed rate (input {@code i} is due
 * at {@code start + i / rate}, and its round trip counts from then even if it could only be sent later, so a stall
 * shows instead of hiding), or closed loop (as fast as acknowledgements allow, at most a window of inputs
 * unacknowledged). The thread parks until each input is due rather than spinning: three members on two cores
 * need the cores more than the client needs punctuality.
 */
final class LoadLoop
{
    /** How long a drain or a refused offer waits for the subject before the bench gives up. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long RETRY_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private LoadLoop()
    {
    }

    /**
     * Open loop: sends inputs {@code from} to {@code from + count - 1} at {@code rate} a second, then waits for
     * every acknowledgement.
     *
     * @return nanoseconds from the first input's planned send to the last acknowledgement.
     */
    static long openLoop(final LoadSubject subject, final int from, final int count, final long rate)
    {
        final double interval = 1e9 / rate;
        final long start = System.nanoTime();
        for (int n = 0; n < count; n++)
        {
            final long planned = start + (long)(n * interval);
            long now = System.nanoTime();
            while (planned - now > 0)
            {
                if (subject.poll() == 0)
                {
                    LockSupport.parkNanos(planned - now);
                }
                now = System.nanoTime();
            }
            offer(subject, from + n, planned);
            subject.poll();
        }
        drain(subject, from + count);
        return System.nanoTime() - start;
    }

    /**
     * Closed loop: sends from {@code from} on while fewer than {@code window} are unacknowledged, until
     * {@code maxCount} inputs or {@code maxNanos} have passed, then waits for every acknowledgement.
     *
     * @return inputs sent; {@code elapsed[0]} gets the nanoseconds from the first send to the last acknowledgement.
     */
    static int closedLoop(
        final LoadSubject subject, final int from, final int maxCount, final long maxNanos, final int window,
        final long[] elapsed)
    {
        final long start = System.nanoTime();
        int next = from;
        long stalledSince = start;
        while (next < from + maxCount)
        {
            final long now = System.nanoTime();
            if (now - start >= maxNanos)
            {
                break;
            }
            if (next - subject.acknowledged() < window && subject.offer(next, now))
            {
                next++;
                stalledSince = now;
            }
            else if (subject.poll() == 0)
            {
                if (now - stalledSince > STALL_NANOS)
                {
                    throw new IllegalStateException("no acknowledgement for " + STALL_NANOS / 1_000_000_000 + " s ("
                        + subject.acknowledged() + " of " + next + " acknowledged)");
                }
                // two cores: the engine's or the members' threads need the core more than this one
                Thread.yield();
            }
            else
            {
                stalledSince = now;
            }
        }
        drain(subject, next);
        elapsed[0] = System.nanoTime() - start;
        return next - from;
    }

    /**
     * Sends one input, retrying while the subject refuses it (a failover), for at most {@link #STALL_NANOS}.
     */
    static void offer(final LoadSubject subject, final int index, final long sendNanos)
    {
        final long deadline = System.nanoTime() + STALL_NANOS;
        while (!subject.offer(index, sendNanos))
        {
            if (subject.poll() == 0)
            {
                if (System.nanoTime() - deadline >= 0)
                {
                    throw new IllegalStateException("input " + index + " not taken for " + STALL_NANOS / 1_000_000_000
                        + " s");
                }
                LockSupport.parkNanos(RETRY_PARK_NANOS);
            }
        }
    }

    /**
     * Waits until the first {@code count} inputs are acknowledged, for at most {@link #STALL_NANOS} without
     * progress.
     */
    static void drain(final LoadSubject subject, final long count)
    {
        long deadline = System.nanoTime() + STALL_NANOS;
        long seen = subject.acknowledged();
        while (seen < count)
        {
            if (subject.poll() == 0)
            {
                LockSupport.parkNanos(RETRY_PARK_NANOS);
            }
            final long now = subject.acknowledged();
            if (now != seen)
            {
                seen = now;
                deadline = System.nanoTime() + STALL_NANOS;
            }
            else if (System.nanoTime() - deadline >= 0)
            {
                throw new IllegalStateException("only " + seen + " of " + count + " inputs acknowledged, none for "
                    + STALL_NANOS / 1_000_000_000 + " s");
            }
        }
    }
}
