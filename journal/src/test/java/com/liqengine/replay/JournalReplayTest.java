package com.liqengine.replay;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.journal.ChronicleInputJournal;
import com.liqengine.journal.JournalReader;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.EngineRuntime;
import com.liqengine.runtime.MixedPublishing;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.testing.MixedEvents;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Determinism, proved on the real pipeline: a million random inputs (liquidations in both modes) journaled and
 * applied by a running engine replay to the recorded outputs byte for byte and to the engine's state hash, and a
 * replay started from each of the run's snapshots ends with the same hash and outputs. A changed input is found
 * as the first divergence, with its sequence, output, field and both values.
 */
class JournalReplayTest
{
    private static final long UNIT = 100_000_000L;
    private static final int ACCOUNTS = 2_000;
    private static final int EVENTS = 1_000_000;
    private static final int SNAPSHOT_EVERY = 200_000;

    @Test
    void millionInputsReplayIdenticallyFromTheStartAndFromEverySnapshot(@TempDir final Path dir)
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(ACCOUNTS + 1).withSnapshotInterval(0)
            .withSnapshotKeep(0);
        final MixedEvents events = new MixedEvents(ACCOUNTS, 11);
        final long liveHash;
        final long liveOutputs;
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final InputPublisher publisher = engine.newPublisher();
            MixedPublishing.setUp(publisher, events);
            MixedPublishing.events(publisher, events, 0, EVENTS, SNAPSHOT_EVERY);
            engine.close();
            liveHash = engine.engine().stateMachine().stateHash();
            liveOutputs = engine.counters().outputs();
        }

        final int[] liquidations = new int[2];
        final ReplayResult full = new JournalReplay(config.engineSettings()).compareWith(config.outputs())
            .listener(new ReplayListener()
            {
                @Override
                public void onOutput(final DirectBuffer buffer, final int offset, final int length)
                {
                    if (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) == 50)
                    {
                        liquidations[buffer.getByte(offset + 8 + 36)]++;
                    }
                }
            })
            .run(config.journal());
        System.out.printf("JournalReplayTest: replayed %,d inputs and compared %,d outputs in %,d ms (%,.0f inputs/s);"
            + " %,d isolated and %,d cross liquidations%n", full.inputs(), full.compared(), full.nanos() / 1_000_000,
            full.inputsPerSecond(), liquidations[0], liquidations[1]);

        assertThat(full.divergence()).isNull();
        assertThat(full.inputs()).isEqualTo(events.setUpCount() + EVENTS + EVENTS / SNAPSHOT_EVERY);
        assertThat(full.compared()).isEqualTo(full.outputs()).isEqualTo(liveOutputs);
        assertThat(full.stateHash()).isEqualTo(liveHash);
        assertThat(liquidations[0]).as("isolated liquidations").isGreaterThan(100);
        assertThat(liquidations[1]).as("cross liquidations").isGreaterThan(100);

        final List<Path> snapshots =
            new com.liqengine.snapshot.SnapshotStore(config.snapshots(), Throwable::printStackTrace).files();
        assertThat(snapshots).hasSize(EVENTS / SNAPSHOT_EVERY);
        for (final Path file : snapshots)
        {
            final ReplayResult fromSnapshot = new JournalReplay(config.engineSettings()).from(SnapshotFile.read(file))
                .compareWith(config.outputs()).run(config.journal());
            assertThat(fromSnapshot.divergence()).as(file.toString()).isNull();
            assertThat(fromSnapshot.stateHash()).as(file.toString()).isEqualTo(liveHash);
            assertThat(fromSnapshot.inputs() + SnapshotFile.read(file).sequence()).isEqualTo(full.inputs());
        }
    }

    @Test
    void aChangedInputIsTheFirstDivergenceWithItsFieldAndValues(@TempDir final Path dir)
    {
        final EngineConfig config = EngineConfig.defaults(dir.resolve("recorded")).withMaxAccounts(10);
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            liquidation(engine.newPublisher(), 470_000);
        }
        // the same journal but the last tick at 47,100.0 instead of 47,000.0
        final Path changed = dir.resolve("changed");
        final List<byte[]> inputs = com.liqengine.runtime.Queues.journal(config.journal());
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(changed))
        {
            for (int i = 0; i < inputs.size(); i++)
            {
                final UnsafeBuffer input = new UnsafeBuffer(inputs.get(i));
                if (i == inputs.size() - 1)
                {
                    input.putLong(8 + 20, 471_000, ByteOrder.LITTLE_ENDIAN);
                }
                journal.append(input, 0, input.capacity());
            }
            journal.endOfBatch();
        }

        final ReplayResult same = new JournalReplay(config.engineSettings()).compareWith(config.outputs())
            .run(config.journal());
        final ReplayResult result = new JournalReplay(config.engineSettings()).compareWith(config.outputs())
            .run(changed);

        assertThat(same.divergence()).isNull();
        assertThat(same.compared()).isEqualTo(6);
        assertThat(result.divergence()).isEqualTo(new Divergence(5, 4, "LiquidationTriggered", "LiquidationTriggered",
            "markPrice", "470000", "471000"));
        assertThat(result.divergence().describe()).isEqualTo("first divergence at input sequence 5, output #4 "
            + "(recorded LiquidationTriggered, replayed LiquidationTriggered): field markPrice recorded 470000, "
            + "replayed 471000");
    }

    @Test
    void untilStopsAfterThatInputAndARecordingWithMoreOutputsDiverges(@TempDir final Path dir)
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(10);
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            liquidation(engine.newPublisher(), 470_000);
        }
        final ReplayResult untilFill = new JournalReplay(config.engineSettings()).compareWith(config.outputs())
            .until(4).run(config.journal());
        assertThat(untilFill.sequence()).isEqualTo(4);
        assertThat(untilFill.divergence()).isNull();
        final MarginStateMachine state = untilFill.engine();
        assertThat(state.positionSize(7, 0)).isEqualTo(100);

        // a journal missing its last input: the recording holds outputs the replay does not produce
        final Path shorter = dir.resolve("shorter");
        final List<byte[]> inputs = com.liqengine.runtime.Queues.journal(config.journal());
        try (ChronicleInputJournal journal = ChronicleInputJournal.open(shorter))
        {
            for (int i = 0; i < inputs.size() - 1; i++)
            {
                journal.append(new UnsafeBuffer(inputs.get(i)), 0, inputs.get(i).length);
            }
            journal.endOfBatch();
        }
        final ReplayResult result = new JournalReplay(config.engineSettings()).compareWith(config.outputs())
            .run(shorter);
        assertThat(result.divergence().sequence()).isEqualTo(5);
        assertThat(result.divergence().replayedType()).isEqualTo("none");
        try (JournalReader reader = JournalReader.open(shorter))
        {
            assertThat(reader.readAll((sequence, source, buffer, offset, length) -> { })).isEqualTo(4);
        }
    }

    /** Five inputs: instrument, tick, deposit, a 20x isolated long, and a tick at {@code lastMark} that liquidates. */
    static void liquidation(final InputPublisher publisher, final long lastMark)
    {
        publisher.commit(publisher.claim().instrumentDefinition(1, 1, new InstrumentSpec(0, "BTCUSDT", 1, 3, 1, 1,
            20, MarginMode.ISOLATED, List.of(new TierSpec(50_000 * UNIT, 125, 400_000, 0)))));
        publisher.commit(publisher.claim().markPriceTick(2, 2, 0, 500_000));
        publisher.commit(publisher.claim().deposit(3, 3, 7, 1_000 * UNIT));
        publisher.commit(publisher.claim().fill(4, 4, 7, 0, Side.BUY, 100, 500_000, 0, 1));
        publisher.commit(publisher.claim().markPriceTick(5, 5, 0, lastMark));
    }
}
