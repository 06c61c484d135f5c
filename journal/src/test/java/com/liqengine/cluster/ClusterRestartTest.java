package com.liqengine.cluster;

import com.liqengine.journal.JournalReader;
import com.liqengine.journal.JournalSettings;
import com.liqengine.journal.JournalSettingsException;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.FolderContents;
import com.liqengine.runtime.Queues;
import com.liqengine.snapshot.RecordedSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node restarted from its snapshot plus the log after it (as Aeron Cluster replays it) ends with the state of a
 * node that never stopped, and its journal copy and output queue hold every input and output exactly once; the
 * copy's folder records the member's settings and a restart with others is refused.
 */
class ClusterRestartTest
{
    private static final List<byte[]> INPUTS = Envelopes.demoInputs(900, 23);

    @TempDir
    Path dir;

    private final List<byte[]> log = new ArrayList<>();
    private long referenceHash;
    private List<byte[]> referenceJournal;
    private List<byte[]> referenceOutputs;
    private long referenceDuplicates;

    /** Two sources taking turns in runs, each run partly resent (as after a failover), and a status now and then. */
    @BeforeEach
    void runWithoutRestart()
    {
        final long[] next = {0, 1, 1};
        int input = 0;
        for (int run = 0; input < INPUTS.size(); run++)
        {
            final int source = 1 + run % 2;
            final int length = Math.min(INPUTS.size() - input, 17 + run % 13);
            for (int i = 0; i < length; i++)
            {
                log.add(Envelopes.input(source, next[source] + i, INPUTS.get(input + i)));
            }
            for (int i = length / 2; i < length; i++)
            {
                log.add(Envelopes.input(source, next[source] + i, INPUTS.get(input + i)));
            }
            if (run % 10 == 0)
            {
                log.add(Envelopes.header(IngressEnvelope.STATUS, source, run));
            }
            next[source] += length;
            input += length;
        }
        try (ServiceNode node = new ServiceNode(dir.resolve("reference"), null))
        {
            node.deliverAll(log);
            referenceHash = node.service.stateHash();
            referenceDuplicates = node.service.duplicatesIgnored();
            assertThat(node.service.engineSequence()).isEqualTo(INPUTS.size());
        }
        referenceJournal = Queues.journal(ServiceNode.config(dir.resolve("reference")).journal());
        referenceOutputs = Queues.documents(ServiceNode.config(dir.resolve("reference")).outputs());
        assertThat(referenceJournal).containsExactlyElementsOf(INPUTS);
        assertThat(referenceOutputs)
            .containsExactlyElementsOf(new StraightRun(ServiceNode.config(dir), INPUTS).outputs);
    }

    @Test
    void aRestartFromASnapshotReplaysTheLogAfterItWithoutWritingAnythingTwice()
    {
        restart(400, 700);
    }

    @Test
    void aRestartRightAfterASnapshotContinuesIt()
    {
        restart(500, 500);
    }

    @Test
    void aRestartWithoutASnapshotReplaysTheWholeLog()
    {
        final Path node = dir.resolve("node");
        final long appliedBeforeStop;
        try (ServiceNode first = new ServiceNode(node, null))
        {
            first.deliverAll(log.subList(0, 600));
            appliedBeforeStop = first.service.engineSequence();
        }
        try (ServiceNode second = new ServiceNode(node, null))
        {
            second.deliverAll(log);
            assertThat(second.service.inputsNotCopiedAgain()).isEqualTo(appliedBeforeStop);
            assertSameAsReference(second);
        }
        assertFilesSameAsReference(node);
    }

    @Test
    void aMembersJournalCopyRecordsItsSettingsAndARestartWithOthersIsRefusedWritingNothing()
    {
        final Path node = dir.resolve("node");
        final EngineConfig config = ServiceNode.config(node);
        try (ServiceNode first = new ServiceNode(node, null))
        {
            first.deliverAll(log.subList(0, 200));
        }
        assertThat(JournalSettings.read(config.journal())).isEqualTo(RecordedSettings.of(config.engineSettings()));
        final Map<String, String> before = FolderContents.of(node);

        final EngineClusteredService other = new EngineClusteredService(
            config.withLiquidation(LiquidationMode.MARKET, config.maxOpenLiquidationOrders(), null),
            ServiceNode.CAPACITY, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> other.start(new StubCluster(), null))
            .isInstanceOf(JournalSettingsException.class)
            .hasMessageContaining("the journal at " + config.journal() + " was written with liquidation.mode takeover "
                + "(the engine has market)");
        other.close();
        assertThat(FolderContents.of(node)).isEqualTo(before);
    }

    /**
     * @param snapshotAt envelopes of the log before the snapshot.
     * @param stopAt envelopes of the log the node applied before it stopped.
     */
    private void restart(final int snapshotAt, final int stopAt)
    {
        final Path node = dir.resolve("node");
        final MemoryChunks snapshot = new MemoryChunks(1408);
        final long copiedBeforeStop;
        try (ServiceNode first = new ServiceNode(node, null))
        {
            first.deliverAll(log.subList(0, snapshotAt));
            first.service.takeSnapshot(snapshot);
            final long atSnapshot = first.service.engineSequence();
            first.deliverAll(log.subList(snapshotAt, stopAt));
            copiedBeforeStop = first.service.engineSequence() - atSnapshot;
        }
        try (ServiceNode second = new ServiceNode(node, snapshot.source()))
        {
            second.deliverAll(log.subList(snapshotAt, log.size()));
            assertThat(second.service.inputsNotCopiedAgain()).isEqualTo(copiedBeforeStop);
            if (copiedBeforeStop == 0)
            {
                assertThat(second.service.outputsSkipped()).isZero();
            }
            else
            {
                assertThat(second.service.outputsSkipped()).isPositive();
            }
            assertSameAsReference(second);
        }
        assertFilesSameAsReference(node);
    }

    private void assertSameAsReference(final ServiceNode node)
    {
        assertThat(node.service.stateHash()).isEqualTo(referenceHash);
        assertThat(node.service.engineSequence()).isEqualTo(INPUTS.size());
        assertThat(node.service.duplicatesIgnored()).isEqualTo(referenceDuplicates);
    }

    private void assertFilesSameAsReference(final Path node)
    {
        assertThat(Queues.journal(ServiceNode.config(node).journal())).containsExactlyElementsOf(referenceJournal);
        assertThat(Queues.documents(ServiceNode.config(node).outputs())).containsExactlyElementsOf(referenceOutputs);
        final List<Long> sources = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(ServiceNode.config(node).journal()))
        {
            reader.readAll((sequence, source, buffer, offset, length) -> sources.add(source));
        }
        // the journal copy records each input's source sequence where format 2 records an input-queue index
        assertThat(sources.subList(0, 3)).containsExactly(1L, 2L, 3L);
        assertThat(NodeStatus.read(ServiceNode.config(node).counters().toAbsolutePath().getParent()
            .resolve(NodeStatus.FILE_NAME)).event()).isEqualTo("terminate");
    }
}
