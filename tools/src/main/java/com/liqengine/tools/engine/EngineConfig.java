package com.liqengine.tools.engine;

import com.liqengine.journal.FsyncPolicy;
import com.liqengine.journal.RollCycleNames;
import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.Topology;
import com.liqengine.tools.yaml.YamlFileException;
import com.liqengine.tools.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a standalone engine reads and writes, and how its pipeline runs: {@code config/engine.yaml}
 * (docs/pipeline.md). Every field has a default that is safe on a 2-core machine.
 *
 * @param inputQueue the Chronicle queue a matching engine or gateway writes inputs to.
 * @param journal the engine's input journal.
 * @param outputs the output queue other processes tail.
 * @param counters the counters file {@code liq stat} reads.
 * @param rollCycle roll cycle of the journal and output queue.
 * @param fsync when the journal and output queue are forced to disk.
 * @param fsyncIntervalMs interval of the periodic policy.
 * @param ringSize slots in the ring (a power of two).
 * @param idleStrategy how handlers wait for work.
 * @param topology where journaling happens.
 * @param maxAccounts account capacity, the insurance fund included.
 * @param maxInstruments instrument capacity.
 * @param marginCallRatio margin ratio of a margin call.
 * @param insuranceFundAccount the insurance fund's account id.
 */
public record EngineConfig(
    Path inputQueue,
    Path journal,
    Path outputs,
    Path counters,
    String rollCycle,
    FsyncPolicy fsync,
    long fsyncIntervalMs,
    int ringSize,
    IdleStrategyName idleStrategy,
    Topology topology,
    int maxAccounts,
    int maxInstruments,
    BigDecimal marginCallRatio,
    long insuranceFundAccount)
{
    private static final List<String> TOP = List.of("paths", "journal", "pipeline", "engine");
    private static final List<String> PATHS = List.of("inputQueue", "journal", "outputs", "counters");
    private static final List<String> JOURNAL = List.of("rollCycle", "fsync", "fsyncIntervalMs");
    private static final List<String> PIPELINE = List.of("ringSize", "idleStrategy", "topology");
    private static final List<String> ENGINE =
        List.of("maxAccounts", "maxInstruments", "marginCallRatio", "insuranceFundAccount");

    /**
     * The defaults, with every path under one folder.
     *
     * @param dir the folder.
     * @return the configuration.
     */
    public static EngineConfig defaults(final Path dir)
    {
        return new EngineConfig(dir.resolve("input"), dir.resolve("journal"), dir.resolve("outputs"),
            dir.resolve("counters.dat"), RollCycleNames.DEFAULT, FsyncPolicy.NONE, 100, 16 * 1024,
            IdleStrategyName.SLEEPING, Topology.INLINE_JOURNAL, 100_001, 8, new BigDecimal("0.8"), 0);
    }

    /**
     * The same configuration with another account capacity.
     *
     * @param accounts capacity.
     * @return a copy.
     */
    public EngineConfig withMaxAccounts(final int accounts)
    {
        return new EngineConfig(inputQueue, journal, outputs, counters, rollCycle, fsync, fsyncIntervalMs, ringSize,
            idleStrategy, topology, accounts, maxInstruments, marginCallRatio, insuranceFundAccount);
    }

    /**
     * The same configuration with other pipeline settings.
     *
     * @param topology where journaling happens.
     * @param idleStrategy how handlers wait.
     * @return a copy.
     */
    public EngineConfig withPipeline(final Topology topology, final IdleStrategyName idleStrategy)
    {
        return new EngineConfig(inputQueue, journal, outputs, counters, rollCycle, fsync, fsyncIntervalMs, ringSize,
            idleStrategy, topology, maxAccounts, maxInstruments, marginCallRatio, insuranceFundAccount);
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
        final EngineConfig d = defaults(Path.of("liq-data"));
        final YamlMap paths = section(name, top, "paths", PATHS);
        final YamlMap journal = section(name, top, "journal", JOURNAL);
        final YamlMap pipeline = section(name, top, "pipeline", PIPELINE);
        final YamlMap engine = section(name, top, "engine", ENGINE);
        final String rollCycle = journal.has("rollCycle") ? journal.text("rollCycle") : d.rollCycle;
        try
        {
            RollCycleNames.resolve(rollCycle);
        }
        catch (final IllegalArgumentException ex)
        {
            throw journal.error("rollCycle", ex.getMessage());
        }
        final int ringSize = pipeline.has("ringSize") ? pipeline.smallInteger("ringSize") : d.ringSize;
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw pipeline.error("ringSize", "ringSize must be a power of two of at least 2, not " + ringSize);
        }
        final int maxInstruments = engine.has("maxInstruments") ? engine.smallInteger("maxInstruments") :
            d.maxInstruments;
        if (maxInstruments < 1 || maxInstruments > 16)
        {
            throw engine.error("maxInstruments", "maxInstruments must be from 1 to 16, not " + maxInstruments);
        }
        final int maxAccounts = engine.has("maxAccounts") ? engine.smallInteger("maxAccounts") : d.maxAccounts;
        if (maxAccounts < 2)
        {
            throw engine.error("maxAccounts", "maxAccounts must be at least 2 (the fund and one account)");
        }
        final BigDecimal ratio = engine.decimal("marginCallRatio", d.marginCallRatio);
        if (ratio.signum() <= 0 || ratio.scale() > 8)
        {
            throw engine.error("marginCallRatio", "marginCallRatio must be positive with at most 8 decimals");
        }
        return new EngineConfig(
            path(paths, "inputQueue", d.inputQueue),
            path(paths, "journal", d.journal),
            path(paths, "outputs", d.outputs),
            path(paths, "counters", d.counters),
            rollCycle,
            word(journal, "fsync", FsyncPolicy.class, d.fsync),
            journal.has("fsyncIntervalMs") ? journal.integer("fsyncIntervalMs") : d.fsyncIntervalMs,
            ringSize,
            word(pipeline, "idleStrategy", IdleStrategyName.class, d.idleStrategy),
            word(pipeline, "topology", Topology.class, d.topology),
            maxAccounts,
            maxInstruments,
            ratio,
            engine.has("insuranceFundAccount") ? engine.integer("insuranceFundAccount") : d.insuranceFundAccount);
    }

    /**
     * An enum constant as written in configuration: lower case with dashes ({@code per-batch}).
     *
     * @param value the constant.
     * @return its word.
     */
    public static String word(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses an enum constant written as {@link #word(Enum)} (or its Java name).
     *
     * @param type the enum.
     * @param text as written.
     * @param <E> the enum type.
     * @return the constant, or null.
     */
    public static <E extends Enum<E>> E parseWord(final Class<E> type, final String text)
    {
        for (final E value : type.getEnumConstants())
        {
            if (word(value).equalsIgnoreCase(text) || value.name().equalsIgnoreCase(text))
            {
                return value;
            }
        }
        return null;
    }

    /**
     * @param type an enum.
     * @param <E> the enum type.
     * @return its words, for messages and help.
     */
    public static <E extends Enum<E>> List<String> words(final Class<E> type)
    {
        final List<String> words = new ArrayList<>();
        for (final E value : type.getEnumConstants())
        {
            words.add(word(value));
        }
        return words;
    }

    private static <E extends Enum<E>> E word(
        final YamlMap map, final String key, final Class<E> type, final E otherwise)
    {
        if (!map.has(key))
        {
            return otherwise;
        }
        return type.getEnumConstants()[map.choice(key, words(type))];
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
