package com.liqengine.cluster;

import com.liqengine.journal.ChronicleOutputChannel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverOutputConsumerTest
{
    /** Outputs of inputs 1..n: input s has s % 3 outputs (none for every third), each tagged (s, ordinal). */
    private static List<long[]> outputs(final int inputs)
    {
        final List<long[]> all = new ArrayList<>();
        for (long s = 1; s <= inputs; s++)
        {
            for (long k = 1; k <= s % 3; k++)
            {
                all.add(new long[] {s, k});
            }
        }
        return all;
    }

    private static void write(final ChronicleOutputChannel queue, final List<long[]> outputs, final int from,
        final int to)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[24]);
        for (int i = from; i < to; i++)
        {
            message.putLong(8, outputs.get(i)[0], ByteOrder.LITTLE_ENDIAN);
            message.putLong(16, outputs.get(i)[1], ByteOrder.LITTLE_ENDIAN);
            queue.onOutput(message, 0, 24);
        }
        queue.endOfBatch();
    }

    private static List<long[]> drain(final FailoverOutputConsumer consumer, final List<long[]> received)
    {
        while (consumer.poll(100) > 0)
        {
            // read all that is there
        }
        return received;
    }

    @Test
    void eachOutputReachesTheConsumerOnceAcrossASwitchToANodeThatWasBehindAndCatchesUp(@TempDir final Path dir)
    {
        final List<long[]> all = outputs(1_000);
        final List<long[]> received = new ArrayList<>();
        try (ChronicleOutputChannel leader = ChronicleOutputChannel.open(dir.resolve("node-0"));
            ChronicleOutputChannel follower = ChronicleOutputChannel.open(dir.resolve("node-1"));
            FailoverOutputConsumer consumer = new FailoverOutputConsumer((index, buffer, offset, length) ->
                received.add(new long[] {buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN),
                    buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN)})))
        {
            // the leader wrote 600 outputs and died; the follower had written only 400 of them so far
            write(leader, all, 0, 600);
            write(follower, all, 0, 400);
            consumer.follow(dir.resolve("node-0"));
            drain(consumer, received);
            assertThat(received).hasSize(600);

            consumer.follow(dir.resolve("node-1"));
            drain(consumer, received);
            assertThat(received).as("nothing new until the follower passes the leader").hasSize(600);
            write(follower, all, 400, all.size());
            drain(consumer, received);

            assertThat(received).hasSize(all.size());
            for (int i = 0; i < all.size(); i++)
            {
                assertThat(received.get(i)).as("output %d", i).containsExactly(all.get(i));
            }
            assertThat(consumer.dropped()).isEqualTo(600);
            assertThat(consumer.delivered()).isEqualTo(all.size());
            assertThat(consumer.switches()).isEqualTo(1);
            assertThat(consumer.lastSequence()).isEqualTo(all.get(all.size() - 1)[0]);
        }
    }

    @Test
    void aSwitchInsideOneInputsOutputsPassesOnOnlyTheRestOfThem(@TempDir final Path dir)
    {
        final List<long[]> all = outputs(10);
        // outputs: (1,1) (2,1) (2,2) (4,1) (5,1) (5,2) (7,1) (8,1) (8,2) (10,1); stop between (5,1) and (5,2)
        final List<long[]> received = new ArrayList<>();
        try (ChronicleOutputChannel first = ChronicleOutputChannel.open(dir.resolve("a"));
            ChronicleOutputChannel second = ChronicleOutputChannel.open(dir.resolve("b"));
            FailoverOutputConsumer consumer = new FailoverOutputConsumer((index, buffer, offset, length) ->
                received.add(new long[] {buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN),
                    buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN)})))
        {
            write(first, all, 0, 5);
            write(second, all, 0, all.size());
            consumer.follow(dir.resolve("a"));
            drain(consumer, received);
            consumer.follow(dir.resolve("b"));
            drain(consumer, received);
            assertThat(received).hasSize(all.size());
            assertThat(received.get(5)).containsExactly(5, 2);
            assertThat(consumer.dropped()).isEqualTo(5);
        }
    }
}
