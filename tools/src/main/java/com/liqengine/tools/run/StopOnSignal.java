package com.liqengine.tools.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C for a command that runs until stopped ({@code liq run}, {@code liq cluster node},
 * {@code liq cluster ingress}): a shutdown hook tells the command to stop, then holds the JVM's exit (up to a bound)
 * until the command has closed what it opened and {@link #close() closed} this. Closing it also removes the hook,
 * unless the shutdown is already under way.
 */
public final class StopOnSignal implements AutoCloseable
{
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal(final String threadName, final long waitSeconds, final Runnable stop)
    {
        hook = new Thread(() ->
        {
            stop.run();
            try
            {
                closed.await(waitSeconds, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, threadName);
    }

    /**
     * Installs the hook.
     *
     * @param threadName the hook thread's name.
     * @param waitSeconds how long the exit waits for {@link #close()}.
     * @param stop what tells the command to stop (run on the hook's thread).
     * @return the installed hook's handle; close it once the command has stopped.
     */
    public static StopOnSignal install(final String threadName, final long waitSeconds, final Runnable stop)
    {
        final StopOnSignal signal = new StopOnSignal(threadName, waitSeconds, stop);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    /** The command has stopped: a waiting exit goes on, and the hook is removed. */
    @Override
    public void close()
    {
        closed.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ex)
        {
            // the shutdown is under way: the hook is running and was waiting for this
        }
    }
}
