package com.liqengine.cluster;

import com.liqengine.runtime.Queues;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: demo-like inputs sent by two sources through the clustered service, with random resends of what was
 * already applied, malformed envelopes, RESUMEs and (in about half the runs) a restart from a snapshot with the log
 * after it replayed, give the state hash, the outputs and the journal that the same inputs give straight into a
 * margin state machine. The seed comes from {@code -DQT_SEED} when given (docs/testing.md).
 */
class ServiceMatchesEngineTest
{
    private static final int EXAMPLES = 25;

    @TempDir
    Path dir;

    private int run;
    private int runsWithResends;
    private int runsWithRestarts;

    @Test
    void theServiceMatchesTheEngineFedStraight()
    {
        Theories.qt(EXAMPLES)
            .forAll(Theories.between(1L, Long.MAX_VALUE), Theories.between(105, 600), Theories.between(0L, 1L << 40))
            .checkAssert(this::serviceMatchesEngine);
        assertThat(runsWithResends).as("runs with resends").isGreaterThan(EXAMPLES / 2);
        assertThat(runsWithRestarts).as("runs with a restart").isGreaterThan(EXAMPLES / 5);
    }

    private void serviceMatchesEngine(final long inputSeed, final int count, final long scheduleSeed)
    {
        final List<byte[]> inputs = Envelopes.demoInputs(count, inputSeed);
        final SplittableRandom random = new SplittableRandom(scheduleSeed);
        final List<byte[]> log = new ArrayList<>();
        final List<byte[]> sent = new ArrayList<>();
        final long[] next = {0, 1, 1};
        int resends = 0;
        for (final byte[] input : inputs)
        {
            final int source = 1 + random.nextInt(2);
            final byte[] envelope = Envelopes.input(source, next[source], input);
            next[source] += 1 + random.nextInt(3);
            log.add(envelope);
            sent.add(envelope);
            while (random.nextInt(100) < 15)
            {
                // a resend of anything sent before, by either source: all already applied
                log.add(sent.get(random.nextInt(sent.size())));
                resends++;
            }
            final int other = random.nextInt(100);
            if (other < 2)
            {
                log.add(Envelopes.input(source, 0, input));
            }
            else if (other < 4)
            {
                log.add(Envelopes.header(IngressEnvelope.RESUME, source, 0));
            }
        }
        final Path node = dir.resolve("run-" + run++);
        final boolean restart = random.nextBoolean();
        if (restart)
        {
            final int snapshotAt = random.nextInt(log.size());
            final int stopAt = snapshotAt + random.nextInt(log.size() - snapshotAt + 1);
            final MemoryChunks snapshot = new MemoryChunks(64 + random.nextInt(4096));
            try (ServiceNode first = new ServiceNode(node, null))
            {
                first.deliverAll(log.subList(0, snapshotAt));
                first.service.takeSnapshot(snapshot);
                first.deliverAll(log.subList(snapshotAt, stopAt));
            }
            try (ServiceNode second = new ServiceNode(node, snapshot.source()))
            {
                second.deliverAll(log.subList(snapshotAt, log.size()));
                assertMatches(second, inputs, resends);
            }
        }
        else
        {
            try (ServiceNode only = new ServiceNode(node, null))
            {
                only.deliverAll(log);
                assertMatches(only, inputs, resends);
            }
        }
        final StraightRun straight = new StraightRun(ServiceNode.config(node), inputs);
        assertThat(Queues.documents(ServiceNode.config(node).outputs())).containsExactlyElementsOf(straight.outputs);
        assertThat(Queues.journal(ServiceNode.config(node).journal())).containsExactlyElementsOf(inputs);
        runsWithResends += resends > 0 ? 1 : 0;
        runsWithRestarts += restart ? 1 : 0;
    }

    private static void assertMatches(final ServiceNode node, final List<byte[]> inputs, final int resends)
    {
        final StraightRun straight = new StraightRun(node.config, inputs);
        assertThat(node.service.engineSequence()).isEqualTo(inputs.size());
        assertThat(node.service.stateHash()).isEqualTo(straight.stateHash());
        assertThat(node.service.duplicatesIgnored()).isEqualTo(resends);
    }
}
