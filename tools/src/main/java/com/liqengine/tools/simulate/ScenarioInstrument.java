package com.liqengine.tools.simulate;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An instrument of a scenario. Its price and quantity decimals are those of its tick and step sizes.
 *
 * @param line where it is defined.
 * @param symbol symbol.
 * @param tickSize price tick.
 * @param stepSize quantity step.
 * @param defaultLeverage leverage of new positions.
 * @param defaultMode margin mode of new positions.
 * @param tiers risk tiers, ascending.
 * @param liquidationFeeRate rate of a liquidation order's filled notional charged to the fund (0 to 1).
 * @param partialFromTier 1-based tier from which a liquidation order steps the position down one tier; 0: never.
 */
public record ScenarioInstrument(
    int line,
    String symbol,
    BigDecimal tickSize,
    BigDecimal stepSize,
    int defaultLeverage,
    MarginMode defaultMode,
    List<Tier> tiers,
    BigDecimal liquidationFeeRate,
    int partialFromTier)
{
    /**
     * @return decimals of prices: those of the tick size.
     */
    public int priceDecimals()
    {
        return Math.max(0, tickSize.stripTrailingZeros().scale());
    }

    /**
     * @return decimals of quantities: those of the step size.
     */
    public int qtyDecimals()
    {
        return Math.max(0, stepSize.stripTrailingZeros().scale());
    }

    /**
     * The engine's definition of this instrument. Exact: {@link ScenarioLoader} refused any value with more decimals
     * than its field keeps or out of 64 bits.
     *
     * @param id the instrument id.
     * @param mode the margin mode of new positions.
     * @return the definition to encode.
     */
    public InstrumentSpec spec(final int id, final MarginMode mode)
    {
        final List<TierSpec> specs = new ArrayList<>();
        for (final Tier tier : tiers)
        {
            specs.add(new TierSpec(Units.toUnits(tier.maxNotional(), Units.AMOUNT_DECIMALS), tier.maxLeverage(),
                Units.toUnits(tier.mmr(), Units.AMOUNT_DECIMALS),
                Units.toUnits(tier.maintenanceAmount(), Units.AMOUNT_DECIMALS)));
        }
        return new InstrumentSpec(id, symbol, priceDecimals(), qtyDecimals(),
            Units.toUnits(tickSize, priceDecimals()), Units.toUnits(stepSize, qtyDecimals()), defaultLeverage, mode,
            specs).withLiquidation(Units.toUnits(liquidationFeeRate, Units.AMOUNT_DECIMALS), partialFromTier);
    }

    /**
     * One risk tier.
     *
     * @param line where it is written.
     * @param maxNotional notional cap.
     * @param maxLeverage highest leverage allowed in the tier.
     * @param mmr maintenance margin rate.
     * @param maintenanceAmount maintenance amount deducted.
     */
    public record Tier(int line, BigDecimal maxNotional, int maxLeverage, BigDecimal mmr, BigDecimal maintenanceAmount)
    {
    }
}
