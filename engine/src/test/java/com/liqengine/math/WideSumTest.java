package com.liqengine.math;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WideSum} adds exactly in 128 bits: every carry and borrow out of the low word, checked against
 * {@link BigInteger} on sums of values at and near the bounds of a long, of both signs, in random order.
 */
class WideSumTest
{
    private static final long[] EDGES = {
        0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 1L << 62, -(1L << 62),
        1L << 58, -(1L << 58), 0xFFFF_FFFFL, -0xFFFF_FFFFL};

    private static BigInteger value(final WideSum sum)
    {
        return BigInteger.valueOf(sum.high()).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(sum.low())));
    }

    @Test
    void everyPairOfEdgesAddsExactly()
    {
        final WideSum sum = new WideSum();
        for (final long first : EDGES)
        {
            for (final long second : EDGES)
            {
                sum.set(first).add(second);
                assertThat(value(sum)).as("%d + %d", first, second)
                    .isEqualTo(BigInteger.valueOf(first).add(BigInteger.valueOf(second)));
            }
        }
    }

    @Test
    void longRandomSumsMatchBigInteger()
    {
        final SplittableRandom random = new SplittableRandom(20261202);
        final WideSum sum = new WideSum();
        for (int run = 0; run < 2_000; run++)
        {
            BigInteger expected = BigInteger.ZERO;
            sum.set(0);
            // the walk's form as well: the high word from highAfterAdd, the low word added in a local
            long high = 0;
            long low = 0;
            for (int n = 0; n < 200; n++)
            {
                final long value = random.nextInt(4) == 0 ? EDGES[random.nextInt(EDGES.length)] :
                    random.nextLong() >> random.nextInt(64);
                sum.add(value);
                high = WideSum.highAfterAdd(high, low, value);
                low += value;
                expected = expected.add(BigInteger.valueOf(value));
            }
            assertThat(value(sum)).isEqualTo(expected);
            assertThat(value(new WideSum().set(high, low))).isEqualTo(expected);
        }
    }
}
