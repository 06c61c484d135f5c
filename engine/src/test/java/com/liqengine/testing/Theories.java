package com.liqengine.testing;

import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How the property tests use QuickTheories (docs/testing.md): a fixed number of examples per property and a
 * bounded number of shrink cycles, the seed from {@code -DQT_SEED} when it is given (QuickTheories prints the
 * seed of a failure), and integer generators biased towards the small end of their ranges, with edge values
 * (the bounds and the values around zero) to mix in.
 */
public final class Theories
{
    /**
     * The bound on shrinking a failure: each cycle runs the property once more, so this keeps the slowest
     * property's shrinking to about half a minute.
     */
    public static final int SHRINK_CYCLES = 1_000;
    /** Ranges up to this wide from their simplest value are drawn uniformly. */
    private static final long UNIFORM_SPAN = 20;

    private Theories()
    {
    }

    /**
     * A theory of a fixed number of examples (whatever {@code QT_EXAMPLES} or {@code QT_TESTING_TIME} say),
     * seeded from {@code -DQT_SEED} when given and from the clock otherwise, that shrinks a failure for at most
     * {@link #SHRINK_CYCLES} further runs of the property.
     *
     * @param examples how many examples to try (QuickTheories skips an example whose draws repeat an earlier one).
     * @return the theory, to be given its generators with {@code forAll}.
     */
    public static QuickTheory qt(final int examples)
    {
        return QuickTheory.qt().withExamples(examples).withUnlimitedTestingTime().withShrinkCycles(SHRINK_CYCLES);
    }

    /**
     * Integers from {@code min} to {@code max}, biased towards the simplest value (0, or the bound nearest 0):
     * a range wider than 20 from it is cut into parts that grow geometrically away from it, each part equally
     * likely and uniform inside. Shrinks towards the simplest value.
     *
     * @param min the lowest value.
     * @param max the highest value.
     * @return the generator.
     */
    public static Gen<Integer> between(final int min, final int max)
    {
        return between((long)min, max).map(Long::intValue);
    }

    /**
     * Longs from {@code min} to {@code max}, biased like {@link #between(int, int)}.
     *
     * @param min the lowest value.
     * @param max the highest value.
     * @return the generator.
     */
    public static Gen<Long> between(final long min, final long max)
    {
        final long target = simplest(min, max);
        final TreeSet<Long> starts = new TreeSet<>(List.of(min));
        cutTowards(max, target, min, max, starts);
        cutTowards(min, target, min, max, starts);
        if (starts.size() > 1 && target > min && target < max)
        {
            starts.add(target);
        }
        final List<Gen<Long>> parts = new ArrayList<>();
        for (final long start : starts)
        {
            final Long next = starts.higher(start);
            parts.add(Generate.longRange(start, next == null ? max : next - 1, target));
        }
        if (parts.size() == 1)
        {
            return parts.get(0);
        }
        final Gen<Integer> part = Generate.range(0, parts.size() - 1, starts.headSet(target, true).size() - 1);
        return in -> parts.get(part.generate(in)).generate(in);
    }

    /**
     * The edge values of a range, each equally likely: the bounds and their neighbours, and the values from -2 to
     * 2 that are in the range. Shrinks towards the simplest value (0, or the bound nearest 0).
     *
     * @param min the lowest value.
     * @param max the highest value.
     * @return the generator.
     */
    public static Gen<Integer> edges(final int min, final int max)
    {
        return edges((long)min, max).map(Long::intValue);
    }

    /**
     * The edge values of a range of longs, as {@link #edges(int, int)}.
     *
     * @param min the lowest value.
     * @param max the highest value.
     * @return the generator.
     */
    public static Gen<Long> edges(final long min, final long max)
    {
        final long target = simplest(min, max);
        // min + 1 and max - 1 may wrap around; the subset below leaves them out then
        final TreeSet<Long> values = new TreeSet<>(List.of(-2L, -1L, 0L, 1L, 2L, min, min + 1, max - 1, max));
        final List<Long> edges = new ArrayList<>();
        edges.add(target);
        for (final long value : values.subSet(min, true, max, true))
        {
            if (value != target)
            {
                edges.add(value);
            }
        }
        return Generate.pick(edges);
    }

    private static long simplest(final long min, final long max)
    {
        return min > 0 ? min : Math.min(max, 0);
    }

    /**
     * Adds the starts of the parts between {@code target} and {@code end}: each cut leaves a fraction of the
     * distance, a third while it is below 2^20, a sixth below 2^30, then far less (the ratio is (d / 5)^10 for
     * d = 3 per 10 bits of the distance): the whole range of int makes 26 parts, 10 of them within ±700.
     */
    private static void cutTowards(
        final long end, final long target, final long min, final long max, final TreeSet<Long> starts)
    {
        final long direction = end < target ? -1 : 1;
        // unsigned: from 0 down to Long.MIN_VALUE is 2^63
        long distance = end < target ? target - end : end - target;
        while (Long.compareUnsigned(distance, UNIFORM_SPAN) > 0)
        {
            final int decimals = (Long.SIZE - Long.numberOfLeadingZeros(distance)) / 10 * 3;
            distance = Long.divideUnsigned(distance, Math.max((long)Math.pow(decimals / 5.0, 10), 3));
            final long cut = target + direction * distance;
            if (cut > min && cut < max)
            {
                starts.add(cut);
            }
        }
    }
}
