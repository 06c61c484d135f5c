package com.liqengine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal values of the reference model and the rounding table of docs/margin.md, section 1. Amounts and rates
 * are BigDecimals with 8 decimals, prices and quantities carry their instrument's decimals, so every product is
 * exact and every division names its rounding.
 */
final class RefMath
{
    static final int AMOUNT_DECIMALS = 8;
    static final BigDecimal ONE = BigDecimal.ONE;
    /** 2^58 units: the largest amount an input may carry and the largest value a position may reach. */
    static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1L << 58, AMOUNT_DECIMALS);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE, AMOUNT_DECIMALS);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE, AMOUNT_DECIMALS);

    private RefMath()
    {
    }

    static BigDecimal amount(final long units)
    {
        return BigDecimal.valueOf(units, AMOUNT_DECIMALS);
    }

    static long units(final BigDecimal amount)
    {
        return amount.setScale(AMOUNT_DECIMALS, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** An exact product that must already be a whole number of units (values, sums). */
    static BigDecimal exact(final BigDecimal value)
    {
        return value.setScale(AMOUNT_DECIMALS, RoundingMode.UNNECESSARY);
    }

    static BigDecimal roundUp(final BigDecimal value)
    {
        return value.setScale(AMOUNT_DECIMALS, RoundingMode.CEILING);
    }

    static BigDecimal divideUp(final BigDecimal dividend, final BigDecimal divisor)
    {
        return dividend.divide(divisor, AMOUNT_DECIMALS, RoundingMode.CEILING);
    }

    static BigDecimal divideDown(final BigDecimal dividend, final BigDecimal divisor)
    {
        return dividend.divide(divisor, AMOUNT_DECIMALS, RoundingMode.FLOOR);
    }

    static BigDecimal min(final BigDecimal a, final BigDecimal b)
    {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static BigDecimal max(final BigDecimal a, final BigDecimal b)
    {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static boolean above(final BigDecimal a, final BigDecimal b)
    {
        return a.compareTo(b) > 0;
    }

    static boolean atMost(final BigDecimal a, final BigDecimal b)
    {
        return a.compareTo(b) <= 0;
    }

    /** Whether an amount still fits the engine's 64-bit representation. */
    static boolean fitsLong(final BigDecimal amount)
    {
        return amount.compareTo(LONG_MIN) >= 0 && amount.compareTo(LONG_MAX) <= 0;
    }

    static boolean outOfAmountRange(final BigDecimal amount)
    {
        return amount.abs().compareTo(MAX_AMOUNT) > 0;
    }
}
