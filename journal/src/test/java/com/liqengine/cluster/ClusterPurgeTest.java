package com.liqengine.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.QueueContext;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.testing.MixedEvents;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static com.liqengine.cluster.InProcessCluster.await;
import static com.liqengine.cluster.InProcessCluster.awaitAcked;
import static com.liqengine.cluster.InProcessCluster.awaitLeader;
import static com.liqengine.cluster.InProcessCluster.requestStatus;
import static com.liqengine.cluster.InProcessCluster.startIngress;
import static com.liqengine.cluster.InProcessCluster.write;
import static com.liqengine.cluster.InProcessCluster.writeSetUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LogPurge} on a real three-member cluster: enough inputs for the log to fill more than one segment file, a
 * snapshot, more inputs, a second snapshot; a running member is refused; then every member stopped and purged up to
 * the latest snapshot, and started again: every member comes back at the state it had, applies new inputs, and its
 * archive is smaller.
 */
class ClusterPurgeTest
{
    private static final int ACCOUNTS = 200;
    private static final int SOURCE_ID = 3;
    /** More than one 4 MB segment of log: an input takes about 160 bytes of it. */
    private static final int INPUTS = 40_000;

    private final ClusterNode[] nodes = new ClusterNode[3];
    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void purgedMembersRestartAtTheirStateAndGoOnWithSmallerArchives()
    {
        final Path dir = Path.of("target", "cluster-purge-" + System.nanoTime()).toAbsolutePath();
        final EngineConfig engine = EngineConfig.defaults(dir.resolve("engine")).withMaxAccounts(ACCOUNTS + 1);
        final ClusterConfig config = ClusterConfig.defaults(dir, engine).withBasePort(FreePorts.basePort(3))
            .withSessionTimeout(TimeUnit.SECONDS.toNanos(2));
        final MixedEvents events = new MixedEvents(ACCOUNTS, 19);
        final InputEncoder encoder = new InputEncoder();
        final ServiceUnderTest service = ServiceUnderTest.ENGINE_SERVICE;
        MediaDriver clientDriver = null;
        AgentRunner ingressRunner = null;
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(engine.inputQueue())))
        {
            writeSetUp(queue, events, encoder);
            write(queue, events, encoder, 1, INPUTS / 2);
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
            snapshot(leader);
            write(queue, events, encoder, INPUTS / 2 + 1, INPUTS / 2);
            awaitAcked(ingress, queue.lastIndex(), "the inputs after the first snapshot acknowledged");
            snapshot(leader);
            write(queue, events, encoder, INPUTS + 1, 500);
            awaitAcked(ingress, queue.lastIndex(), "the inputs after the second snapshot acknowledged");
            requestStatus(config, clientDriver);
            final ServiceUnderTest.Expected before = service.expected(engine);
            for (int member = 0; member < nodes.length; member++)
            {
                awaitStatus(config, member, before);
            }

            assertThat(StoppedMember.whyRunning(config, leader)).as("a running member").isNotNull();
            // a member killed with kill -9 leaves no live driver: its consensus module's mark file still tells
            assertThat(StoppedMember.activityAgeMs(config.nodeDir(leader).resolve(ClusterConfig.CONSENSUS_DIR)
                .resolve(io.aeron.cluster.service.ClusterMarkFile.FILENAME).toFile()))
                .as("age of a running member's mark file, ms").isBetween(0L, StoppedMember.ACTIVE_WITHIN_MS - 1);
            for (int member = 0; member < nodes.length; member++)
            {
                nodes[member].close();
                nodes[member] = null;
            }
            final long position = LogPurge.latestSnapshotPosition(config, 0);
            final List<LogPurge.Result> results = new ArrayList<>();
            for (int member = 0; member < nodes.length; member++)
            {
                final int stopped = member;
                await(() -> StoppedMember.whyRunning(config, stopped) == null, "member " + member + " stopped");
                assertThat(LogPurge.latestSnapshotPosition(config, member)).as("member %d's snapshot", member)
                    .isEqualTo(position);
                results.add(LogPurge.purge(config, member, position, System.out::println));
            }
            assertThatThrownBy(() -> LogPurge.purge(config, 0, position + 1, line -> { }))
                .hasMessageContaining("member 0 has no snapshot at log position " + (position + 1));
            for (final LogPurge.Result result : results)
            {
                System.out.printf("ClusterPurgeTest: member %d purged up to log position %,d: %d log segment(s), "
                        + "%d snapshot recording(s), archive %,d -> %,d bytes%n", result.member(), position,
                    result.logSegments(), result.snapshotRecordings(), result.bytesBefore(), result.bytesAfter());
                assertThat(result.logSegments()).as("log segments removed").isPositive();
                assertThat(result.snapshotRecordings()).as("the first snapshot's recordings removed").isEqualTo(2);
                assertThat(result.bytesAfter()).as("archive bytes after").isLessThan(result.bytesBefore());
                assertThat(LogPurge.bytesIn(config.nodeDir(result.member()).resolve(ClusterConfig.ARCHIVE_DIR)))
                    .isEqualTo(result.bytesAfter());
            }

            for (int member = 0; member < nodes.length; member++)
            {
                launch(config, member, service);
            }
            awaitLeader(nodes, -1);
            requestStatus(config, clientDriver);
            for (int member = 0; member < nodes.length; member++)
            {
                awaitStatus(config, member, before);
            }
            write(queue, events, encoder, INPUTS + 501, 1_000);
            awaitAcked(ingress, queue.lastIndex(), "the inputs after the purge acknowledged");
            requestStatus(config, clientDriver);
            final ServiceUnderTest.Expected after = service.expected(engine);
            assertThat(after.engineSequence()).isEqualTo(before.engineSequence() + 1_000);
            for (int member = 0; member < nodes.length; member++)
            {
                awaitStatus(config, member, after);
            }
            service.assertEveryOutputOnce(config, engine);
            assertThat(ingress.failure()).isNull();
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
            errors.forEach(error -> System.out.println("ClusterPurgeTest: an agent's error: " + error));
        }
    }

    /** A snapshot on every member (the leader's request reaches all). */
    private void snapshot(final int leader)
    {
        final long[] before = new long[nodes.length];
        for (int member = 0; member < nodes.length; member++)
        {
            before[member] = nodes[member].snapshotCount();
        }
        await(() -> nodes[leader].requestSnapshot(), "the snapshot request placed");
        for (int member = 0; member < nodes.length; member++)
        {
            final int m = member;
            await(() -> nodes[m].snapshotCount() > before[m], "member " + member + "'s snapshot");
        }
    }

    private void launch(final ClusterConfig config, final int member, final ServiceUnderTest service)
    {
        nodes[member] = ClusterNode.launch(config, member,
            () -> service.newService(config.engineFor(member), config.sourcesCapacity()), errors::add,
            System.out::println);
    }

    private static void awaitStatus(
        final ClusterConfig config, final int member, final ServiceUnderTest.Expected expected)
    {
        final List<String> last = new ArrayList<>(List.of("none"));
        await(() -> expected.shownBy(config.nodeStatusFile(member), last),
            "member " + member + " at " + expected + " (its status: " + last + ")");
    }

}
