package com.liqengine.cluster;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's snapshot in chunks: a round trip restores the same state, sources and counts; every damage is
 * refused with what is wrong.
 */
class ClusterSnapshotTest
{
    private static final List<byte[]> INPUTS = Envelopes.demoInputs(120, 11);
    private static final int CHUNK = 256;

    @TempDir
    Path dir;

    private MemoryChunks chunks;
    private long hash;
    private long sequence;

    @BeforeEach
    void takeSnapshot()
    {
        try (ServiceNode node = new ServiceNode(dir, null))
        {
            for (int i = 0; i < INPUTS.size(); i++)
            {
                node.deliver(Envelopes.input(1 + i % 2, i + 1, INPUTS.get(i)));
            }
            node.deliver(Envelopes.input(1, 1, INPUTS.get(0)));
            node.deliver(Envelopes.input(0, 1, INPUTS.get(0)));
            chunks = new MemoryChunks(CHUNK);
            hash = node.service.takeSnapshot(chunks);
            sequence = node.service.engineSequence();
            assertThat(hash).isEqualTo(node.service.stateHash());
            assertThat(NodeStatus.read(node.service.statusFile()).event()).isEqualTo("snapshot");
        }
    }

    @Test
    void aRoundTripRestoresStateSourcesAndCounts()
    {
        assertThat(chunks.chunks.size()).isGreaterThan(10);
        assertThat(chunks.chunks.get(0)).hasSize(ClusterSnapshot.HEADER_LENGTH);
        try (ServiceNode node = new ServiceNode(dir, chunks.source()))
        {
            assertThat(node.service.stateHash()).isEqualTo(hash);
            assertThat(node.service.engineSequence()).isEqualTo(sequence).isEqualTo(INPUTS.size());
            assertThat(node.service.lastApplied(1)).isEqualTo(INPUTS.size() - 1);
            assertThat(node.service.lastApplied(2)).isEqualTo(INPUTS.size());
            assertThat(node.service.duplicatesIgnored()).isEqualTo(1);
            assertThat(node.service.envelopesRefused()).isEqualTo(1);
            node.deliver(Envelopes.input(2, INPUTS.size(), INPUTS.get(0)));
            assertThat(node.session.kind).isEqualTo(ClusterEgress.DUPLICATE);
        }
    }

    @Test
    void aMissingChunkIsRefused()
    {
        chunks.chunks.remove(3);
        assertRefused("chunk 3 of " + count() + " is missing or out of order (chunk 4 came next)");
    }

    @Test
    void chunksOutOfOrderAreRefused()
    {
        Collections.swap(chunks.chunks, 2, 3);
        assertRefused("chunk 2 of " + count() + " is missing or out of order (chunk 3 came next)");
        Collections.swap(chunks.chunks, 2, 3);
        chunks.chunks.add(3, chunks.chunks.get(2));
        assertRefused("its chunks are out of order or repeated (chunk 2 came where chunk 3 of " + count()
            + " was expected)");
    }

    @Test
    void aTruncatedSnapshotIsRefused()
    {
        final int count = count();
        chunks.chunks.remove(chunks.chunks.size() - 1);
        assertRefused("it is truncated: it ended after chunk " + (count - 1) + " of " + count);
        chunks.chunks.add(new byte[] {(byte)count, 0, 0, 0, 1, 2});
        assertRefused("it is truncated: its " + count + " chunks hold");
        chunks.chunks.clear();
        assertRefused("the snapshot ended before its header");
    }

    @Test
    void aWrongStateHashIsRefused()
    {
        header().putLong(32, hash + 1, ByteOrder.LITTLE_ENDIAN);
        assertRefused("the state hash of its engine state is " + ClusterSnapshot.hex(hash) + ", its header says "
            + ClusterSnapshot.hex(hash + 1));
    }

    @Test
    void aDamagedStateIsRefusedByItsHashAndDamagedSourcesByTheChecksum()
    {
        final byte[] last = chunks.chunks.get(chunks.chunks.size() - 1);
        last[last.length - 3] ^= 1;
        assertRefused("the state hash of its engine state is ");
        last[last.length - 3] ^= 1;
        // payload bytes 16..19 are the count of sources, 20.. the first source's id
        chunks.chunks.get(1)[ClusterSnapshot.CHUNK_INDEX_LENGTH + 20] ^= 1;
        assertRefused("its payload's CRC32C is ");
    }

    @Test
    void anotherFormatOrLayoutIsRefused()
    {
        header().putInt(8, 2, ByteOrder.LITTLE_ENDIAN);
        assertRefused("it is of format version 2, this build reads version 1");
        header().putInt(8, 1, ByteOrder.LITTLE_ENDIAN);
        header().putInt(12, 3, ByteOrder.LITTLE_ENDIAN);
        assertRefused("its engine state is of layout 3, this build reads layout 4");
        header().putByte(4, (byte)'X');
        assertRefused("its first chunk (48 bytes) is not the header of a liq cluster snapshot (magic LQCS)");
    }

    @Test
    void sourcesBeyondTheNodesCapacityAreRefusedAtStart()
    {
        assertThatThrownBy(() -> new ServiceNode(dir, 1, chunks.source()))
            .isInstanceOf(ClusterSnapshotException.class)
            .hasMessage("cluster snapshot refused: its input sources do not fit this node: it holds 2 input sources, "
                + "this node's capacity is 1 (set the same sources capacity on every node)");
        // nothing was left open: the node starts once given the capacity
        try (ServiceNode node = new ServiceNode(dir, chunks.source()))
        {
            assertThat(node.service.stateHash()).isEqualTo(hash);
        }
    }

    @Test
    void aJournalCopyThatDoesNotReachTheSnapshotIsRefusedAtStart()
    {
        final Path other = dir.resolve("other-node");
        assertThatThrownBy(() -> new ServiceNode(other, chunks.source()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("holds 0 inputs but the snapshot is at engine sequence " + sequence)
            .hasMessageContaining("copy another node's journal and outputs folders here");
    }

    private int count()
    {
        return header().getInt(20, ByteOrder.LITTLE_ENDIAN);
    }

    private UnsafeBuffer header()
    {
        return new UnsafeBuffer(chunks.chunks.get(0));
    }

    private void assertRefused(final String message)
    {
        assertThatThrownBy(() -> ClusterSnapshot.read(chunks.source()))
            .isInstanceOf(ClusterSnapshotException.class)
            .hasMessageStartingWith("cluster snapshot refused: " + message);
    }
}
