package com.liqengine.cluster;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The last applied sequence per source: slots up to the capacity, its snapshot layout and what a load refuses.
 */
class SourceSequencesTest
{
    @Test
    void sourcesTakeSlotsInOrderUpToTheCapacity()
    {
        final SourceSequences sources = new SourceSequences(3);
        assertThat(sources.slotFor(1_000_000)).isZero();
        assertThat(sources.slotFor(7)).isEqualTo(1);
        assertThat(sources.slotFor(1_000_000)).isZero();
        assertThat(sources.slotFor(Integer.MAX_VALUE)).isEqualTo(2);
        assertThat(sources.slotFor(8)).isEqualTo(SourceSequences.FULL);
        sources.applied(1, 42);
        assertThat(sources.lastApplied(7)).isEqualTo(42);
        assertThat(sources.lastApplied(8)).isZero();
        assertThat(sources.count()).isEqualTo(3);
        assertThatThrownBy(() -> new SourceSequences(0)).hasMessageContaining("at least 1");
    }

    @Test
    void writeAndReadRoundTrip()
    {
        final SourceSequences sources = new SourceSequences(64);
        for (int id = 1; id <= 64; id++)
        {
            sources.applied(sources.slotFor(id * 31), id * 1_000L);
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = sources.write(buffer, 5);
        assertThat(length).isEqualTo(sources.encodedLength()).isEqualTo(4 + 64 * 12);
        final SourceSequences read = new SourceSequences(64);
        assertThat(read.read(buffer, 5, length)).isEqualTo(length);
        for (int slot = 0; slot < 64; slot++)
        {
            assertThat(read.sourceIdAt(slot)).isEqualTo(sources.sourceIdAt(slot));
            assertThat(read.lastAppliedAt(slot)).isEqualTo(sources.lastAppliedAt(slot));
        }
        assertThat(read.slotFor(99)).isEqualTo(SourceSequences.FULL);
    }

    @Test
    void aLoadRefusesWhatDoesNotFitAndKeepsWhatWasThere()
    {
        final SourceSequences sources = new SourceSequences(2);
        sources.applied(sources.slotFor(5), 9);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        buffer.putInt(0, 3, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> sources.read(buffer, 0, 4 + 3 * 12))
            .hasMessage("it holds 3 input sources, this node's capacity is 2 (set the same sources capacity on every "
                + "node)");
        buffer.putInt(0, 2, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(4, 6, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(16, 6, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> sources.read(buffer, 0, 4 + 2 * 12)).hasMessage(
            "source id 6 is below 1 or appears twice");
        assertThatThrownBy(() -> sources.read(buffer, 0, 20)).hasMessage("the sources end inside their 2 entries");
        assertThat(sources.lastApplied(5)).isEqualTo(9);
        assertThat(sources.count()).isEqualTo(1);
    }
}
