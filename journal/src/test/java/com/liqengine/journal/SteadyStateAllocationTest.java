package com.liqengine.journal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journaling and tailing allocate (almost) nothing once warm. What is left is Chronicle's own bookkeeping when
 * the appender moves to the next memory-mapped chunk of the queue file (a few objects per chunk of megabytes)
 * or the queue rolls to the next cycle's file (not expected within one test unless it runs across the roll
 * time); hence a small fixed budget instead of zero, and the measured bytes are printed.
 */
class SteadyStateAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 1_000_000;
    private static final int MESSAGE_LENGTH = 64;
    private static final int BATCH = 16;
    private static final long BUDGET_BYTES = 64 * 1024;
    /**
     * A whole read: Chronicle's thread-local housekeeping on the reading thread grows with the threads earlier tests
     * of the same JVM left behind and the queues they opened (9 KB alone, up to about 250 KB after the module's
     * other tests), once per read; the smallest object allocated per document would be above 1.2 MB (75,000
     * documents of 16 bytes at least), one per input above 19 MB, so this budget still tells them apart.
     */
    private static final long READ_BUDGET_BYTES = 640 * 1024;

    @TempDir
    Path dir;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
    private long checksum;
    // one handler object: a method reference written at the call would be a new capture per read
    private final JournaledInputHandler handler = this::onInput;
    private final QueuedOutputHandler outputHandler = this::onOutput;

    @Test
    void millionAppendsAndReadsAllocateAlmostNothing()
    {
        final Path journalDir = dir.resolve("journal");
        final long appendBytes;
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(journalDir))
        {
            append(journal, WARM_UP);
            final long before = allocated();
            append(journal, MEASURED);
            appendBytes = allocated() - before;
            assertThat(journal.appended()).isEqualTo(WARM_UP + MEASURED);
        }

        long readBytes = Long.MAX_VALUE;
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            // a whole read to warm up, then up to three measured: per read a few fixed objects, nothing per input
            // (on a busy machine the JIT may recompile late and deoptimise once, materialising a few objects)
            assertThat(reader.readAll(handler)).isEqualTo(WARM_UP + MEASURED);
            for (int round = 0; round < 3 && readBytes >= READ_BUDGET_BYTES; round++)
            {
                final long before = allocated();
                final long read = reader.readAll(handler);
                readBytes = allocated() - before;
                assertThat(read).isEqualTo(WARM_UP + MEASURED);
                System.out.printf("SteadyStateAllocationTest: read %d of %,d inputs allocated %,d bytes%n", round + 1,
                    read, readBytes);
            }
        }
        System.out.printf(
            "SteadyStateAllocationTest: %,d appends of %d bytes allocated %,d bytes; a read of %,d inputs %,d bytes%n",
            MEASURED, MESSAGE_LENGTH, appendBytes, WARM_UP + MEASURED, readBytes);
        assertThat(checksum).isNotZero();
        assertThat(appendBytes).as("bytes allocated by %d appends", MEASURED).isLessThan(BUDGET_BYTES);
        assertThat(readBytes).as("bytes allocated by a read of %d inputs", WARM_UP + MEASURED)
            .isLessThan(READ_BUDGET_BYTES);
    }

    @Test
    void perBatchForcingAllocatesAlmostNothing()
    {
        final int appends = 20_000;
        final long bytes;
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(
            new QueueContext().path(dir).fsyncPolicy(FsyncPolicy.PER_BATCH)))
        {
            append(journal, appends);
            final long before = allocated();
            append(journal, appends);
            bytes = allocated() - before;
            assertThat(journal.syncs()).isEqualTo(2 * appends / BATCH);
        }
        System.out.printf("SteadyStateAllocationTest: %,d appends forced every %d allocated %,d bytes%n",
            appends, BATCH, bytes);
        assertThat(bytes).isLessThan(BUDGET_BYTES);
    }

    @Test
    void millionOutputsWrittenAndTailedAllocateAlmostNothing()
    {
        final Path outputDir = dir.resolve("outputs");
        final long writeBytes;
        try (ChronicleOutputChannel outputs = ChronicleOutputChannel.open(outputDir))
        {
            write(outputs, WARM_UP);
            final long before = allocated();
            write(outputs, MEASURED);
            writeBytes = allocated() - before;
            assertThat(outputs.written()).isEqualTo(WARM_UP + MEASURED);
        }
        final long readBytes;
        try (OutputQueueReader reader = OutputQueueReader.open(outputDir, true))
        {
            assertThat(drain(reader, WARM_UP)).isEqualTo(WARM_UP);
            final long before = allocated();
            final long read = drain(reader, MEASURED);
            readBytes = allocated() - before;
            assertThat(read).isEqualTo(MEASURED);
        }
        System.out.printf("SteadyStateAllocationTest: %,d outputs of %d bytes in batches of %d allocated %,d bytes "
            + "written, %,d bytes tailed%n", MEASURED, MESSAGE_LENGTH, BATCH, writeBytes, readBytes);
        assertThat(checksum).isNotZero();
        assertThat(writeBytes).as("bytes allocated by %d outputs written", MEASURED).isLessThan(BUDGET_BYTES);
        assertThat(readBytes).as("bytes allocated by %d outputs tailed", MEASURED).isLessThan(BUDGET_BYTES);
    }

    private void write(final ChronicleOutputChannel outputs, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, i);
            outputs.onOutput(message, 0, MESSAGE_LENGTH);
            if (i % BATCH == BATCH - 1)
            {
                outputs.endOfBatch();
            }
        }
        outputs.endOfBatch();
    }

    private long drain(final OutputQueueReader reader, final int count)
    {
        long read = 0;
        while (read < count)
        {
            // at most what is asked, so the measured drain starts where the warm-up one stopped
            read += reader.poll(outputHandler, (int)Math.min(256, count - read));
        }
        return read;
    }

    private void onOutput(final long position, final DirectBuffer buffer, final int offset, final int length)
    {
        checksum += buffer.getLong(offset) + position;
    }

    private void append(final ChronicleInputJournal journal, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, i);
            message.putLong(MESSAGE_LENGTH - 8, ~i);
            journal.append(message, 0, MESSAGE_LENGTH);
            if (i % BATCH == BATCH - 1)
            {
                journal.endOfBatch();
            }
        }
        journal.endOfBatch();
    }

    private void onInput(
        final long sequence, final long source, final DirectBuffer buffer, final int offset, final int length)
    {
        checksum += buffer.getLong(offset) + length;
    }

    private long allocated()
    {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
