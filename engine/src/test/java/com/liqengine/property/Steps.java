package com.liqengine.property;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * jqwik generators of runs: a market seed and a sequence of steps weighted like a busy market, with mark
 * random walks that sometimes crash or spike so that liquidations happen in both modes.
 */
final class Steps
{
    static final int MAX_STEPS = 150;
    private static final int INVALID_KINDS = 17;
    private static final int REDEFINE_VARIANTS = 8;

    private Steps()
    {
    }

    static Arbitrary<List<Step>> sequences()
    {
        return step().list().ofMinSize(1).ofMaxSize(MAX_STEPS).withSizeDistribution(RandomDistribution.uniform());
    }

    static Arbitrary<Long> seeds()
    {
        return Arbitraries.longs();
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<Step> step()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(30, trade()),
            Tuple.of(10, close()),
            Tuple.of(30, move()),
            Tuple.of(4, funding()),
            Tuple.of(4, Combinators.combine(selector(), Arbitraries.integers().between(1, 5_000))
                .as(Step.Deposit::new)),
            Tuple.of(3, Combinators.combine(selector(), Arbitraries.integers().between(1, 150))
                .as(Step.Withdraw::new)),
            Tuple.of(3, Combinators.combine(selector(), instrument(), Arbitraries.of(true, false))
                .as(Step.ChangeMode::new)),
            Tuple.of(4, Combinators.combine(selector(), instrument(), Arbitraries.integers().between(1, 130))
                .as(Step.ChangeLeverage::new)),
            Tuple.of(3, Combinators.combine(selector(), instrument(), Arbitraries.integers().between(1, 120))
                .as(Step.AddMargin::new)),
            Tuple.of(3, Combinators.combine(selector(), instrument(), Arbitraries.integers().between(1, 150))
                .as(Step.RemoveMargin::new)),
            Tuple.of(2, Combinators.combine(instrument(), redefinition()).as(Step.Redefine::new)),
            Tuple.of(8, Combinators.combine(
                Arbitraries.integers().between(0, INVALID_KINDS - 1), selector(), instrument(),
                Arbitraries.integers().between(0, 99)).as(Step.Invalid::new)));
    }

    /** Half of the redefinitions switch between the two tier tables, which can make positions liquidatable. */
    private static Arbitrary<Integer> redefinition()
    {
        return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.integers().between(0, 1)),
            Tuple.of(1, Arbitraries.integers().between(2, REDEFINE_VARIANTS - 1)));
    }

    private static Arbitrary<Integer> selector()
    {
        return Arbitraries.integers().between(0, 39);
    }

    private static Arbitrary<Integer> instrument()
    {
        return Arbitraries.integers().between(0, 11);
    }

    private static Arbitrary<Step> trade()
    {
        return Combinators.combine(
            selector(), selector(), instrument(), Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 1_200), Arbitraries.integers().between(-50, 50),
            Arbitraries.integers().between(-2, 10), Arbitraries.integers().between(0, 9).map(n -> n == 0))
            .as(Step.Trade::new);
    }

    private static Arbitrary<Step> close()
    {
        // now and then far from the mark, so that an isolated loss can exceed the pool (the fund pays the rest)
        final Arbitrary<Integer> priceOffsetBp = Arbitraries.frequencyOf(
            Tuple.of(80, Arbitraries.integers().between(-50, 50)),
            Tuple.of(20, Arbitraries.integers().between(-3_000, 3_000)));
        return Combinators.combine(
            selector(), selector(), instrument(), Arbitraries.integers().between(10, 160), priceOffsetBp,
            Arbitraries.integers().between(0, 3).map(n -> n == 0))
            .as(Step.Close::new);
    }

    /** Mostly small moves; about one in five is a crash of 10% to 50% or a spike of 10% to 60%. */
    private static Arbitrary<Step> move()
    {
        final Arbitrary<Integer> basisPoints = Arbitraries.frequencyOf(
            Tuple.of(80, Arbitraries.integers().between(-150, 150)),
            Tuple.of(12, Arbitraries.integers().between(-5_000, -1_000)),
            Tuple.of(8, Arbitraries.integers().between(1_000, 6_000)));
        return Combinators.combine(instrument(), basisPoints).as(Step.Move::new);
    }

    /** Usual rates up to ±0.075%, sometimes ±1% to ±20% that eat isolated pools. */
    private static Arbitrary<Step> funding()
    {
        final Arbitrary<Integer> rate = Arbitraries.frequencyOf(
            Tuple.of(85, Arbitraries.integers().between(-75_000, 75_000)),
            Tuple.of(15, Arbitraries.integers().between(1_000_000, 20_000_000)
                .flatMap(r -> Arbitraries.of(r, -r))));
        return Combinators.combine(instrument(), rate).as(Step.Funding::new);
    }
}
