package com.liqengine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer process killed in the middle of a document: the document was never journaled (its append never
 * returned, so nothing was applied for it). The journal reads to its last complete document without error, and
 * the next writer recovers the queue and appends after it.
 */
class KilledWriterRecoveryTest
{
    static final int LENGTH = 48;
    private static final int DOCUMENTS = 100;

    @TempDir
    Path dir;

    @Test
    void journalReadsToTheLastCompleteDocumentAndTheNextWriterAppendsAfterIt() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WriterKilledMidDocument.class.getName());
        command.add(dir.toString());
        command.add(Integer.toString(DOCUMENTS));
        final Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        final boolean exited = writer.waitFor(60, TimeUnit.SECONDS);
        final String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as(output).isTrue();
        assertThat(writer.exitValue()).as(output).isEqualTo(9);
        assertThat(output).contains("halting mid-document");

        assertThat(numbers()).as("the complete documents, and no error for the unfinished one")
            .hasSize(DOCUMENTS).startsWith(0L, 1L).endsWith((long)DOCUMENTS - 1);

        final long start = System.nanoTime();
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(dir))
        {
            final UnsafeBuffer message = new UnsafeBuffer(new byte[LENGTH]);
            message.putLong(0, 1000);
            journal.append(message, 0, LENGTH);
            journal.endOfBatch();
        }
        final long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("KilledWriterRecoveryTest: the next writer appended after " + recoveryMs + " ms");

        final List<Long> after = numbers();
        assertThat(after).hasSize(DOCUMENTS + 1);
        assertThat(after.get(DOCUMENTS)).isEqualTo(1000L);
    }

    private List<Long> numbers()
    {
        final List<Long> numbers = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            reader.readAll((sequence, source, buffer, offset, length) ->
            {
                assertThat(length).isEqualTo(LENGTH);
                numbers.add(buffer.getLong(offset));
            });
        }
        return numbers;
    }
}
