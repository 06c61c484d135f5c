package com.liqengine.pipeline;

import com.liqengine.api.InputEncoder;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;

/**
 * Publishes inputs into the engine's ring from one thread, allocation-free: {@link #claim()} gives an encoder
 * aimed at the next free slot, the caller encodes one message, {@link #commit(int)} publishes it. When the
 * ring is full the publisher waits (never drops) and counts the wait.
 *
 * <pre>
 * InputEncoder slot = publisher.claim();
 * publisher.commit(slot.fill(correlationId, eventTime, account, instrument, Side.BUY, qty, price, fee, tradeId));
 * </pre>
 */
public final class InputPublisher
{
    private final RingOwner engine;
    private final RingBuffer<InputSlot> ring;
    private final EngineCounters counters;
    private final InputEncoder encoder = new InputEncoder();
    private long claimed = -1;
    private long waits;

    InputPublisher(final RingOwner engine, final RingBuffer<InputSlot> ring, final EngineCounters counters)
    {
        this.engine = engine;
        this.ring = ring;
        this.counters = counters;
    }

    /**
     * Claims the next slot, waiting while the ring is full.
     *
     * @return an encoder writing into the slot.
     * @throws IllegalStateException when the engine stopped or a claim is already open.
     */
    public InputEncoder claim()
    {
        if (claimed >= 0)
        {
            throw new IllegalStateException("commit the claimed slot first");
        }
        claimed = nextSequence();
        return encoder.target(ring.get(claimed).buffer);
    }

    /**
     * Publishes the claimed slot.
     *
     * @param length the encoded length the encoder returned.
     * @return the slot's ring sequence (from 0; the engine numbers this input {@code sequence + 1}).
     */
    public long commit(final int length)
    {
        return commit(length, System.nanoTime());
    }

    /**
     * Publishes the claimed slot with the time the input should have been sent: an open-loop load generator
     * gives its planned send time, so latency counts the time an input waited to get in (no coordinated
     * omission).
     *
     * @param length the encoded length the encoder returned.
     * @param ingressNanos {@link System#nanoTime()} the input is measured from.
     * @return the slot's ring sequence.
     */
    public long commit(final int length, final long ingressNanos)
    {
        final long sequence = claimed;
        if (sequence < 0)
        {
            throw new IllegalStateException("no slot claimed");
        }
        final InputSlot slot = ring.get(sequence);
        slot.length = length;
        slot.ingressNanos = ingressNanos;
        slot.sourceIndex = InputSlot.NO_SOURCE;
        claimed = -1;
        ring.publish(sequence);
        return sequence;
    }

    /**
     * Copies a message already encoded (e.g. read from an input queue) into the next slot and publishes it.
     *
     * @param buffer holding it.
     * @param offset of the message.
     * @param length of the message; longer than {@link InputSlot#CAPACITY} is truncated, and the state machine
     *     then rejects it as malformed.
     * @return the slot's ring sequence.
     */
    public long publish(final DirectBuffer buffer, final int offset, final int length)
    {
        return publish(buffer, offset, length, InputSlot.NO_SOURCE);
    }

    /**
     * Copies a message read from an input queue into the next slot and publishes it with the queue's index of
     * its document, which the journal records (docs/journal.md).
     *
     * @param buffer holding it.
     * @param offset of the message.
     * @param length of the message; longer than {@link InputSlot#CAPACITY} is truncated (then rejected).
     * @param sourceIndex the input queue's index of the document, or {@link InputSlot#NO_SOURCE}.
     * @return the slot's ring sequence.
     */
    public long publish(final DirectBuffer buffer, final int offset, final int length, final long sourceIndex)
    {
        final long sequence = nextSequence();
        final InputSlot slot = ring.get(sequence);
        final int copied = Math.min(length, InputSlot.CAPACITY);
        slot.buffer.putBytes(0, buffer, offset, copied);
        slot.length = copied;
        slot.ingressNanos = System.nanoTime();
        slot.sourceIndex = sourceIndex;
        ring.publish(sequence);
        return sequence;
    }

    /**
     * Times this publisher found the ring full.
     *
     * @return waits.
     */
    public long waits()
    {
        return waits;
    }

    private long nextSequence()
    {
        engine.checkRunning();
        while (true)
        {
            try
            {
                return ring.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                waits++;
                if (counters != null)
                {
                    counters.onPublisherWait();
                }
                engine.checkRunning();
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }
}
