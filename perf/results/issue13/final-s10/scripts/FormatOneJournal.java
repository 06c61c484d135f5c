import com.liqengine.api.InputEncoder;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Writes a journal in format 1, as builds before issue 13 did (one Chronicle document per input: the input's bytes,
 * then their CRC32C, little endian): 1,000 deposits. For the audit: every reader of this build must refuse it naming
 * both versions. Usage: java -cp tools/target/liq-tools.jar FormatOneJournal.java DIR
 */
public final class FormatOneJournal
{
    public static void main(final String[] args)
    {
        final InputEncoder encoder = new InputEncoder();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(args[0]).build();
            ExcerptAppender appender = queue.createAppender())
        {
            for (int i = 1; i <= 1000; i++)
            {
                final int length = encoder.deposit(i, 1_000L * i, i, 1_000_000_000L);
                final byte[] input = new byte[length];
                encoder.buffer().getBytes(0, input);
                final CRC32C crc = new CRC32C();
                crc.update(input, 0, length);
                final ByteBuffer document = ByteBuffer.allocate(length + 4).order(ByteOrder.LITTLE_ENDIAN).put(input);
                document.putInt((int)crc.getValue());
                try (DocumentContext context = appender.writingDocument())
                {
                    context.wire().bytes().write(document.array());
                }
            }
        }
        System.out.println("wrote 1,000 format 1 documents to " + args[0]);
    }
}
