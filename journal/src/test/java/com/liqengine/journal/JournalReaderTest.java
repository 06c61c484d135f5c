package com.liqengine.journal;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal reader hands over every document in order, from the start or after an index, and reports a
 * journal it cannot read to its end instead of stopping short or crashing.
 */
class JournalReaderTest
{
    private static final long MARKER = 0x5A5A_5A5A_5A5A_5A5AL;
    private static final int DOCUMENTS = 100;
    private static final int LENGTH = 48;

    @TempDir
    Path dir;

    @Test
    void readsEveryDocumentFromTheStartOrAfterAnIndex()
    {
        write(DOCUMENTS);
        final List<Long> indexes = new ArrayList<>();
        final List<Long> numbers = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.readAll((index, buffer, offset, length) ->
            {
                indexes.add(index);
                numbers.add(buffer.getLong(offset + 8));
            })).isEqualTo(DOCUMENTS);
            assertThat(reader.lastIndex()).isEqualTo(indexes.get(DOCUMENTS - 1));
            assertThat(reader.lastIndexRead()).isEqualTo(indexes.get(DOCUMENTS - 1));

            final List<Long> after = new ArrayList<>();
            assertThat(reader.readAfter(indexes.get(59), (index, buffer, offset, length) ->
                after.add(buffer.getLong(offset + 8)))).isEqualTo(40);
            assertThat(after).containsExactlyElementsOf(numbers.subList(60, DOCUMENTS));
            assertThat(reader.readAfter(indexes.get(DOCUMENTS - 1), (index, buffer, offset, length) ->
                after.add(-1L))).as("nothing after the last").isZero();
            assertThatThrownBy(() -> reader.readAfter(indexes.get(DOCUMENTS - 1) + 1_000, (i, b, o, l) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no document at index");
        }
        for (int i = 0; i < DOCUMENTS; i++)
        {
            assertThat(numbers.get(i)).isEqualTo(i);
        }
    }

    @Test
    void emptyOrMissingJournal()
    {
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
        {
            assertThat(journal.lastIndex()).isEqualTo(ChronicleInputJournal.NO_INDEX);
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.readAll((index, buffer, offset, length) -> { })).isZero();
            assertThat(reader.lastIndex()).isEqualTo(JournalReader.NO_INDEX);
        }
        assertThatThrownBy(() -> JournalReader.open(dir.resolve("missing")))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no journal at");
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
            assertThatThrownBy(() -> reader.readAll((index, buffer, offset, length) -> { }))
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
            assertThatThrownBy(() -> reader.readAll((index, buffer, offset, length) -> { }))
                .isInstanceOf(JournalCorruptedException.class).hasMessageContaining("not a journal written by");
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
                reader.readAll((index, buffer, offset, length) ->
                {
                    indexes.add(index);
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
                    final int header = map.getInt(p - 4);
                    assertThat(header & 0x3FFF_FFFF).as("a document header precedes the content")
                        .isEqualTo(LENGTH + DocumentChecksum.LENGTH);
                    map.putInt(p - 4, change.apply(header));
                    map.force();
                    return;
                }
            }
        }
        throw new AssertionError("document " + number + " not found");
    }
}
