package com.liqengine.math;

/**
 * An exact signed 128-bit sum of {@code long}s, reused in place: the sums over an account's cross positions
 * (equity, maintenance margin, available balance) may pass 64 bits when an account holds many large positions,
 * and a liquidation decision must not be lost to an overflow (docs/margin.md, section 3). No allocation.
 */
public final class WideSum
{
    private static final long LARGEST_REPORTED = Long.MAX_VALUE;

    private long high;
    private long low;

    public WideSum set(final long value)
    {
        high = value >> 63;
        low = value;
        return this;
    }

    public WideSum set(final long highWord, final long lowWord)
    {
        high = highWord;
        low = lowWord;
        return this;
    }

    public WideSum add(final long value)
    {
        final long sum = low + value;
        high = highAfterAdd(high, low, value);
        low = sum;
        return this;
    }

    /**
     * The high word of {@code (high, low) + value}, whose low word is {@code low + value}: for sums kept in locals
     * over a loop, where the fields' stores at every step would cost more than the adding.
     */
    public static long highAfterAdd(final long high, final long low, final long value)
    {
        // carry out of the low word: unsigned sum below an unsigned operand (compiled without a branch; the top bit
        // of (x & y) | ((x | y) & ~(x + y)) measured slower)
        final long carry = Long.compareUnsigned(low + value, low) < 0 ? 1 : 0;
        return high + (value >> 63) + carry;
    }

    /** Whether the sum fits in a {@code long}. */
    boolean fitsLong()
    {
        return high == (low >> 63);
    }

    /** -1, 0 or 1. */
    public int signum()
    {
        return high != 0 ? Long.signum(high) : (low == 0 ? 0 : 1);
    }

    /** Compares with another sum: negative, zero or positive as this is below, equal or above. */
    public int compareTo(final WideSum other)
    {
        if (high != other.high)
        {
            return Long.compare(high, other.high);
        }
        return Long.compareUnsigned(low, other.low);
    }

    /** Compares with a {@code long}. */
    public int compareTo(final long value)
    {
        final long valueHigh = value >> 63;
        if (high != valueHigh)
        {
            return Long.compare(high, valueHigh);
        }
        return Long.compareUnsigned(low, value);
    }

    /** The sum as reported in an output: clamped to {@code [−2^63 + 1, 2^63 − 1]}. */
    public long clamped()
    {
        if (fitsLong())
        {
            return low == Long.MIN_VALUE ? -LARGEST_REPORTED : low;
        }
        return high < 0 ? -LARGEST_REPORTED : LARGEST_REPORTED;
    }

    /** The sum clamped to {@code [−limit, limit]} for a positive limit. */
    public long clamped(final long limit)
    {
        if (!fitsLong())
        {
            return high < 0 ? -limit : limit;
        }
        return Math.max(-limit, Math.min(limit, low));
    }

    public long high()
    {
        return high;
    }

    public long low()
    {
        return low;
    }
}
