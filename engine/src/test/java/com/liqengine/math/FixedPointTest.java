package com.liqengine.math;

import org.junit.jupiter.api.Test;

import static com.liqengine.math.FixedPoint.ceilDiv;
import static com.liqengine.math.FixedPoint.mulDivCeil;
import static com.liqengine.math.FixedPoint.mulDivFloor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fixed-point primitives of docs/margin.md, section 1: {@code floor/ceil(a × b / c)} exact in 128 bits,
 * {@code ceil(a / b)}, and overflow reported as an exception rather than wrapped.
 */
class FixedPointTest
{
    private static final long MAX = Long.MAX_VALUE;
    /** 2^61 = 2,305,843,009,213,693,952. */
    private static final long TWO_TO_61 = 1L << 61;
    private static final long TEN_TO_18 = 1_000_000_000_000_000_000L;
    /** (2^64 − 1) / 3, exactly. */
    private static final long THIRD_OF_TWO_TO_64 = 6_148_914_691_236_517_205L;

    @Test
    void smallProductsRoundDownOrUp()
    {
        // 7 × 3 / 2 = 10.5
        assertThat(mulDivFloor(7, 3, 2)).isEqualTo(10);
        assertThat(mulDivCeil(7, 3, 2)).isEqualTo(11);
        // 6 × 3 / 2 = 9 exactly: both the same
        assertThat(mulDivFloor(6, 3, 2)).isEqualTo(9);
        assertThat(mulDivCeil(6, 3, 2)).isEqualTo(9);
        assertThat(mulDivFloor(0, 3, 2)).isZero();
        assertThat(mulDivCeil(0, 3, 2)).isZero();
    }

    @Test
    void negativeOperandsRoundTowardMinusAndPlusInfinity()
    {
        // −7 × 3 / 2 = −10.5: floor −11, ceil −10 (not truncation toward zero)
        assertThat(mulDivFloor(-7, 3, 2)).isEqualTo(-11);
        assertThat(mulDivCeil(-7, 3, 2)).isEqualTo(-10);
        assertThat(mulDivFloor(7, -3, 2)).isEqualTo(-11);
        assertThat(mulDivCeil(7, -3, 2)).isEqualTo(-10);
        // −7 × −3 / 2 = +10.5
        assertThat(mulDivFloor(-7, -3, 2)).isEqualTo(10);
        assertThat(mulDivCeil(-7, -3, 2)).isEqualTo(11);
    }

    @Test
    void productsBeyond64BitsAreExact()
    {
        // (2^63 − 1) × (2^63 − 1) / (2^63 − 1) = 2^63 − 1: the product needs 126 bits
        assertThat(mulDivFloor(MAX, MAX, MAX)).isEqualTo(MAX);
        assertThat(mulDivCeil(MAX, MAX, MAX)).isEqualTo(MAX);
        // (2^63 − 1) × 3 / 4 = 3 × 2^61 − 3/4: floor 3 × 2^61 − 1, ceil 3 × 2^61
        assertThat(mulDivFloor(MAX, 3, 4)).isEqualTo(3 * TWO_TO_61 - 1);
        assertThat(mulDivCeil(MAX, 3, 4)).isEqualTo(3 * TWO_TO_61);
        // (10^18 + 1)(10^18 − 1) / 10^18 = 10^18 − 10^−18: floor 10^18 − 1, ceil 10^18 (product ≈ 2^119.6)
        assertThat(mulDivFloor(TEN_TO_18 + 1, TEN_TO_18 - 1, TEN_TO_18)).isEqualTo(TEN_TO_18 - 1);
        assertThat(mulDivCeil(TEN_TO_18 + 1, TEN_TO_18 - 1, TEN_TO_18)).isEqualTo(TEN_TO_18);
        // 2^62 × 2^62 / 2^62 = 2^62 (a product of exactly 2^124, remainder 0)
        assertThat(mulDivFloor(1L << 62, 1L << 62, 1L << 62)).isEqualTo(1L << 62);
        assertThat(mulDivCeil(1L << 62, 1L << 62, 1L << 62)).isEqualTo(1L << 62);
    }

    @Test
    void negativeProductsBeyond64BitsRoundTheRightWay()
    {
        // −(2^63 − 1) × 3 / 4 = −(3 × 2^61) + 3/4: floor −3 × 2^61, ceil −3 × 2^61 + 1
        assertThat(mulDivFloor(-MAX, 3, 4)).isEqualTo(-3 * TWO_TO_61);
        assertThat(mulDivCeil(-MAX, 3, 4)).isEqualTo(-3 * TWO_TO_61 + 1);
        assertThat(mulDivFloor(3, -MAX, 4)).isEqualTo(-3 * TWO_TO_61);
        // −(10^18 + 1) × (10^18 − 1) / 10^18 = −10^18 + 10^−18: floor −10^18, ceil −10^18 + 1
        assertThat(mulDivFloor(-(TEN_TO_18 + 1), TEN_TO_18 - 1, TEN_TO_18)).isEqualTo(-TEN_TO_18);
        assertThat(mulDivCeil(-(TEN_TO_18 + 1), TEN_TO_18 - 1, TEN_TO_18)).isEqualTo(-TEN_TO_18 + 1);
        // two negatives: (−MAX) × (−MAX) / MAX = MAX
        assertThat(mulDivCeil(-MAX, -MAX, MAX)).isEqualTo(MAX);
    }

    @Test
    void quotientsThatDoNotFitThrow()
    {
        // (2^63 − 1) × 2 / 1 = 2^64 − 2
        assertThatThrownBy(() -> mulDivFloor(MAX, 2, 1)).isInstanceOf(ArithmeticException.class);
        // (2^63 − 1)^2 / (2^63 − 2) = 2^63 − 1 + (2^63 − 1)/(2^63 − 2) > 2^63 − 1, just
        assertThatThrownBy(() -> mulDivFloor(MAX, MAX, MAX - 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> mulDivCeil(MAX, MAX, MAX - 1)).isInstanceOf(ArithmeticException.class);
        // 2^62 × 4 / 2 = 2^63: one more than MAX
        assertThatThrownBy(() -> mulDivFloor(1L << 62, 4, 2)).isInstanceOf(ArithmeticException.class);
        // −2^62 × 5 / 2 = −2.5 × 2^62 < −2^63
        assertThatThrownBy(() -> mulDivFloor(-(1L << 62), 5, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundingAtTheEdgeOfTheLongRange()
    {
        // 3 × 6,148,914,691,236,517,205 = 2^64 − 1, so / 2 is 2^63 − 1/2:
        // floor is MAX and fits, the ceiling 2^63 does not
        assertThat(mulDivFloor(3, THIRD_OF_TWO_TO_64, 2)).isEqualTo(MAX);
        assertThatThrownBy(() -> mulDivCeil(3, THIRD_OF_TWO_TO_64, 2)).isInstanceOf(ArithmeticException.class);
        // negated: −2^63 + 1/2: the ceiling −(2^63 − 1) fits, and so does the floor −2^63 = Long.MIN_VALUE
        assertThat(mulDivCeil(-3, THIRD_OF_TWO_TO_64, 2)).isEqualTo(-MAX);
        assertThat(mulDivFloor(-3, THIRD_OF_TWO_TO_64, 2)).isEqualTo(Long.MIN_VALUE);
        // Long.MIN_VALUE as an operand: −2^63 × 2 / 4 = −2^62, and −2^63 × 1 / 1 = −2^63
        assertThat(mulDivFloor(Long.MIN_VALUE, 2, 4)).isEqualTo(-(1L << 62));
        assertThat(mulDivCeil(Long.MIN_VALUE, 1, 1)).isEqualTo(Long.MIN_VALUE);
        // −2^63 × −1 / 1 = 2^63 does not fit
        assertThatThrownBy(() -> mulDivFloor(Long.MIN_VALUE, -1, 1)).isInstanceOf(ArithmeticException.class);
        // −2^63 × −2^63 / 2^62 = 2^64 does not fit
        assertThatThrownBy(() -> mulDivFloor(Long.MIN_VALUE, Long.MIN_VALUE, 1L << 62))
            .isInstanceOf(ArithmeticException.class);
        // −2^63 × 3 / 6 = −2^62 (product −3 × 2^63 needs 66 bits)
        assertThat(mulDivFloor(Long.MIN_VALUE, 3, 6)).isEqualTo(-(1L << 62));
        assertThat(mulDivCeil(3, Long.MIN_VALUE, 6)).isEqualTo(-(1L << 62));
    }

    @Test
    void divisorMustBePositive()
    {
        assertThatThrownBy(() -> mulDivFloor(1, 1, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> mulDivCeil(1, 1, -1)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void ceilDivRoundsTowardPlusInfinity()
    {
        assertThat(ceilDiv(7, 2)).isEqualTo(4);
        assertThat(ceilDiv(6, 2)).isEqualTo(3);
        assertThat(ceilDiv(1, 3)).isEqualTo(1);
        assertThat(ceilDiv(0, 5)).isZero();
        // −7 / 2 = −3.5: ceil −3
        assertThat(ceilDiv(-7, 2)).isEqualTo(-3);
        assertThat(ceilDiv(-1, 3)).isZero();
        assertThat(ceilDiv(MAX, 1)).isEqualTo(MAX);
        // (2^63 − 1) / 2 = 2^62 − 1/2: ceil 2^62
        assertThat(ceilDiv(MAX, 2)).isEqualTo(1L << 62);
    }

    @Test
    void unsigned128BitDivision()
    {
        // 2^64 / 3 = 6,148,914,691,236,517,205.33…
        assertThat(FixedPoint.divideUnsigned128(1, 0, 3)).isEqualTo(6_148_914_691_236_517_205L);
        // (2^64 × 5 + 7) / 2^63 = 10 (remainder 7)
        assertThat(FixedPoint.divideUnsigned128(5, 7, Long.MIN_VALUE)).isEqualTo(10);
        // (2^64 − 1) × (2^64 − 1) = 2^128 − 2^65 + 1 = (hi 2^64 − 2, lo 1); divided by 2^64 − 1 gives 2^64 − 1,
        // which is the unsigned long −1
        assertThat(FixedPoint.divideUnsigned128(-2L, 1, -1L)).isEqualTo(-1L);
    }

    @Test
    void rateProductWithoutWideArithmeticIsExact()
    {
        // 12,345.67890123 × 0.004 = 49.38271560492 → ceil at 8 decimals 49.38271561
        assertThat(FixedPoint.mulRateCeil(1_234_567_890_123L, 400_000L)).isEqualTo(4_938_271_561L);
        // whole amounts times a rate: exact, nothing to round
        assertThat(FixedPoint.mulRateCeil(100_000_000_000L, 500_000L)).isEqualTo(500_000_000L);
        assertThat(FixedPoint.mulRateCeil(0, 400_000L)).isZero();
        assertThat(FixedPoint.mulRateCeil(MAX, FixedPoint.SCALE)).isEqualTo(MAX);
        // against the 128-bit path and BigInteger on random amounts over the whole range and every scale
        final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        final java.math.BigInteger scale = java.math.BigInteger.valueOf(FixedPoint.SCALE);
        for (int i = 0; i < 200_000; i++)
        {
            final long amount = random.nextLong(MAX >>> random.nextInt(63));
            final long rate = random.nextLong(FixedPoint.SCALE + 1);
            final java.math.BigInteger[] qr = java.math.BigInteger.valueOf(amount)
                .multiply(java.math.BigInteger.valueOf(rate)).divideAndRemainder(scale);
            final long expected = qr[0].add(qr[1].signum() > 0 ? java.math.BigInteger.ONE :
                java.math.BigInteger.ZERO).longValueExact();
            assertThat(FixedPoint.mulRateCeil(amount, rate)).as("%d × %d", amount, rate).isEqualTo(expected)
                .isEqualTo(FixedPoint.mulDivCeil(amount, rate, FixedPoint.SCALE));
        }
    }
}
