package com.liqengine.pipeline;

import com.liqengine.api.InputEncoder;
import com.lmax.disruptor.RingBuffer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The engine's two live latencies ({@link LatencyStage}), recorded on the state machine's thread into one
 * {@link SingleWriterRecorder} each, without allocation; another thread takes the interval histograms
 * ({@link #intervalHistogram}). The clocks are read here, in the pipeline, never in the state machine.
 * A value outside 0 to {@link #HIGHEST_TRACKABLE_NANOS} (an {@code eventTime} ahead of this host's clock, or
 * not an epoch time at all) is not recorded but counted ({@link #outOfRange}): a histogram can only hold its range,
 * and one such input must not turn the interval's maximum into a meaningless hour.
 */
public final class PipelineLatency
{
    /** Largest latency recorded: one hour, in ns. */
    public static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Precision of the histograms: 3 significant digits (0.1%). */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder[] recorders = new SingleWriterRecorder[LatencyStage.values().length];
    private final AtomicLongArray outOfRange = new AtomicLongArray(LatencyStage.values().length);
    private final NanoClock nanoClock;
    private final EpochNanoClock epochClock;

    /**
     * Latencies on this host's clocks: {@link System#nanoTime()} (what {@link InputPublisher#commit(int)} stamps)
     * and an epoch clock derived from it without allocation ({@link SampledEpochClock}; {@link #sampleEpochClock()}
     * takes its offset to the wall clock again).
     */
    public PipelineLatency()
    {
        this(SystemNanoClock.INSTANCE, new SampledEpochClock());
    }

    /**
     * @param nanoClock the clock of {@link LatencyStage#COMMIT_TO_APPLIED}: the publisher's time stamps must be on
     *     it.
     * @param epochClock ns since the epoch, the clock of {@link LatencyStage#EVENT_TO_OUTPUT}.
     */
    public PipelineLatency(final NanoClock nanoClock, final EpochNanoClock epochClock)
    {
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
        for (final LatencyStage stage : LatencyStage.values())
        {
            recorders[stage.ordinal()] = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
        }
    }

    /** On the engine's thread, once the state machine has applied this slot's input. */
    void onApplied(final InputSlot slot)
    {
        record(LatencyStage.COMMIT_TO_APPLIED, nanoClock.nanoTime() - slot.ingressNanos);
    }

    /**
     * On the engine's thread, once the output channel has ended the batch of ring sequences {@code first} to
     * {@code last}: their outputs are written. The slots are still valid, as the handler's sequence has not moved
     * past them.
     */
    void onOutputsWritten(final RingBuffer<InputSlot> ring, final long first, final long last)
    {
        final long now = epochClock.nanoTime();
        for (long sequence = first; sequence <= last; sequence++)
        {
            final InputSlot slot = ring.get(sequence);
            // a truncated input has no eventTime: the state machine rejects it as malformed
            if (slot.length >= InputEncoder.EVENT_TIME_OFFSET + Long.BYTES)
            {
                record(LatencyStage.EVENT_TO_OUTPUT,
                    now - slot.buffer.getLong(InputEncoder.EVENT_TIME_OFFSET, ByteOrder.LITTLE_ENDIAN));
            }
        }
    }

    private void record(final LatencyStage stage, final long nanos)
    {
        if (nanos < 0 || nanos > HIGHEST_TRACKABLE_NANOS)
        {
            outOfRange.lazySet(stage.ordinal(), outOfRange.get(stage.ordinal()) + 1);
        }
        else
        {
            recorders[stage.ordinal()].recordValue(nanos);
        }
    }

    /**
     * The values recorded since the previous call for this stage (from another thread than the engine's; one
     * reader per stage).
     *
     * @param stage which latency.
     * @param recycle the histogram the previous call returned for this stage, or null the first time.
     * @return the interval's histogram in ns, with its start and end time stamps (ms since the epoch).
     */
    public Histogram intervalHistogram(final LatencyStage stage, final Histogram recycle)
    {
        return recycle == null ?
            recorders[stage.ordinal()].getIntervalHistogram() :
            recorders[stage.ordinal()].getIntervalHistogram(recycle);
    }

    /**
     * Takes the epoch clock's offset to the wall clock again, when it is a {@link SampledEpochClock} (from another
     * thread than the engine's: the metrics thread, once per interval).
     */
    public void sampleEpochClock()
    {
        if (epochClock instanceof SampledEpochClock sampled)
        {
            sampled.sample();
        }
    }

    /**
     * @param stage which latency.
     * @return inputs not recorded since the start because their latency was negative or above
     *     {@link #HIGHEST_TRACKABLE_NANOS}.
     */
    public long outOfRange(final LatencyStage stage)
    {
        return outOfRange.get(stage.ordinal());
    }
}
