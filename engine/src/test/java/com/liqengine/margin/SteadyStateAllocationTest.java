package com.liqengine.margin;

import com.liqengine.api.InputEncoder;
import com.liqengine.testing.MixedEvents;
import com.liqengine.testing.StringConstants;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot path allocates nothing: after warm-up, a million mixed events (ticks with liquidations, fills of
 * both modes, funding, deposits) through the state machine allocate zero bytes on its thread.
 */
class SteadyStateAllocationTest
{
    private static final int ACCOUNTS = 2_000;
    private static final int WARM_UP_EVENTS = 300_000;
    // the JIT settles at its own pace (later on a busy machine), and a compile request can allocate on the
    // thread that makes it; so warm-up goes on, a chunk at a time, until three chunks in a row allocated nothing
    private static final int WARM_UP_CHUNK = 200_000;
    private static final int MAX_WARM_UP_CHUNKS = 50;
    private static final int MEASURED_EVENTS = 1_000_000;

    private final InputEncoder encoder = new InputEncoder();
    private final MixedEvents events = new MixedEvents(ACCOUNTS, 42);
    private long liquidations;
    private final MarginStateMachine engine = new MarginStateMachine(
        new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2),
        (buffer, offset, length) ->
        {
            if (buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) == 50)
            {
                liquidations++;
            }
        });

    @Test
    void millionMixedEventsAllocateNothing()
    {
        // the JVM's own one-off allocation of string literals at C2's first compile request per class
        StringConstants.intern(MarginStateMachine.class, MixedEvents.class, org.agrona.DirectBuffer.class);
        for (int i = 0; i < events.setUpCount(); i++)
        {
            engine.onInput(encoder.buffer(), 0, events.setUp(i, encoder));
        }
        run(WARM_UP_EVENTS);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        int quietChunks = 0;
        for (int chunk = 0; chunk < MAX_WARM_UP_CHUNKS && quietChunks < 3; chunk++)
        {
            final long chunkStart = threads.getThreadAllocatedBytes(threadId);
            run(WARM_UP_CHUNK);
            quietChunks = threads.getThreadAllocatedBytes(threadId) == chunkStart ? quietChunks + 1 : 0;
        }
        // Up to three measured millions: on a busy machine the JIT may still recompile a method once, late, and
        // allocate a few hundred bytes doing it. That is not the state machine allocating (an object per event
        // would be 16 MB a million), so one million must allocate exactly nothing and none may reach 4 KB.
        final long liquidationsBefore = liquidations;
        long fewest = Long.MAX_VALUE;
        long most = 0;
        for (int window = 0; window < 3 && fewest != 0; window++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            run(MEASURED_EVENTS);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            fewest = Math.min(fewest, allocated);
            most = Math.max(most, allocated);
        }

        assertThat(liquidations - liquidationsBefore).as("the measured run must liquidate").isGreaterThan(100);
        assertThat(fewest).as("bytes allocated over %d events", MEASURED_EVENTS).isZero();
        assertThat(most).as("bytes allocated over any measured %d events", MEASURED_EVENTS).isLessThan(4096);
    }

    private void run(final int count)
    {
        for (int n = 0; n < count; n++)
        {
            engine.onInput(encoder.buffer(), 0, events.next(n, encoder));
        }
    }
}
