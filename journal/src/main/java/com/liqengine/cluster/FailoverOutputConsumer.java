package com.liqengine.cluster;

import com.liqengine.journal.OutputQueueReader;
import com.liqengine.journal.QueuedOutputHandler;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A consumer of the engine's outputs that follows one node's output queue at a time and survives a switch to
 * another node's (after a failover, docs/cluster.md): every node writes the same outputs in the same order, each
 * carrying the sequence of the input that caused it, so an output's position is (input sequence, its ordinal among
 * that input's outputs) on every node. After a switch the new queue is read from its start and what is at or
 * before the last position passed on is dropped; each output reaches the downstream handler exactly once.
 *
 * <p>Reading the new queue from its start costs a pass over what was already consumed; a consumer of a long-lived
 * queue would seek by sequence instead. One thread at a time; allocation-free between switches.
 */
public final class FailoverOutputConsumer implements QueuedOutputHandler, AutoCloseable
{
    /** Where an output's input sequence lies: after the SBE message header, first field of every output. */
    private static final int SEQUENCE_OFFSET = 8;

    private final OutputHandler downstream;
    private OutputQueueReader reader;
    private Path following;
    private long lastSequence;
    private long ordinalAtLast;
    private long readSequence;
    private long readOrdinal;
    private long delivered;
    private long dropped;
    private int switches;

    /**
     * @param downstream receives each output once, in order.
     */
    public FailoverOutputConsumer(final OutputHandler downstream)
    {
        this.downstream = downstream;
    }

    /**
     * Follows another node's output queue from now on (the first call picks the first one).
     *
     * @param outputQueue the node's output queue directory (it must exist).
     */
    public void follow(final Path outputQueue)
    {
        final OutputQueueReader next = OutputQueueReader.open(outputQueue, true);
        if (reader != null)
        {
            reader.close();
            switches++;
        }
        reader = next;
        following = outputQueue;
        readSequence = 0;
        readOrdinal = 0;
    }

    /**
     * Reads what the followed queue holds now, up to a limit.
     *
     * @param limit most outputs to read.
     * @return outputs read, passed on or dropped (0: idle).
     */
    public int poll(final int limit)
    {
        return reader == null ? 0 : reader.poll(this, limit);
    }

    @Override
    public void onOutput(final long position, final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = sequenceOf(buffer, offset, length);
        readOrdinal = sequence == readSequence ? readOrdinal + 1 : 1;
        readSequence = sequence;
        if (sequence < lastSequence || (sequence == lastSequence && readOrdinal <= ordinalAtLast))
        {
            dropped++;
            return;
        }
        downstream.onOutput(sequence, readOrdinal, buffer, offset, length);
        lastSequence = sequence;
        ordinalAtLast = readOrdinal;
        delivered++;
    }

    /**
     * The input sequence an output carries.
     *
     * @param buffer holding the output.
     * @param offset of its SBE header.
     * @param length of the output.
     * @return the sequence, or 0 for an output too short to hold one.
     */
    public static long sequenceOf(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= SEQUENCE_OFFSET + Long.BYTES ?
            buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN) : 0;
    }

    /**
     * @return outputs passed on downstream.
     */
    public long delivered()
    {
        return delivered;
    }

    /**
     * @return outputs read again after a switch and dropped, because they had been passed on already.
     */
    public long dropped()
    {
        return dropped;
    }

    /**
     * @return times the consumer moved to another node's queue.
     */
    public int switches()
    {
        return switches;
    }

    /**
     * @return input sequence of the last output passed on (0: none).
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return the queue followed now, or null before the first {@link #follow}.
     */
    public Path following()
    {
        return following;
    }

    @Override
    public void close()
    {
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
    }
}
