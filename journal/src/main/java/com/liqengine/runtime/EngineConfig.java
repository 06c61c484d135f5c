package com.liqengine.runtime;

import com.liqengine.journal.FsyncPolicy;
import com.liqengine.journal.RollCycleNames;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.Topology;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an engine reads and writes, and how its pipeline runs (docs/pipeline.md): what {@code config/engine.yaml}
 * holds for {@code liq run}, and what an embedding program gives {@link EngineRuntime#start}. Every field has a
 * default that is safe on a 2-core machine.
 *
 * @param inputQueue the Chronicle queue a matching engine or gateway writes inputs to.
 * @param journal the engine's input journal.
 * @param outputs the output queue other processes tail.
 * @param counters the counters file {@code liq stat} reads.
 * @param snapshots the snapshot folder (docs/replay.md).
 * @param rollCycle roll cycle of the journal and output queue.
 * @param fsync when the journal and output queue are forced to disk.
 * @param fsyncIntervalMs interval of the periodic policy.
 * @param ringSize slots in the ring (a power of two).
 * @param idleStrategy how handlers wait for work.
 * @param topology where journaling happens.
 * @param maxAccounts account capacity, the insurance fund included.
 * @param maxInstruments instrument capacity.
 * @param maxPositions slot capacity (open positions and non-default settings); 0 for the engine's default.
 * @param marginCallRatio margin ratio of a margin call.
 * @param insuranceFundAccount the insurance fund's account id.
 * @param snapshotInterval inputs from the input queue between two snapshots {@code liq run} requests itself;
 *     0 takes snapshots only when a {@code SnapshotRequest} arrives.
 * @param snapshotKeep snapshots kept in the folder: after each one written the older ones are deleted; 0 keeps
 *     them all.
 * @param liquidationMode what follows a liquidation trigger (docs/liquidation.md): {@code takeover} when nothing
 *     says otherwise, as an engine's settings; {@code config/engine.yaml} and {@code liq demo} say {@code market}.
 * @param maxOpenLiquidationOrders how many liquidation orders may be open at once.
 * @param fundFloor the insurance fund's floor below which auto-deleveraging runs (an amount), or null: no ADL.
 * @param cpus the cores the engine and ingress threads are pinned to ({@link CpuPlan#NONE}: none, the default).
 */
public record EngineConfig(
    Path inputQueue,
    Path journal,
    Path outputs,
    Path counters,
    Path snapshots,
    String rollCycle,
    FsyncPolicy fsync,
    long fsyncIntervalMs,
    int ringSize,
    IdleStrategyName idleStrategy,
    Topology topology,
    int maxAccounts,
    int maxInstruments,
    int maxPositions,
    BigDecimal marginCallRatio,
    long insuranceFundAccount,
    long snapshotInterval,
    int snapshotKeep,
    LiquidationMode liquidationMode,
    int maxOpenLiquidationOrders,
    BigDecimal fundFloor,
    CpuPlan cpus)
{
    /** Default of {@link #snapshotInterval()}. */
    public static final long DEFAULT_SNAPSHOT_INTERVAL = 1_000_000;
    /** Default of {@link #snapshotKeep()}: the newest and two predecessors, for a damaged newest one. */
    public static final int DEFAULT_SNAPSHOT_KEEP = 3;

    /**
     * The defaults, with every path under one folder.
     *
     * @param dir the folder.
     * @return the configuration.
     */
    public static EngineConfig defaults(final Path dir)
    {
        return new EngineConfig(dir.resolve("input"), dir.resolve("journal"), dir.resolve("outputs"),
            dir.resolve("counters.dat"), dir.resolve("snapshots"), RollCycleNames.DEFAULT, FsyncPolicy.NONE, 100,
            16 * 1024, IdleStrategyName.BACKOFF, Topology.INLINE_JOURNAL, 100_001, 8, 0, new BigDecimal("0.8"), 0,
            DEFAULT_SNAPSHOT_INTERVAL, DEFAULT_SNAPSHOT_KEEP, LiquidationMode.TAKEOVER,
            EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS, null, CpuPlan.NONE);
    }

    /**
     * The same configuration with another account capacity.
     *
     * @param accounts capacity.
     * @return a copy.
     */
    public EngineConfig withMaxAccounts(final int accounts)
    {
        return new EngineConfig(inputQueue, journal, outputs, counters, snapshots, rollCycle, fsync, fsyncIntervalMs,
            ringSize, idleStrategy, topology, accounts, maxInstruments, maxPositions, marginCallRatio,
            insuranceFundAccount, snapshotInterval, snapshotKeep, liquidationMode, maxOpenLiquidationOrders, fundFloor,
            cpus);
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
        return new EngineConfig(inputQueue, journal, outputs, counters, snapshots, rollCycle, fsync, fsyncIntervalMs,
            ringSize, idleStrategy, topology, maxAccounts, maxInstruments, maxPositions, marginCallRatio,
            insuranceFundAccount, snapshotInterval, snapshotKeep, liquidationMode, maxOpenLiquidationOrders, fundFloor,
            cpus);
    }

    /**
     * The same configuration with another snapshot interval.
     *
     * @param interval outside inputs between two snapshots, 0 for none.
     * @return a copy.
     */
    public EngineConfig withSnapshotInterval(final long interval)
    {
        return new EngineConfig(inputQueue, journal, outputs, counters, snapshots, rollCycle, fsync, fsyncIntervalMs,
            ringSize, idleStrategy, topology, maxAccounts, maxInstruments, maxPositions, marginCallRatio,
            insuranceFundAccount, interval, snapshotKeep, liquidationMode, maxOpenLiquidationOrders, fundFloor,
            cpus);
    }

    /**
     * The same configuration with another snapshot retention.
     *
     * @param keep snapshots to keep, 0 for all.
     * @return a copy.
     */
    public EngineConfig withSnapshotKeep(final int keep)
    {
        return new EngineConfig(inputQueue, journal, outputs, counters, snapshots, rollCycle, fsync, fsyncIntervalMs,
            ringSize, idleStrategy, topology, maxAccounts, maxInstruments, maxPositions, marginCallRatio,
            insuranceFundAccount, snapshotInterval, keep, liquidationMode, maxOpenLiquidationOrders, fundFloor,
            cpus);
    }

    /**
     * The same configuration with other liquidation settings.
     *
     * @param mode what follows a liquidation trigger.
     * @param maxOpenOrders how many liquidation orders may be open at once.
     * @param floor the fund floor (auto-deleveraging below it), or null.
     * @return a copy.
     */
    public EngineConfig withLiquidation(final LiquidationMode mode, final int maxOpenOrders, final BigDecimal floor)
    {
        return new EngineConfig(inputQueue, journal, outputs, counters, snapshots, rollCycle, fsync, fsyncIntervalMs,
            ringSize, idleStrategy, topology, maxAccounts, maxInstruments, maxPositions, marginCallRatio,
            insuranceFundAccount, snapshotInterval, snapshotKeep, mode, maxOpenOrders, floor, cpus);
    }

    /**
     * The same configuration with other cores for the engine and ingress threads.
     *
     * @param plan the cores, or {@link CpuPlan#NONE}.
     * @return a copy.
     */
    public EngineConfig withCpus(final CpuPlan plan)
    {
        return new EngineConfig(inputQueue, journal, outputs, counters, snapshots, rollCycle, fsync, fsyncIntervalMs,
            ringSize, idleStrategy, topology, maxAccounts, maxInstruments, maxPositions, marginCallRatio,
            insuranceFundAccount, snapshotInterval, snapshotKeep, liquidationMode, maxOpenLiquidationOrders, fundFloor,
            plan);
    }

    /**
     * The margin state machine's settings this configuration gives.
     *
     * @return the settings, concluded.
     */
    public EngineSettings engineSettings()
    {
        final EngineSettings settings = new EngineSettings().maxAccounts(maxAccounts).maxInstruments(maxInstruments);
        if (maxPositions > 0)
        {
            settings.maxPositions(maxPositions);
        }
        settings.insuranceFundAccountId(insuranceFundAccount)
            .marginCallRatio(marginCallRatio.movePointRight(8).longValueExact())
            .liquidationMode(liquidationMode).maxOpenLiquidations(maxOpenLiquidationOrders);
        if (fundFloor != null)
        {
            settings.fundFloor(fundFloor.movePointRight(8).longValueExact());
        }
        return settings.conclude();
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
}
