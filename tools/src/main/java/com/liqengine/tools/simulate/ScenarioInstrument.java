package com.liqengine.tools.simulate;

import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
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
