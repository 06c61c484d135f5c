package com.liqengine.cluster;

import com.liqengine.api.MessageType;
import com.liqengine.pipeline.CountersFile;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.Queues;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service in a real one-node Aeron Cluster: envelopes through the ingress, a snapshot written through the
 * snapshot publication, then the node stopped and started again, restoring the snapshot from the archive's image and
 * replaying the log after it. The adapters to Aeron's publication and image are the only parts the other tests do
 * not reach. Ports chosen per run, folders under the test's temporary folder, a deadline on every wait.
 */
class ClusterSingleNodeTest
{
    private static final long DEADLINE_MS = 60_000;
    private static final List<byte[]> INPUTS = Envelopes.demoInputs(400, 5);

    @TempDir
    Path dir;

    private final int[] ports = freePorts(5);
    private ClusteredMediaDriver driver;
    private ClusteredServiceContainer container;
    private AeronCluster client;
    private final Replies replies = new Replies();
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    @AfterEach
    void close()
    {
        CloseHelper.quietCloseAll(client, container, driver);
    }

    @Test
    void aRestartedNodeRestoresItsSnapshotAndReplaysTheLogAfterIt()
    {
        launch();
        send(0, 250);
        snapshot();
        send(200, 400);
        final NodeStatus before = status(1);
        assertThat(before.engineSequence()).isEqualTo(INPUTS.size());
        assertThat(before.duplicatesIgnored()).isEqualTo(50);
        assertThat(before.role()).isEqualTo("leader");
        assertThat(before.stateHash())
            .isEqualTo(new StraightRun(ServiceNode.config(dir.resolve("node")), INPUTS).stateHash());
        final StraightRun all = new StraightRun(ServiceNode.config(dir.resolve("tally-all")), INPUTS);
        assertCounters(INPUTS, all.outputs, 400, 1);
        stop();

        launch();
        final NodeStatus after = status(2);
        assertThat(report.toString(StandardCharsets.UTF_8)).contains(
            "liq cluster: service started without a snapshot; the journal copy holds 0 inputs",
            "liq cluster: service started from a snapshot at engine sequence 250 (state hash ");
        assertThat(after.engineSequence()).isEqualTo(INPUTS.size());
        assertThat(after.stateHash()).isEqualTo(before.stateHash());
        assertThat(after.duplicatesIgnored()).isEqualTo(50);
        // since this start: the log after the snapshot replayed (inputs 251 to 400); the totals are replicated
        final List<byte[]> replayedOutputs = new ArrayList<>(all.outputs);
        replayedOutputs.subList(0,
            new StraightRun(ServiceNode.config(dir.resolve("tally-first")), INPUTS.subList(0, 250)).outputs.size())
            .clear();
        assertCounters(INPUTS.subList(250, 400), replayedOutputs, 400, 0);
        // a resend after the restart is still known as one: the sources came back from the snapshot and the log
        replies.clear();
        offer(Envelopes.input(1, 400, INPUTS.get(399)));
        await("the DUPLICATE reply", () -> replies.count(ClusterEgress.DUPLICATE) == 1);
        stop();

        final EngineConfig config = ServiceNode.config(dir.resolve("node"));
        assertThat(Queues.journal(config.journal())).containsExactlyElementsOf(INPUTS);
        assertThat(Queues.documents(config.outputs()))
            .containsExactlyElementsOf(new StraightRun(config, INPUTS).outputs);
    }

    /**
     * The member's counters file as {@code liq stat} reads it: inputs and outputs by type, liquidations and
     * rejections as counted from the outputs of the same inputs straight into a state machine, then the cluster's.
     */
    private void assertCounters(
        final List<byte[]> inputs, final List<byte[]> outputs, final long engineSequence, final long snapshots)
    {
        try (CountersFile file = CountersFile.open(ServiceNode.config(dir.resolve("node")).counters().toFile()))
        {
            final Map<String, Long> expected = new TreeMap<>();
            expected.put("inputs", (long)inputs.size());
            expected.put("outputs", (long)outputs.size());
            for (final MessageType type : MessageType.values())
            {
                expected.put((type.isInput() ? "in " : "out ") + type.label(),
                    count(type.isInput() ? inputs : outputs, type.templateId()));
            }
            expected.put("liquidations", count(outputs, MessageType.LIQUIDATION_TRIGGERED.templateId()));
            expected.put("rejections", count(outputs, MessageType.REQUEST_REJECTED.templateId()));
            expected.put(NodeCounters.ENGINE_SEQUENCE, engineSequence);
            expected.put("journal appended", engineSequence);
            expected.put(NodeCounters.DUPLICATES_IGNORED, 50L);
            expected.put(NodeCounters.ENVELOPES_REFUSED, 0L);
            expected.put(NodeCounters.SNAPSHOTS_TAKEN, snapshots);
            expected.put(NodeCounters.ROLE, (long)Cluster.Role.LEADER.code());
            final Map<String, Long> actual = new TreeMap<>();
            expected.keySet().forEach(label -> actual.put(label, file.counter(label)));
            assertThat(actual).as("the member's counters").isEqualTo(expected);
            assertThat(expected.get("liquidations") + expected.get("rejections")).as("a test that counts something")
                .isPositive();
            assertThat(file.counter(NodeCounters.LOG_POSITION)).as("log position").isPositive();
        }
    }

    private static long count(final List<byte[]> messages, final int templateId)
    {
        return messages.stream()
            .filter(message -> (new UnsafeBuffer(message).getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) == templateId)
            .count();
    }

    private void send(final int from, final int to)
    {
        final long appliedBefore = replies.count(ClusterEgress.APPLIED);
        final long duplicatesBefore = replies.count(ClusterEgress.DUPLICATE);
        final long alreadyApplied = Math.max(0, replies.lastApplied - from);
        for (int i = from; i < to; i++)
        {
            offer(Envelopes.input(1, i + 1, INPUTS.get(i)));
        }
        await("replies to envelopes " + (from + 1) + " to " + to, () ->
            replies.count(ClusterEgress.APPLIED) - appliedBefore == to - from - alreadyApplied
            && replies.count(ClusterEgress.DUPLICATE) - duplicatesBefore == alreadyApplied);
    }

    private void offer(final byte[] envelope)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(envelope);
        await("the ingress to take an envelope", () ->
        {
            client.pollEgress();
            return client.offer(buffer, 0, envelope.length) > 0;
        });
    }

    private void snapshot()
    {
        final long before = driver.consensusModule().context().snapshotCounter().get();
        final AtomicCounter control = ClusterControl.findControlToggle(
            client.context().aeron().countersReader(), driver.consensusModule().context().clusterId());
        await("the snapshot toggle", () -> ClusterControl.ToggleState.SNAPSHOT.toggle(control));
        await("the snapshot", () -> driver.consensusModule().context().snapshotCounter().get() > before);
    }

    private NodeStatus status(final long correlation)
    {
        offer(Envelopes.header(IngressEnvelope.STATUS, 1, correlation));
        await("the STATUS reply", () -> replies.statusReplies.contains(correlation));
        return NodeStatus.read(NodeStatus.file(ServiceNode.config(dir.resolve("node"))));
    }

    private void launch()
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .controlRequestChannel("aeron:ipc?term-length=64k")
            .controlResponseChannel("aeron:ipc?term-length=64k")
            .aeronDirectoryName(aeronDir);
        driver = ClusteredMediaDriver.launch(
            new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true),
            new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveDir(dir.resolve("archive").toFile())
                .controlChannel("aeron:udp?endpoint=localhost:" + ports[4])
                .localControlChannel("aeron:ipc?term-length=64k")
                .replicationChannel("aeron:udp?endpoint=localhost:0")
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED),
            new ConsensusModule.Context()
                .aeronDirectoryName(aeronDir)
                .clusterMemberId(0)
                .clusterMembers("0,localhost:" + ports[0] + ",localhost:" + ports[1] + ",localhost:" + ports[2]
                    + ",localhost:" + ports[3] + ",localhost:" + ports[4])
                .clusterDir(dir.resolve("cluster").toFile())
                .ingressChannel("aeron:udp")
                .logChannel("aeron:ipc")
                .replicationChannel("aeron:udp?endpoint=localhost:0")
                .archiveContext(archiveClient.clone()));
        final EngineClusteredService service = new EngineClusteredService(
            ServiceNode.config(dir.resolve("node")), SourceSequences.DEFAULT_CAPACITY,
            new PrintStream(report, true, StandardCharsets.UTF_8));
        container = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .clusterDir(dir.resolve("cluster").toFile())
            .archiveContext(archiveClient.clone())
            .clusteredService(service));
        client = AeronCluster.connect(new AeronCluster.Context()
            .aeronDirectoryName(aeronDir)
            .ingressChannel("aeron:udp")
            .ingressEndpoints("0=localhost:" + ports[0])
            .egressChannel("aeron:udp?endpoint=localhost:0")
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(DEADLINE_MS / 1000))
            .egressListener(replies));
    }

    private void stop()
    {
        CloseHelper.closeAll(client, container, driver);
        client = null;
        container = null;
        driver = null;
    }

    private void await(final String what, final BooleanSupplier done)
    {
        final long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!done.getAsBoolean())
        {
            if (client != null)
            {
                client.pollEgress();
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("no " + what + " within " + DEADLINE_MS + " ms");
            }
            Thread.onSpinWait();
        }
    }

    private static int[] freePorts(final int count)
    {
        final int[] ports = new int[count];
        final List<DatagramSocket> sockets = new ArrayList<>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                final DatagramSocket socket = new DatagramSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            sockets.forEach(DatagramSocket::close);
        }
        return ports;
    }

    /** The leader's replies, counted per kind. */
    private static final class Replies implements EgressListener
    {
        final long[] counts = new long[8];
        final List<Long> statusReplies = new ArrayList<>();
        long lastApplied;

        @Override
        public void onMessage(
            final long clusterSessionId, final long timestamp, final DirectBuffer buffer, final int offset,
            final int length, final Header header)
        {
            final short kind = ClusterEgress.kind(buffer, offset);
            counts[kind]++;
            if (kind == ClusterEgress.APPLIED)
            {
                lastApplied = Math.max(lastApplied, ClusterEgress.sourceSequence(buffer, offset));
            }
            if (kind == ClusterEgress.STATUS)
            {
                statusReplies.add(ClusterEgress.sourceSequence(buffer, offset));
            }
        }

        long count(final short kind)
        {
            return counts[kind];
        }

        void clear()
        {
            Arrays.fill(counts, 0);
        }
    }
}
