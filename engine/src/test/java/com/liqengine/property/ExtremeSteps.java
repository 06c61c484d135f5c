package com.liqengine.property;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.liqengine.testing.Theories.between;

/**
 * QuickTheories generators of extremes runs: from 1 to {@link #MAX_STEPS} {@link ExtremeStep}s, each a few small
 * numbers that shrink towards 0, which is the exact bound of the step's kind (one unit or step beyond it is
 * next), so a shrunk failure aims at the bound it broke. The step kinds shrink towards {@link ExtremeStep.Skip}
 * (rare in random runs), so that shrinking takes out steps anywhere in a run, not only at its end.
 */
final class ExtremeSteps
{
    static final int MAX_STEPS = 80;
    private static final Gen<Integer> PARTY = between(0, 6);
    private static final Gen<Integer> ACCOUNT = between(0, 9);
    private static final Gen<Integer> INSTRUMENT = between(0, 63);
    private static final Gen<Integer> COUNTERPARTY = between(0, 2);
    private static final Gen<Integer> PRICE = between(0, 5);
    private static final Gen<Boolean> BOOLEANS = Generate.booleans();
    private static final Gen<Integer> TWO = between(0, 1);
    private static final Gen<Integer> THREE = between(0, 2);
    private static final Gen<Integer> SEVEN = between(0, 6);
    private static final Gen<Integer> NINE = between(0, 8);
    private static final Gen<Integer> TEN = between(0, 9);
    private static final Gen<Integer> FEE = TEN;
    private static final Gen<Integer> SIZE = between(0, 3);
    private static final Gen<Integer> BITS = between(1, 62);
    private static final Gen<Integer> BASKET = between(2, 24);
    private static final Gen<Integer> REDEFINITION = between(0, 10);
    private static final Gen<Integer> INVALID_KIND = between(0, 14);
    private static final Gen<Integer> VARIANT = between(0, 19);
    /** Ladders of 2 to 8 rungs now and then. */
    private static final Gen<Integer> RUNGS = Generate.frequency(List.of(
        Pair.of(7, Generate.constant(1)),
        Pair.of(3, between(2, 8))));
    /** The mark bounds (the largest allowed, one more, a crash to 1) half of the time. */
    private static final Gen<Integer> MARK = Generate.frequency(List.of(
        Pair.of(3, between(0, 2)),
        Pair.of(2, between(3, 7)),
        Pair.of(1, between(8, 10))));

    private ExtremeSteps()
    {
    }

    /** From 1 to {@link #MAX_STEPS} steps, every length equally likely; shown one step a line. */
    static Gen<List<ExtremeStep>> sequences()
    {
        final Gen<Integer> lengths = Generate.range(1, MAX_STEPS, 1);
        final Gen<ExtremeStep> step = step();
        final Gen<List<ExtremeStep>> sequences = in ->
        {
            final int length = lengths.generate(in);
            final List<ExtremeStep> steps = new ArrayList<>(length);
            for (int i = 0; i < length; i++)
            {
                steps.add(step.generate(in));
            }
            return steps;
        };
        return sequences.describedAs(steps -> steps.stream().filter(each -> !(each instanceof ExtremeStep.Skip))
            .map(ExtremeStep::toString).collect(Collectors.joining("\n    ", "[\n    ", "\n]")) +
            " (" + steps.stream().filter(each -> each instanceof ExtremeStep.Skip).count() + " skips left out)");
    }

    static Gen<ExtremeStep> step()
    {
        final Gen<ExtremeStep> capacityFill = in -> new ExtremeStep.CapacityFill(PARTY.generate(in),
            COUNTERPARTY.generate(in), INSTRUMENT.generate(in), BOOLEANS.generate(in), PRICE.generate(in),
            BOOLEANS.generate(in), FEE.generate(in));
        final Gen<ExtremeStep> topPriceFill = in -> new ExtremeStep.TopPriceFill(PARTY.generate(in),
            COUNTERPARTY.generate(in), INSTRUMENT.generate(in), BOOLEANS.generate(in), SIZE.generate(in),
            BITS.generate(in), BOOLEANS.generate(in), RUNGS.generate(in));
        final Gen<ExtremeStep> basket = in -> new ExtremeStep.Basket(ACCOUNT.generate(in), BASKET.generate(in),
            INSTRUMENT.generate(in), BOOLEANS.generate(in), THREE.generate(in), TWO.generate(in),
            BOOLEANS.generate(in));
        final Gen<ExtremeStep> close = in -> new ExtremeStep.Close(PARTY.generate(in), INSTRUMENT.generate(in),
            THREE.generate(in), PRICE.generate(in), COUNTERPARTY.generate(in));
        final Gen<ExtremeStep> mark = INSTRUMENT.zip(MARK, ExtremeStep.Mark::new);
        final Gen<ExtremeStep> funding = INSTRUMENT.zip(TEN, ExtremeStep.Funding::new);
        final Gen<ExtremeStep> deposit = ACCOUNT.zip(TEN, ExtremeStep.Deposit::new);
        final Gen<ExtremeStep> withdraw = ACCOUNT.zip(NINE, ExtremeStep.Withdraw::new);
        final Gen<ExtremeStep> margin = in -> new ExtremeStep.Margin(ACCOUNT.generate(in), INSTRUMENT.generate(in),
            BOOLEANS.generate(in), SEVEN.generate(in));
        final Gen<ExtremeStep> leverage = in -> new ExtremeStep.Leverage(ACCOUNT.generate(in),
            INSTRUMENT.generate(in), SEVEN.generate(in));
        final Gen<ExtremeStep> mode = in -> new ExtremeStep.Mode(ACCOUNT.generate(in), INSTRUMENT.generate(in),
            BOOLEANS.generate(in));
        final Gen<ExtremeStep> redefine = INSTRUMENT.zip(REDEFINITION, ExtremeStep.Redefine::new);
        final Gen<ExtremeStep> invalid = in -> new ExtremeStep.Invalid(INVALID_KIND.generate(in),
            ACCOUNT.generate(in), INSTRUMENT.generate(in), VARIANT.generate(in));
        return Generate.frequency(List.of(
            Pair.of(1, Generate.constant(new ExtremeStep.Skip())),
            Pair.of(14, capacityFill),
            Pair.of(8, topPriceFill),
            Pair.of(4, basket),
            Pair.of(6, close),
            Pair.of(16, mark),
            Pair.of(7, funding),
            Pair.of(7, deposit),
            Pair.of(4, withdraw),
            Pair.of(7, margin),
            Pair.of(5, leverage),
            Pair.of(4, mode),
            Pair.of(4, redefine),
            Pair.of(6, invalid)));
    }
}
