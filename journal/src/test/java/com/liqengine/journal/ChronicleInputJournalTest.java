package com.liqengine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The input journal writes each message's bytes exactly, whatever buffer they come from, the inputs of a batch in
 * one document, and forces them to disk as its fsync policy says.
 */
class ChronicleInputJournalTest
{
    @TempDir
    Path dir;

    @Test
    void bytesReadBackEqualBytesWrittenForManyMessagesOfVariedLength()
    {
        final Random random = new Random(7);
        final List<byte[]> written = new ArrayList<>();
        final UnsafeBuffer onHeap = new UnsafeBuffer(new byte[2048]);
        final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
        // a view that starts part-way into its array: the array offset must be honoured
        final UnsafeBuffer slice = new UnsafeBuffer(new byte[4096], 100, 2048);
        final UnsafeBuffer[] sources = {onHeap, offHeap, slice};
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
        {
            for (int i = 0; i < 20_000; i++)
            {
                final byte[] message = new byte[1 + random.nextInt(1024)];
                random.nextBytes(message);
                final UnsafeBuffer source = sources[i % sources.length];
                final int offset = random.nextInt(512);
                source.putBytes(offset, message);
                journal.append(source, offset, message.length);
                written.add(message);
                if (random.nextInt(8) == 0)
                {
                    journal.endOfBatch();
                }
            }
            journal.endOfBatch();
            assertThat(journal.appended()).isEqualTo(written.size());
            assertThat(journal.syncs()).isZero();

            final List<byte[]> read = new ArrayList<>();
            try (JournalReader reader = JournalReader.open(dir))
            {
                final long count = reader.readAll((sequence, source, buffer, offset, length) ->
                {
                    assertThat(sequence).isEqualTo(read.size() + 1);
                    final byte[] bytes = new byte[length];
                    buffer.getBytes(offset, bytes);
                    read.add(bytes);
                });
                assertThat(count).isEqualTo(written.size());
                assertThat(journal.lastIndex()).isEqualTo(reader.lastIndexRead()).isEqualTo(reader.lastIndex());
            }
            assertThat(read).containsExactlyElementsOf(written);
        }
    }

    @Test
    void perBatchPolicyForcesEveryBatchAndNoneNever()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(
            new QueueContext().path(dir.resolve("per-batch")).fsyncPolicy(FsyncPolicy.PER_BATCH)))
        {
            for (int batch = 0; batch < 50; batch++)
            {
                for (int i = 0; i <= batch % 5; i++)
                {
                    message.putInt(0, batch);
                    journal.append(message, 0, 64);
                }
                journal.endOfBatch();
            }
            journal.endOfBatch();
            assertThat(journal.syncs()).as("one force per batch, none for an empty batch").isEqualTo(50);
        }
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(
            new QueueContext().path(dir.resolve("none")).fsyncPolicy(FsyncPolicy.NONE)))
        {
            for (int batch = 0; batch < 50; batch++)
            {
                journal.append(message, 0, 64);
                journal.endOfBatch();
            }
            assertThat(journal.syncs()).isZero();
        }
        assertThat(readAll(dir.resolve("per-batch"))).hasSize(150);
        assertThat(readAll(dir.resolve("none"))).hasSize(50);
    }

    @Test
    void periodicPolicyForcesAtTheFirstBatchEndAfterTheInterval() throws InterruptedException
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(
            new QueueContext().path(dir).fsyncPolicy(FsyncPolicy.PERIODIC).fsyncIntervalMs(500)))
        {
            journal.append(message, 0, 64);
            journal.endOfBatch();
            assertThat(journal.syncs()).as("within the interval").isZero();
            Thread.sleep(600);
            journal.append(message, 0, 64);
            journal.endOfBatch();
            assertThat(journal.syncs()).as("the interval passed").isEqualTo(1);
            journal.append(message, 0, 64);
            journal.endOfBatch();
            assertThat(journal.syncs()).as("just forced").isEqualTo(1);
            journal.append(message, 0, 64);
        }
        assertThat(readAll(dir)).hasSize(4);
    }

    @Test
    void writtenOnOneThreadClosedOnAnother() throws InterruptedException
    {
        final ChronicleInputJournal journal = ChronicleInputJournal.open(dir);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        final Thread journaler = new Thread(() ->
        {
            for (int i = 0; i < 1000; i++)
            {
                message.putInt(0, i);
                journal.append(message, 0, 16);
                journal.endOfBatch();
            }
        });
        journaler.start();
        journaler.join();
        journal.close();
        final List<byte[]> read = readAll(dir);
        assertThat(read).hasSize(1000);
        assertThat(new UnsafeBuffer(read.get(999)).getInt(0)).isEqualTo(999);
    }

    @Test
    void reopenedJournalAppendsAfterWhatIsThere()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
        for (int run = 0; run < 3; run++)
        {
            try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
            {
                message.putInt(0, run);
                journal.append(message, 0, 8);
                journal.endOfBatch();
            }
        }
        final List<byte[]> read = readAll(dir);
        assertThat(read).hasSize(3);
        assertThat(new UnsafeBuffer(read.get(2)).getInt(0)).isEqualTo(2);
    }

    @Test
    void aBatchThatCannotBeJournaledWholeIsDiscardedWhole()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
        {
            message.putInt(0, 1);
            journal.append(message, 0, 16, 10);
            journal.endOfBatch();
            message.putInt(0, 2);
            journal.append(message, 0, 16, 11);
            // bytes beyond the buffer: the append fails half-way through the batch's document
            assertThatThrownBy(() -> journal.append(message, 8, 16, 12))
                .isInstanceOf(IndexOutOfBoundsException.class);
            message.putInt(0, 3);
            journal.append(message, 0, 16, 13);
            journal.endOfBatch();
            assertThat(journal.documents()).isEqualTo(2);
            assertThat(journal.appended()).isEqualTo(2);
        }
        final List<Long> sources = new ArrayList<>();
        final List<Integer> values = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.readAll((sequence, source, buffer, offset, length) ->
            {
                assertThat(sequence).isEqualTo(sources.size() + 1);
                sources.add(source);
                values.add(buffer.getInt(offset));
            });
        }
        assertThat(values).as("the failed batch's first input went with it").containsExactly(1, 3);
        assertThat(sources).containsExactly(10L, 13L);
    }

    @Test
    void rollCycleIsChosenByName()
    {
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(
            new QueueContext().path(dir).rollCycle("fast_hourly")))
        {
            journal.append(new UnsafeBuffer(new byte[8]), 0, 8);
            journal.endOfBatch();
        }
        final File[] files = dir.toFile().listFiles((d, name) -> name.endsWith(".cq4"));
        assertThat(files).hasSize(1);
        assertThat(files[0].getName()).as("FAST_HOURLY names files yyyyMMdd-HH'F'").matches("\\d{8}-\\d{2}F\\.cq4");
        assertThat(RollCycleNames.resolve("FAST_DAILY").lengthInMillis()).isEqualTo(24 * 60 * 60 * 1000);
        assertThatThrownBy(() -> new QueueContext().path(dir).rollCycle("FORTNIGHTLY").conclude())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("FORTNIGHTLY").hasMessageContaining("FAST_HOURLY");
    }

    static List<byte[]> readAll(final Path path)
    {
        final List<byte[]> read = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(path))
        {
            reader.readAll((sequence, source, buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                read.add(bytes);
            });
        }
        return read;
    }
}
