package com.liqengine.tools.engine;

import com.liqengine.journal.FsyncPolicy;
import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.Topology;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.yaml.YamlFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine configuration: the shipped file says what the defaults are, and a wrong one names its line.
 */
class EngineConfigTest
{
    @Test
    void shippedConfigurationIsTheDefaults()
    {
        final EngineConfig shipped = EngineConfigFile.load(Path.of("..", "config", "engine.yaml"));

        assertThat(shipped).isEqualTo(EngineConfig.defaults(Path.of("liq-data")));
    }

    @Test
    void readsEverySetting(@TempDir final Path dir) throws IOException
    {
        final EngineConfig config = EngineConfigFile.load(write(dir, """
            paths: { inputQueue: a, journal: b, outputs: c, counters: d.dat, snapshots: e }
            journal: { rollCycle: FAST_HOURLY, fsync: per-batch, fsyncIntervalMs: 5 }
            pipeline: { ringSize: 1024, idleStrategy: busy-spin, topology: journal-then-apply }
            engine: { maxAccounts: 10, maxInstruments: 4, maxPositions: 30, marginCallRatio: "0.9",
                      insuranceFundAccount: 99 }
            snapshots: { interval: 5000, keep: 7 }
            """));

        assertThat(config).isEqualTo(new EngineConfig(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d.dat"),
            Path.of("e"), "FAST_HOURLY", FsyncPolicy.PER_BATCH, 5, 1024, IdleStrategyName.BUSY_SPIN,
            Topology.JOURNAL_THEN_APPLY, 10, 4, 30, new java.math.BigDecimal("0.9"), 99, 5000, 7));
    }

    @Test
    void wrongSettingsNameTheirLine(@TempDir final Path dir) throws IOException
    {
        assertError(dir, "pipeline:\n  ringSize: 1000\n", ":2: ringSize must be a power of two");
        assertError(dir, "engine:\n  maxInstruments: 1025\n", ":2: maxInstruments must be from 1 to 1024");
        assertError(dir, "engine:\n  maxPositions: -1\n", ":2: maxPositions must be from 0 (the default) to");
        assertError(dir, "journal:\n  fsync: always\n", ":2: 'fsync' of journal must be one of none, per-batch, "
            + "periodic, not 'always'");
        assertError(dir, "engine:\n  maxAccount: 5\n", ":2: unknown field 'maxAccount' in engine");
        assertError(dir, "journal:\n  rollCycle: FORTNIGHTLY\n", ":2: ");
        assertError(dir, "snapshots:\n  interval: -1\n", ":2: interval must be 0");
        assertError(dir, "snapshots:\n  interval: 10\n  keep: -2\n", ":3: keep must be 0 (keep every snapshot) or "
            + "more, not -2");
    }

    private static void assertError(final Path dir, final String yaml, final String expected) throws IOException
    {
        final Path file = write(dir, yaml);
        assertThatThrownBy(() -> EngineConfigFile.load(file)).isInstanceOf(YamlFileException.class)
            .hasMessageStartingWith(file + expected);
    }

    private static Path write(final Path dir, final String yaml) throws IOException
    {
        return Files.writeString(Files.createTempFile(dir, "engine", ".yaml"), yaml);
    }
}
