package com.liqengine.runtime;

import com.liqengine.journal.JournalReader;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What recovery uses to start at a snapshot's sequence without reading the journal before it: the n-th document
 * of a journal found from per-cycle counts ({@link JournalReader#indexOfDocument}), across cycles of different
 * sizes and a gap of cycles with no file.
 */
class JournalPositionTest
{
    private static final int[] DOCUMENTS_PER_CYCLE = {5, 0, 7, 1, 4};

    @TempDir
    Path dir;

    @Test
    void theNthDocumentIsFoundAcrossCyclesAndReadFromThere()
    {
        final int total = write();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.documentCount()).isEqualTo(total);
            for (int n = 1; n <= total; n++)
            {
                final List<Long> read = new ArrayList<>();
                assertThat(reader.readFrom(reader.indexOfDocument(n), (index, buffer, offset, length) ->
                    read.add(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN)))).isEqualTo(total - n + 1);
                assertThat(read.get(0)).as("document %d", n).isEqualTo(n);
                assertThat(read.get(read.size() - 1)).isEqualTo(total);
            }
            assertThat(reader.indexOfDocument(total + 1)).isEqualTo(JournalReader.NO_INDEX);
        }
    }

    @Test
    void anEmptyJournalHoldsNoDocument()
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build())
        {
            assertThat(queue.lastIndex()).isNegative();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.documentCount()).isZero();
            assertThat(reader.indexOfDocument(1)).isEqualTo(JournalReader.NO_INDEX);
        }
    }

    /** A journal document: the input's bytes (here a long), then their CRC32C as the engine's journal writes it. */
    private static byte[] journaled(final long value)
    {
        final ByteBuffer document = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
        final CRC32C crc = new CRC32C();
        crc.update(document.array(), 0, 8);
        return document.putInt(8, (int)crc.getValue()).array();
    }

    /** Documents holding 1, 2, 3, ... one cycle (second) after another; a cycle of 0 is skipped: no file. */
    private int write()
    {
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        int value = 0;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(clock).build();
            ExcerptAppender appender = queue.createAppender())
        {
            for (final int documents : DOCUMENTS_PER_CYCLE)
            {
                for (int i = 0; i < documents; i++)
                {
                    try (DocumentContext document = appender.writingDocument())
                    {
                        final Bytes<?> bytes = document.wire().bytes();
                        bytes.write(journaled(++value));
                    }
                }
                clock.advanceMillis(1_000);
            }
        }
        return value;
    }
}
