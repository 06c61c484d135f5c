package com.liqengine.tools.yaml;

import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;

import java.util.List;

/**
 * The {@code liquidation:} section of a scenario or of {@code config/engine.yaml} (docs/liquidation.md): the mode
 * ({@code takeover} or {@code market}) and {@code maxOpenOrders}, each optional.
 *
 * @param mode what follows a liquidation trigger.
 * @param maxOpenOrders how many liquidation orders may be open at once.
 */
public record LiquidationSection(LiquidationMode mode, int maxOpenOrders)
{
    /** The section's keys. */
    public static final List<String> KEYS = List.of("mode", "maxOpenOrders");
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
        return new LiquidationSection(mode, orders);
    }
}
