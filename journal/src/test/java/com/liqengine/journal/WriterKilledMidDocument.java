package com.liqengine.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Run as its own process by {@link KilledWriterRecoveryTest}: journals complete documents, then opens one more,
 * writes half of it and halts the JVM as {@code kill -9} would, leaving the document incomplete.
 */
public final class WriterKilledMidDocument
{
    private WriterKilledMidDocument()
    {
    }

    /**
     * Entry point.
     *
     * @param args the journal directory and the number of complete documents.
     */
    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[0]);
        final int documents = Integer.parseInt(args[1]);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[KilledWriterRecoveryTest.LENGTH]);
        final ChronicleInputJournal journal = ChronicleInputJournal.open(dir);
        for (int i = 0; i < documents; i++)
        {
            message.putLong(0, i);
            journal.append(message, 0, message.capacity());
            journal.endOfBatch();
        }
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext document = appender.writingDocument();
        document.wire().bytes().writeLong(-1);
        System.out.println("halting mid-document");
        System.out.flush();
        Runtime.getRuntime().halt(9);
    }
}
