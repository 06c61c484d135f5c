package com.liqengine.cluster;

import com.liqengine.journal.OutputQueueReader;
import com.liqengine.journal.QueuedOutputHandler;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * What a consumer received, checked against a node's whole output queue: outputs missing (in the queue, never
 * received), duplicated (received more than once) and different (same position, other bytes). An output's
 * position is (input sequence, ordinal among that input's outputs), the same on every node. For the cluster demo
 * and tests (docs/cluster.md); it keeps three longs per output received.
 */
public final class OutputAudit implements OutputHandler
{
    private final LongArrayList sequences = new LongArrayList();
    private final LongArrayList ordinals = new LongArrayList();
    private final LongArrayList checksums = new LongArrayList();
    private final CRC32C crc = new CRC32C();

    @Override
    public void onOutput(
        final long sequence, final long ordinal, final DirectBuffer buffer, final int offset, final int length)
    {
        sequences.addLong(sequence);
        ordinals.addLong(ordinal);
        checksums.addLong(checksum(buffer, offset, length));
    }

    /**
     * @return outputs received.
     */
    public int received()
    {
        return sequences.size();
    }

    /**
     * Compares what was received, in order, with a node's whole output queue.
     *
     * @param outputQueue the reference node's output queue.
     * @return the counts.
     */
    public Result compareWith(final Path outputQueue)
    {
        final Comparison comparison = new Comparison();
        try (OutputQueueReader reference = OutputQueueReader.open(outputQueue, true))
        {
            while (reference.poll(comparison, 1_024) > 0)
            {
                // the whole queue
            }
        }
        comparison.finish();
        return new Result(comparison.expected, received(), comparison.missing, comparison.duplicated,
            comparison.different);
    }

    private long checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        crc.reset();
        for (int i = 0; i < length; i++)
        {
            crc.update(buffer.getByte(offset + i));
        }
        return crc.getValue();
    }

    /** Walks the reference queue and the received outputs side by side, both in position order. */
    private final class Comparison implements QueuedOutputHandler
    {
        private int next;
        private long expected;
        private long missing;
        private long duplicated;
        private long different;
        private long referenceSequence;
        private long referenceOrdinal;

        @Override
        public void onOutput(final long position, final DirectBuffer buffer, final int offset, final int length)
        {
            final long sequence = FailoverOutputConsumer.sequenceOf(buffer, offset, length);
            referenceOrdinal = sequence == referenceSequence ? referenceOrdinal + 1 : 1;
            referenceSequence = sequence;
            expected++;
            skipDuplicatesBefore(sequence, referenceOrdinal);
            if (next < received() && sequences.getLong(next) == sequence && ordinals.getLong(next) == referenceOrdinal)
            {
                if (checksums.getLong(next) != checksum(buffer, offset, length))
                {
                    different++;
                }
                next++;
                skipDuplicatesOf(sequence, referenceOrdinal);
            }
            else
            {
                missing++;
            }
        }

        /** Received outputs at positions before this one were received twice (or are not in the reference). */
        private void skipDuplicatesBefore(final long sequence, final long ordinalAt)
        {
            while (next < received() && before(sequences.getLong(next), ordinals.getLong(next), sequence, ordinalAt))
            {
                duplicated++;
                next++;
            }
        }

        private void skipDuplicatesOf(final long sequence, final long ordinalAt)
        {
            while (next < received() && sequences.getLong(next) == sequence && ordinals.getLong(next) == ordinalAt)
            {
                duplicated++;
                next++;
            }
        }

        void finish()
        {
            // received beyond the reference's end: more than the node wrote, counted as duplicated
            duplicated += received() - next;
        }

        private boolean before(final long s, final long o, final long sequence, final long ordinalAt)
        {
            return s < sequence || (s == sequence && o < ordinalAt);
        }
    }

    /**
     * @param expected outputs in the reference queue.
     * @param received outputs the consumer received.
     * @param missing in the reference, never received.
     * @param duplicated received more than once, or out of order.
     * @param different received at the right position with other bytes.
     */
    public record Result(long expected, long received, long missing, long duplicated, long different)
    {
        /**
         * @return true when every output was received exactly once, as written.
         */
        public boolean exact()
        {
            return missing == 0 && duplicated == 0 && different == 0 && expected == received;
        }
    }
}
