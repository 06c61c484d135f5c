package com.liqengine.reference;

import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One instrument of the reference model (docs/margin.md, sections 2 and 3): scales, tiers, defaults for new
 * slots, mark price, last trade id per side, and the largest quantity any fill has left in a position.
 */
final class RefInstrument
{
    final int id;
    final String symbol;
    final int priceDecimals;
    final int qtyDecimals;
    final long tickSize;
    final long stepSize;
    RefTiers tiers;
    int defaultLeverage;
    MarginMode defaultMode;
    BigDecimal mark = BigDecimal.ZERO;
    long lastBuyTradeId;
    long lastSellTradeId;
    BigDecimal largestQuantity = BigDecimal.ZERO;

    RefInstrument(
        final int id, final String symbol, final int priceDecimals, final int qtyDecimals, final long tickSize,
        final long stepSize)
    {
        this.id = id;
        this.symbol = symbol;
        this.priceDecimals = priceDecimals;
        this.qtyDecimals = qtyDecimals;
        this.tickSize = tickSize;
        this.stepSize = stepSize;
    }

    BigDecimal price(final long units)
    {
        return BigDecimal.valueOf(units, priceDecimals);
    }

    BigDecimal quantity(final long units)
    {
        return BigDecimal.valueOf(units, qtyDecimals);
    }

    long priceUnits(final BigDecimal price)
    {
        return price.setScale(priceDecimals, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    long quantityUnits(final BigDecimal quantity)
    {
        return quantity.setScale(qtyDecimals, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** {@code q × P}: exact, since {@code pd + qd ≤ 8}. */
    BigDecimal value(final BigDecimal quantity, final BigDecimal price)
    {
        return RefMath.exact(quantity.multiply(price));
    }

    boolean hasMark()
    {
        return mark.signum() != 0;
    }
}
