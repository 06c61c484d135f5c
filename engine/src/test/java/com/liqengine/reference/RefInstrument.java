package com.liqengine.reference;

import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * One instrument of the reference model (docs/margin.md, sections 2 and 3): scales, tiers, the current default
 * mode and leverage (what a slot at its defaults reads as), mark price and last trade id per side.
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
    /** Rate of a liquidation order's filled notional charged to the fund (docs/liquidation.md, "Settings"). */
    BigDecimal liquidationFeeRate = BigDecimal.ZERO;
    /** 1-based tier from which a liquidation order steps the position down one tier; 0: always in full. */
    int partialFromTier;
    int defaultLeverage;
    MarginMode defaultMode;
    BigDecimal mark = BigDecimal.ZERO;
    long lastBuyTradeId;
    long lastSellTradeId;

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

    /**
     * The capacity of a position of signed size {@code quantity} (docs/margin.md, section 1): {@code 2^k − 1}
     * quantity units for the least {@code k} with {@code |q| < 2^k}, that is {@code |q|} in units rounded up to
     * all ones in binary (0 for a flat position).
     */
    BigDecimal capacity(final BigDecimal quantity)
    {
        // exact at any size: a fill may plan a size beyond a long, which the bounds then refuse
        final BigInteger units = quantity.setScale(qtyDecimals, RoundingMode.UNNECESSARY).unscaledValue().abs();
        final BigInteger capacity = BigInteger.ONE.shiftLeft(units.bitLength()).subtract(BigInteger.ONE);
        return new BigDecimal(capacity, qtyDecimals);
    }

    /** The insurance fund's size as stored after a change: beyond {@code ±2^62} quantity units it is {@code ±2^62}. */
    BigDecimal saturateFundSize(final BigDecimal quantity)
    {
        final BigDecimal limit = quantity(RefMath.FUND_SATURATION_UNITS);
        return quantity.max(limit.negate()).min(limit);
    }

    BigDecimal tick()
    {
        return price(tickSize);
    }

    BigDecimal step()
    {
        return quantity(stepSize);
    }

    boolean hasMark()
    {
        return mark.signum() != 0;
    }
}
