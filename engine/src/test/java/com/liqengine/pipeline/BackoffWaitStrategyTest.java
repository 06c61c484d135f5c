package com.liqengine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code backoff} wait strategy: it returns what was published, stops on an alert (the engine halting), and
 * sleeps only once its yield window has passed. The states are observed from outside (a yielding thread is
 * runnable, a sleeping one timed-waiting), no time is asserted.
 */
class BackoffWaitStrategyTest
{
    private static final long NEVER_SLEEPS = TimeUnit.HOURS.toNanos(1);

    @Test
    void returnsWhatIsPublishedOnceItIs() throws InterruptedException
    {
        final Sequence published = new Sequence(-1);
        final AtomicLong returned = new AtomicLong(-2);
        final Thread waiter = waiting(new BackoffWaitStrategy(NEVER_SLEEPS), published, new Barrier(), returned,
            new AtomicReference<>());

        published.set(3);
        waiter.join();

        assertThat(returned.get()).isEqualTo(3);
    }

    @Test
    void anAlertStopsTheWait() throws InterruptedException
    {
        final Barrier barrier = new Barrier();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread waiter = waiting(new BackoffWaitStrategy(0), new Sequence(-1), barrier, new AtomicLong(),
            thrown);

        barrier.alert();
        waiter.join();

        assertThat(thrown.get()).isInstanceOf(AlertException.class);
    }

    @Test
    void withinItsYieldWindowItNeverSleeps() throws InterruptedException
    {
        final Sequence published = new Sequence(-1);
        final Thread waiter = waiting(new BackoffWaitStrategy(NEVER_SLEEPS), published, new Barrier(),
            new AtomicLong(), new AtomicReference<>());

        boolean slept = false;
        for (int i = 0; i < 2_000; i++)
        {
            slept |= waiter.getState() == Thread.State.TIMED_WAITING;
            LockSupport.parkNanos(50_000);
        }
        published.set(0);
        waiter.join();

        assertThat(slept).isFalse();
    }

    @Test
    void pastItsYieldWindowItSleeps() throws InterruptedException
    {
        final Sequence published = new Sequence(-1);
        final Thread waiter = waiting(new BackoffWaitStrategy(0), published, new Barrier(), new AtomicLong(),
            new AtomicReference<>());

        boolean slept = false;
        for (int i = 0; i < 20_000 && !slept; i++)
        {
            slept = waiter.getState() == Thread.State.TIMED_WAITING;
            LockSupport.parkNanos(50_000);
        }
        published.set(0);
        waiter.join();

        assertThat(slept).isTrue();
    }

    private static Thread waiting(
        final BackoffWaitStrategy strategy,
        final Sequence published,
        final SequenceBarrier barrier,
        final AtomicLong returned,
        final AtomicReference<Throwable> thrown)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                returned.set(strategy.waitFor(0, published, published, barrier));
            }
            catch (final AlertException ex)
            {
                thrown.set(ex);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Only the alert matters to a wait strategy. */
    private static final class Barrier implements SequenceBarrier
    {
        private volatile boolean alerted;

        @Override
        public long waitFor(final long sequence)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getCursor()
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isAlerted()
        {
            return alerted;
        }

        @Override
        public void alert()
        {
            alerted = true;
        }

        @Override
        public void clearAlert()
        {
            alerted = false;
        }

        @Override
        public void checkAlert() throws AlertException
        {
            if (alerted)
            {
                throw AlertException.INSTANCE;
            }
        }
    }
}
