package com.liqengine.snapshot;

import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine settings a file records because the engine's outputs and state hash depend on them: a journal's
 * settings record ({@link com.liqengine.journal.JournalSettings}) and a snapshot's header. The one comparison of
 * recorded settings with an engine's, so that a refused snapshot and a refused journal name their differences alike.
 * The liquidation index ({@link EngineSettings#indexedChecks()}) is not recorded: both ways give the same outputs in
 * the same order (docs/index.md).
 *
 * @param maxAccounts account capacity, the insurance fund included.
 * @param maxInstruments instrument capacity.
 * @param maxPositions slot capacity, or {@link #NOT_RECORDED} (a snapshot's header does not hold it).
 * @param insuranceFundAccountId the insurance fund's account id.
 * @param marginCallRatio margin call ratio, 8 decimals.
 * @param liquidationMode what follows a liquidation trigger.
 * @param maxOpenLiquidations liquidation orders open at once.
 * @param hasFundFloor whether auto-deleveraging runs.
 * @param fundFloor the floor, 8 decimals (0 when none).
 */
public record RecordedSettings(
    int maxAccounts,
    int maxInstruments,
    int maxPositions,
    long insuranceFundAccountId,
    long marginCallRatio,
    LiquidationMode liquidationMode,
    int maxOpenLiquidations,
    boolean hasFundFloor,
    long fundFloor)
{
    /** {@link #maxPositions()} of a file that does not record it: not compared. */
    public static final int NOT_RECORDED = 0;

    private static final int DECIMALS = 8;

    /**
     * @param settings an engine's settings, concluded.
     * @return what a file records of them.
     */
    public static RecordedSettings of(final EngineSettings settings)
    {
        return new RecordedSettings(settings.maxAccounts(), settings.maxInstruments(), settings.maxPositions(),
            settings.insuranceFundAccountId(), settings.marginCallRatio(), settings.liquidationMode(),
            settings.maxOpenLiquidations(), settings.hasFundFloor(),
            settings.hasFundFloor() ? settings.fundFloor() : 0);
    }

    /**
     * The engine settings these are (the liquidation index on, as {@code config/engine.yaml} gives it).
     *
     * @return the settings, concluded.
     * @throws IllegalArgumentException naming a setting out of range.
     */
    public EngineSettings engineSettings()
    {
        final EngineSettings settings = new EngineSettings().maxAccounts(maxAccounts).maxInstruments(maxInstruments)
            .insuranceFundAccountId(insuranceFundAccountId).marginCallRatio(marginCallRatio)
            .liquidationMode(liquidationMode).maxOpenLiquidations(maxOpenLiquidations);
        if (maxPositions != NOT_RECORDED)
        {
            settings.maxPositions(maxPositions);
        }
        if (hasFundFloor)
        {
            settings.fundFloor(fundFloor);
        }
        return settings.conclude();
    }

    /**
     * Every setting these record that differs in another engine's settings (a slot capacity only when both
     * record one).
     *
     * @param other the other engine's.
     * @return the differences, in the order of {@code config/engine.yaml}; empty when they match.
     */
    public List<SettingDifference> differences(final RecordedSettings other)
    {
        final List<SettingDifference> differences = new ArrayList<>();
        compare(differences, "engine.maxAccounts", maxAccounts, other.maxAccounts);
        compare(differences, "engine.maxInstruments", maxInstruments, other.maxInstruments);
        if (maxPositions != NOT_RECORDED && other.maxPositions != NOT_RECORDED)
        {
            compare(differences, "engine.maxPositions", maxPositions, other.maxPositions);
        }
        compare(differences, "engine.marginCallRatio", decimal(marginCallRatio), decimal(other.marginCallRatio));
        compare(differences, "engine.insuranceFundAccount", insuranceFundAccountId, other.insuranceFundAccountId);
        compare(differences, "liquidation.mode", word(liquidationMode), word(other.liquidationMode));
        compare(differences, "liquidation.maxOpenOrders", maxOpenLiquidations, other.maxOpenLiquidations);
        compare(differences, "liquidation.fundFloor", floor(), other.floor());
        return differences;
    }

    /**
     * The differences with an engine's settings, in words, for a refusal.
     *
     * @param settings the engine's settings.
     * @return "setting recorded (the engine has other)" for each, joined by "; ", or null when they match.
     */
    public String mismatch(final EngineSettings settings)
    {
        final List<SettingDifference> differences = differences(of(settings));
        if (differences.isEmpty())
        {
            return null;
        }
        final List<String> words = new ArrayList<>();
        for (final SettingDifference difference : differences)
        {
            words.add(difference.toString());
        }
        return String.join("; ", words);
    }

    /**
     * @return every setting as {@code config/engine.yaml} names and writes it, for reports.
     */
    @Override
    public String toString()
    {
        return "engine.maxAccounts " + maxAccounts + ", engine.maxInstruments " + maxInstruments
            + (maxPositions == NOT_RECORDED ? "" : ", engine.maxPositions " + maxPositions)
            + ", engine.marginCallRatio " + decimal(marginCallRatio) + ", engine.insuranceFundAccount "
            + insuranceFundAccountId + ", liquidation.mode " + word(liquidationMode) + ", liquidation.maxOpenOrders "
            + maxOpenLiquidations + ", liquidation.fundFloor " + floor();
    }

    private String floor()
    {
        return hasFundFloor ? decimal(fundFloor) : "none";
    }

    private static void compare(final List<SettingDifference> into, final String name, final long recorded,
        final long other)
    {
        if (recorded != other)
        {
            into.add(new SettingDifference(name, Long.toString(recorded), Long.toString(other)));
        }
    }

    private static void compare(final List<SettingDifference> into, final String name, final String recorded,
        final String other)
    {
        if (!recorded.equals(other))
        {
            into.add(new SettingDifference(name, recorded, other));
        }
    }

    /** A fixed-point value as the configuration writes it: 80000000 is "0.8". */
    private static String decimal(final long value)
    {
        return BigDecimal.valueOf(value, DECIMALS).stripTrailingZeros().toPlainString();
    }

    private static String word(final LiquidationMode mode)
    {
        return mode == null ? "unknown" : mode.name().toLowerCase(Locale.ROOT);
    }
}
