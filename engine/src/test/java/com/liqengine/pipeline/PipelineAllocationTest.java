package com.liqengine.pipeline;

import com.liqengine.margin.EngineSettings;
import com.liqengine.testing.MixedEvents;
import com.liqengine.testing.StringConstants;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline's hot path allocates nothing in steady state: after warm-up, a million mixed events published
 * through the ring, journaled, applied and their two latencies recorded allocate zero bytes on the publishing
 * thread, the journaling thread and the state machine's thread. The journal here copies each input into a
 * pre-allocated buffer; the real Chronicle journal has its own allocation test in the journal module.
 */
class PipelineAllocationTest
{
    private static final int ACCOUNTS = 2_000;
    private static final int WARM_UP_EVENTS = 300_000;
    // the JIT settles at its own pace (later on a busy machine), and a compile request can allocate on the
    // thread that makes it; so warm-up goes on, a chunk at a time, until three chunks in a row allocated nothing
    private static final int WARM_UP_CHUNK = 200_000;
    private static final int MAX_WARM_UP_CHUNKS = 50;
    private static final int MEASURED_EVENTS = 1_000_000;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @ParameterizedTest
    @EnumSource(Topology.class)
    void millionEventsThroughThePipelineAllocateNothing(final Topology topology)
    {
        // the JVM's own one-off allocation of string literals at C2's first compile request per class
        StringConstants.intern(
            LiquidationEngine.class, MixedEvents.class, DirectBuffer.class, com.lmax.disruptor.RingBuffer.class);
        final CopyingJournal journal = new CopyingJournal();
        final CountingOutputs outputs = new CountingOutputs();
        final ThreadCapture applier = new ThreadCapture();
        // the events' eventTimes count from 0: an epoch clock counting from 1 s puts their latency in range, so
        // every input goes through the histogram's recording and none is only counted as out of range
        final long clockStart = System.nanoTime() - 1_000_000_000L;
        final PipelineLatency latency =
            new PipelineLatency(SystemNanoClock.INSTANCE, () -> System.nanoTime() - clockStart);
        final LiquidationEngine engine = LiquidationEngine.launch(new EngineContext()
            .topology(topology)
            .marginSettings(new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2))
            .inputJournal(journal)
            .outputChannel(outputs)
            .appliedListener(applier)
            .latency(latency));
        final InputPublisher publisher = engine.newPublisher();
        final MixedEvents events = new MixedEvents(ACCOUNTS, 42);
        for (int i = 0; i < events.setUpCount(); i++)
        {
            publisher.commit(events.setUp(i, publisher.claim()));
        }
        publish(publisher, events, WARM_UP_EVENTS);
        long published = events.setUpCount() + WARM_UP_EVENTS;
        awaitApplied(applier, published);
        final long publisherThread = Thread.currentThread().getId();
        int quietChunks = 0;
        for (int chunk = 0; chunk < MAX_WARM_UP_CHUNKS && quietChunks < 3; chunk++)
        {
            final long chunkStart = allocated(publisherThread, applier, journal);
            publish(publisher, events, WARM_UP_CHUNK);
            published += WARM_UP_CHUNK;
            awaitApplied(applier, published);
            quietChunks = allocated(publisherThread, applier, journal) == chunkStart ? quietChunks + 1 : 0;
        }

        // Up to three measured millions: on a busy machine the JIT may still recompile a method once, late, and
        // allocate a few hundred bytes on the thread that asks. That is not the hot path allocating (an object
        // per event would be 16 MB a million), so one million must leave every thread at exactly zero, and none
        // may reach even 4 KB on any thread.
        final long liquidationsBefore = outputs.liquidations;
        long[] zeroWindow = null;
        long most = 0;
        for (int window = 0; window < 3 && zeroWindow == null; window++)
        {
            // the publisher's own reading last before and first after, so reading the others is never counted
            final long applierBefore = threads.getThreadAllocatedBytes(applier.thread.getId());
            final long journalBefore = threads.getThreadAllocatedBytes(journal.thread.getId());
            final long publisherBefore = threads.getThreadAllocatedBytes(publisherThread);
            publish(publisher, events, MEASURED_EVENTS);
            published += MEASURED_EVENTS;
            awaitApplied(applier, published);
            // read into locals first: the array that keeps them is the publisher's allocation
            final long publisherBytes = threads.getThreadAllocatedBytes(publisherThread) - publisherBefore;
            final long applierBytes = threads.getThreadAllocatedBytes(applier.thread.getId()) - applierBefore;
            final long journalBytes = threads.getThreadAllocatedBytes(journal.thread.getId()) - journalBefore;
            final long[] bytes = {publisherBytes, applierBytes, journalBytes};
            System.out.printf("PipelineAllocationTest %s, measured million %d: publisher %d, state machine %d, "
                + "journal %d bytes%n", topology, window + 1, bytes[0], bytes[1], bytes[2]);
            most = Math.max(most, Math.max(bytes[0], Math.max(bytes[1], bytes[2])));
            if (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0)
            {
                zeroWindow = bytes;
            }
        }
        engine.close();

        assertThat(outputs.liquidations - liquidationsBefore).as("the measured run must liquidate")
            .isGreaterThan(100);
        assertThat(journal.appended()).isEqualTo(published);
        assertThat(latency.intervalHistogram(LatencyStage.COMMIT_TO_APPLIED, null).getTotalCount())
            .as("inputs whose commit-to-applied latency was recorded").isEqualTo(published);
        assertThat(latency.intervalHistogram(LatencyStage.EVENT_TO_OUTPUT, null).getTotalCount())
            .as("inputs whose event-to-output latency was recorded").isEqualTo(published);
        assertThat(latency.outOfRange(LatencyStage.EVENT_TO_OUTPUT)).isZero();
        assertThat(zeroWindow).as("a million events with 0 bytes allocated by the publisher, the state machine's "
            + "thread and the journaling thread").isNotNull();
        assertThat(most).as("bytes allocated by any of them in any measured million").isLessThan(4096);
    }

    private long allocated(final long publisherThread, final ThreadCapture applier, final CopyingJournal journal)
    {
        return threads.getThreadAllocatedBytes(publisherThread) +
            threads.getThreadAllocatedBytes(applier.thread.getId()) +
            threads.getThreadAllocatedBytes(journal.thread.getId());
    }

    private static void publish(final InputPublisher publisher, final MixedEvents events, final int count)
    {
        for (int n = 0; n < count; n++)
        {
            publisher.commit(events.next(n, publisher.claim()));
        }
    }

    private static void awaitApplied(final ThreadCapture applier, final long count)
    {
        while (applier.applied.get() < count)
        {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Knows the state machine's thread and counts applied inputs, without allocating. */
    private static final class ThreadCapture implements AppliedListener
    {
        final AtomicLong applied = new AtomicLong();
        volatile Thread thread;

        @Override
        public void onApplied(final long ingressNanos)
        {
            if (thread == null)
            {
                thread = Thread.currentThread();
            }
            applied.lazySet(applied.get() + 1);
        }
    }

    /** Copies every input into one pre-allocated buffer, as a journal's write would. */
    private static final class CopyingJournal implements InputJournal
    {
        private final UnsafeBuffer sink = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        private final AtomicLong appended = new AtomicLong();
        volatile Thread thread;

        @Override
        public void append(final DirectBuffer buffer, final int offset, final int length)
        {
            if (thread == null)
            {
                thread = Thread.currentThread();
            }
            sink.putBytes(0, buffer, offset, length);
            appended.lazySet(appended.get() + 1);
        }

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public long appended()
        {
            return appended.get();
        }

        @Override
        public void close()
        {
        }
    }

    /** Counts outputs and liquidations. */
    private static final class CountingOutputs implements OutputChannel
    {
        long liquidations;

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            if (buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) == 50)
            {
                liquidations++;
            }
        }

        @Override
        public void endOfBatch()
        {
        }

        @Override
        public void close()
        {
        }
    }
}
