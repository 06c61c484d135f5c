package com.liqengine.runtime;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.journal.QueuedOutputHandler;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.testing.MixedEvents;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding API as a matching engine would use it: start an engine in-process, publish with plain method
 * calls, poll the outputs. And the whole pipeline with the real Chronicle journal and output queue, and the engine
 * thread's latency recording (its histograms taken by the metrics thread meanwhile), allocates (next to) nothing in
 * steady state.
 */
class EmbeddedEngineTest
{
    private static final long UNIT = 100_000_000L;

    @Test
    void embeddedEnginePublishesWithMethodCallsAndPollsOutputs(@TempDir final Path dir)
    {
        final List<OutputRecord> outputs = new ArrayList<>();
        try (EngineRuntime engine = EngineRuntime.start(EngineConfig.defaults(dir).withMaxAccounts(10), null))
        {
            final InputPublisher publisher = engine.newPublisher();
            publisher.commit(publisher.claim().instrumentDefinition(1, 1, new InstrumentSpec(0, "BTCUSDT", 1, 3, 1, 1,
                20, MarginMode.ISOLATED, List.of(new TierSpec(50_000 * UNIT, 125, 400_000, 0)))));
            publisher.commit(publisher.claim().markPriceTick(2, 2, 0, 500_000));            // 50,000.0
            publisher.commit(publisher.claim().deposit(3, 3, 7, 1_000 * UNIT));
            // 0.100 BTC at 50,000.0, 20x isolated: 250 of margin; bankruptcy at 47,500.0
            publisher.commit(publisher.claim().fill(4, 4, 7, 0, Side.BUY, 100, 500_000, 0, 1));
            publisher.commit(publisher.claim().markPriceTick(5, 5, 0, 470_000));            // 47,000.0

            try (OutputQueueReader poller = engine.newOutputPoller())
            {
                final QueuedOutputHandler collect = (index, buffer, offset, length) ->
                    outputs.add(OutputRecord.decode(buffer, offset, length));
                final long deadline = System.nanoTime() + 10_000_000_000L;
                while (outputs.stream().noneMatch(o -> o.type().equals("LiquidationOrder"))
                    && System.nanoTime() < deadline)
                {
                    if (poller.poll(collect, 100) == 0)
                    {
                        LockSupport.parkNanos(1_000_000);
                    }
                }
            }
        }

        assertThat(outputs).extracting(OutputRecord::type).containsExactly("RequestAccepted", "RequestAccepted",
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        final OutputRecord takeover = outputs.get(4);
        assertThat(takeover.get("accountId")).isEqualTo(7);
        assertThat(takeover.get("price")).isEqualTo(475_000);
        assertThat(takeover.get("correlationId")).isEqualTo(5);
    }

    @Test
    void millionEventsThroughChronicleJournalAndOutputQueueAllocateAlmostNothing(@TempDir final Path dir)
    {
        final int accounts = 2_000;
        final var threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ThreadWatch applier = new ThreadWatch();
        final MixedEvents events = new MixedEvents(accounts, 42);
        final long publisherBytes;
        final long mostPublisher;
        final long applierBytes;
        final long inputs;
        try (EngineRuntime engine = EngineRuntime.start(
            EngineConfig.defaults(dir).withMaxAccounts(accounts + 1), applier))
        {
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 0; i < events.setUpCount(); i++)
            {
                publisher.commit(events.setUp(i, publisher.claim()));
            }
            publish(publisher, events, 300_000);
            long published = events.setUpCount() + 300_000;
            applier.await(published);
            final long me = Thread.currentThread().getId();
            // the JIT settles at its own pace (later on a busy machine), and a compile request can allocate on
            // the thread that makes it: warm up on until three 200,000-event chunks in a row leave the publisher
            // at zero
            int quietChunks = 0;
            for (int chunk = 0; chunk < 50 && quietChunks < 3; chunk++)
            {
                final long chunkStart = threads.getThreadAllocatedBytes(me);
                publish(publisher, events, 200_000);
                published += 200_000;
                applier.await(published);
                quietChunks = threads.getThreadAllocatedBytes(me) == chunkStart ? quietChunks + 1 : 0;
            }
            // Up to three measured millions: the JIT may still, on a busy machine, deoptimize and recompile a
            // method once, which can allocate a few hundred bytes on the thread that asks. That is not the hot
            // path allocating (an object per event would be at least 16 MB a million), so the publisher must reach
            // zero in one million, and no million may reach even 4 KB.
            long fewestPublisherBytes = Long.MAX_VALUE;
            long mostPublisherBytes = 0;
            long mostApplierBytes = 0;
            for (int window = 0; window < 3 && fewestPublisherBytes != 0; window++)
            {
                // the publisher's own reading last before and first after, so reading the other is never counted
                final long applierBefore = threads.getThreadAllocatedBytes(applier.thread.getId());
                final long publisherBefore = threads.getThreadAllocatedBytes(me);
                publish(publisher, events, 1_000_000);
                published += 1_000_000;
                applier.await(published);
                final long publisherWindow = threads.getThreadAllocatedBytes(me) - publisherBefore;
                final long applierWindow = threads.getThreadAllocatedBytes(applier.thread.getId()) - applierBefore;
                fewestPublisherBytes = Math.min(fewestPublisherBytes, publisherWindow);
                mostPublisherBytes = Math.max(mostPublisherBytes, publisherWindow);
                mostApplierBytes = Math.max(mostApplierBytes, applierWindow);
            }
            publisherBytes = fewestPublisherBytes;
            mostPublisher = mostPublisherBytes;
            applierBytes = mostApplierBytes;
            assertThat(engine.counters().liquidations()).isGreaterThan(100);
            inputs = published;
        }
        System.out.printf("EmbeddedEngineTest: 1,000,000 events through ring, Chronicle journal, state machine and "
            + "Chronicle output queue: publisher allocated %,d bytes (at most %,d in any measured million), engine "
            + "thread at most %,d bytes%n", publisherBytes, mostPublisher, applierBytes);

        assertThat(publisherBytes).isZero();
        assertThat(mostPublisher).isLessThan(4096);
        // Chronicle's bookkeeping when its queue files map their next chunk: about a kilobyte per million appends
        // (journal module's SteadyStateAllocationTest), twice here (journal and output queue); nothing per event.
        assertThat(applierBytes).isLessThan(64 * 1024);
        assertThat(loggedCount(dir.resolve("latency.hlog"), LatencyStage.COMMIT_TO_APPLIED))
            .as("the engine thread recorded every input's latency meanwhile").isEqualTo(inputs);
    }

    /** Values of one latency in all the intervals of a latency log. */
    private static long loggedCount(final Path log, final LatencyStage stage)
    {
        long count = 0;
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile()))
        {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null)
            {
                count += stage.word().equals(next.getTag()) ? ((Histogram)next).getTotalCount() : 0;
            }
        }
        catch (final java.io.FileNotFoundException ex)
        {
            throw new AssertionError("no latency log: " + log, ex);
        }
        return count;
    }

    private static void publish(final InputPublisher publisher, final MixedEvents events, final int count)
    {
        for (int n = 0; n < count; n++)
        {
            publisher.commit(events.next(n, publisher.claim()));
        }
    }

    /** Knows the engine's thread and how many inputs it applied, without allocating. */
    private static final class ThreadWatch implements com.liqengine.pipeline.AppliedListener
    {
        volatile Thread thread;
        volatile long applied;

        @Override
        public void onApplied(final long ingressNanos)
        {
            if (thread == null)
            {
                thread = Thread.currentThread();
            }
            applied++;
        }

        void await(final long count)
        {
            while (applied < count)
            {
                LockSupport.parkNanos(1_000_000);
            }
        }
    }
}
