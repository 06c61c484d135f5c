package com.liqengine.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * A thread's timer slack on Linux: how much later than asked the kernel may wake it from a timed sleep, 50 µs by
 * default, so a thread that parks for 100 ns wakes 50 µs or more later (measured: perf/results/tail/timer-slack).
 * Shortened to {@link #ENGINE_SLACK_NANOS} on the ingress thread and on a handler that parks for measured periods
 * ({@code backoff}), a park ends within microseconds of its time. Through JNA, which Chronicle brings; elsewhere
 * than Linux it does nothing.
 */
public final class TimerSlack
{
    /** The slack of the engine's threads. */
    public static final long ENGINE_SLACK_NANOS = 1_000;

    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;

    private TimerSlack()
    {
    }

    /**
     * Sets the calling thread's timer slack.
     *
     * @param nanos the slack.
     * @return whether it was set (false elsewhere than Linux, or when the call failed).
     */
    public static boolean setForCurrentThread(final long nanos)
    {
        final C c = libc();
        return c != null && c.prctl(PR_SET_TIMERSLACK, nanos, 0, 0, 0) == 0;
    }

    /**
     * @return the calling thread's timer slack in nanoseconds, or -1 where it cannot be read.
     */
    public static long ofCurrentThread()
    {
        final C c = libc();
        return c == null ? -1 : c.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
    }

    private static C libc()
    {
        if (!Platform.isLinux())
        {
            return null;
        }
        try
        {
            return Holder.LIBC;
        }
        catch (final LinkageError ex)
        {
            return null;
        }
    }

    /** Loaded on first use only. */
    private static final class Holder
    {
        private static final C LIBC = Native.load("c", C.class);
    }

    /** The one libc call. */
    public interface C extends Library
    {
        /**
         * prctl(2).
         *
         * @param option the operation.
         * @param arg2 its first argument.
         * @param arg3 unused here.
         * @param arg4 unused here.
         * @param arg5 unused here.
         * @return what prctl returns.
         */
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    }
}
