package com.liqengine.journal;

import com.liqengine.pipeline.InputSlot;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal reader hands over every input in order with its sequence and source, from the start or from a
 * sequence found by search, and reports a journal it cannot read to its end, or of another format, instead of
 * stopping short or crashing.
 */
class JournalReaderTest
{
    private static final long MARKER = 0x5A5A_5A5A_5A5A_5A5AL;
    private static final int DOCUMENTS = 100;
    private static final int LENGTH = 48;

    @TempDir
    Path dir;

    @Test
    void readsEveryInputWithItsSourceFromTheStartOrFromASequence()
    {
        final Random random = new Random(11);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[LENGTH]);
        final List<Integer> batchEnds = new ArrayList<>();
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
        {
            for (int i = 0; i < 1_000; i++)
            {
                message.putLong(0, MARKER);
                message.putLong(8, i);
                // every third input published directly, the others from an input queue's index 1000 + 7i
                journal.append(message, 0, LENGTH, i % 3 == 0 ? InputSlot.NO_SOURCE : 1_000 + 7L * i);
                if (random.nextInt(10) == 0 || i == 999)
                {
                    journal.endOfBatch();
                    batchEnds.add(i);
                }
            }
            assertThat(journal.documents()).as("one document per batch").isEqualTo(batchEnds.size());
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.documentCount()).isEqualTo(batchEnds.size());
            assertThat(reader.inputCount()).isEqualTo(1_000);
            assertThat(reader.lastSourceIndex()).isEqualTo(1_000 + 7L * 998);
            final List<Long> numbers = new ArrayList<>();
            assertThat(reader.readAll((sequence, source, buffer, offset, length) ->
            {
                final long number = buffer.getLong(offset + 8);
                assertThat(sequence).isEqualTo(number + 1);
                assertThat(source).isEqualTo(number % 3 == 0 ? InputSlot.NO_SOURCE : 1_000 + 7 * number);
                assertThat(length).isEqualTo(LENGTH);
                numbers.add(number);
            })).isEqualTo(1_000);
            assertThat(numbers).hasSize(1_000).isSorted();
            assertThat(reader.lastSequenceRead()).isEqualTo(1_000);
            assertThat(reader.lastIndexRead()).isEqualTo(reader.lastIndex());

            for (final long from : new long[] {1, 2, 37, 500, 999, 1_000})
            {
                final List<Long> after = new ArrayList<>();
                assertThat(reader.readFrom(from, (sequence, source, buffer, offset, length) ->
                    after.add(sequence))).as("from %d", from).isEqualTo(1_000 - from + 1);
                assertThat(after.get(0)).isEqualTo(from);
                assertThat(after.get(after.size() - 1)).isEqualTo(1_000);
            }
            assertThat(reader.readFrom(1_001, (sequence, source, buffer, offset, length) -> { }))
                .as("nothing from past the last").isZero();
            assertThat(reader.indexOfInput(1_001)).isEqualTo(JournalReader.NO_INDEX);
            assertThatThrownBy(() -> reader.readFrom(0, (sequence, source, buffer, offset, length) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1");
        }
    }

    @Test
    void aBatchLongerThanADocumentGoesOnInTheNext()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[1_000]);
        final int inputs = 2 * JournalFormat.DOCUMENT_TARGET_LENGTH / 1_000 + 5;
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
        {
            for (int i = 0; i < inputs; i++)
            {
                message.putInt(0, i);
                journal.append(message, 0, 1_000, i);
            }
            journal.endOfBatch();
            assertThat(journal.documents()).isEqualTo(3);
        }
        final List<Integer> read = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.readAll((sequence, source, buffer, offset, length) ->
            {
                assertThat(source).isEqualTo(sequence - 1);
                read.add(buffer.getInt(offset));
            });
            assertThat(reader.inputCount()).isEqualTo(inputs);
        }
        assertThat(read).hasSize(inputs).isSorted();
    }

    @Test
    void anEmptyJournalHoldsNothing()
    {
        ChronicleInputJournal.open(dir).close();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.readAll((sequence, source, buffer, offset, length) -> { })).isZero();
            assertThat(reader.lastIndex()).isEqualTo(JournalReader.NO_INDEX);
            assertThat(reader.inputCount()).isZero();
            assertThat(reader.lastSourceIndex()).isEqualTo(InputSlot.NO_SOURCE);
        }
        assertThatThrownBy(() -> JournalReader.open(dir.resolve("missing")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no journal at");
    }

    @Test
    void aFormatOneJournalIsRefusedNamingBothVersions()
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
            ExcerptAppender appender = queue.createAppender())
        {
            for (int i = 0; i < 3; i++)
            {
                try (DocumentContext document = appender.writingDocument())
                {
                    document.wire().bytes().write(JournalDocuments.formatOne(JournalDocuments.longBytes(i)));
                }
            }
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThatThrownBy(() -> reader.readAll((sequence, source, buffer, offset, length) -> { }))
                .isInstanceOf(JournalCorruptedException.class).hasMessageContaining(dir.toString())
                .hasMessageContaining("journal format 1").hasMessageContaining("reads journal format 2 only");
        }
        assertThatThrownBy(() -> ChronicleInputJournal.open(dir)).isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining("journal format 1").hasMessageContaining("journal format 2");
    }

    @Test
    void aDocumentThatDoesNotFollowThePreviousOneIsReported()
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
            ExcerptAppender appender = queue.createAppender())
        {
            final byte[] input = JournalDocuments.longBytes(MARKER);
            for (final byte[] bytes : List.of(
                JournalDocuments.formatTwo(1, new long[] {10, 11}, input, input),
                JournalDocuments.formatTwo(4, new long[] {12}, input)))
            {
                try (DocumentContext document = appender.writingDocument())
                {
                    document.wire().bytes().write(bytes);
                }
            }
        }
        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThatThrownBy(() -> reader.readAll((sequence, source, buffer, offset, length) ->
                sequences.add(sequence)))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("field first sequence 4 where input 3 was due: inputs are missing");
        }
        assertThat(sequences).containsExactly(1L, 2L);
    }

    @Test
    void anIncompleteDocumentInTheMiddleIsReportedWithTheLastGoodIndex() throws IOException
    {
        write(DOCUMENTS);
        // the header word before document 37: set "not complete", as a writer that died mid-write leaves it
        damageHeader(37, header -> header | 0x8000_0000);
        expectCorruption(37);
    }

    @Test
    void aDamagedDocumentLengthIsReported() throws IOException
    {
        write(DOCUMENTS);
        damageHeader(50, header -> 0x3FFF_FFF0);
        expectCorruption(50);
    }

    @Test
    void aFlippedBitInsideADocumentFailsItsChecksum() throws IOException
    {
        write(DOCUMENTS);
        flipContentBit(42);
        expectCorruption(42);
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThatThrownBy(() -> reader.readAll((sequence, source, buffer, offset, length) -> { }))
                .hasMessageContaining("fails its checksum");
        }
    }

    @Test
    void anInputQueueWithoutChecksumsIsNotTakenForAJournal()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[LENGTH]);
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(dir)))
        {
            queue.append(message, 0, LENGTH);
            queue.endOfBatch();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThatThrownBy(() -> reader.readAll((sequence, source, buffer, offset, length) -> { }))
                .isInstanceOf(JournalCorruptedException.class).hasMessageContaining("is not a journal document");
        }
    }

    private void expectCorruption(final int firstBad)
    {
        final List<Long> numbers = new ArrayList<>();
        final List<Long> indexes = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            Throwable thrown = null;
            try
            {
                reader.readAll((sequence, source, buffer, offset, length) ->
                {
                    indexes.add(reader.lastIndexRead());
                    numbers.add(buffer.getLong(offset + 8));
                });
            }
            catch (final Throwable ex)
            {
                thrown = ex;
            }
            assertThat(thrown).isInstanceOf(JournalCorruptedException.class);
            assertThat(numbers).hasSize(firstBad);
            assertThat(((JournalCorruptedException)thrown).lastGoodIndex()).isEqualTo(indexes.get(firstBad - 1));
            assertThat(thrown.getMessage()).contains(dir.toString()).contains("index " + indexes.get(firstBad - 1));
        }
    }

    private void write(final int documents)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[LENGTH]);
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
        {
            for (int i = 0; i < documents; i++)
            {
                message.putLong(0, MARKER);
                message.putLong(8, i);
                journal.append(message, 0, LENGTH);
                journal.endOfBatch();
            }
        }
    }

    interface HeaderChange
    {
        int apply(int header);
    }

    /** Flips one bit of document {@code number}'s content, past the marker and number that find it. */
    private void flipContentBit(final int number) throws IOException
    {
        damageHeader(number, header -> header);
        final File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(".cq4"));
        try (RandomAccessFile file = new RandomAccessFile(files[0], "rw"); FileChannel channel = file.getChannel())
        {
            final MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            map.order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 4; p + 16 <= map.limit(); p += 4)
            {
                if (map.getLong(p) == MARKER && map.getLong(p + 8) == number)
                {
                    map.put(p + 30, (byte)(map.get(p + 30) ^ 0x04));
                    map.force();
                    return;
                }
            }
        }
    }

    /** Finds document {@code number} by its content in the queue file and rewrites the header word before it. */
    private void damageHeader(final int number, final HeaderChange change) throws IOException
    {
        final File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(".cq4"));
        assertThat(files).hasSize(1);
        try (RandomAccessFile file = new RandomAccessFile(files[0], "rw"); FileChannel channel = file.getChannel())
        {
            final MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            map.order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 4; p + 16 <= map.limit(); p += 4)
            {
                if (map.getLong(p) == MARKER && map.getLong(p + 8) == number)
                {
                    final int at = p - JournalFormat.ENTRY_HEADER_LENGTH - JournalFormat.HEADER_LENGTH - 4;
                    final int header = map.getInt(at);
                    assertThat(header & 0x3FFF_FFFF).as("a document header precedes the content")
                        .isEqualTo(LENGTH + JournalFormat.HEADER_LENGTH + JournalFormat.ENTRY_HEADER_LENGTH
                            + JournalFormat.TRAILER_LENGTH);
                    map.putInt(at, change.apply(header));
                    map.force();
                    return;
                }
            }
        }
        throw new AssertionError("document " + number + " not found");
    }
}
