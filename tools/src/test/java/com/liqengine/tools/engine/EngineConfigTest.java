package com.liqengine.tools.engine;

import com.liqengine.journal.FsyncPolicy;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.pipeline.EngineContext;
import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.Topology;
import com.liqengine.runtime.CorePinning;
import com.liqengine.runtime.CpuPlan;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.run.RunCommand;
import com.liqengine.tools.yaml.YamlFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engine configuration: the shipped file says what the defaults are, and a wrong one names its line.
 */
class EngineConfigTest
{
    @Test
    void shippedConfigurationIsTheDefaults()
    {
        final EngineConfig shipped = EngineConfigFile.load(Path.of("..", "config", "engine.yaml"));

        // the shipped file runs the market liquidation mode with ADL below 0; left out, takeover and no ADL
        assertThat(shipped).isEqualTo(EngineConfig.defaults(Path.of("liq-data"))
            .withLiquidation(LiquidationMode.MARKET, EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS,
                java.math.BigDecimal.ZERO));
        assertThat(shipped.engineSettings().hasFundFloor()).isTrue();
        assertThat(EngineConfig.defaults(Path.of("liq-data")).engineSettings().hasFundFloor()).isFalse();
        assertThat(shipped.engineSettings().liquidationMode()).isEqualTo(LiquidationMode.MARKET);
        assertThat(EngineConfig.defaults(Path.of("liq-data")).liquidationMode()).isEqualTo(LiquidationMode.TAKEOVER);
        // issue 13: the wait strategy a newcomer gets does not park while inputs flow (docs/pipeline.md)
        assertThat(shipped.idleStrategy()).isEqualTo(IdleStrategyName.BACKOFF);
        assertThat(new EngineContext().idleStrategy()).isEqualTo(IdleStrategyName.BACKOFF);
    }

    @Test
    void readsEverySetting(@TempDir final Path dir) throws IOException
    {
        final int core = CorePinning.availableCores().nextSetBit(0);
        final EngineConfig config = EngineConfigFile.load(write(dir, """
            paths: { inputQueue: a, journal: b, outputs: c, counters: d.dat, snapshots: e }
            journal: { rollCycle: FAST_HOURLY, fsync: per-batch, fsyncIntervalMs: 5 }
            pipeline: { ringSize: 1024, idleStrategy: busy-spin, topology: journal-then-apply, cpus: { engine: %d } }
            engine: { maxAccounts: 10, maxInstruments: 4, maxPositions: 30, marginCallRatio: "0.9",
                      insuranceFundAccount: 99 }
            snapshots: { interval: 5000, keep: 7 }
            liquidation: { mode: takeover, maxOpenOrders: 12, fundFloor: "-1000.5" }
            """.formatted(core)));

        assertThat(config).isEqualTo(new EngineConfig(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d.dat"),
            Path.of("e"), "FAST_HOURLY", FsyncPolicy.PER_BATCH, 5, 1024, IdleStrategyName.BUSY_SPIN,
            Topology.JOURNAL_THEN_APPLY, 10, 4, 30, new java.math.BigDecimal("0.9"), 99, 5000, 7,
            LiquidationMode.TAKEOVER, 12, new java.math.BigDecimal("-1000.5"), new CpuPlan(core, CpuPlan.UNPINNED)));
        assertThat(config.engineSettings().maxOpenLiquidations()).isEqualTo(12);
        assertThat(config.engineSettings().fundFloor()).isEqualTo(-100_050_000_000L);
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
        assertError(dir, "journal:\n  fsyncIntervalMs: 0\n", ":2: fsyncIntervalMs must be at least 1, not 0");
        assertError(dir, "engine:\n  marginCallRatio: 1.25\n", ":2: marginCallRatio must be above 0 and at most 1, "
            + "not 1.25");
        assertError(dir, "liquidation:\n  mode: auction\n", ":2: 'mode' of liquidation must be one of takeover, "
            + "market, not 'auction'");
        assertError(dir, "liquidation:\n  mode: market\n  maxOpenOrders: 16777217\n", ":3: maxOpenOrders must be "
            + "from 1 to 16777216, not 16777217");
        assertError(dir, "liquidation:\n  fundFloor: \"0.000000001\"\n", ":2: 'fundFloor' of liquidation has");
        assertError(dir, "liquidation:\n  fundFloor: \"3000000000\"\n", ":2: fundFloor must be within "
            + "±2882303761.51711744, not 3000000000");
        assertError(dir, "engine:\n  maxAccounts: 300000000\n", ":2: maxAccounts must be from 2 (the fund and one "
            + "account) to 268435456, not 300000000");
    }

    @Test
    void cpusNameBothRolesOrEither(@TempDir final Path dir) throws IOException
    {
        assumeTrue(CorePinning.availableCores().get(0) && CorePinning.availableCores().get(1), "cores 0 and 1");
        assertThat(EngineConfigFile.load(write(dir, "pipeline:\n  cpus: { engine: 1, ingress: 0 }\n")).cpus())
            .as("this machine has cores 0 and 1 at least").isEqualTo(new CpuPlan(1, 0));
        assertThat(EngineConfigFile.load(write(dir, "pipeline:\n  cpus:\n    ingress: 1\n")).cpus())
            .isEqualTo(new CpuPlan(CpuPlan.UNPINNED, 1));
        assertThat(EngineConfigFile.load(write(dir, "pipeline:\n  ringSize: 8\n")).cpus()).isEqualTo(CpuPlan.NONE);
    }

    @Test
    void cpusThatCannotBeAreRefusedOnTheirLine(@TempDir final Path dir) throws IOException
    {
        final String cores = CorePinning.describe(CorePinning.availableCores());
        assertError(dir, "pipeline:\n  cpus:\n    ingress: 4096\n", ":3: pipeline.cpus.ingress: core "
            + "4096 is not one this process may run on (cores " + cores + ")");
        assertError(dir, "pipeline:\n  cpus:\n    engine: -1\n", ":3: pipeline.cpus.engine: core -1 is not one");
        final int core = CorePinning.availableCores().nextSetBit(0);
        assertError(dir, "pipeline:\n  cpus:\n    engine: " + core + "\n    ingress: " + core + "\n",
            ":4: pipeline.cpus: engine and ingress are both on core " + core + ": each needs a core of its own");
        assertError(dir, "pipeline:\n  cpus:\n    engine: one\n",
            ":3: 'engine' of pipeline.cpus is not a decimal number: 'one'");
        assertError(dir, "pipeline:\n  cpus:\n    journal: 1\n", ":3: unknown field 'journal' in pipeline.cpus");
        assertError(dir, "pipeline:\n  cpus: 1\n", ":2: pipeline.cpus must be a mapping");
    }

    @Test
    void cpusOnTheCommandLineThatCannotBeAreAUsageError()
    {
        for (final String[] bad : new String[][]{
            {"engine=4096", "Invalid value for option '--cpus': engine: core 4096 is not one this process may run on"},
            {"engine=x", "Invalid value for option '--cpus': engine: 'x' is not a core number"},
            {"3", "Invalid value for option '--cpus': '3' is not role=core (roles: engine, ingress)"}})
        {
            final java.io.StringWriter usage = new java.io.StringWriter();
            final CommandLine run = new CommandLine(new RunCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
            run.setErr(new java.io.PrintWriter(usage, true));

            assertThat(run.execute("--cpus", bad[0], "--config", "does-not-matter.yaml")).isEqualTo(2);
            assertThat(usage.toString()).startsWith(bad[1]);
        }
    }

    @Test
    void marginCallRatioWithMoreDecimalsThanTheEngineKeepsNamesItsLine(@TempDir final Path dir) throws IOException
    {
        assertError(dir, "engine:\n  maxAccounts: 10\n  marginCallRatio: \"0.0066666666666666666667\"\n",
            ":3: 'marginCallRatio' of engine has more than 8 decimals (rates are kept with 8): "
                + "0.0066666666666666666667");
        assertError(dir, "engine:\n  marginCallRatio: 1E+12\n", ":2: 'marginCallRatio' of engine is out of range");
        // trailing zeros are not decimals the value needs
        assertThat(EngineConfigFile.load(write(dir, "engine:\n  marginCallRatio: \"0.9000000000\"\n"))
            .engineSettings().marginCallRatio()).isEqualTo(90_000_000L);
    }

    @Test
    void runRefusesTheFileWithItsLineAndExitsTwo(@TempDir final Path dir) throws IOException
    {
        final Path file = write(dir, "engine:\n  marginCallRatio: \"0.812345678\"\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = new CommandLine(new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--config", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(file + ":2: 'marginCallRatio' of engine has more "
            + "than 8 decimals (rates are kept with 8): 0.812345678" + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
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
