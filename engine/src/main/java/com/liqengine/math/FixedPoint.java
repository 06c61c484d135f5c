package com.liqengine.math;

/**
 * Fixed-point arithmetic of the margin model (docs/margin.md, section 1): amounts and rates have 8 decimals,
 * products are exact in 128 bits, every division says how it rounds, and a result that does not fit in a
 * {@code long} throws {@link ArithmeticException}, never wraps. The engine's bounds (section 1) are checked before
 * these are used, so on the per-event path a throw would be a bug, never a rejection; the saturating and
 * {@code productAtMost} forms, which never throw, are what the checks themselves use.
 */
public final class FixedPoint
{
    /** One unit of an amount or a rate: 8 decimals. */
    public static final long SCALE = 100_000_000L;

    /** Number of decimals of amounts and rates. */
    public static final int DECIMALS = 8;

    /**
     * Largest absolute amount an input may carry, and the largest value of a position's capacity at its price
     * and the mark (docs/margin.md, section 1).
     */
    public static final long MAX_AMOUNT = 1L << 58;

    /** Largest absolute cross wallet, isolated pool or cost basis of an account (not the fund). */
    public static final long MAX_BALANCE = 1L << 60;

    /** Largest value of the insurance fund's position at a fill's price or a mark it grows or is marked at. */
    public static final long MAX_FUND_POSITION_VALUE = 1L << 61;

    /** The insurance fund's wallet, size and cost saturate here: takeovers cannot be refused. */
    public static final long FUND_SATURATION = 1L << 62;

    private static final long DIGIT = 1L << 32;
    private static final long DIGIT_MASK = DIGIT - 1;

    private FixedPoint()
    {
    }

    /**
     * {@code floor(a * b / c)} computed exactly.
     *
     * @param a first factor.
     * @param b second factor.
     * @param c divisor, positive.
     * @return the quotient rounded toward negative infinity.
     */
    public static long mulDivFloor(final long a, final long b, final long c)
    {
        return mulDiv(a, b, c, false);
    }

    /**
     * {@code ceil(a * b / c)} computed exactly.
     *
     * @param a first factor.
     * @param b second factor.
     * @param c divisor, positive.
     * @return the quotient rounded toward positive infinity.
     */
    public static long mulDivCeil(final long a, final long b, final long c)
    {
        return mulDiv(a, b, c, true);
    }

    /**
     * {@code ceil(amount * rate / SCALE)} for a non-negative amount and a rate from 0 to {@code SCALE}, without
     * 128-bit arithmetic: with {@code amount = q * SCALE + r}, the product is {@code q * rate} (whole) plus
     * {@code r * rate / SCALE}, whose operands fit 64 bits. The maintenance margin of every check uses it.
     *
     * @param amount non-negative amount.
     * @param rate rate from 0 to {@code SCALE}.
     * @return the product rounded toward positive infinity.
     * @throws ArithmeticException when the result does not fit a {@code long}.
     */
    public static long mulRateCeil(final long amount, final long rate)
    {
        if (amount < 0 || rate < 0 || rate > SCALE)
        {
            return mulDivCeil(amount, rate, SCALE);
        }
        final long whole = amount / SCALE;
        final long rest = amount - whole * SCALE;
        return Math.addExact(Math.multiplyExact(whole, rate), ceilDiv(rest * rate, SCALE));
    }

    /**
     * {@code ceil(a * b / c)} for {@code a, b ≥ 0} and {@code c > 0}, or {@link Long#MAX_VALUE} when the result
     * does not fit: never throws for such operands (the margin ratio of a tiny equity).
     *
     * @param a first factor, not negative.
     * @param b second factor, not negative.
     * @param c divisor, positive.
     * @return the quotient rounded up, saturated.
     */
    public static long mulDivCeilSaturated(final long a, final long b, final long c)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        if (high == 0 && low >= 0)
        {
            return ceilDiv(low, c);
        }
        // a high word at or above the divisor makes a quotient of 64 bits or more
        if (Long.compareUnsigned(high, c) >= 0)
        {
            return Long.MAX_VALUE;
        }
        final long quotient = divideUnsigned128(high, low, c);
        final long remainder = low - quotient * c;
        if (quotient < 0 || (remainder != 0 && quotient == Long.MAX_VALUE))
        {
            return Long.MAX_VALUE;
        }
        return remainder != 0 ? quotient + 1 : quotient;
    }

    /**
     * Whether {@code |a| × b × c ≤ bound} for {@code b, c ≥ 0} and a bound below 2^63, computed without overflow.
     *
     * @param a signed factor.
     * @param b second factor, not negative.
     * @param c third factor, not negative.
     * @param bound the bound, not negative.
     * @return true when the product is at most the bound.
     */
    public static boolean productAtMost(final long a, final long b, final long c, final long bound)
    {
        final long magnitude = a == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(a);
        if (Math.multiplyHigh(magnitude, b) != 0)
        {
            return false;
        }
        final long first = magnitude * b;
        if (first < 0 || Math.multiplyHigh(first, c) != 0)
        {
            return false;
        }
        final long product = first * c;
        return product >= 0 && product <= bound;
    }

    /**
     * {@code a + b} clamped to {@code [−limit, limit]} for a positive limit; never wraps, whatever the operands.
     *
     * @param a first term.
     * @param b second term.
     * @param limit the saturation bound, positive.
     * @return the clamped sum.
     */
    public static long addSaturated(final long a, final long b, final long limit)
    {
        final long sum = a + b;
        // the sum wrapped when both operands have the sign it lacks
        if (((a ^ sum) & (b ^ sum)) < 0)
        {
            return a < 0 ? -limit : limit;
        }
        return Math.max(-limit, Math.min(limit, sum));
    }

    /**
     * {@code ceil(a / b)} for a positive divisor.
     *
     * @param a dividend.
     * @param b divisor, positive.
     * @return the quotient rounded toward positive infinity.
     */
    public static long ceilDiv(final long a, final long b)
    {
        return -Math.floorDiv(-a, b);
    }

    private static long mulDiv(final long a, final long b, final long c, final boolean ceil)
    {
        if (c <= 0)
        {
            throw new ArithmeticException("divisor must be positive");
        }
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))
        {
            return ceil ? ceilDiv(lo, c) : Math.floorDiv(lo, c);
        }
        // magnitudes as unsigned 64-bit numbers: |Long.MIN_VALUE| = 2^63 is representable that way
        final boolean negative = (a < 0) != (b < 0);
        final long ua = Math.abs(a);
        final long ub = Math.abs(b);
        final long uhi = Math.multiplyHigh(ua, ub) + ((ua >> 63) & ub) + ((ub >> 63) & ua);
        final long ulo = ua * ub;
        if (Long.compareUnsigned(uhi, c) >= 0)
        {
            throw new ArithmeticException("overflow");
        }
        final long quotient = divideUnsigned128(uhi, ulo, c);
        final long remainder = ulo - quotient * c;
        final boolean roundAway = remainder != 0 && (ceil != negative);
        final long magnitude = roundAway ? quotient + 1 : quotient;
        // a positive result fits up to 2^63 − 1, a negative one down to −2^63 (whose negation is itself)
        if ((roundAway && magnitude == 0) ||
            Long.compareUnsigned(magnitude, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0)
        {
            throw new ArithmeticException("overflow");
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * Unsigned division of the 128-bit {@code (u1, u0)} by {@code v}, requiring {@code u1 < v} (Knuth's
     * algorithm D with two 32-bit digits, as in Hacker's Delight {@code divlu}).
     */
    static long divideUnsigned128(final long u1, final long u0, final long divisor)
    {
        final int shift = Long.numberOfLeadingZeros(divisor);
        final long v = divisor << shift;
        final long vn1 = v >>> 32;
        final long vn0 = v & DIGIT_MASK;
        final long un32 = shift == 0 ? u1 : (u1 << shift) | (u0 >>> (64 - shift));
        final long un10 = u0 << shift;
        final long un1 = un10 >>> 32;
        final long un0 = un10 & DIGIT_MASK;

        long q1 = Long.divideUnsigned(un32, vn1);
        long rhat = un32 - q1 * vn1;
        while (q1 >= DIGIT || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0)
        {
            q1--;
            rhat += vn1;
            if (rhat >= DIGIT)
            {
                break;
            }
        }

        final long un21 = (un32 << 32) + un1 - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (q0 >= DIGIT || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0)
        {
            q0--;
            rhat += vn1;
            if (rhat >= DIGIT)
            {
                break;
            }
        }
        return (q1 << 32) + q0;
    }
}
