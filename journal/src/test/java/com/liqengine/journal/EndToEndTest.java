package com.liqengine.journal;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.pipeline.EngineContext;
import com.liqengine.pipeline.EngineCounters;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.LiquidationEngine;
import com.liqengine.pipeline.OutputChannel;
import com.liqengine.pipeline.Topology;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path as {@code liq run} wires it: a gateway's input queue, tailed by an {@link InputQueueReader}
 * into the engine's publisher; the engine journals every input to a {@link ChronicleInputJournal} and writes its
 * outputs to a {@link ChronicleOutputChannel}. Afterwards the journal holds exactly the published bytes, the
 * output queue holds outputs in input order, and they equal, byte for byte, what a bare state machine produces
 * from the same inputs.
 */
class EndToEndTest
{
    private static final int ACCOUNTS = 200;
    private static final int EVENTS = 30_000;

    @TempDir
    Path dir;

    private final InputEncoder encoder = new InputEncoder();
    private final List<byte[]> script = new ArrayList<>();
    private long random = 7;

    @ParameterizedTest
    @EnumSource(Topology.class)
    void journalAndOutputQueueMatchABareStateMachine(final Topology topology)
    {
        buildScript();
        final Path gatewayQueue = dir.resolve("gateway");
        try (InputQueueWriter gateway = InputQueueWriter.open(new QueueContext().path(gatewayQueue)))
        {
            for (final byte[] message : script)
            {
                gateway.append(new UnsafeBuffer(message), 0, message.length);
            }
            gateway.endOfBatch();
        }

        final Path journalDir = dir.resolve("journal");
        final Path outputDir = dir.resolve("outputs");
        final EngineCounters counters = EngineCounters.inMemory();
        final JournaledBeforeOutput checked = new JournaledBeforeOutput(ChronicleOutputChannel.open(outputDir),
            journalDir);
        final List<Long> gatewayIndexes = new ArrayList<>();
        final LiquidationEngine engine = LiquidationEngine.launch(new EngineContext()
            .topology(topology)
            .ringSize(1024)
            .marginSettings(settings())
            .counters(counters)
            .inputJournal(ChronicleInputJournal.open(new QueueContext().path(journalDir)
                .fsyncPolicy(FsyncPolicy.PERIODIC).fsyncIntervalMs(5)))
            .outputChannel(checked));
        final InputPublisher publisher = engine.newPublisher();
        try (InputQueueReader inputs = InputQueueReader.open(gatewayQueue, true))
        {
            long published = 0;
            while (published < script.size())
            {
                published += inputs.poll((index, buffer, offset, length) ->
                {
                    gatewayIndexes.add(index);
                    publisher.publish(buffer, offset, length, index);
                }, 100);
            }
        }
        engine.close();
        assertThat(engine.failure()).isNull();
        assertThat(counters.journalAppended()).isEqualTo(script.size());
        assertThat(engine.stateMachine().lastSequence()).isEqualTo(script.size());

        assertThat(ChronicleInputJournalTest.readAll(journalDir))
            .as("the journal holds every published input, byte for byte, in order")
            .containsExactlyElementsOf(script);
        final List<Long> sources = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            reader.readAll((sequence, source, buffer, offset, length) -> sources.add(source));
        }
        assertThat(sources).as("each input with the gateway queue's index it was read from")
            .isEqualTo(gatewayIndexes);
        assertThat(checked.checked).as("outputs whose input was looked for in the journal").isGreaterThan(1_000);

        final List<byte[]> outputs = new ArrayList<>();
        try (OutputQueueReader reader = OutputQueueReader.open(outputDir, true))
        {
            while (reader.poll((index, buffer, offset, length) -> outputs.add(copy(buffer, offset, length)), 1000) > 0)
            {
                assertThat(outputs.size()).isLessThan(10_000_000);
            }
        }
        final List<byte[]> expected = bareStateMachineOutputs();
        assertThat(outputs).hasSameSizeAs(expected);
        long lastSequence = 0;
        int liquidations = 0;
        for (int i = 0; i < outputs.size(); i++)
        {
            final UnsafeBuffer output = new UnsafeBuffer(outputs.get(i));
            final long sequence = output.getLong(MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
            assertThat(sequence).as("output %d's input sequence", i).isBetween(lastSequence, (long)script.size());
            lastSequence = sequence;
            if (output.getShort(2, ByteOrder.LITTLE_ENDIAN) == LiquidationTriggeredDecoder.TEMPLATE_ID)
            {
                liquidations++;
            }
            assertThat(outputs.get(i)).as("output %d", i).isEqualTo(expected.get(i));
        }
        assertThat(liquidations).as("the scenario liquidates").isGreaterThan(10);
        assertThat(counters.outputs()).isEqualTo(outputs.size());
    }

    /**
     * The crash-safety contract with the real journal: when an output is written, the journal's complete documents
     * already hold the input that caused it (read by another reader, as a restarted engine would read them).
     */
    private static final class JournaledBeforeOutput implements OutputChannel
    {
        private final ChronicleOutputChannel outputs;
        private final Path journal;
        private JournalReader reader;
        private long journaled;
        long checked;

        JournaledBeforeOutput(final ChronicleOutputChannel outputs, final Path journal)
        {
            this.outputs = outputs;
            this.journal = journal;
        }

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            final long sequence = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
            if (sequence > journaled)
            {
                if (reader == null)
                {
                    reader = JournalReader.open(journal);
                }
                journaled = reader.inputCount();
                assertThat(journaled).as("complete journal inputs when an output of input %d is written", sequence)
                    .isGreaterThanOrEqualTo(sequence);
            }
            checked++;
            outputs.onOutput(buffer, offset, length);
        }

        @Override
        public void endOfBatch()
        {
            outputs.endOfBatch();
        }

        @Override
        public void close()
        {
            if (reader != null)
            {
                reader.close();
            }
            outputs.close();
        }
    }

    private List<byte[]> bareStateMachineOutputs()
    {
        final List<byte[]> outputs = new ArrayList<>();
        final MarginStateMachine machine = new MarginStateMachine(
            settings(), (buffer, offset, length) -> outputs.add(copy(buffer, offset, length)));
        for (final byte[] message : script)
        {
            machine.onInput(new UnsafeBuffer(message), 0, message.length);
        }
        return outputs;
    }

    private static EngineSettings settings()
    {
        return new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2);
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    private void add(final int length)
    {
        script.add(copy(encoder.buffer(), 0, length));
    }

    private void buildScript()
    {
        add(encoder.instrumentDefinition(1, 1, new InstrumentSpec(0, "BTCUSDT", 1, 3, 1, 1, 20, MarginMode.CROSS,
            List.of(tier("50000", 125, "0.004", "0"), tier("250000", 100, "0.005", "50"),
                tier("1000000", 50, "0.01", "1300"), tier("10000000", 20, "0.025", "16300")))));
        add(encoder.instrumentDefinition(2, 2, new InstrumentSpec(1, "ETHUSDT", 2, 3, 1, 1, 20, MarginMode.CROSS,
            List.of(tier("10000", 100, "0.005", "0"), tier("100000", 75, "0.0065", "15"),
                tier("500000", 50, "0.01", "365"), tier("1000000", 25, "0.02", "5365")))));
        final long[] marks = {5_000_000L, 300_000L};
        add(encoder.markPriceTick(3, 3, 0, marks[0]));
        add(encoder.markPriceTick(4, 4, 1, marks[1]));
        for (int a = 1; a <= ACCOUNTS; a++)
        {
            add(encoder.deposit(a, a, a, amount("10000")));
            if (a % 2 == 0)
            {
                add(encoder.setMarginMode(a, a, a, 0, MarginMode.ISOLATED));
                add(encoder.setMarginMode(a, a, a, 1, MarginMode.ISOLATED));
            }
            add(encoder.setLeverage(a, a, a, 0, 50));
            add(encoder.setLeverage(a, a, a, 1, 50));
        }
        long tradeId = 1;
        for (int n = 0; n < EVENTS; n++)
        {
            final long r = next();
            final int instrument = (int)(r & 1);
            final int kind = (int)((r >>> 1) % 100);
            if (kind < 45)
            {
                final long start = instrument == 0 ? 5_000_000L : 300_000L;
                long step = ((r >>> 8) % 21 - 10) * marks[instrument] / 2_000;
                if ((r >>> 40) % 100 == 0)
                {
                    step = -marks[instrument] / 20;
                }
                marks[instrument] = Math.max(start / 2, Math.min(start * 2,
                    marks[instrument] + step + (start - marks[instrument]) / 50));
                add(encoder.markPriceTick(n, n, instrument, marks[instrument]));
            }
            else if (kind < 95)
            {
                final long account = 1 + (r >>> 12) % ACCOUNTS;
                final Side side = ((r >>> 30) & 1) == 0 ? Side.BUY : Side.SELL;
                add(encoder.fill(n, n, account, instrument, side, 1 + (r >>> 33) % 500, marks[instrument], 1_000,
                    tradeId++));
            }
            else if (kind < 97)
            {
                add(encoder.fundingRate(n, n, instrument, ((r >>> 20) % 201) - 100));
            }
            else if (kind < 99)
            {
                add(encoder.deposit(n, n, 1 + (r >>> 12) % ACCOUNTS, amount("100")));
            }
            else
            {
                // a malformed input is journaled and replayed like any other, and rejected the same way
                add(5);
            }
        }
    }

    private static TierSpec tier(final String cap, final int leverage, final String mmr, final String cum)
    {
        return new TierSpec(amount(cap), leverage, amount(mmr), amount(cum));
    }

    private static long amount(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(8).longValueExact();
    }

    private long next()
    {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return random & Long.MAX_VALUE;
    }
}
