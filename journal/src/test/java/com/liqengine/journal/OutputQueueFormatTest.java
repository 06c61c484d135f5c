package com.liqengine.journal;

import com.liqengine.codec.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The output queue's format 2 (docs/journal.md): a document per batch of outputs, a batch too large for one
 * document spilled over several, every output handed over once in order with its position, a resume after any
 * position that neither loses nor repeats an output, damaged documents and format 1 queues refused with a reason.
 */
class OutputQueueFormatTest
{
    private static final int SBE_HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    @TempDir
    Path dir;

    /** An output as the state machine writes one: SBE header (schema 701), the input sequence, then a counter. */
    private static byte[] output(final long sequence, final long number, final int length)
    {
        final ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putShort((short)(length - SBE_HEADER)).putShort((short)7).putShort((short)MessageHeaderDecoder.SCHEMA_ID)
            .putShort((short)1).putLong(sequence).putLong(number);
        return bytes.array();
    }

    /** Batches of outputs: batch b holds sizes[b] outputs, of inputs b+1 (two per input, the last one alone). */
    private List<byte[]> writeBatches(final Path queue, final int[] sizes, final int length)
    {
        final List<byte[]> written = new ArrayList<>();
        try (ChronicleOutputChannel channel = ChronicleOutputChannel.open(queue))
        {
            long sequence = OutputQueueEnd.read(queue).lastSequence();
            for (final int size : sizes)
            {
                for (int i = 0; i < size; i++)
                {
                    if (i % 2 == 0)
                    {
                        sequence++;
                    }
                    final byte[] output = output(sequence, written.size(), length);
                    channel.onOutput(new UnsafeBuffer(output), 0, output.length);
                    written.add(output);
                }
                channel.endOfBatch();
            }
        }
        return written;
    }

    private static List<byte[]> readAll(final OutputQueueReader reader, final int limit, final List<Long> positions)
    {
        final List<byte[]> read = new ArrayList<>();
        while (reader.poll((position, buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            read.add(copy);
            positions.add(position);
        }, limit) > 0)
        {
            assertThat(read.size()).isLessThan(10_000_000);
        }
        return read;
    }

    @Test
    void aBatchOfOutputsIsOneDocumentAndReadsBackOutputByOutput()
    {
        final int[] batches = {1, 7, 3, 64, 2};
        final List<byte[]> written;
        final long documents;
        try (ChronicleOutputChannel channel = ChronicleOutputChannel.open(dir))
        {
            written = new ArrayList<>();
            long sequence = 0;
            for (final int size : batches)
            {
                for (int i = 0; i < size; i++)
                {
                    final byte[] output = output(++sequence, written.size(), 24 + i % 5);
                    channel.onOutput(new UnsafeBuffer(output), 0, output.length);
                    written.add(output);
                }
                channel.endOfBatch();
            }
            channel.endOfBatch();
            documents = channel.documents();
            assertThat(channel.written()).isEqualTo(written.size());
        }
        assertThat(documents).as("one document per batch, none for an empty batch").isEqualTo(batches.length);
        final List<Long> positions = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThat(readAll(reader, 5, positions)).containsExactlyElementsOf(written);
            assertThat(reader.lastReadOutput()).isEqualTo(written.size());
        }
        for (int i = 0; i < positions.size(); i++)
        {
            assertThat(positions.get(i)).isEqualTo(i + 1L);
        }
        final OutputQueueEnd end = OutputQueueEnd.read(dir);
        assertThat(end).isEqualTo(new OutputQueueEnd(written.size(), 1, written.size()));
    }

    @Test
    void aLargeBatchSpillsIntoSeveralDocumentsReadAsOne()
    {
        // 3,000 outputs of 100 bytes: about 312 KB, more than four documents of 64 KB
        final List<byte[]> written = writeBatches(dir, new int[] {5, 3_000, 5}, 100);
        final List<Long> positions = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThat(readAll(reader, 1_000, positions)).containsExactlyElementsOf(written);
        }
        try (OutputDocuments documents = new OutputDocuments(dir, true))
        {
            final DocumentPositions all = documents.positions();
            assertThat(all.count()).as("documents").isBetween(6L, 8L);
            long next = 1;
            for (long n = 1; n <= all.count(); n++)
            {
                assertThat(documents.readAt(all, n)).isTrue();
                assertThat(documents.document().firstNumber()).isEqualTo(next);
                next = documents.document().lastNumber() + 1;
            }
            assertThat(next - 1).isEqualTo(written.size());
        }
    }

    @Test
    void resumingAfterEveryPositionLosesAndRepeatsNothing()
    {
        final List<byte[]> written = writeBatches(dir, new int[] {3, 1, 900, 4, 2, 1}, 90);
        written.addAll(writeBatches(dir, new int[] {5, 2}, 40));
        // one reader moved to every position, and a new reader (as after a restart) at every 64th: opening a
        // thousand queues in this JVM would grow Chronicle's per-thread bookkeeping the allocation test measures
        try (OutputQueueReader moved = OutputQueueReader.open(dir, true))
        {
            for (int saved = 0; saved <= written.size(); saved++)
            {
                resumeAndReadTheRest(moved, saved, written);
                if (saved % 64 == 0 || saved == written.size())
                {
                    try (OutputQueueReader reopened = OutputQueueReader.open(dir, true))
                    {
                        resumeAndReadTheRest(reopened, saved, written);
                    }
                }
            }
        }
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThatThrownBy(() -> reader.resumeAfter(written.size() + 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no output " + (written.size() + 1));
            reader.toEnd();
            assertThat(reader.lastReadOutput()).isEqualTo(written.size());
            assertThat(reader.poll((position, buffer, offset, length) -> { }, 10)).isZero();
        }
    }

    private static void resumeAndReadTheRest(
        final OutputQueueReader reader, final int saved, final List<byte[]> written)
    {
        final List<Long> positions = new ArrayList<>();
        reader.resumeAfter(saved);
        assertThat(reader.lastReadOutput()).isEqualTo(saved);
        assertThat(readAll(reader, 1 + saved % 7, positions)).as("after position %d", saved)
            .containsExactlyElementsOf(written.subList(saved, written.size()));
        if (saved < written.size())
        {
            assertThat(positions.get(0)).isEqualTo(saved + 1L);
        }
    }

    @Test
    void aPositionSavedMidDocumentResumesAcrossARestartOfTheWriter()
    {
        final List<byte[]> first = writeBatches(dir, new int[] {10}, 32);
        final long saved;
        final List<byte[]> consumed;
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            consumed = readAll(reader, 4, new ArrayList<>()).subList(0, 10);
            saved = reader.lastReadOutput();
        }
        assertThat(consumed).containsExactlyElementsOf(first);
        final List<byte[]> more = writeBatches(dir, new int[] {3, 4}, 32);
        final List<Long> positions = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true).resumeAfter(saved))
        {
            assertThat(readAll(reader, 2, positions)).containsExactlyElementsOf(more);
        }
        assertThat(positions).startsWith(11L).endsWith(17L);
        assertThat(OutputQueueEnd.read(dir).outputs()).isEqualTo(17);
    }

    @Test
    void anOutputWhoseHandlerThrowsInsideADocumentIsDeliveredAgainAndNoOther()
    {
        final List<byte[]> written = writeBatches(dir, new int[] {6}, 24);
        final List<Long> seen = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThatThrownBy(() -> reader.poll((position, buffer, offset, length) ->
            {
                seen.add(position);
                if (position == 3)
                {
                    throw new IllegalStateException("consumer failed");
                }
            }, 10)).hasMessage("consumer failed");
            assertThat(reader.lastReadOutput()).isEqualTo(2);
            reader.poll((position, buffer, offset, length) -> seen.add(position), 10);
        }
        assertThat(seen).containsExactly(1L, 2L, 3L, 3L, 4L, 5L, 6L);
        assertThat(written).hasSize(6);
    }

    @Test
    void aDamagedDocumentIsRefusedWithItsPlaceAndField()
    {
        writeBatches(dir, new int[] {2}, 24);
        final byte[] damaged = document(3, output(9, 3, 24), output(9, 4, 24));
        damaged[BatchLayout.HEADER_LENGTH + 12] ^= 0x40;
        append(dir, damaged);
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            final List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> reader.poll((position, buffer, offset, length) -> seen.add(position), 10))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("output queue at " + dir)
                .hasMessageContaining("fails its checksum: field CRC32C");
            assertThat(seen).as("the sound document's outputs before it").containsExactly(1L, 2L);
            assertThatThrownBy(() -> reader.poll((position, buffer, offset, length) -> seen.add(position), 10))
                .as("not consumed: refused again").isInstanceOf(JournalCorruptedException.class);
        }
        assertThatThrownBy(() -> OutputQueueEnd.read(dir)).isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining("fails its checksum");
        assertThatThrownBy(() -> ChronicleOutputChannel.open(dir)).isInstanceOf(JournalCorruptedException.class);
    }

    @Test
    void aGapBetweenDocumentsIsRefusedNamingBothNumbers()
    {
        writeBatches(dir, new int[] {2}, 24);
        append(dir, document(5, output(3, 5, 24)));
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThatThrownBy(() -> reader.poll((position, buffer, offset, length) -> { }, 10))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("has field first output 5 where output 3 was due: outputs are missing");
        }
    }

    @Test
    void aFormatOneQueueIsRefusedNamingBothVersions()
    {
        // format 1: each output raw in its own document, as the earlier build wrote it
        for (int i = 0; i < 3; i++)
        {
            append(dir, output(i + 1, i, 32));
        }
        final String both = "is in output queue format 1 (one output per document, written by an earlier build); "
            + "this build reads output queue format 2 only";
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThatThrownBy(() -> reader.poll((position, buffer, offset, length) -> { }, 10))
                .isInstanceOf(JournalCorruptedException.class).hasMessageContaining(both);
        }
        assertThatThrownBy(() -> OutputQueueEnd.read(dir)).hasMessageContaining(both);
        assertThatThrownBy(() -> ChronicleOutputChannel.open(dir)).hasMessageContaining(both);
        final Path journal = dir.resolve("journal");
        try (ChronicleInputJournal inputs = ChronicleInputJournal.open(journal))
        {
            inputs.append(new UnsafeBuffer(output(1, 1, 32)), 0, 32);
            inputs.endOfBatch();
        }
        assertThatThrownBy(() -> OutputQueueEnd.read(journal))
            .hasMessageContaining("is not an output queue document");
    }

    @Test
    void anOutputLongerThanTheFormatAllowsIsRefusedAndItsBatchDiscarded()
    {
        try (ChronicleOutputChannel channel = ChronicleOutputChannel.open(dir))
        {
            final byte[] small = output(1, 0, 24);
            channel.onOutput(new UnsafeBuffer(small), 0, small.length);
            final byte[] huge = new byte[OutputQueueFormat.MAX_OUTPUT_LENGTH + 1];
            assertThatThrownBy(() -> channel.onOutput(new UnsafeBuffer(huge), 0, huge.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1024");
            channel.endOfBatch();
            channel.onOutput(new UnsafeBuffer(small), 0, small.length);
            channel.endOfBatch();
        }
        final List<Long> positions = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThat(readAll(reader, 10, positions)).hasSize(1);
        }
        assertThat(positions).containsExactly(1L);
    }

    /** A format 2 output document built by hand, byte by byte as docs/journal.md describes it. */
    private static byte[] document(final long firstOutput, final byte[]... outputs)
    {
        int length = BatchLayout.HEADER_LENGTH + BatchLayout.TRAILER_LENGTH;
        for (final byte[] output : outputs)
        {
            length += 4 + output.length;
        }
        final ByteBuffer document = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        document.put((byte)'L').put((byte)'Q').put((byte)'O').put((byte)OutputQueueFormat.VERSION).putLong(firstOutput);
        for (final byte[] output : outputs)
        {
            document.putInt(output.length).put(output);
        }
        document.putInt(outputs.length);
        final CRC32C crc = new CRC32C();
        crc.update(document.array(), 0, document.position());
        document.putInt((int)crc.getValue());
        return document.array();
    }

    /** Appends raw bytes as one document, as another writer would. */
    private static void append(final Path queue, final byte[] bytes)
    {
        try (InputQueueWriter writer = InputQueueWriter.open(new QueueContext().path(queue)))
        {
            writer.append(new UnsafeBuffer(bytes), 0, bytes.length);
            writer.endOfBatch();
        }
    }
}
