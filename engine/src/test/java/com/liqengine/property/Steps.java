package com.liqengine.property;

import com.liqengine.testing.Theories;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.liqengine.testing.Theories.between;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * QuickTheories generators of runs: a market seed and a sequence of steps weighted like a busy market, with mark
 * random walks that sometimes crash or spike so that liquidations happen in both modes. Numbers within a range
 * come from {@link Theories#between}, biased towards its simplest value (0, or the bound nearest 0).
 */
final class Steps
{
    static final int MAX_STEPS = 150;
    private static final int INVALID_KINDS = 17;
    private static final int REDEFINE_VARIANTS = 8;
    /** Account selectors (taken modulo the market's accounts, 36 and over: a new account for deposits). */
    private static final Gen<Integer> SELECTOR = between(0, 39);
    /** Instrument selectors, taken modulo the market's instruments (and the extra one). */
    private static final Gen<Integer> INSTRUMENT = between(0, 11);
    private static final Gen<Integer> DEPOSIT_PERMILLE = between(1, 5_000);
    private static final Gen<Integer> WITHDRAW_PERCENT = between(1, 150);
    private static final Gen<Integer> LEVERAGE = between(1, 130);
    private static final Gen<Integer> ADD_PERCENT = between(1, 120);
    private static final Gen<Integer> REMOVE_PERCENT = between(1, 150);
    private static final Gen<Integer> INVALID_KIND = between(0, INVALID_KINDS - 1);
    private static final Gen<Integer> VARIANT = between(0, 99);
    /** Half of the redefinitions switch between the two tier tables, which can make positions liquidatable. */
    private static final Gen<Integer> REDEFINITION = Generate.frequency(List.of(
        Pair.of(1, between(0, 1)),
        Pair.of(1, between(2, REDEFINE_VARIANTS - 1))));

    private Steps()
    {
    }

    /** From 1 to {@link #MAX_STEPS} steps, every length equally likely; shown one step a line. */
    static Gen<List<Step>> sequences()
    {
        return sequences(step());
    }

    /**
     * Runs for market mode: the same steps, and about one in four a step of the liquidation lifecycle (fills of
     * the open orders, their ends, gaps through their limits).
     */
    static Gen<List<Step>> marketSequences()
    {
        final Gen<Integer> order = between(0, 7);
        // variants from 0 to 9 (fills) and 0 to 3 (ends) are the wrong ones: 40% of each, uniformly
        final Gen<Step> fill = in -> new Step.LiquidationFill(order.generate(in), Generate.range(0, 24).generate(in),
            between(1, 1_000).generate(in), between(0, 300).generate(in));
        final Gen<Step> done = order.zip(Generate.range(0, 9), Step.LiquidationDone::new);
        final Gen<Step> gap = order.zip(between(1, 3_000), Step.Gap::new);
        final List<Pair<Integer, Gen<Step>>> steps = new ArrayList<>(weightedSteps());
        steps.add(Pair.of(24, fill));
        steps.add(Pair.of(14, done));
        steps.add(Pair.of(4, gap));
        return sequences(Generate.frequency(steps));
    }

    private static Gen<List<Step>> sequences(final Gen<Step> step)
    {
        final Gen<Integer> lengths = Generate.range(1, MAX_STEPS, 1);
        final Gen<List<Step>> sequences = in ->
        {
            final int length = lengths.generate(in);
            final List<Step> steps = new ArrayList<>(length);
            for (int i = 0; i < length; i++)
            {
                steps.add(step.generate(in));
            }
            return steps;
        };
        return sequences.describedAs(
            steps -> steps.stream().map(Step::toString).collect(Collectors.joining("\n    ", "[\n    ", "\n]")));
    }

    static Gen<Long> seeds()
    {
        return longs().all();
    }

    static Gen<Step> step()
    {
        return Generate.frequency(weightedSteps());
    }

    private static List<Pair<Integer, Gen<Step>>> weightedSteps()
    {
        final Gen<Step> deposit = in -> new Step.Deposit(SELECTOR.generate(in), DEPOSIT_PERMILLE.generate(in));
        final Gen<Step> withdraw = in -> new Step.Withdraw(SELECTOR.generate(in), WITHDRAW_PERCENT.generate(in));
        final Gen<Step> changeMode = in -> new Step.ChangeMode(
            SELECTOR.generate(in), INSTRUMENT.generate(in), Generate.booleans().generate(in));
        final Gen<Step> changeLeverage = in -> new Step.ChangeLeverage(
            SELECTOR.generate(in), INSTRUMENT.generate(in), LEVERAGE.generate(in));
        final Gen<Step> addMargin = in -> new Step.AddMargin(
            SELECTOR.generate(in), INSTRUMENT.generate(in), ADD_PERCENT.generate(in));
        final Gen<Step> removeMargin = in -> new Step.RemoveMargin(
            SELECTOR.generate(in), INSTRUMENT.generate(in), REMOVE_PERCENT.generate(in));
        final Gen<Step> redefine = in -> new Step.Redefine(INSTRUMENT.generate(in), REDEFINITION.generate(in));
        final Gen<Step> invalid = in -> new Step.Invalid(
            INVALID_KIND.generate(in), SELECTOR.generate(in), INSTRUMENT.generate(in), VARIANT.generate(in));
        return List.of(
            Pair.of(30, trade()),
            Pair.of(10, close()),
            Pair.of(30, move()),
            Pair.of(4, funding()),
            Pair.of(4, deposit),
            Pair.of(3, withdraw),
            Pair.of(3, changeMode),
            Pair.of(4, changeLeverage),
            Pair.of(3, addMargin),
            Pair.of(3, removeMargin),
            Pair.of(2, redefine),
            Pair.of(8, invalid));
    }

    private static Gen<Step> trade()
    {
        final Gen<Boolean> takerBuys = Generate.booleans();
        final Gen<Integer> sizePermille = between(1, 1_200);
        final Gen<Integer> priceOffsetBp = between(-50, 50);
        final Gen<Integer> feeBp = between(-2, 10);
        final Gen<Integer> oneInTen = between(0, 9);
        return in -> new Step.Trade(
            SELECTOR.generate(in), SELECTOR.generate(in), INSTRUMENT.generate(in), takerBuys.generate(in),
            sizePermille.generate(in), priceOffsetBp.generate(in), feeBp.generate(in), oneInTen.generate(in) == 0);
    }

    private static Gen<Step> close()
    {
        // now and then far from the mark, so that an isolated loss can exceed the pool (the fund pays the rest)
        final Gen<Integer> priceOffsetBp = Generate.frequency(List.of(
            Pair.of(80, between(-50, 50)),
            Pair.of(20, between(-3_000, 3_000))));
        final Gen<Integer> percent = between(10, 160);
        final Gen<Integer> oneInFour = between(0, 3);
        return in -> new Step.Close(
            SELECTOR.generate(in), SELECTOR.generate(in), INSTRUMENT.generate(in), percent.generate(in),
            priceOffsetBp.generate(in), oneInFour.generate(in) == 0);
    }

    /** Mostly small moves; about one in five is a crash of 10% to 50% or a spike of 10% to 60%. */
    private static Gen<Step> move()
    {
        final Gen<Integer> basisPoints = Generate.frequency(List.of(
            Pair.of(80, between(-150, 150)),
            Pair.of(12, between(-5_000, -1_000)),
            Pair.of(8, between(1_000, 6_000))));
        return INSTRUMENT.zip(basisPoints, Step.Move::new);
    }

    /** Usual rates up to ±0.075%, sometimes ±1% to ±20% that eat isolated pools. */
    private static Gen<Step> funding()
    {
        final Gen<Integer> large = between(1_000_000, 20_000_000)
            .zip(Generate.booleans(), (rate, negative) -> negative ? -rate : rate);
        final Gen<Integer> rate = Generate.frequency(List.of(
            Pair.of(85, between(-75_000, 75_000)),
            Pair.of(15, large)));
        return INSTRUMENT.zip(rate, Step.Funding::new);
    }
}
