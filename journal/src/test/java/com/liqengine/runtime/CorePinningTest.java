package com.liqengine.runtime;

import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.Topology;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pinning itself, where the machine allows it (Linux, where the kernel shows each thread's allowed cores and timer
 * slack in {@code /proc}): a thread pinned to a core may run on that core only, an engine started with
 * {@code cpus: engine=N} runs its state machine's thread on core N only, and the ingress thread and a handler
 * that does not use the {@code sleeping} strategy get a short timer slack, pinned or not.
 */
class CorePinningTest
{
    private static final Path TASKS = Path.of("/proc/self/task");

    @Test
    void aPinnedThreadMayRunOnItsCoreOnly() throws InterruptedException
    {
        assumeTrue(Files.isDirectory(TASKS), "Linux /proc");
        final BitSet cores = CorePinning.availableCores();
        for (int core = cores.nextSetBit(0); core >= 0; core = cores.nextSetBit(core + 1))
        {
            final int wanted = core;
            final AtomicReference<String> allowed = new AtomicReference<>();
            final Thread thread = new Thread(() ->
            {
                CorePinning.pinCurrentThread(wanted, "test");
                allowed.set(allowedCores(Path.of("/proc/thread-self")));
            });
            thread.start();
            thread.join();
            assertThat(allowed.get()).isEqualTo(String.valueOf(wanted));
        }
        assertThat(allowedCores(Path.of("/proc/thread-self"))).as("other threads keep every core")
            .isEqualTo(CorePinning.describe(cores));
    }

    @Test
    void theEngineThreadRunsOnItsCore(@TempDir final Path dir) throws IOException
    {
        assumeTrue(Files.isDirectory(TASKS), "Linux /proc");
        final BitSet cores = CorePinning.availableCores();
        final int last = cores.length() - 1;
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(10)
            .withCpus(CpuPlan.of(last, null, cores));
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            assertThat(allowedCoresOf("liq-handler-0")).containsExactly(String.valueOf(last));
        }
    }

    @Test
    void theEngineThreadHasAShortTimerSlackPinnedOrNot(@TempDir final Path dir) throws IOException
    {
        assumeTrue(Files.isDirectory(TASKS), "Linux /proc");
        final AtomicLong engineSlack = new AtomicLong(-2);
        try (EngineRuntime engine = EngineRuntime.start(EngineConfig.defaults(dir).withMaxAccounts(10),
            ingressNanos -> engineSlack.set(TimerSlack.ofCurrentThread())))
        {
            // any input, even one the engine rejects as malformed, is applied on the engine's thread
            engine.newPublisher().publish(new UnsafeBuffer(new byte[16]), 0, 16);
            while (engineSlack.get() == -2)
            {
                Thread.onSpinWait();
            }
            assertThat(allowedCoresOf("liq-handler-0"))
                .containsExactly(CorePinning.describe(CorePinning.availableCores()));
        }
        assertThat(engineSlack.get()).isEqualTo(TimerSlack.ENGINE_SLACK_NANOS);
    }

    @Test
    void aSleepingHandlerKeepsTheDefaultSlack(@TempDir final Path dir)
    {
        assumeTrue(Files.isDirectory(TASKS), "Linux /proc");
        final AtomicLong engineSlack = new AtomicLong(-2);
        try (EngineRuntime engine = EngineRuntime.start(EngineConfig.defaults(dir).withMaxAccounts(10)
            .withPipeline(Topology.INLINE_JOURNAL, IdleStrategyName.SLEEPING),
            ingressNanos -> engineSlack.set(TimerSlack.ofCurrentThread())))
        {
            engine.newPublisher().publish(new UnsafeBuffer(new byte[16]), 0, 16);
            while (engineSlack.get() == -2)
            {
                Thread.onSpinWait();
            }
        }
        assertThat(engineSlack.get()).isEqualTo(TimerSlack.ofCurrentThread())
            .isNotEqualTo(TimerSlack.ENGINE_SLACK_NANOS);
    }

    @Test
    void theIngressThreadTooAndOthersKeepTheirs() throws InterruptedException
    {
        assumeTrue(Files.isDirectory(TASKS), "Linux /proc");
        final long before = TimerSlack.ofCurrentThread();
        final AtomicReference<Long> prepared = new AtomicReference<>();
        final Thread ingress = new Thread(() ->
        {
            EngineRuntime.prepareIngressThread(CpuPlan.NONE);
            prepared.set(TimerSlack.ofCurrentThread());
        });
        ingress.start();
        ingress.join();

        assertThat(prepared.get()).isEqualTo(TimerSlack.ENGINE_SLACK_NANOS);
        assertThat(TimerSlack.ofCurrentThread()).isEqualTo(before).isNotEqualTo(TimerSlack.ENGINE_SLACK_NANOS);
    }

    private static List<String> allowedCoresOf(final String threadName) throws IOException
    {
        final List<String> found = new ArrayList<>();
        for (final Path task : tasksNamed(threadName))
        {
            found.add(allowedCores(task));
        }
        return found;
    }

    private static List<Path> tasksNamed(final String threadName) throws IOException
    {
        final List<Path> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(TASKS))
        {
            for (final Path task : tasks.toList())
            {
                if (Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim().equals(threadName))
                {
                    found.add(task);
                }
            }
        }
        return found;
    }

    private static String allowedCores(final Path task)
    {
        try
        {
            for (final String line : Files.readAllLines(task.resolve("status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
            return "";
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
