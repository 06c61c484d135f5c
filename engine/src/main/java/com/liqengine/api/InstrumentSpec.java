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
    List<TierSpec> tiers)
{
}
