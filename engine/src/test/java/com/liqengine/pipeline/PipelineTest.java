package com.liqengine.pipeline;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MessageHeaderEncoder;
import com.liqengine.codec.RejectReason;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.testing.MixedEvents;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline (ring, journal, state machine) in both topologies: it journals exactly what was published, emits
 * no output before its input is journaled, numbers inputs without gaps, waits rather than drops when the ring
 * is full, and produces byte for byte the outputs of the bare state machine.
 */
class PipelineTest
{
    private static final int ACCOUNTS = 200;
    private static final int EVENTS = 30_000;

    @ParameterizedTest
    @EnumSource(Topology.class)
    void pipelineJournalsEverythingAndMatchesTheBareStateMachine(final Topology topology)
    {
        final List<byte[]> inputs = inputs();
        final MemoryJournal journal = new MemoryJournal();
        final RecordingOutputChannel outputs = new RecordingOutputChannel(journal);
        final LiquidationEngine engine = LiquidationEngine.launch(context(journal, outputs).topology(topology));
        final InputPublisher publisher = engine.newPublisher();
        for (final byte[] input : inputs)
        {
            publisher.publish(new UnsafeBuffer(input), 0, input.length);
        }
        engine.close();

        assertThat(engine.failure()).isNull();
        assertThat(journal.closed).isTrue();
        assertThat(outputs.closed).isTrue();
        assertThat(journal.entries).hasSameSizeAs(inputs);
        for (int i = 0; i < inputs.size(); i++)
        {
            assertThat(journal.entries.get(i)).as("journal entry %d", i).isEqualTo(inputs.get(i));
        }
        assertThat(outputs.unjournaled).as("outputs sent before their input was journaled").isEmpty();
        final List<byte[]> bare = bareOutputs(inputs);
        assertThat(outputs.outputs).hasSameSizeAs(bare);
        for (int i = 0; i < bare.size(); i++)
        {
            assertThat(outputs.outputs.get(i)).as("output %d", i).isEqualTo(bare.get(i));
        }
        assertThat(engine.stateMachine().lastSequence()).isEqualTo(inputs.size());
        assertThat(count(outputs.outputs, "LiquidationTriggered")).as("the run must liquidate").isGreaterThan(10);
        assertThat(count(outputs.outputs, "RequestRejected")).as("the malformed inputs").isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void sequenceNumbersAreGaplessAndEveryRequestIsAnsweredWithItsOwn(final Topology topology)
    {
        final List<byte[]> inputs = inputs();
        final MemoryJournal journal = new MemoryJournal();
        final RecordingOutputChannel outputs = new RecordingOutputChannel(journal);
        final LiquidationEngine engine = LiquidationEngine.launch(context(journal, outputs).topology(topology));
        final InputPublisher publisher = engine.newPublisher();
        final TreeSet<Long> requests = new TreeSet<>();
        for (int i = 0; i < inputs.size(); i++)
        {
            final byte[] input = inputs.get(i);
            final long ringSequence = publisher.publish(new UnsafeBuffer(input), 0, input.length);
            assertThat(ringSequence).isEqualTo(i);
            final boolean hasHeader = input.length >= MessageHeaderEncoder.ENCODED_LENGTH;
            if (!hasHeader || (new UnsafeBuffer(input).getShort(2) & 0xFFFF) > 2)
            {
                requests.add((long)i + 1); // everything but ticks (1) and fills (2) is answered
            }
        }
        engine.close();

        long previous = 0;
        final TreeSet<Long> answered = new TreeSet<>();
        for (final byte[] output : outputs.outputs)
        {
            final OutputRecord record = OutputRecord.decode(new UnsafeBuffer(output), 0, output.length);
            final long sequence = record.get("sequence");
            assertThat(sequence).isBetween(previous, (long)inputs.size());
            previous = sequence;
            if (record.type().startsWith("Request"))
            {
                answered.add(sequence);
            }
        }
        assertThat(answered).isEqualTo(requests);
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void fullRingMakesThePublisherWaitAndNothingIsDropped(final Topology topology)
    {
        final List<byte[]> inputs = inputs().subList(0, 3_000);
        final MemoryJournal slowJournal = new MemoryJournal(200_000);
        final RecordingOutputChannel outputs = new RecordingOutputChannel(slowJournal);
        final LiquidationEngine engine =
            LiquidationEngine.launch(context(slowJournal, outputs).topology(topology).ringSize(4));
        final InputPublisher publisher = engine.newPublisher();
        for (final byte[] input : inputs)
        {
            publisher.publish(new UnsafeBuffer(input), 0, input.length);
        }
        engine.close();

        assertThat(publisher.waits()).isGreaterThan(0);
        assertThat(slowJournal.entries).hasSameSizeAs(inputs);
        assertThat(engine.stateMachine().lastSequence()).isEqualTo(inputs.size());
        assertThat(outputs.outputs).hasSameSizeAs(bareOutputs(inputs));
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void malformedInputIsJournaledAsReceivedRejectedAndTheEngineGoesOn(final Topology topology)
    {
        final MemoryJournal journal = new MemoryJournal();
        final RecordingOutputChannel outputs = new RecordingOutputChannel(journal);
        final LiquidationEngine engine = LiquidationEngine.launch(context(journal, outputs).topology(topology));
        final InputPublisher publisher = engine.newPublisher();
        final List<byte[]> malformed = malformed();
        for (final byte[] bad : malformed)
        {
            publisher.publish(new UnsafeBuffer(bad), 0, bad.length);
        }
        final InputEncoder encoder = publisher.claim();
        publisher.commit(encoder.deposit(7, 0, 1, 100_000_000L));
        engine.close();

        assertThat(engine.failure()).isNull();
        for (int i = 0; i < malformed.size(); i++)
        {
            assertThat(journal.entries.get(i)).isEqualTo(malformed.get(i));
        }
        final List<OutputRecord> records = new ArrayList<>();
        outputs.outputs.forEach(o -> records.add(OutputRecord.decode(new UnsafeBuffer(o), 0, o.length)));
        assertThat(records).extracting(OutputRecord::type)
            .containsExactly("RequestRejected", "RequestRejected", "RequestRejected", "RequestAccepted");
        assertThat(records.subList(0, 3)).extracting(r -> r.get("reason")).containsExactly(
            (long)RejectReason.MALFORMED_MESSAGE.value(), (long)RejectReason.UNKNOWN_TEMPLATE.value(),
            (long)RejectReason.UNSUPPORTED_VERSION.value());
        assertThat(engine.stateMachine().crossWallet(1)).isEqualTo(100_000_000L);
    }

    private static EngineContext context(final InputJournal journal, final OutputChannel outputs)
    {
        return new EngineContext()
            .marginSettings(new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2))
            .inputJournal(journal)
            .outputChannel(outputs)
            .ringSize(1024);
    }

    /** Set-up, mixed events, and the three kinds of malformed input spread among them. */
    static List<byte[]> inputs()
    {
        final MixedEvents events = new MixedEvents(ACCOUNTS, 7);
        final InputEncoder encoder = new InputEncoder();
        final List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < events.setUpCount(); i++)
        {
            inputs.add(copy(encoder, events.setUp(i, encoder)));
        }
        final List<byte[]> malformed = malformed();
        for (int n = 0; n < EVENTS; n++)
        {
            inputs.add(copy(encoder, events.next(n, encoder)));
            if (n % 10_000 == 5_000)
            {
                inputs.addAll(malformed);
            }
        }
        return inputs;
    }

    /** A truncated header, a template that is not an input, a schema version from the future. */
    static List<byte[]> malformed()
    {
        final InputEncoder encoder = new InputEncoder();
        final byte[] truncated = {1, 2, 3};
        final byte[] notAnInput = copy(encoder, encoder.deposit(1, 1, 1, 1));
        new UnsafeBuffer(notAnInput).putShort(2, (short)50);
        final byte[] future = copy(encoder, encoder.deposit(1, 1, 1, 1));
        new UnsafeBuffer(future).putShort(6, (short)99);
        return List.of(truncated, notAnInput, future);
    }

    private static byte[] copy(final InputEncoder encoder, final int length)
    {
        final byte[] bytes = new byte[length];
        encoder.buffer().getBytes(0, bytes);
        return bytes;
    }

    static List<byte[]> bareOutputs(final List<byte[]> inputs)
    {
        final List<byte[]> outputs = new ArrayList<>();
        final MarginStateMachine bare = new MarginStateMachine(
            new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2), (buffer, offset, length) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                outputs.add(copy);
            });
        for (final byte[] input : inputs)
        {
            bare.onInput(new UnsafeBuffer(input), 0, input.length);
        }
        return outputs;
    }

    private static long count(final List<byte[]> outputs, final String type)
    {
        return outputs.stream().filter(o -> OutputRecord.decode(new UnsafeBuffer(o), 0, o.length).type().equals(type))
            .count();
    }
}
