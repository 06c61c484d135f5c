package com.liqengine.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
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
    /**
     * 2^58 units: the largest amount an input may carry, and the largest value of a position's capacity at the
     * fill price and at the mark (docs/margin.md, section 1, "Bounds").
     */
    static final BigDecimal MAX_AMOUNT = BigDecimal.valueOf(1L << 58, AMOUNT_DECIMALS);
    /** 2^60 units: the bound of a cross wallet, an isolated pool and a cost basis of an account (not the fund). */
    static final BigDecimal MAX_WALLET = BigDecimal.valueOf(1L << 60, AMOUNT_DECIMALS);
    /** 2^61 units: the bound of the insurance fund's position value at the fill price and at the mark. */
    static final BigDecimal MAX_FUND_POSITION = BigDecimal.valueOf(1L << 61, AMOUNT_DECIMALS);
    /** 2^62 units: where the insurance fund's wallet and cost saturate (its size too, in quantity units). */
    static final long FUND_SATURATION_UNITS = 1L << 62;
    /** The {@code long} range of reported values, {@code [−2^63 + 1, 2^63 − 1]} (docs/margin.md, section 3). */
    static final BigInteger REPORT_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    static final BigInteger REPORT_MIN = REPORT_MAX.negate();

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

    static boolean outOfAmountRange(final BigDecimal amount)
    {
        return amount.abs().compareTo(MAX_AMOUNT) > 0;
    }

    /** {@code |amount| > 2^60}: beyond the bound of a wallet, pool or cost of an account (not the fund). */
    static boolean outOfWalletRange(final BigDecimal amount)
    {
        return amount.abs().compareTo(MAX_WALLET) > 0;
    }

    /** An exact amount as a whole number of units. */
    static BigInteger exactUnits(final BigDecimal amount)
    {
        return amount.setScale(AMOUNT_DECIMALS, RoundingMode.UNNECESSARY).unscaledValue();
    }

    /** Units clamped to {@code [−2^63 + 1, 2^63 − 1]}: how an exact sum is reported (docs/margin.md, section 3). */
    static long clamp(final BigInteger units)
    {
        return units.max(REPORT_MIN).min(REPORT_MAX).longValueExact();
    }

    /** An exact amount reported in an output or a {@code long} view: its units clamped to the {@code long} range. */
    static long clampedUnits(final BigDecimal amount)
    {
        return clamp(exactUnits(amount));
    }

    /** A value of the insurance fund stored after a change: beyond {@code ±2^62} units it is {@code ±2^62}. */
    static BigDecimal saturateFund(final BigDecimal amount)
    {
        final BigDecimal limit = BigDecimal.valueOf(FUND_SATURATION_UNITS, AMOUNT_DECIMALS);
        return amount.max(limit.negate()).min(limit);
    }
}
