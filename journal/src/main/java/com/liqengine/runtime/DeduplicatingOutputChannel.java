package com.liqengine.runtime;

import com.liqengine.pipeline.OutputChannel;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The output channel of a restarted engine: drops the outputs the output queue already holds (those of inputs
 * up to its last output's sequence, and of that input only as many as are there), then passes everything on.
 * Outputs are deterministic, so the replayed outputs it drops are the ones already written, byte for byte.
 * One comparison per output once past them; allocation-free.
 */
public final class DeduplicatingOutputChannel implements OutputChannel
{
    private static final int SEQUENCE_OFFSET = 8;

    private final OutputChannel delegate;
    private final long lastWrittenSequence;
    private long toSkipAtLast;
    private boolean passing;
    private long skipped;
    private long passed;

    /**
     * @param delegate the real output queue.
     * @param lastWrittenSequence input sequence of the last output in the queue (0: none).
     * @param writtenAtLast outputs of that input the queue holds.
     */
    public DeduplicatingOutputChannel(
        final OutputChannel delegate, final long lastWrittenSequence, final long writtenAtLast)
    {
        this.delegate = delegate;
        this.lastWrittenSequence = lastWrittenSequence;
        this.toSkipAtLast = writtenAtLast;
        this.passing = lastWrittenSequence == 0;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!passing)
        {
            final long sequence = buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (sequence < lastWrittenSequence || (sequence == lastWrittenSequence && toSkipAtLast > 0))
            {
                if (sequence == lastWrittenSequence)
                {
                    toSkipAtLast--;
                }
                skipped++;
                return;
            }
            passing = true;
        }
        passed++;
        delegate.onOutput(buffer, offset, length);
    }

    @Override
    public void endOfBatch()
    {
        delegate.endOfBatch();
    }

    @Override
    public void close()
    {
        delegate.close();
    }

    /**
     * @return outputs dropped because the queue already held them.
     */
    public long skipped()
    {
        return skipped;
    }

    /**
     * @return outputs passed on to the queue.
     */
    public long passed()
    {
        return passed;
    }

    /**
     * @return whether every output the queue held has been produced again (and dropped).
     */
    public boolean caughtUp()
    {
        return passing || toSkipAtLast == 0;
    }
}
