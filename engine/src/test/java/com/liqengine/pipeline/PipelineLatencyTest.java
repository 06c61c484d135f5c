package com.liqengine.pipeline;

import com.liqengine.api.InputEncoder;
import com.liqengine.margin.EngineSettings;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The latencies recorded are the ones measured: with clocks that stand still, every input's commit time stamp
 * and {@code eventTime} are chosen, so each recorded value is known in advance, down to the histogram's precision.
 * And the {@code eventTime} latency is taken after its batch's outputs are written, never before.
 */
class PipelineLatencyTest
{
    private static final long NANO_NOW = 50_000_000_000L;
    private static final long EPOCH_NOW = 1_780_000_000_000_000_000L;
    private static final long MICROS = 1_000;
    private static final long MILLIS = 1_000_000;
    private static final int INPUTS = 100;

    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    @ParameterizedTest
    @EnumSource(Topology.class)
    void recordsEachInputsCommitAndEventTimeLatency(final Topology topology)
    {
        final PipelineLatency latency = new PipelineLatency(() -> NANO_NOW, () ->
        {
            order.add("clock");
            return EPOCH_NOW;
        });
        final MemoryJournal journal = new MemoryJournal();
        final LiquidationEngine engine = LiquidationEngine.launch(new EngineContext()
            .topology(topology)
            .marginSettings(new EngineSettings().maxAccounts(INPUTS + 1).maxInstruments(1))
            .inputJournal(journal)
            .outputChannel(new OrderedOutputs(journal))
            .latency(latency));
        final InputPublisher publisher = engine.newPublisher();
        // input i: committed (i + 1) µs ago, sent by the matching engine (i + 1) ms ago
        for (int i = 0; i < INPUTS; i++)
        {
            final InputEncoder encoder = publisher.claim();
            final int length = encoder.deposit(i, EPOCH_NOW - (i + 1) * MILLIS, i + 1, 1_000);
            publisher.commit(length, NANO_NOW - (i + 1) * MICROS);
        }
        // an eventTime ahead of this host's clock (the clocks disagree): counted, not recorded
        publisher.commit(publisher.claim().deposit(INPUTS, EPOCH_NOW + MILLIS, 1, 1_000), NANO_NOW);
        // too short to hold an eventTime: the engine rejects it; its commit latency is still recorded
        publisher.claim();
        publisher.commit(10, NANO_NOW - 200 * MICROS);
        engine.close();

        final Histogram commit = latency.intervalHistogram(LatencyStage.COMMIT_TO_APPLIED, null);
        assertThat(commit.getTotalCount()).isEqualTo(INPUTS + 2);
        assertThat(commit.getCountBetweenValues(1 * MICROS, INPUTS * MICROS)).isEqualTo(INPUTS);
        assertThat(commit.getCountAtValue(0)).as("the input committed at 'now'").isEqualTo(1);
        assertThat(commit.getValueAtPercentile(50)).as("the median of 0, 1, 2, ... 100 and 200 µs")
            .isCloseTo(50 * MICROS, within(50 * MICROS / 1000));
        assertThat(commit.getMaxValue()).isCloseTo(200 * MICROS, within(200 * MICROS / 1000));

        final Histogram event = latency.intervalHistogram(LatencyStage.EVENT_TO_OUTPUT, null);
        assertThat(event.getTotalCount()).isEqualTo(INPUTS);
        assertThat(event.getMinValue()).isCloseTo(1 * MILLIS, within(MILLIS / 1000));
        assertThat(event.getMaxValue()).isCloseTo(INPUTS * MILLIS, within(INPUTS * MILLIS / 1000));
        assertThat(event.getValueAtPercentile(99)).isCloseTo(99 * MILLIS, within(99 * MILLIS / 1000));
        assertThat(latency.outOfRange(LatencyStage.EVENT_TO_OUTPUT)).isEqualTo(1);
        assertThat(latency.outOfRange(LatencyStage.COMMIT_TO_APPLIED)).isZero();

        assertThat(order).as("the epoch clock is read once per batch").contains("clock");
        for (int i = 0; i < order.size(); i++)
        {
            if (order.get(i).equals("clock"))
            {
                assertThat(order.get(i - 1)).as("what happened before clock read %d: %s", i, order)
                    .isEqualTo("end of batch");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void intervalsHoldOnlyWhatWasRecordedSinceThePreviousOne(final Topology topology)
    {
        final PipelineLatency latency = new PipelineLatency(() -> NANO_NOW, () -> EPOCH_NOW);
        final MemoryJournal journal = new MemoryJournal();
        final AtomicLong applied = new AtomicLong();
        final LiquidationEngine engine = LiquidationEngine.launch(new EngineContext()
            .topology(topology)
            .inputJournal(journal)
            .outputChannel(new OrderedOutputs(journal))
            .appliedListener(ingressNanos -> applied.incrementAndGet())
            .latency(latency));
        final InputPublisher publisher = engine.newPublisher();
        publisher.commit(publisher.claim().deposit(1, EPOCH_NOW - 7 * MILLIS, 1, 1_000), NANO_NOW - 7 * MICROS);
        awaitApplied(applied, 1);
        final Histogram first = latency.intervalHistogram(LatencyStage.COMMIT_TO_APPLIED, null);
        publisher.commit(publisher.claim().deposit(2, EPOCH_NOW - 3 * MILLIS, 1, 1_000), NANO_NOW - 3 * MICROS);
        engine.close();
        final Histogram second = latency.intervalHistogram(LatencyStage.COMMIT_TO_APPLIED, null);

        assertThat(first.getTotalCount()).isEqualTo(1);
        assertThat(first.getMaxValue()).isCloseTo(7 * MICROS, within(7L));
        assertThat(second.getTotalCount()).isEqualTo(1);
        assertThat(second.getMaxValue()).isCloseTo(3 * MICROS, within(3L));
    }

    /** The latency is recorded before the applied listener is told. */
    private static void awaitApplied(final AtomicLong applied, final long count)
    {
        final long deadline = System.nanoTime() + 10_000 * MILLIS;
        while (applied.get() < count && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }

    /** Notes each end of batch in the test's order of events. */
    private final class OrderedOutputs implements OutputChannel
    {
        private final RecordingOutputChannel outputs;

        OrderedOutputs(final InputJournal journal)
        {
            outputs = new RecordingOutputChannel(journal);
        }

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            outputs.onOutput(buffer, offset, length);
        }

        @Override
        public void endOfBatch()
        {
            order.add("end of batch");
        }

        @Override
        public void close()
        {
        }
    }
}
