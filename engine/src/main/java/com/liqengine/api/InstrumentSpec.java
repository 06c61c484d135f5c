package com.liqengine.api;

import com.liqengine.codec.MarginMode;

import java.util.List;

/**
 * An instrument definition to encode (cold path).
 *
 * @param instrumentId id, from 0.
 * @param symbol up to 16 ASCII characters.
 * @param priceDecimals decimals of prices.
 * @param qtyDecimals decimals of quantities.
 * @param tickSize price tick, priceDecimals.
 * @param stepSize quantity step, qtyDecimals.
 * @param defaultLeverage leverage of new (account, instrument) pairs.
 * @param defaultMode margin mode of new (account, instrument) pairs.
 * @param tiers risk tiers, ascending.
 * @param liquidationFeeRate rate of a liquidation order's filled notional charged to the fund (docs/liquidation.md).
 * @param partialFromTier 1-based tier from which a liquidation order steps down one tier; 0: always in full.
 */
public record InstrumentSpec(
    int instrumentId,
    String symbol,
    int priceDecimals,
    int qtyDecimals,
    long tickSize,
    long stepSize,
    int defaultLeverage,
    MarginMode defaultMode,
    List<TierSpec> tiers,
    long liquidationFeeRate,
    int partialFromTier)
{
    /**
     * An instrument without a liquidation fee, liquidated in full.
     *
     * @param instrumentId id, from 0.
     * @param symbol up to 16 ASCII characters.
     * @param priceDecimals decimals of prices.
     * @param qtyDecimals decimals of quantities.
     * @param tickSize price tick, priceDecimals.
     * @param stepSize quantity step, qtyDecimals.
     * @param defaultLeverage leverage of new (account, instrument) pairs.
     * @param defaultMode margin mode of new (account, instrument) pairs.
     * @param tiers risk tiers, ascending.
     */
    public InstrumentSpec(
        final int instrumentId,
        final String symbol,
        final int priceDecimals,
        final int qtyDecimals,
        final long tickSize,
        final long stepSize,
        final int defaultLeverage,
        final MarginMode defaultMode,
        final List<TierSpec> tiers)
    {
        this(instrumentId, symbol, priceDecimals, qtyDecimals, tickSize, stepSize, defaultLeverage, defaultMode, tiers,
            0, 0);
    }

    /**
     * The same instrument with liquidation settings.
     *
     * @param feeRate liquidation fee rate, 8 decimals.
     * @param fromTier 1-based tier from which liquidation is partial; 0: never.
     * @return a new spec.
     */
    public InstrumentSpec withLiquidation(final long feeRate, final int fromTier)
    {
        return new InstrumentSpec(instrumentId, symbol, priceDecimals, qtyDecimals, tickSize, stepSize,
            defaultLeverage, defaultMode, tiers, feeRate, fromTier);
    }
}
