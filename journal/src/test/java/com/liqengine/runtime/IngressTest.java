package com.liqengine.runtime;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueReader;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.QueueContext;
import com.liqengine.pipeline.InputSlot;
import com.liqengine.testing.MixedEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime's ingress agent: it journals every input-queue document with the queue's index, a restarted engine
 * resumes right after the last journaled one (reading nothing before it), snapshot requests are injected on the
 * way, and its thread allocates nothing in steady state.
 */
class IngressTest
{
    private static final int ACCOUNTS = 200;
    private static final long TIMEOUT_NANOS = 60_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aRestartResumesRightAfterTheLastJournaledInputQueueIndex()
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(ACCOUNTS + 1).withSnapshotInterval(700);
        final MixedEvents events = new MixedEvents(ACCOUNTS, 5);
        final InputEncoder encoder = new InputEncoder();
        final List<Long> queueIndexes = new ArrayList<>();
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(config.inputQueue())))
        {
            for (int i = 0; i < events.setUpCount(); i++)
            {
                queue.append(encoder.buffer(), 0, events.setUp(i, encoder));
            }
            write(queue, events, encoder, 1, 3_000);
        }
        final long firstRun = events.setUpCount() + 3_000;
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final InputQueueIngress ingress = engine.startIngress();
            assertThat(ingress.resumedAfter()).isEqualTo(InputSlot.NO_SOURCE);
            awaitRead(ingress, firstRun);
            assertThatThrownBy(engine::startIngress).isInstanceOf(IllegalStateException.class);
        }
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(config.inputQueue())))
        {
            write(queue, events, encoder, 3_001, 2_000);
        }
        try (InputQueueReader queue = InputQueueReader.open(config.inputQueue(), true))
        {
            while (queue.poll((index, buffer, offset, length) -> queueIndexes.add(index), 1_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final InputQueueIngress ingress = engine.startIngress();
            assertThat(ingress.resumedAfter()).as("the queue index of the last input of the first run")
                .isEqualTo(queueIndexes.get((int)firstRun - 1));
            awaitRead(ingress, 2_000);
            // give a wrongly positioned ingress the time to read more than it should
            LockSupport.parkNanos(200_000_000L);
            assertThat(ingress.inputsRead()).as("read after the restart: only what the first run did not")
                .isEqualTo(2_000);
        }
        final List<Long> sources = new ArrayList<>();
        final long[] injected = {0};
        try (JournalReader journal = JournalReader.open(config.journal()))
        {
            journal.readAll((sequence, source, buffer, offset, length) ->
            {
                if (source == InputSlot.NO_SOURCE)
                {
                    injected[0]++;
                }
                else
                {
                    sources.add(source);
                }
            });
        }
        assertThat(sources).as("every queue document once, in order, with its index").isEqualTo(queueIndexes);
        assertThat(injected[0]).as("a snapshot request after every 700 queue inputs")
            .isEqualTo(queueIndexes.size() / 700);
    }

    @Test
    void aReplacedInputQueueIsRefusedNamingTheJournaledIndex()
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(ACCOUNTS + 1).withSnapshotInterval(0);
        final MixedEvents events = new MixedEvents(ACCOUNTS, 6);
        final InputEncoder encoder = new InputEncoder();
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(config.inputQueue())))
        {
            for (int i = 0; i < events.setUpCount(); i++)
            {
                queue.append(encoder.buffer(), 0, events.setUp(i, encoder));
            }
        }
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            awaitRead(engine.startIngress(), events.setUpCount());
        }
        final EngineConfig replaced = new EngineConfig(dir.resolve("other-input"), config.journal(), config.outputs(),
            config.counters(), config.snapshots(), config.rollCycle(), config.fsync(), config.fsyncIntervalMs(),
            config.ringSize(), config.idleStrategy(), config.topology(), config.maxAccounts(), config.maxInstruments(),
            config.maxPositions(), config.marginCallRatio(), config.insuranceFundAccount(), config.snapshotInterval(),
            config.snapshotKeep(), config.liquidationMode(), config.maxOpenLiquidationOrders(), config.fundFloor(),
            config.cpus());
        try (EngineRuntime engine = EngineRuntime.start(replaced, null))
        {
            assertThatThrownBy(engine::startIngress).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no document there").hasMessageContaining("other-input");
        }
    }

    @Test
    void theIngressThreadAllocatesNothingInSteadyState()
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(ACCOUNTS + 1).withSnapshotInterval(0);
        final MixedEvents events = new MixedEvents(ACCOUNTS, 7);
        final InputEncoder encoder = new InputEncoder();
        final var threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(config.inputQueue()));
            EngineRuntime engine = EngineRuntime.start(config, null))
        {
            for (int i = 0; i < events.setUpCount(); i++)
            {
                queue.append(encoder.buffer(), 0, events.setUp(i, encoder));
            }
            write(queue, events, encoder, 1, 300_000);
            final InputQueueIngress ingress = engine.startIngress();
            awaitRead(ingress, events.setUpCount() + 300_000);
            final long ingressThread = thread("liq-ingress");
            long measured = Long.MAX_VALUE;
            // up to three measured 300,000s: the JIT may recompile once late and allocate a little
            for (int round = 0; round < 3 && measured > 0; round++)
            {
                final long before = threads.getThreadAllocatedBytes(ingressThread);
                final long readBefore = ingress.inputsRead();
                write(queue, events, encoder, 300_001 + round * 300_000L, 300_000);
                awaitRead(ingress, readBefore + 300_000);
                measured = threads.getThreadAllocatedBytes(ingressThread) - before;
            }
            System.out.printf("IngressTest: 300,000 inputs through the ingress thread allocated %,d bytes%n", measured);
            assertThat(measured).as("bytes allocated by the ingress thread for 300,000 inputs").isLessThan(4_096);
        }
    }

    private static void write(
        final InputQueueWriter queue, final MixedEvents events, final InputEncoder encoder, final long first,
        final long count)
    {
        for (long n = first; n < first + count; n++)
        {
            queue.append(encoder.buffer(), 0, events.next(n, encoder));
        }
        queue.endOfBatch();
    }

    private static void awaitRead(final InputQueueIngress ingress, final long inputs)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (ingress.inputsRead() < inputs && System.nanoTime() < deadline && ingress.failure() == null)
        {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(ingress.failure()).isNull();
        assertThat(ingress.inputsRead()).as("inputs the ingress read (resumed after %d)", ingress.resumedAfter())
            .isGreaterThanOrEqualTo(inputs);
    }

    private static long thread(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
            .orElseThrow().getId();
    }
}
