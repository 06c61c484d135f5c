package com.liqengine.runtime;

import com.liqengine.journal.JournalSettings;
import com.liqengine.journal.JournalSettingsException;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.snapshot.RecordedSettings;
import com.liqengine.testing.MixedEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal's folder records the settings the journal is written with (docs/journal.md): written at the first
 * start, a restart with other settings refused naming each difference with nothing written, a journal written before
 * the records recorded at its next start, a damaged record reported with its path.
 */
class JournalSettingsRecordTest
{
    private static final int ACCOUNTS = 200;
    private static final int EVENTS = 3_000;
    private static final int SNAPSHOT_EVERY = 1_000;

    @TempDir
    Path dir;

    @Test
    void aRestartWithAnotherMarginCallRatioIsRefusedNamingBothValuesAndWritesNothing()
    {
        final EngineConfig config = config();
        final long hash = run(config);
        assertThat(JournalSettings.read(config.journal())).isEqualTo(RecordedSettings.of(config.engineSettings()));
        final Map<String, String> before = FolderContents.of(dir);

        assertThatThrownBy(() -> EngineRuntime.start(withMarginCallRatio(config, "0.9"), null))
            .isInstanceOf(JournalSettingsException.class)
            .hasMessageContaining("the journal at " + config.journal() + " was written with engine.marginCallRatio 0.8 "
                + "(the engine has 0.9) (its settings record " + JournalSettings.file(config.journal()) + ")")
            .hasMessageContaining("start with the journal's settings, or start a new journal folder");
        assertThatThrownBy(() -> EngineRuntime.start(
            withMarginCallRatio(config, "0.9").withLiquidation(LiquidationMode.MARKET, 16, BigDecimal.ONE), null))
            .isInstanceOf(JournalSettingsException.class)
            .hasMessageContaining("engine.marginCallRatio 0.8 (the engine has 0.9); liquidation.mode takeover (the "
                + "engine has market); liquidation.maxOpenOrders 65536 (the engine has 16); liquidation.fundFloor "
                + "none (the engine has 1)");
        assertThat(FolderContents.of(dir)).isEqualTo(before);

        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            assertThat(engine.recovery().stateHash()).isEqualTo(hash);
        }
    }

    @Test
    void aJournalWrittenBeforeTheRecordsIsRecordedAtItsNextStartUnlessItsSnapshotRefusesTheSettings()
        throws IOException
    {
        final EngineConfig config = config();
        final long hash = run(config);
        Files.delete(JournalSettings.file(config.journal()));

        // the snapshot's header still tells: refused, and the other settings are not recorded
        assertThatThrownBy(() -> EngineRuntime.start(withMarginCallRatio(config, "0.9"), null))
            .isInstanceOf(RecoveryException.class)
            .hasMessageContaining("was taken with engine.marginCallRatio 0.8 (the engine has 0.9)");
        assertThat(JournalSettings.file(config.journal())).doesNotExist();

        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            assertThat(engine.recovery().stateHash()).isEqualTo(hash);
        }
        assertThat(JournalSettings.read(config.journal())).isEqualTo(RecordedSettings.of(config.engineSettings()));
    }

    @Test
    void aDamagedRecordIsReportedWithItsPathAndNothingStarts() throws IOException
    {
        final EngineConfig config = config();
        run(config);
        final Path record = JournalSettings.file(config.journal());
        final byte[] whole = Files.readAllBytes(record);

        Files.write(record, Arrays.copyOf(whole, 30));
        final Map<String, String> truncated = FolderContents.of(dir);
        assertThatThrownBy(() -> EngineRuntime.start(config, null))
            .isInstanceOf(JournalSettingsException.class)
            .hasMessageContaining("the journal's settings record " + record + " is unusable: truncated: 30 bytes, "
                + "a record has 64. Nothing was started");
        assertThat(FolderContents.of(dir)).isEqualTo(truncated);

        final byte[] flipped = whole.clone();
        flipped[33] ^= 0x01;
        Files.write(record, flipped);
        assertThatThrownBy(() -> EngineRuntime.start(config, null))
            .isInstanceOf(JournalSettingsException.class)
            .hasMessageContaining("the journal's settings record " + record + " is unusable: checksum mismatch");

        Files.write(record, whole);
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            assertThat(engine.recovery().journalInputs()).isPositive();
        }
    }

    @Test
    void aRecordHoldsEverySettingTheOutputsDependOn()
    {
        final EngineSettings settings = new EngineSettings().maxAccounts(77).maxInstruments(5).maxPositions(123)
            .insuranceFundAccountId(9).marginCallRatio(91_000_000L).liquidationMode(LiquidationMode.MARKET)
            .maxOpenLiquidations(33).fundFloor(-5_000_000_000L).conclude();
        final Path journal = dir.resolve("journal");

        JournalSettings.write(journal, settings);

        final RecordedSettings read = JournalSettings.read(journal);
        assertThat(read).isEqualTo(RecordedSettings.of(settings));
        assertThat(read.mismatch(settings)).isNull();
        assertThat(RecordedSettings.of(read.engineSettings())).isEqualTo(read);
        assertThat(read.toString()).isEqualTo("engine.maxAccounts 77, engine.maxInstruments 5, engine.maxPositions "
            + "123, engine.marginCallRatio 0.91, engine.insuranceFundAccount 9, liquidation.mode market, "
            + "liquidation.maxOpenOrders 33, liquidation.fundFloor -50");
        assertThat(read.mismatch(new EngineSettings().maxAccounts(77).maxInstruments(5).maxPositions(124)
            .insuranceFundAccountId(9).marginCallRatio(91_000_000L).liquidationMode(LiquidationMode.MARKET)
            .maxOpenLiquidations(33).conclude()))
            .isEqualTo("engine.maxPositions 123 (the engine has 124); liquidation.fundFloor -50 (the engine has none)");
        assertThat(JournalSettings.read(dir.resolve("elsewhere"))).isNull();
    }

    private EngineConfig config()
    {
        return EngineConfig.defaults(dir).withMaxAccounts(ACCOUNTS + 1).withSnapshotInterval(0);
    }

    /** The configuration with another margin call ratio (EngineConfig has no copy method for it). */
    private static EngineConfig withMarginCallRatio(final EngineConfig c, final String ratio)
    {
        return new EngineConfig(c.inputQueue(), c.journal(), c.outputs(), c.counters(), c.snapshots(), c.rollCycle(),
            c.fsync(), c.fsyncIntervalMs(), c.ringSize(), c.idleStrategy(), c.topology(), c.maxAccounts(),
            c.maxInstruments(), c.maxPositions(), new BigDecimal(ratio), c.insuranceFundAccount(),
            c.snapshotInterval(), c.snapshotKeep(), c.liquidationMode(), c.maxOpenLiquidationOrders(), c.fundFloor(),
            c.cpus());
    }

    /** Set-up and the events, a snapshot request every 1,000: the state hash at the end. */
    private static long run(final EngineConfig config)
    {
        final MixedEvents events = new MixedEvents(ACCOUNTS, 3);
        try (EngineRuntime engine = EngineRuntime.start(config, null))
        {
            final InputPublisher publisher = engine.newPublisher();
            MixedPublishing.setUp(publisher, events);
            MixedPublishing.events(publisher, events, 0, EVENTS, SNAPSHOT_EVERY);
            engine.close();
            return engine.engine().stateMachine().stateHash();
        }
    }
}
