package com.liqengine.runtime;

import com.liqengine.journal.JournalDocuments;
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

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What recovery uses to start at a snapshot's sequence without reading the journal before it: the document holding
 * the n-th input found by a binary search over the documents' first sequences ({@link JournalReader#indexOfInput}),
 * across cycles of different sizes and a gap of cycles with no file, with batches of one to three inputs.
 */
class JournalPositionTest
{
    private static final int[] DOCUMENTS_PER_CYCLE = {5, 0, 7, 1, 4};

    @TempDir
    Path dir;

    @Test
    void theNthInputIsFoundAcrossCyclesAndReadFromThere()
    {
        final int total = write();
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.inputCount()).isEqualTo(total);
            assertThat(reader.lastSourceIndex()).isEqualTo(100L + total);
            for (int n = 1; n <= total; n++)
            {
                final List<Long> read = new ArrayList<>();
                assertThat(reader.readFrom(n, (sequence, source, buffer, offset, length) ->
                {
                    assertThat(source).isEqualTo(100 + sequence);
                    read.add(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
                })).isEqualTo(total - n + 1);
                assertThat(read.get(0)).as("input %d", n).isEqualTo(n);
                assertThat(read.get(read.size() - 1)).isEqualTo(total);
                assertThat(reader.indexOfInput(n)).isNotEqualTo(JournalReader.NO_INDEX);
            }
            assertThat(reader.indexOfInput(total + 1)).isEqualTo(JournalReader.NO_INDEX);
        }
    }

    @Test
    void anEmptyJournalHoldsNoInput()
    {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build())
        {
            assertThat(queue.lastIndex()).isNegative();
        }
        try (JournalReader reader = JournalReader.open(dir))
        {
            assertThat(reader.documentCount()).isZero();
            assertThat(reader.inputCount()).isZero();
            assertThat(reader.indexOfInput(1)).isEqualTo(JournalReader.NO_INDEX);
        }
    }

    /**
     * Documents of one to three inputs holding 1, 2, 3, ... (source index 100 more), one cycle (second) after another;
     * a cycle of 0 is skipped: no file.
     */
    private int write()
    {
        final SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L * 1_000_000L);
        int value = 0;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(clock).build();
            ExcerptAppender appender = queue.createAppender())
        {
            int batch = 0;
            for (final int documents : DOCUMENTS_PER_CYCLE)
            {
                for (int i = 0; i < documents; i++)
                {
                    final int inputs = 1 + batch++ % 3;
                    final long[] sources = new long[inputs];
                    final byte[][] bytes = new byte[inputs][];
                    final long first = value + 1;
                    for (int k = 0; k < inputs; k++)
                    {
                        value++;
                        sources[k] = 100 + value;
                        bytes[k] = JournalDocuments.longBytes(value);
                    }
                    try (DocumentContext document = appender.writingDocument())
                    {
                        final Bytes<?> out = document.wire().bytes();
                        out.write(JournalDocuments.formatTwo(first, sources, bytes));
                    }
                }
                clock.advanceMillis(1_000);
            }
        }
        return value;
    }
}
