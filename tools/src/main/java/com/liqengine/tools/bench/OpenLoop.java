package com.liqengine.tools.bench;

import com.liqengine.api.InputEncoder;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.tools.demo.DemoMarket;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Publishes market events at a fixed rate from planned send times: event i is due at start + i / rate, and its
 * latency is measured from that time even when the publisher could only send it later (a full ring, a pause),
 * so a stall shows in the percentiles instead of hiding (no coordinated omission).
 */
final class OpenLoop
{
    private static final long SPIN_THRESHOLD_NANOS = 50_000;

    private OpenLoop()
    {
    }

    /**
     * @param publisher where to publish.
     * @param market the event source.
     * @param rate events per second; 0 publishes as fast as the ring takes them (closed loop).
     * @param maxEvents stop after this many.
     * @param durationNanos or after this long.
     * @param spin spin through the last {@value #SPIN_THRESHOLD_NANOS} ns before each event is due (punctual, but at
     *     more than 20,000 events/s the publishing thread never leaves its core); false parks until then (the
     *     thread's timer slack late, and a core left to the handler).
     * @param progress called about once a second with the events published so far.
     * @return events published.
     */
    static long run(
        final InputPublisher publisher,
        final DemoMarket market,
        final long rate,
        final long maxEvents,
        final long durationNanos,
        final boolean spin,
        final LongConsumer progress)
    {
        final long start = System.nanoTime();
        long nextProgress = start + 1_000_000_000L;
        long n = 0;
        while (n < maxEvents)
        {
            final long planned = rate > 0 ? start + (long)(n * (1e9 / rate)) : System.nanoTime();
            long now = System.nanoTime();
            while (planned - now > 0)
            {
                if (!spin)
                {
                    LockSupport.parkNanos(planned - now);
                }
                else if (planned - now > SPIN_THRESHOLD_NANOS)
                {
                    LockSupport.parkNanos(planned - now - SPIN_THRESHOLD_NANOS);
                }
                else
                {
                    Thread.onSpinWait();
                }
                now = System.nanoTime();
            }
            if (now - start >= durationNanos)
            {
                break;
            }
            final InputEncoder encoder = publisher.claim();
            publisher.commit(market.next(encoder, ++n), planned);
            if (now >= nextProgress)
            {
                nextProgress = now + 1_000_000_000L;
                progress.accept(n);
            }
        }
        return n;
    }
}
