package com.liqengine.tools.engine;

import com.liqengine.journal.FsyncPolicy;
import com.liqengine.journal.RollCycleNames;
import com.liqengine.margin.EngineSettings;
import com.liqengine.math.FixedPoint;
import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.Topology;
import com.liqengine.runtime.CorePinning;
import com.liqengine.runtime.CpuPlan;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.yaml.LiquidationSection;
import com.liqengine.tools.yaml.YamlFileException;
import com.liqengine.tools.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

/**
 * Reads {@code config/engine.yaml} (docs/pipeline.md) into an {@link EngineConfig}, naming the line of anything
 * wrong. Every field is optional; what is left out keeps its default.
 */
public final class EngineConfigFile
{
    /** The file's sections; {@code metrics} is read by {@link MetricsSection}. */
    static final List<String> TOP =
        List.of("paths", "journal", "pipeline", "engine", "liquidation", "snapshots", MetricsSection.NAME);
    private static final List<String> PATHS = List.of("inputQueue", "journal", "outputs", "counters", "snapshots");
    private static final List<String> SNAPSHOTS = List.of("interval", "keep");
    private static final List<String> JOURNAL = List.of("rollCycle", "fsync", "fsyncIntervalMs");
    private static final List<String> PIPELINE = List.of("ringSize", "idleStrategy", "topology", "cpus");
    private static final List<String> CPUS = List.of("engine", "ingress");
    private static final List<String> ENGINE =
        List.of("maxAccounts", "maxInstruments", "maxPositions", "marginCallRatio", "insuranceFundAccount");

    /** Decimals the engine keeps rates with (docs/margin.md section 1). */
    private static final int RATE_DECIMALS = FixedPoint.DECIMALS;
    private static final String RATES = "rates are kept with " + RATE_DECIMALS;

    /** Where every path points when the file does not say. */
    private static final Path DEFAULT_FOLDER = Path.of("liq-data");

    private EngineConfigFile()
    {
    }

    /**
     * Reads a configuration file, or takes the defaults (every path under {@code liq-data}) when there is none:
     * for the commands that read what an engine left behind.
     *
     * @param file the YAML file, which may be missing.
     * @return the configuration.
     * @throws YamlFileException for an unknown field or a bad value, with the line.
     */
    public static EngineConfig loadOrDefaults(final Path file)
    {
        return Files.exists(file) ? load(file) : EngineConfig.defaults(DEFAULT_FOLDER);
    }

    /**
     * Reads a configuration for a command, printing {@code FILE:LINE: what is wrong} when it is wrong.
     *
     * @param file the YAML file.
     * @param defaultsWhenMissing take the defaults when the file does not exist, instead of reporting it.
     * @param err where the problem goes.
     * @return the configuration, or null after reporting the problem (the command exits 2).
     */
    public static EngineConfig readForCommand(final Path file, final boolean defaultsWhenMissing, final PrintStream err)
    {
        try
        {
            return defaultsWhenMissing ? loadOrDefaults(file) : load(file);
        }
        catch (final YamlFileException ex)
        {
            err.println(ex.getMessage());
            return null;
        }
    }

    /**
     * Reads a configuration file; paths in it are relative to the working directory.
     *
     * @param file the YAML file.
     * @return the configuration.
     * @throws YamlFileException for a missing file, an unknown field or a bad value, with the line.
     */
    public static EngineConfig load(final Path file)
    {
        final String name = file.toString();
        final Node root = YamlMap.root(file);
        final YamlMap top = YamlMap.of(name, "the configuration", root, TOP);
        final EngineConfig d = EngineConfig.defaults(DEFAULT_FOLDER);
        final YamlMap paths = section(name, top, "paths", PATHS);
        final YamlMap journal = section(name, top, "journal", JOURNAL);
        final YamlMap pipeline = section(name, top, "pipeline", PIPELINE);
        final YamlMap engine = section(name, top, "engine", ENGINE);
        final YamlMap snapshots = section(name, top, "snapshots", SNAPSHOTS);
        final LiquidationSection liquidation = LiquidationSection.read(
            section(name, top, "liquidation", LiquidationSection.KEYS), d.liquidationMode());
        final long interval = snapshots.has("interval") ? snapshots.integer("interval") : d.snapshotInterval();
        if (interval < 0)
        {
            throw snapshots.error("interval", "interval must be 0 (no periodic snapshots) or more, not " + interval);
        }
        final int keep = snapshots.has("keep") ? snapshots.smallInteger("keep") : d.snapshotKeep();
        if (keep < 0)
        {
            throw snapshots.error("keep", "keep must be 0 (keep every snapshot) or more, not " + keep);
        }
        final String rollCycle = journal.has("rollCycle") ? journal.text("rollCycle") : d.rollCycle();
        try
        {
            RollCycleNames.resolve(rollCycle);
        }
        catch (final IllegalArgumentException ex)
        {
            throw journal.error("rollCycle", ex.getMessage());
        }
        final long fsyncIntervalMs =
            journal.has("fsyncIntervalMs") ? journal.integer("fsyncIntervalMs") : d.fsyncIntervalMs();
        if (fsyncIntervalMs < 1)
        {
            throw journal.error("fsyncIntervalMs", "fsyncIntervalMs must be at least 1, not " + fsyncIntervalMs);
        }
        final int ringSize = pipeline.has("ringSize") ? pipeline.smallInteger("ringSize") : d.ringSize();
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw pipeline.error("ringSize", "ringSize must be a power of two of at least 2, not " + ringSize);
        }
        final int maxInstruments = engine.has("maxInstruments") ? engine.smallInteger("maxInstruments") :
            d.maxInstruments();
        if (maxInstruments < 1 || maxInstruments > EngineSettings.MAX_INSTRUMENTS_LIMIT)
        {
            throw engine.error("maxInstruments", "maxInstruments must be from 1 to " +
                EngineSettings.MAX_INSTRUMENTS_LIMIT + ", not " + maxInstruments);
        }
        final int maxPositions = engine.has("maxPositions") ? engine.smallInteger("maxPositions") : d.maxPositions();
        final int mostPositions = EngineSettings.MAX_SLOTS - maxInstruments;
        if (maxPositions < 0 || maxPositions > mostPositions)
        {
            throw engine.error("maxPositions", "maxPositions must be from 0 (the default) to " + mostPositions +
                ", not " + maxPositions);
        }
        final int maxAccounts = engine.has("maxAccounts") ? engine.smallInteger("maxAccounts") : d.maxAccounts();
        if (maxAccounts < 2 || maxAccounts > EngineSettings.MAX_ACCOUNTS)
        {
            throw engine.error("maxAccounts", "maxAccounts must be from 2 (the fund and one account) to " +
                EngineSettings.MAX_ACCOUNTS + ", not " + maxAccounts);
        }
        final BigDecimal ratio =
            engine.fixedPoint("marginCallRatio", RATE_DECIMALS, RATES, d.marginCallRatio());
        if (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0)
        {
            throw engine.error("marginCallRatio", "marginCallRatio must be above 0 and at most 1, not "
                + ratio.toPlainString());
        }
        return new EngineConfig(
            path(paths, "inputQueue", d.inputQueue()),
            path(paths, "journal", d.journal()),
            path(paths, "outputs", d.outputs()),
            path(paths, "counters", d.counters()),
            path(paths, "snapshots", d.snapshots()),
            rollCycle,
            word(journal, "fsync", FsyncPolicy.class, d.fsync()),
            fsyncIntervalMs,
            ringSize,
            word(pipeline, "idleStrategy", IdleStrategyName.class, d.idleStrategy()),
            word(pipeline, "topology", Topology.class, d.topology()),
            maxAccounts,
            maxInstruments,
            maxPositions,
            ratio,
            engine.has("insuranceFundAccount") ? engine.integer("insuranceFundAccount") : d.insuranceFundAccount(),
            interval,
            keep,
            liquidation.mode(),
            liquidation.maxOpenOrders(),
            liquidation.fundFloor(),
            pipeline.has("cpus") ? cpus(name, pipeline) : d.cpus());
    }

    /** {@code pipeline.cpus}: each role's core checked on its own line, then the two against each other. */
    private static CpuPlan cpus(final String file, final YamlMap pipeline)
    {
        final YamlMap cpus = YamlMap.of(file, "pipeline.cpus", pipeline.node("cpus"), CPUS);
        final BitSet cores = CorePinning.availableCores();
        final Integer engine = cpus.has("engine") ? cpus.smallInteger("engine") : null;
        final Integer ingress = cpus.has("ingress") ? cpus.smallInteger("ingress") : null;
        for (final String role : CPUS)
        {
            try
            {
                CpuPlan.of(role.equals("engine") ? engine : null, role.equals("ingress") ? ingress : null, cores);
            }
            catch (final IllegalArgumentException ex)
            {
                throw cpus.error(role, "pipeline.cpus." + ex.getMessage());
            }
        }
        try
        {
            return CpuPlan.of(engine, ingress, cores);
        }
        catch (final IllegalArgumentException ex)
        {
            throw cpus.error("ingress", "pipeline.cpus: " + ex.getMessage());
        }
    }

    private static <E extends Enum<E>> E word(
        final YamlMap map, final String key, final Class<E> type, final E otherwise)
    {
        if (!map.has(key))
        {
            return otherwise;
        }
        return type.getEnumConstants()[map.choice(key, EngineConfig.words(type))];
    }

    private static Path path(final YamlMap map, final String key, final Path otherwise)
    {
        return map.has(key) ? Path.of(map.text(key)) : otherwise;
    }

    private static YamlMap section(final String file, final YamlMap top, final String key, final List<String> allowed)
    {
        if (!top.has(key))
        {
            return YamlMap.of(file, key, new org.snakeyaml.engine.v2.nodes.MappingNode(
                org.snakeyaml.engine.v2.nodes.Tag.MAP, List.of(), org.snakeyaml.engine.v2.common.FlowStyle.AUTO),
                allowed);
        }
        return YamlMap.of(file, key, top.node(key), allowed);
    }
}
