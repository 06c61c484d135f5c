package com.liqengine.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueReader;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.testing.MixedEvents;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of members run in this process share (ClusterFailoverTest, ClusterPurgeTest): bounded waits, the
 * leader among the members, the ingress's acknowledgements, a STATUS probe, inputs written to the input queue.
 */
final class InProcessCluster
{
    /** The longest any wait of these tests lasts. */
    static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private InProcessCluster()
    {
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        await(condition, () -> what);
    }

    /** Waits for the condition, or fails naming what was awaited (told only then). */
    static void await(final BooleanSupplier condition, final Supplier<String> what)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new AssertionError("timed out after " + TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS)
                    + " s waiting for " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * @param nodes the members, null where one is stopped.
     * @param not a member that must not be the one found, or -1.
     * @return the member that leads.
     */
    static int awaitLeader(final ClusterNode[] nodes, final int not)
    {
        final int[] leader = {-1};
        await(() ->
        {
            for (int member = 0; member < nodes.length; member++)
            {
                if (member != not && nodes[member] != null && nodes[member].isLeader())
                {
                    leader[0] = member;
                    return true;
                }
            }
            return false;
        }, not < 0 ? "a leader" : "a leader other than member " + not);
        return leader[0];
    }

    /** Waits until the ingress has the input queue's index acknowledged; fails at once if the ingress failed. */
    static void awaitAcked(final ClusterIngress ingress, final long lastIndex, final String what)
    {
        await(() ->
        {
            if (ingress.failure() != null)
            {
                throw new AssertionError("the ingress failed", ingress.failure());
            }
            return ingress.lastAcked() == lastIndex;
        }, () -> what + " (last acknowledged " + Long.toHexString(ingress.lastAcked()) + ", wanted "
            + Long.toHexString(lastIndex) + ")");
    }

    /** Sends a STATUS envelope, so that every member writes its node-status.txt. */
    static void requestStatus(final ClusterConfig config, final MediaDriver clientDriver)
    {
        try (AeronCluster client = AeronCluster.connect(ClusterClient.context(config, clientDriver.aeronDirectoryName())
            .egressListener((session, timestamp, buffer, offset, length, header) -> { })))
        {
            assertThat(ClusterClient.requestStatus(client, WAIT_NANOS)).as("the STATUS envelope sent").isTrue();
        }
    }

    /** Writes the generated set-up inputs (instruments, deposits, modes, leverage) to the input queue. */
    static void writeSetUp(final InputQueueWriter queue, final MixedEvents events, final InputEncoder encoder)
    {
        for (int i = 0; i < events.setUpCount(); i++)
        {
            queue.append(encoder.buffer(), 0, events.setUp(i, encoder));
        }
    }

    /**
     * An ingress from the engine's input queue into the cluster, started on a thread of its own.
     *
     * @param keepAliveNanos how long without a message before the ingress sends a keep-alive.
     * @param errors where the agent's errors go.
     * @return the runner (close it to stop the ingress) and, through {@link AgentRunner#agent()}, the ingress.
     */
    static AgentRunner startIngress(
        final ClusterConfig config, final MediaDriver clientDriver, final int sourceId, final long keepAliveNanos,
        final ErrorHandler errors)
    {
        final ClusterIngress ingress = new ClusterIngress(
            ClusterClient.context(config, clientDriver.aeronDirectoryName()),
            InputQueueReader.open(config.engine().inputQueue(), true), sourceId, keepAliveNanos,
            TimeUnit.SECONDS.toNanos(1));
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), errors, null, ingress);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /** Writes the generated inputs {@code first} to {@code first + count - 1} to the input queue, as one batch. */
    static void write(
        final InputQueueWriter queue, final MixedEvents events, final InputEncoder encoder, final long first,
        final int count)
    {
        for (long n = first; n < first + count; n++)
        {
            queue.append(encoder.buffer(), 0, events.next(n, encoder));
        }
        queue.endOfBatch();
    }
}
