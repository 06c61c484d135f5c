package com.liqengine.tools.simulate;

import com.liqengine.math.FixedPoint;

import java.math.BigDecimal;

/**
 * Converts between a person's decimals and the engine's fixed-point units (docs/margin.md section 1): amounts
 * and rates with 8 decimals, prices and quantities with their instrument's decimals. Exact both ways.
 */
public final class Units
{
    /** Decimals of amounts and rates. */
    public static final int AMOUNT_DECIMALS = FixedPoint.DECIMALS;
    /** The engine's default insurance fund account id. */
    public static final long INSURANCE_FUND_ID = 0;

    private Units()
    {
    }

    /**
     * @param value a decimal with at most {@code decimals} decimals.
     * @param decimals the scale.
     * @return the value in units.
     * @throws ArithmeticException if it has more decimals or does not fit 64 bits.
     */
    public static long toUnits(final BigDecimal value, final int decimals)
    {
        return value.movePointRight(decimals).longValueExact();
    }

    /**
     * @param units a value in units.
     * @param decimals the scale.
     * @return the exact decimal, without trailing zeros.
     */
    public static BigDecimal decimal(final long units, final int decimals)
    {
        final BigDecimal value = BigDecimal.valueOf(units, decimals).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /**
     * @param units a value in units.
     * @param decimals the scale.
     * @return the exact decimal as plain text (no exponent).
     */
    public static String text(final long units, final int decimals)
    {
        return decimal(units, decimals).toPlainString();
    }

    /**
     * @param units an amount or rate.
     * @return its plain text.
     */
    public static String amount(final long units)
    {
        return text(units, AMOUNT_DECIMALS);
    }
}
