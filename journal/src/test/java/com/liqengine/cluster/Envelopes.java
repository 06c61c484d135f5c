package com.liqengine.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.testing.MixedEvents;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Envelopes and demo-like inputs for the service's tests, as byte arrays (the log the service sees).
 */
final class Envelopes
{
    static final int ACCOUNTS = 20;

    private Envelopes()
    {
    }

    /**
     * @param count how many.
     * @param seed of the stream.
     * @return demo-like SBE inputs: instruments, accounts, then ticks, fills, funding and deposits.
     */
    static List<byte[]> demoInputs(final int count, final long seed)
    {
        final MixedEvents events = new MixedEvents(ACCOUNTS, seed);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[InputEncoder.BUFFER_LENGTH]);
        final InputEncoder encoder = new InputEncoder().target(buffer);
        final List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final int length = i < events.setUpCount() ? events.setUp(i, encoder) : events.next(i, encoder);
            final byte[] input = new byte[length];
            buffer.getBytes(0, input);
            inputs.add(input);
        }
        return inputs;
    }

    static byte[] input(final int sourceId, final long sequence, final byte[] input)
    {
        final byte[] envelope = new byte[IngressEnvelope.HEADER_LENGTH + input.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(envelope);
        IngressEnvelope.writeHeader(buffer, 0, IngressEnvelope.INPUT, sourceId, sequence);
        buffer.putBytes(IngressEnvelope.HEADER_LENGTH, input);
        return envelope;
    }

    static byte[] header(final short kind, final int sourceId, final long sequence)
    {
        final byte[] envelope = new byte[IngressEnvelope.HEADER_LENGTH];
        IngressEnvelope.writeHeader(new UnsafeBuffer(envelope), 0, kind, sourceId, sequence);
        return envelope;
    }
}
