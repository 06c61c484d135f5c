package com.liqengine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Readers tail a queue that another writer (here another queue instance, as another process would) is
 * appending to, see every output (or input) in order, and resume after a saved position.
 */
class QueueReaderTest
{
    @TempDir
    Path dir;

    @Test
    void outputQueueTailedWhileWrittenSeesEveryDocumentInOrder() throws Exception
    {
        final int outputs = 200_000;
        final ChronicleOutputChannel channel = ChronicleOutputChannel.open(dir);
        final AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        final Thread writer = new Thread(() ->
        {
            try
            {
                final UnsafeBuffer message = new UnsafeBuffer(new byte[40]);
                for (int i = 0; i < outputs; i++)
                {
                    message.putLong(0, i);
                    // the length varies with the number so that a misplaced document shows
                    channel.onOutput(message, 0, 8 + (i % 32));
                    if (i % 64 == 63)
                    {
                        channel.endOfBatch();
                    }
                }
                channel.endOfBatch();
            }
            catch (final Throwable ex)
            {
                writerFailure.set(ex);
            }
        });
        // readOnly needs the queue to exist: the channel created it
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            writer.start();
            final long[] expected = {0};
            final long[] lastPosition = {OutputQueueReader.NO_OUTPUT};
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (expected[0] < outputs && System.nanoTime() < deadline)
            {
                final int read = reader.poll((position, buffer, offset, length) ->
                {
                    assertThat(buffer.getLong(offset)).isEqualTo(expected[0]);
                    assertThat(length).isEqualTo(8 + (int)(expected[0] % 32));
                    assertThat(position).isEqualTo(lastPosition[0] + 1);
                    lastPosition[0] = position;
                    expected[0]++;
                }, 1000);
                if (read == 0)
                {
                    Thread.yield();
                }
            }
            writer.join();
            assertThat(writerFailure.get()).isNull();
            assertThat(expected[0]).isEqualTo(outputs);
            assertThat(reader.lastReadOutput()).isEqualTo(lastPosition[0]).isEqualTo(outputs);
            assertThat(reader.poll((index, buffer, offset, length) -> { }, 10)).isZero();
        }
        finally
        {
            channel.close();
        }
        assertThat(channel.written()).isEqualTo(outputs);
    }

    @Test
    void readerResumesAfterASavedPosition()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        try (ChronicleOutputChannel channel = ChronicleOutputChannel.open(dir))
        {
            for (int i = 0; i < 100; i++)
            {
                message.putLong(0, i);
                channel.onOutput(message, 0, 16);
            }
            channel.endOfBatch();
        }
        final List<Long> first = new ArrayList<>();
        final long saved;
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThat(reader.poll((index, buffer, offset, length) -> first.add(buffer.getLong(offset)), 40))
                .isEqualTo(40);
            saved = reader.lastReadOutput();
        }
        assertThat(first).hasSize(40).endsWith(39L);

        try (ChronicleOutputChannel channel = ChronicleOutputChannel.open(dir))
        {
            message.putLong(0, 100);
            channel.onOutput(message, 0, 16);
            channel.endOfBatch();
        }
        final List<Long> rest = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true).resumeAfter(saved))
        {
            assertThat(reader.lastReadOutput()).isEqualTo(saved);
            while (reader.poll((index, buffer, offset, length) -> rest.add(buffer.getLong(offset)), 7) > 0)
            {
                assertThat(rest.size()).isLessThanOrEqualTo(61);
            }
            assertThat(reader.toEnd().poll((index, buffer, offset, length) -> rest.add(-1L), 10)).isZero();
            reader.toStart();
            final long[] firstAgain = {-1};
            assertThat(reader.poll((index, buffer, offset, length) -> firstAgain[0] = buffer.getLong(offset), 1))
                .isEqualTo(1);
            assertThat(firstAgain[0]).isZero();
            assertThatThrownBy(() -> reader.resumeAfter(saved + 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no output " + (saved + 1_000_000));
        }
        assertThat(rest).hasSize(61).startsWith(40L, 41L).endsWith(99L, 100L);
    }

    @Test
    void aDocumentWhoseHandlerThrowsIsDeliveredAgain()
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
        try (ChronicleOutputChannel channel = ChronicleOutputChannel.open(dir))
        {
            for (int i = 0; i < 3; i++)
            {
                message.putLong(0, i);
                channel.onOutput(message, 0, 8);
            }
            channel.endOfBatch();
        }
        final List<Long> seen = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(dir, true))
        {
            assertThatThrownBy(() -> reader.poll((index, buffer, offset, length) ->
            {
                seen.add(buffer.getLong(offset));
                if (buffer.getLong(offset) == 1)
                {
                    throw new IllegalStateException("consumer failed");
                }
            }, 10)).hasMessage("consumer failed");
            reader.poll((index, buffer, offset, length) -> seen.add(buffer.getLong(offset)), 10);
        }
        assertThat(seen).containsExactly(0L, 1L, 1L, 2L);
    }

    @Test
    void inputQueueFromAGatewayIsTailedByTheInputReader()
    {
        // a gateway writes its own queue: plain Chronicle documents of SBE bytes, one each
        final UnsafeBuffer message = new UnsafeBuffer(new byte[24]);
        final Path inputs = dir.resolve("gateway");
        try (InputQueueWriter gateway = InputQueueWriter.open(new QueueContext().path(inputs)))
        {
            for (int i = 0; i < 10; i++)
            {
                message.putLong(0, i);
                gateway.append(message, 0, 24);
            }
            gateway.endOfBatch();
        }
        final List<Long> read = new ArrayList<>();
        try (InputQueueReader reader = InputQueueReader.open(inputs, false))
        {
            assertThat(reader.poll((index, buffer, offset, length) -> read.add(buffer.getLong(offset)), 100))
                .isEqualTo(10);
        }
        assertThat(read).hasSize(10).startsWith(0L).endsWith(9L);
        assertThatThrownBy(() -> InputQueueReader.open(dir.resolve("no-gateway-yet"), true))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no queue at");
    }
}
