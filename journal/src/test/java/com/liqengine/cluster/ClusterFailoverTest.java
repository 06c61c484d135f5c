package com.liqengine.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.QueueContext;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.testing.MixedEvents;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.liqengine.cluster.InProcessCluster.await;
import static com.liqengine.cluster.InProcessCluster.awaitAcked;
import static com.liqengine.cluster.InProcessCluster.awaitLeader;
import static com.liqengine.cluster.InProcessCluster.requestStatus;
import static com.liqengine.cluster.InProcessCluster.startIngress;
import static com.liqengine.cluster.InProcessCluster.write;
import static com.liqengine.cluster.InProcessCluster.writeSetUp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members in this process: elect a leader, feed thousands of inputs through the cluster ingress, snapshot,
 * close the leader mid-stream, go on with the two others, restart it from its snapshot and the log, and require
 * every node to end at the sequence and state hash of applying the inputs once, in order.
 */
class ClusterFailoverTest
{
    private static final int ACCOUNTS = 200;
    private static final int SOURCE_ID = 7;
    private static final int STEADY_INPUTS = 20_000;
    private static final int RESTART_INPUTS = 500;

    private final ClusterNode[] nodes = new ClusterNode[3];
    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

    static Stream<ServiceUnderTest> services()
    {
        return Stream.of(ServiceUnderTest.ENVELOPE_TEST_SERVICE, ServiceUnderTest.ENGINE_SERVICE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyNodeEndsAtTheStateOfApplyingEachInputOnceThroughAFailover(final ServiceUnderTest service)
        throws IOException
    {
        final Path dir = Path.of("target", "cluster-failover-" + System.nanoTime()).toAbsolutePath();
        final EngineConfig engine = EngineConfig.defaults(dir.resolve("engine")).withMaxAccounts(ACCOUNTS + 1);
        final ClusterConfig config = ClusterConfig.defaults(dir, engine).withBasePort(FreePorts.basePort(3));
        final MixedEvents events = new MixedEvents(ACCOUNTS, 14);
        final InputEncoder encoder = new InputEncoder();
        MediaDriver clientDriver = null;
        AgentRunner ingressRunner = null;
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(engine.inputQueue())))
        {
            writeSetUp(queue, events, encoder);
            write(queue, events, encoder, 1, 2_000);

            final long launching = System.nanoTime();
            for (int member = 0; member < nodes.length; member++)
            {
                launch(config, member, service);
            }
            final long launched = System.nanoTime();
            final int firstLeader = awaitLeader(nodes, -1);
            final long electedNanos = System.nanoTime() - launched;
            final long launchNanos = launched - launching;

            clientDriver = ClusterClient.launchDriver(config);
            ingressRunner = startIngress(config, clientDriver, SOURCE_ID, TimeUnit.SECONDS.toNanos(1), errors::add);
            final ClusterIngress ingress = (ClusterIngress)ingressRunner.agent();
            awaitAcked(ingress, queue.lastIndex(), "the first inputs acknowledged");

            final long snapshotsBefore = nodes[firstLeader].snapshotCount();
            await(() -> nodes[firstLeader].requestSnapshot(), "the snapshot request placed");
            await(() -> nodes[firstLeader].snapshotCount() > snapshotsBefore, "the leader's snapshot");

            write(queue, events, encoder, 2_001, 1_500);
            final long closed = System.nanoTime();
            nodes[firstLeader].close();
            nodes[firstLeader] = null;
            write(queue, events, encoder, 3_501, 1_500);
            final int secondLeader = awaitLeader(nodes, firstLeader);
            final long failoverNanos = System.nanoTime() - closed;
            awaitAcked(ingress, queue.lastIndex(), "every input acknowledged by the new leader");

            launch(config, firstLeader, service);
            write(queue, events, encoder, 5_001, 1_000);
            awaitAcked(ingress, queue.lastIndex(), "every input acknowledged with the old leader back");

            // the send path in steady state: one leader, a session, the JIT warmed by what came before
            final var threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long ingressThread = ingressRunner.thread().getId();
            final long allocatedBefore = threads.getThreadAllocatedBytes(ingressThread);
            final long steadyStarted = System.nanoTime();
            write(queue, events, encoder, 6_001, STEADY_INPUTS);
            awaitAcked(ingress, queue.lastIndex(), "the steady inputs acknowledged");
            final long steadyNanos = System.nanoTime() - steadyStarted;
            final long allocated = threads.getThreadAllocatedBytes(ingressThread) - allocatedBefore;

            // a restarted ingress asks where to resume and sends only what the cluster has not applied
            ingressRunner.close();
            ingressRunner = null;
            ingressRunner = startIngress(config, clientDriver, SOURCE_ID, TimeUnit.SECONDS.toNanos(1), errors::add);
            final ClusterIngress restarted = (ClusterIngress)ingressRunner.agent();
            write(queue, events, encoder, 6_001 + STEADY_INPUTS, RESTART_INPUTS);
            awaitAcked(restarted, queue.lastIndex(), "the inputs after the ingress's restart acknowledged");
            assertThat(List.of(restarted.sent(), restarted.acked(), restarted.resent(), restarted.duplicates()))
                .as("a restarted ingress's sent, applied, resent, duplicates")
                .containsExactly((long)RESTART_INPUTS, (long)RESTART_INPUTS, 0L, 0L);
            requestStatus(config, clientDriver);

            final ServiceUnderTest.Expected expected = service.expected(engine);
            for (int member = 0; member < nodes.length; member++)
            {
                awaitStatus(config, member, expected);
            }
            service.assertEveryOutputOnce(config, engine);
            System.out.printf("ClusterFailoverTest (%s): three members launched in %d ms, leader %d elected %d ms "
                    + "later; after closing it, "
                    + "member %d led %d ms later (leader heartbeat timeout %d ms); ingress sent %d, resent %d, "
                    + "%d applied, %d duplicates, %d sessions, %d new leaders%n",
                service, TimeUnit.NANOSECONDS.toMillis(launchNanos), firstLeader,
                TimeUnit.NANOSECONDS.toMillis(electedNanos), secondLeader,
                TimeUnit.NANOSECONDS.toMillis(failoverNanos),
                TimeUnit.NANOSECONDS.toMillis(config.leaderHeartbeatTimeoutNs()), ingress.sent(), ingress.resent(),
                ingress.acked(), ingress.duplicates(), ingress.sessions(), ingress.newLeaders());
            System.out.printf("ClusterFailoverTest (%s): %,d steady inputs through the cluster in %d ms (%,.0f/s, "
                    + "sent and acknowledged); the ingress thread allocated %,d bytes for them%n", service,
                STEADY_INPUTS, TimeUnit.NANOSECONDS.toMillis(steadyNanos), STEADY_INPUTS * 1e9 / steadyNanos,
                allocated);
            assertThat(ingress.failure()).isNull();
            // one object per input would be at least 16 bytes each: 320,000; what is left is Chronicle's housekeeping
            assertThat(allocated).as("bytes the ingress thread allocated for " + STEADY_INPUTS + " steady inputs")
                .isLessThan(STEADY_INPUTS * 16L / 5);
            // an input the old leader applied but could not acknowledge before it went is reported as a duplicate
            final long firstIngressInputs = expected.engineSequence() - RESTART_INPUTS;
            assertThat(ingress.acked()).as("APPLIED acknowledgements: never two for one input")
                .isLessThanOrEqualTo(firstIngressInputs);
            assertThat(ingress.acked() + ingress.duplicates()).as("every input acknowledged, applied or duplicate")
                .isGreaterThanOrEqualTo(firstIngressInputs);
            assertThat(ingress.duplicates()).as("duplicates reported are resent inputs")
                .isLessThanOrEqualTo(ingress.resent());
        }
        finally
        {
            CloseHelper.quietClose(ingressRunner);
            CloseHelper.quietClose(clientDriver);
            for (int member = 0; member < nodes.length; member++)
            {
                CloseHelper.quietClose(nodes[member]);
                nodes[member] = null;
            }
            errors.forEach(error -> System.out.println("ClusterFailoverTest: an agent's error: " + error));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aWholeClusterRestartRecoversFromSnapshotAndLogAndTheIngressGoesOnInANewSession(
        final ServiceUnderTest service) throws IOException
    {
        final Path dir = Path.of("target", "cluster-restart-" + System.nanoTime()).toAbsolutePath();
        final EngineConfig engine = EngineConfig.defaults(dir.resolve("engine")).withMaxAccounts(ACCOUNTS + 1);
        // a short session: the ingress gives up on the stopped cluster soon and opens a new session
        final ClusterConfig config = ClusterConfig.defaults(dir, engine).withBasePort(FreePorts.basePort(3))
            .withSessionTimeout(TimeUnit.SECONDS.toNanos(2));
        final MixedEvents events = new MixedEvents(ACCOUNTS, 16);
        final InputEncoder encoder = new InputEncoder();
        MediaDriver clientDriver = null;
        AgentRunner ingressRunner = null;
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(engine.inputQueue())))
        {
            writeSetUp(queue, events, encoder);
            write(queue, events, encoder, 1, 2_000);
            for (int member = 0; member < nodes.length; member++)
            {
                launch(config, member, service);
            }
            final int leader = awaitLeader(nodes, -1);
            clientDriver = ClusterClient.launchDriver(config);
            ingressRunner =
                startIngress(config, clientDriver, SOURCE_ID, TimeUnit.MILLISECONDS.toNanos(500), errors::add);
            final ClusterIngress ingress = (ClusterIngress)ingressRunner.agent();
            awaitAcked(ingress, queue.lastIndex(), "the first inputs acknowledged");
            final long snapshotsBefore = nodes[leader].snapshotCount();
            await(() -> nodes[leader].requestSnapshot(), "the snapshot request placed");
            await(() -> nodes[leader].snapshotCount() > snapshotsBefore, "the leader's snapshot");
            write(queue, events, encoder, 2_001, 500);
            awaitAcked(ingress, queue.lastIndex(), "the inputs after the snapshot acknowledged");

            for (int member = 0; member < nodes.length; member++)
            {
                nodes[member].close();
                nodes[member] = null;
            }
            write(queue, events, encoder, 2_501, 1_000);
            for (int member = 0; member < nodes.length; member++)
            {
                launch(config, member, service);
            }
            awaitLeader(nodes, -1);
            awaitAcked(ingress, queue.lastIndex(), "every input acknowledged by the restarted cluster");
            requestStatus(config, clientDriver);
            final ServiceUnderTest.Expected expected = service.expected(engine);
            for (int member = 0; member < nodes.length; member++)
            {
                awaitStatus(config, member, expected);
            }
            service.assertEveryOutputOnce(config, engine);
            System.out.printf("ClusterFailoverTest (%s), whole cluster restarted: ingress sent %d, resent %d, "
                    + "%d applied, %d duplicates, %d sessions, %d new leaders%n", service, ingress.sent(),
                ingress.resent(), ingress.acked(), ingress.duplicates(), ingress.sessions(), ingress.newLeaders());
            assertThat(ingress.failure()).isNull();
            assertThat(ingress.sessions()).as("sessions: the first, and one with the restarted cluster")
                .isGreaterThanOrEqualTo(2);
            assertThat(ingress.acked()).as("APPLIED acknowledgements: never two for one input")
                .isLessThanOrEqualTo(expected.engineSequence());
        }
        finally
        {
            CloseHelper.quietClose(ingressRunner);
            CloseHelper.quietClose(clientDriver);
            for (int member = 0; member < nodes.length; member++)
            {
                CloseHelper.quietClose(nodes[member]);
                nodes[member] = null;
            }
            errors.forEach(error -> System.out.println("ClusterFailoverTest: an agent's error: " + error));
            errors.clear();
        }
    }

    private void launch(final ClusterConfig config, final int member, final ServiceUnderTest service)
    {
        nodes[member] = ClusterNode.launch(config, member,
            () -> service.newService(config.engineFor(member), config.sourcesCapacity()), errors::add,
            System.out::println);
    }

    private String describeNodes()
    {
        final StringBuilder text = new StringBuilder();
        for (final ClusterNode node : nodes)
        {
            if (node != null)
            {
                text.append(" member ").append(node.memberId()).append(' ').append(node.role()).append(" election ")
                    .append(node.electionState()).append(" term ").append(node.leadershipTermId()).append(" commit ")
                    .append(node.commitPosition());
            }
        }
        return text.toString();
    }

    private void awaitStatus(
        final ClusterConfig config, final int member, final ServiceUnderTest.Expected expected)
    {
        final List<String> last = new ArrayList<>(List.of("none"));
        await(() -> expected.shownBy(config.nodeStatusFile(member), last),
            () -> "member " + member + " at " + expected + " (its status: " + last + "; nodes: " + describeNodes()
                + ")");
    }

}
