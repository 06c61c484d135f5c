package com.liqengine.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.MessageType;
import com.liqengine.pipeline.CountersFile;
import com.liqengine.testing.MixedEvents;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's message path allocates (almost) nothing once warm: a million envelopes applied, their outputs
 * written to the output queue and the inputs copied to the journal, each answered through the session. What is
 * left is Chronicle's bookkeeping when a queue's appender moves to the next mapped chunk (a few objects per chunk of
 * megabytes, two queues here); hence a small fixed budget, as in the journal's SteadyStateAllocationTest, and the
 * measured bytes are printed. The envelopes are in an off-heap buffer, as Aeron's log is.
 */
class ClusterServiceAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 1_000_000;
    private static final int DUTY_CYCLE = 16;
    private static final long BUDGET_BYTES = 256 * 1024;

    @TempDir
    Path dir;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final UnsafeBuffer envelope =
        new UnsafeBuffer(ByteBuffer.allocateDirect(IngressEnvelope.HEADER_LENGTH + InputEncoder.BUFFER_LENGTH));
    private final InputEncoder encoder = new InputEncoder().target(new UnsafeBuffer(
        envelope, IngressEnvelope.HEADER_LENGTH, InputEncoder.BUFFER_LENGTH));
    private final MixedEvents events = new MixedEvents(Envelopes.ACCOUNTS, 42);
    private long sequence;

    @Test
    void aMillionEnvelopesAllocateAlmostNothing()
    {
        final long bytes;
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            for (int i = 0; i < events.setUpCount(); i++)
            {
                send(node, events.setUp(i, encoder));
            }
            run(node, WARM_UP);
            final long before = allocated();
            run(node, MEASURED);
            bytes = allocated() - before;
            assertThat(node.service.engineSequence()).isEqualTo(events.setUpCount() + WARM_UP + MEASURED);
            assertThat(node.session.repliesOfKind[ClusterEgress.NEXT]).isEqualTo((WARM_UP + MEASURED) / 1000);
            // the counters file was kept on the measured path: every input counted, by type
            try (CountersFile counters = CountersFile.open(node.config.counters().toFile()))
            {
                assertThat(counters.counter("inputs")).isEqualTo(node.service.engineSequence());
                assertThat(counters.counter(NodeCounters.ENGINE_SEQUENCE)).isEqualTo(node.service.engineSequence());
                assertThat(counters.counter("outputs")).isPositive();
                assertThat(counters.counter("in " + MessageType.MARK_PRICE_TICK.label())).isPositive();
            }
        }
        System.out.printf("ClusterServiceAllocationTest: %,d envelopes through the service allocated %,d bytes%n",
            MEASURED, bytes);
        assertThat(bytes).as("bytes allocated by %d envelopes", MEASURED).isLessThan(BUDGET_BYTES);
    }

    private void run(final ServiceNode node, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            send(node, events.next(sequence, encoder));
            if (i % 1000 == 999)
            {
                IngressEnvelope.writeHeader(envelope, 0, IngressEnvelope.RESUME, 1, 0);
                node.service.onSessionMessage(node.session, 0, envelope, 0, IngressEnvelope.HEADER_LENGTH, null);
            }
            if (i % DUTY_CYCLE == DUTY_CYCLE - 1)
            {
                node.service.doBackgroundWork(0);
            }
        }
    }

    private void send(final ServiceNode node, final int inputLength)
    {
        IngressEnvelope.writeHeader(envelope, 0, IngressEnvelope.INPUT, 1, ++sequence);
        node.service.onSessionMessage(
            node.session, 0, envelope, 0, IngressEnvelope.HEADER_LENGTH + inputLength, null);
    }

    private long allocated()
    {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
