package com.liqengine.cluster;

import com.liqengine.pipeline.InputSlot;
import com.liqengine.runtime.Queues;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clustered service without Aeron: which envelopes are applied, ignored or refused, what it replies, and that
 * it matches the same inputs applied straight.
 */
class EngineClusteredServiceTest
{
    private static final List<byte[]> INPUTS = Envelopes.demoInputs(300, 7);

    @TempDir
    Path dir;

    @Test
    void resentEnvelopesAreIgnoredCountedAndReportedOncePerRun()
    {
        final List<byte[]> log = new ArrayList<>();
        for (int i = 0; i < 150; i++)
        {
            log.add(Envelopes.input(1, i + 1, INPUTS.get(i)));
        }
        for (int i = 100; i < 120; i++)
        {
            log.add(Envelopes.input(1, i + 1, INPUTS.get(i)));
        }
        for (int i = 150; i < 300; i++)
        {
            log.add(Envelopes.input(1, i + 1, INPUTS.get(i)));
        }
        log.add(Envelopes.input(1, 300, INPUTS.get(299)));
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            node.deliverAll(log);
            assertThat(node.service.engineSequence()).isEqualTo(300);
            assertThat(node.service.lastApplied(1)).isEqualTo(300);
            assertThat(node.service.duplicatesIgnored()).isEqualTo(21);
            assertThat(node.session.repliesOfKind[ClusterEgress.APPLIED]).isEqualTo(300);
            assertThat(node.session.repliesOfKind[ClusterEgress.DUPLICATE]).isEqualTo(21);
            assertThat(node.service.stateHash()).isEqualTo(new StraightRun(node.config, INPUTS).stateHash());
            node.close();
            assertThat(node.report().lines()).containsExactly(
                "liq cluster: service started without a snapshot; the journal copy holds 0 inputs, the output queue "
                    + "ends at input 0",
                "liq cluster: source 1 resent 20 envelope(s) already applied (sequences 101 to 120, last applied "
                    + "150): ignored",
                "liq cluster: source 1 resent 1 envelope(s) already applied (sequences 300 to 300, last applied "
                    + "300): ignored");
        }
    }

    @Test
    void anEnvelopeOlderThanTheLastAppliedIsIgnoredEvenWhenItWasSkipped()
    {
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            node.deliver(Envelopes.input(1, 1, INPUTS.get(0)));
            node.deliver(Envelopes.input(1, 2, INPUTS.get(1)));
            node.deliver(Envelopes.input(1, 5, INPUTS.get(2)));
            node.deliver(Envelopes.input(1, 3, INPUTS.get(3)));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.DUPLICATE);
            assertThat(node.session.sourceSequence).isEqualTo(3);
            assertThat(node.session.engineSequence).isEqualTo(3);
            node.deliver(Envelopes.input(1, 6, INPUTS.get(3)));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.APPLIED);
            assertThat(node.session.engineSequence).isEqualTo(4);
            assertThat(node.service.lastApplied(1)).isEqualTo(6);
        }
    }

    @Test
    void sourcesAreDeduplicatedIndependently()
    {
        final List<byte[]> log = new ArrayList<>();
        final List<byte[]> applied = new ArrayList<>();
        final long[] last = new long[3];
        for (int i = 0; i < 200; i++)
        {
            // source 2 counts from 1000 in steps of 3 (an input queue's indexes need not be contiguous)
            final int source = i % 3 == 0 ? 2 : 1;
            final long sequence = source == 2 ? 1000 + 3L * i : i + 1;
            log.add(Envelopes.input(source, sequence, INPUTS.get(i)));
            applied.add(INPUTS.get(i));
            last[source] = sequence;
            if (i % 20 == 19 && last[3 - source] > 0)
            {
                // a resend of the other source's last: a duplicate there, even though it is new here
                log.add(Envelopes.input(3 - source, last[3 - source], INPUTS.get(i)));
            }
        }
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            node.deliverAll(log);
            assertThat(node.service.engineSequence()).isEqualTo(200);
            assertThat(node.service.lastApplied(1)).isEqualTo(200);
            assertThat(node.service.lastApplied(2)).isEqualTo(1000 + 3L * 198);
            assertThat(node.service.duplicatesIgnored()).isEqualTo(10);
            assertThat(node.service.stateHash()).isEqualTo(new StraightRun(node.config, applied).stateHash());
        }
    }

    @Test
    void aNewSourceBeyondTheCapacityIsRefusedAndChangesNothing()
    {
        try (ServiceNode node = new ServiceNode(dir, 2, null))
        {
            node.deliver(Envelopes.input(7, 1, INPUTS.get(0)));
            node.deliver(Envelopes.input(9, 1, INPUTS.get(1)));
            final long hash = node.service.stateHash();
            node.deliver(Envelopes.input(8, 1, INPUTS.get(2)));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.REFUSED);
            assertThat(node.service.engineSequence()).isEqualTo(2);
            assertThat(node.service.stateHash()).isEqualTo(hash);
            assertThat(node.service.lastApplied(8)).isZero();
            assertThat(node.service.envelopesRefused()).isEqualTo(1);
            node.deliver(Envelopes.input(7, 2, INPUTS.get(2)));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.APPLIED);
            assertThat(node.report()).contains("refused 1 envelope(s) (source 8, sequences 1 to 1): a new source "
                + "while every source slot is taken (raise the sources capacity on every node)");
        }
    }

    @Test
    void malformedEnvelopesAreRefusedAndChangeNothing()
    {
        final List<byte[]> malformed = new ArrayList<>();
        malformed.add(new byte[IngressEnvelope.HEADER_LENGTH - 1]);
        final byte[] otherVersion = Envelopes.input(1, 50, INPUTS.get(50));
        new UnsafeBuffer(otherVersion).putShort(2, (short)2);
        malformed.add(otherVersion);
        malformed.add(Envelopes.header((short)9, 1, 50));
        malformed.add(Envelopes.header((short)0, 1, 50));
        malformed.add(Envelopes.input(0, 50, INPUTS.get(50)));
        malformed.add(Envelopes.input(-4, 50, INPUTS.get(50)));
        malformed.add(Envelopes.input(1, 0, INPUTS.get(50)));
        malformed.add(Envelopes.input(1, -1, INPUTS.get(50)));
        malformed.add(Envelopes.header(IngressEnvelope.INPUT, 1, 50));
        malformed.add(Envelopes.input(1, 50, new byte[InputSlot.CAPACITY + 1]));
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            for (int i = 0; i < 40; i++)
            {
                node.deliver(Envelopes.input(1, i + 1, INPUTS.get(i)));
            }
            node.service.doBackgroundWork(0);
            final long hash = node.service.stateHash();
            final int outputs = Queues.documents(node.config.outputs()).size();
            final int journaled = Queues.journal(node.config.journal()).size();
            for (final byte[] envelope : malformed)
            {
                node.deliver(envelope);
                assertThat(node.session.kind).as("reply to envelope %d", malformed.indexOf(envelope))
                    .isEqualTo(ClusterEgress.REFUSED);
            }
            node.service.doBackgroundWork(0);
            assertThat(node.service.envelopesRefused()).isEqualTo(malformed.size());
            assertThat(node.service.engineSequence()).isEqualTo(40);
            assertThat(node.service.stateHash()).isEqualTo(hash);
            assertThat(node.service.lastApplied(1)).isEqualTo(40);
            assertThat(node.service.duplicatesIgnored()).isZero();
            assertThat(Queues.documents(node.config.outputs())).hasSize(outputs);
            assertThat(Queues.journal(node.config.journal())).hasSize(journaled);
            node.deliver(Envelopes.input(1, 41, INPUTS.get(40)));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.APPLIED);
            node.close();
            assertThat(node.report()).contains("too short for the 16-byte envelope header", "an unknown kind",
                "an envelope version this build does not read", "a source id below 1", "a source sequence below 1",
                "an INPUT without an input", "an INPUT longer than an input slot (1024 bytes)");
        }
    }

    @Test
    void resumeAnswersTheLastAppliedSequenceOfTheSource()
    {
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            node.deliver(Envelopes.header(IngressEnvelope.RESUME, 4, 0));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.NEXT);
            assertThat(node.session.sourceSequence).isZero();
            for (int i = 0; i < 5; i++)
            {
                node.deliver(Envelopes.input(4, 10 + i, INPUTS.get(i)));
            }
            node.deliver(Envelopes.header(IngressEnvelope.RESUME, 4, 0));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.NEXT);
            assertThat(node.session.sourceId).isEqualTo(4);
            assertThat(node.session.sourceSequence).isEqualTo(14);
            assertThat(node.session.engineSequence).isEqualTo(5);
        }
    }

    @Test
    void statusWritesTheNodeStatusFileAtItsLogPosition()
    {
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            node.cluster.memberId = 2;
            for (int i = 0; i < 60; i++)
            {
                node.deliver(Envelopes.input(1, i + 1, INPUTS.get(i)));
            }
            node.deliver(Envelopes.input(1, 60, INPUTS.get(59)));
            node.deliver(Envelopes.header(IngressEnvelope.STATUS, 1, 77));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.STATUS);
            assertThat(node.session.sourceSequence).isEqualTo(77);
            assertThat(node.session.engineSequence).isEqualTo(60);
            final NodeStatus status = NodeStatus.read(node.service.statusFile());
            assertThat(status).isEqualTo(new NodeStatus(2, "follower", 60, node.service.stateHash(), 60,
                node.cluster.logPosition, 1, 0, "status"));
            assertThat(node.service.statusFile()).isEqualTo(dir.resolve(NodeStatus.FILE_NAME).toAbsolutePath());
            node.service.onRoleChange(Cluster.Role.LEADER);
            assertThat(NodeStatus.read(node.service.statusFile()).role()).isEqualTo("leader");
            assertThat(NodeStatus.read(node.service.statusFile()).event()).isEqualTo("role-change");
            node.close();
            assertThat(NodeStatus.read(node.service.statusFile()).event()).isEqualTo("terminate");
        }
    }

    @Test
    void theRoleChangesNeitherTheStateNorTheOutputs()
    {
        final List<byte[]> log = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            log.add(Envelopes.input(1, i + 1, INPUTS.get(i)));
        }
        final long[] hashes = new long[2];
        for (int n = 0; n < 2; n++)
        {
            try (ServiceNode node = new ServiceNode(dir.resolve("node" + n), null))
            {
                for (int i = 0; i < log.size(); i++)
                {
                    if (n == 1 && i % 50 == 0)
                    {
                        node.service.onRoleChange(i % 100 == 0 ? Cluster.Role.LEADER : Cluster.Role.FOLLOWER);
                    }
                    node.deliver(log.get(i));
                }
                hashes[n] = node.service.stateHash();
            }
        }
        assertThat(hashes[1]).isEqualTo(hashes[0]);
        final List<byte[]> expected = new StraightRun(ServiceNode.config(dir), INPUTS).outputs;
        for (int n = 0; n < 2; n++)
        {
            assertThat(Queues.documents(ServiceNode.config(dir.resolve("node" + n)).outputs()))
                .containsExactlyElementsOf(expected);
        }
    }
}
