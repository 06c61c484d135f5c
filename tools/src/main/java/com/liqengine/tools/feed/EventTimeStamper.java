package com.liqengine.tools.feed;

import com.liqengine.api.InputEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * {@code liq feed --stamp-event-time}: gives each input the time it is written as its {@code eventTime}, on this
 * host's clock in ns since the epoch, as a matching engine stamps its events, so that {@code liq run}'s
 * event-to-output latency measures the queue and the engine (docs/operations.md). The input is copied first: the
 * bytes it comes from (a scenario's, an encoder's) stay as they are.
 */
final class EventTimeStamper implements InputSink
{
    private final InputSink next;
    private final EpochNanoClock clock;
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[InputEncoder.BUFFER_LENGTH]);

    EventTimeStamper(final InputSink next, final EpochNanoClock clock)
    {
        this.next = next;
        this.clock = clock;
    }

    @Override
    public void append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < InputEncoder.EVENT_TIME_OFFSET + Long.BYTES || length > copy.capacity())
        {
            // no eventTime to stamp, or more than an input slot holds: as it is, for the engine to reject
            next.append(buffer, offset, length);
            return;
        }
        copy.putBytes(0, buffer, offset, length);
        copy.putLong(InputEncoder.EVENT_TIME_OFFSET, clock.nanoTime(), ByteOrder.LITTLE_ENDIAN);
        next.append(copy, 0, length);
    }
}
