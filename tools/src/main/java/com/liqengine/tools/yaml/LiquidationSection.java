package com.liqengine.tools.yaml;

import com.liqengine.margin.EngineSettings;
import com.liqengine.math.FixedPoint;
import com.liqengine.margin.LiquidationMode;

import java.math.BigDecimal;
import java.util.List;

/**
 * The {@code liquidation:} section of a scenario or of {@code config/engine.yaml} (docs/liquidation.md): the mode
 * ({@code takeover} or {@code market}), {@code maxOpenOrders} and {@code fundFloor}, each optional.
 *
 * @param mode what follows a liquidation trigger.
 * @param maxOpenOrders how many liquidation orders may be open at once.
 * @param fundFloor the insurance fund's floor (an amount; auto-deleveraging runs below it), or null: no ADL.
 */
public record LiquidationSection(LiquidationMode mode, int maxOpenOrders, BigDecimal fundFloor)
{
    /** The section's keys. */
    public static final List<String> KEYS = List.of("mode", "maxOpenOrders", "fundFloor");
    /** Decimals of an amount. */
    private static final int AMOUNT_DECIMALS = 8;
    /** The largest floor the engine takes, 2^58 units of 10^-8. */
    private static final BigDecimal FLOOR_LIMIT = BigDecimal.valueOf(FixedPoint.MAX_AMOUNT, AMOUNT_DECIMALS);

    /**
     * The section of a file that has none.
     *
     * @param mode the mode of such a file.
     * @return the defaults: that mode, the default order capacity, no floor.
     */
    public static LiquidationSection absent(final LiquidationMode mode)
    {
        return new LiquidationSection(mode, EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS, null);
    }

    /**
     * Applies the section to engine settings.
     *
     * @param settings the settings.
     * @return them.
     */
    public EngineSettings applyTo(final EngineSettings settings)
    {
        settings.liquidationMode(mode).maxOpenLiquidations(maxOpenOrders);
        if (fundFloor != null)
        {
            settings.fundFloor(fundFloor.movePointRight(AMOUNT_DECIMALS).longValueExact());
        }
        return settings;
    }
    private static final List<String> MODES = List.of("takeover", "market");

    /**
     * @param mode a mode.
     * @return its word in a file.
     */
    public static String word(final LiquidationMode mode)
    {
        return MODES.get(mode.ordinal());
    }

    /**
     * Reads the section, checking every value.
     *
     * @param section the section (a map with at most {@link #KEYS}).
     * @param defaultMode the mode when the section does not say.
     * @return the settings.
     * @throws YamlFileException naming the line and the field of a wrong value.
     */
    public static LiquidationSection read(final YamlMap section, final LiquidationMode defaultMode)
    {
        final LiquidationMode mode =
            section.has("mode") ? LiquidationMode.values()[section.choice("mode", MODES)] : defaultMode;
        int orders = EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS;
        if (section.has("maxOpenOrders"))
        {
            orders = section.smallInteger("maxOpenOrders");
            if (orders < 1 || orders > EngineSettings.MAX_OPEN_LIQUIDATIONS_LIMIT)
            {
                throw section.error("maxOpenOrders", "maxOpenOrders must be from 1 to "
                    + EngineSettings.MAX_OPEN_LIQUIDATIONS_LIMIT + ", not " + orders);
            }
        }
        final BigDecimal floor = section.fixedPoint("fundFloor", AMOUNT_DECIMALS,
            "amounts are kept with " + AMOUNT_DECIMALS + " decimals", null);
        if (floor != null && floor.abs().compareTo(FLOOR_LIMIT) > 0)
        {
            throw section.error("fundFloor", "fundFloor must be within ±" + FLOOR_LIMIT.toPlainString() + ", not "
                + floor.toPlainString());
        }
        return new LiquidationSection(mode, orders, floor);
    }
}
