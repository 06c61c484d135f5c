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

    private static void drain(final FailoverOutputConsumer consumer)
    {
        while (consumer.poll(100) > 0)
        {
            // read all that is there
        }
    }

    @Test
    void eachOutputReachesTheConsumerOnceAcrossASwitchToANodeThatWasBehindAndCatchesUp(@TempDir final Path dir)
    {
        final List<long[]> all = outputs(1_000);
        final List<long[]> received = new ArrayList<>();
        try (ChronicleOutputChannel leader = ChronicleOutputChannel.open(dir.resolve("node-0"));
            ChronicleOutputChannel follower = ChronicleOutputChannel.open(dir.resolve("node-1"));
            FailoverOutputConsumer consumer = new FailoverOutputConsumer((sequence, ordinal, buffer, offset, length) ->
                received.add(new long[] {buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN),
                    buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN)})))
        {
            // the leader wrote 600 outputs and died; the follower had written only 400 of them so far
            write(leader, all, 0, 600);
            write(follower, all, 0, 400);
            consumer.follow(dir.resolve("node-0"));
            drain(consumer);
            assertThat(received).hasSize(600);

            consumer.follow(dir.resolve("node-1"));
            drain(consumer);
            assertThat(received).as("nothing new until the follower passes the leader").hasSize(600);
            write(follower, all, 400, all.size());
            drain(consumer);

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
            FailoverOutputConsumer consumer = new FailoverOutputConsumer((sequence, ordinal, buffer, offset, length) ->
                received.add(new long[] {buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN),
                    buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN)})))
        {
            write(first, all, 0, 5);
            write(second, all, 0, all.size());
            consumer.follow(dir.resolve("a"));
            drain(consumer);
            consumer.follow(dir.resolve("b"));
            drain(consumer);
            assertThat(received).hasSize(all.size());
            assertThat(received.get(5)).containsExactly(5, 2);
            assertThat(consumer.dropped()).isEqualTo(5);
        }
    }

    @Test
    void theAuditCountsNothingForAFailoverConsumerAndEveryRepeatForOneThatReadsTheNewQueueFromItsStart(
        @TempDir final Path dir)
    {
        final List<long[]> all = outputs(300);
        try (ChronicleOutputChannel a = ChronicleOutputChannel.open(dir.resolve("a"));
            ChronicleOutputChannel b = ChronicleOutputChannel.open(dir.resolve("b")))
        {
            write(a, all, 0, 120);
            write(b, all, 0, all.size());
        }
        final OutputAudit careful = new OutputAudit();
        final OutputAudit naive = new OutputAudit();
        try (FailoverOutputConsumer consumer = new FailoverOutputConsumer(careful))
        {
            consumer.follow(dir.resolve("a"));
            drain(consumer);
            consumer.follow(dir.resolve("b"));
            drain(consumer);
        }
        for (final String node : new String[] {"a", "b"})
        {
            // a consumer with no de-duplication: everything of both queues, positions as each queue has them
            try (FailoverOutputConsumer perQueue = new FailoverOutputConsumer(naive))
            {
                perQueue.follow(dir.resolve(node));
                drain(perQueue);
            }
        }
        assertThat(careful.compareWith(dir.resolve("b")))
            .isEqualTo(new OutputAudit.Result(all.size(), all.size(), 0, 0, 0));
        assertThat(careful.compareWith(dir.resolve("b")).exact()).isTrue();
        final OutputAudit.Result repeated = naive.compareWith(dir.resolve("b"));
        assertThat(repeated.duplicated()).isEqualTo(120);
        assertThat(repeated.missing()).isZero();
        assertThat(repeated.exact()).isFalse();
        // against a node that holds less than was received: what it lacks was received beyond its end
        final OutputAudit.Result shorter = careful.compareWith(dir.resolve("a"));
        assertThat(shorter.expected()).isEqualTo(120);
        assertThat(shorter.duplicated()).isEqualTo(all.size() - 120);
    }

    @Test
    void theAuditCountsAnOutputNeverReceivedAsMissing(@TempDir final Path dir)
    {
        final List<long[]> all = outputs(30);
        try (ChronicleOutputChannel a = ChronicleOutputChannel.open(dir.resolve("a")))
        {
            write(a, all, 0, all.size());
        }
        final OutputAudit audit = new OutputAudit();
        final UnsafeBuffer message = new UnsafeBuffer(new byte[24]);
        for (int i = 0; i < all.size(); i++)
        {
            if (i == 7)
            {
                continue;
            }
            message.putLong(8, all.get(i)[0], ByteOrder.LITTLE_ENDIAN);
            message.putLong(16, all.get(i)[1], ByteOrder.LITTLE_ENDIAN);
            audit.onOutput(all.get(i)[0], all.get(i)[1], message, 0, 24);
        }
        final OutputAudit.Result result = audit.compareWith(dir.resolve("a"));
        assertThat(result.missing()).isEqualTo(1);
        assertThat(result.duplicated()).isZero();
        assertThat(result.different()).isZero();
    }
}
