package com.liqengine.tools.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.tools.demo.DemoMarket;
import com.liqengine.tools.demo.MarketRegime;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * The demo market's inputs encoded once, before anything is measured, so the single-process engine and every
 * cluster run get the same bytes in the same order and the encoding is not part of any round trip. Input
 * {@code i} (from 0) goes to the cluster with source sequence {@code i + 1}; the set-up inputs (instruments, the
 * fund, the accounts) come first.
 */
final class BenchInputs
{
    private final UnsafeBuffer bytes;
    private final int[] offsets;
    private final int[] lengths;
    private final int setUpCount;

    private BenchInputs(final UnsafeBuffer bytes, final int[] offsets, final int[] lengths, final int setUpCount)
    {
        this.bytes = bytes;
        this.offsets = offsets;
        this.lengths = lengths;
        this.setUpCount = setUpCount;
    }

    /**
     * @param seed the market's seed.
     * @param accounts accounts of the market.
     * @param regime crashes or calm.
     * @param events market events after the set-up.
     * @return the set-up inputs, then {@code events} market events.
     */
    static BenchInputs generate(final long seed, final int accounts, final MarketRegime regime, final int events)
    {
        final DemoMarket market = new DemoMarket(seed, accounts, regime);
        final int setUp = market.setUpCount();
        final int count = setUp + events;
        final int[] offsets = new int[count];
        final int[] lengths = new int[count];
        final InputEncoder encoder = new InputEncoder();
        byte[] store = new byte[Math.max(InputEncoder.BUFFER_LENGTH, count * 96)];
        int position = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = i < setUp ? market.setUp(encoder, i) : market.next(encoder, i - setUp + 1);
            if (position + length > store.length)
            {
                store = Arrays.copyOf(store, store.length * 2);
            }
            encoder.buffer().getBytes(0, store, position, length);
            offsets[i] = position;
            lengths[i] = length;
            position += length;
        }
        return new BenchInputs(new UnsafeBuffer(store, 0, Math.max(1, position)), offsets, lengths, setUp);
    }

    /**
     * @return how many inputs, the set-up included.
     */
    int count()
    {
        return offsets.length;
    }

    /**
     * @return how many of the first inputs are the market's set-up.
     */
    int setUpCount()
    {
        return setUpCount;
    }

    /**
     * Copies input {@code index} into a buffer.
     *
     * @return its length.
     */
    int copy(final int index, final MutableDirectBuffer target, final int targetOffset)
    {
        final int length = lengths[index];
        target.putBytes(targetOffset, bytes, offsets[index], length);
        return length;
    }
}
