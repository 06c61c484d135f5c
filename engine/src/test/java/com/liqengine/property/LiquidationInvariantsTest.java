package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.reference.RefOutput;
import com.liqengine.reference.ReferenceEngine;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of shared/LIQUIDATION.md on random runs in market mode ({@link MarketSetup#randomMarketMode},
 * {@link Steps#marketSequences}), held by the reference model and by the engine, each driven alone: the ledger
 * identity after every input (the liquidation fee, the clearance fee and the fund's takeovers included); every
 * order ends exactly once, its fills never exceed it nor cross its limit ({@link OrderLifecycle}). At the end of
 * a run every order still open is ended (which may open the next ones) until none is, so that each run checks
 * that its orders end once each.
 */
class LiquidationInvariantsTest
{
    static final List<String> LABELS = List.of(
        "liquidation order", "partial order", "liquidation fill", "order filled in full", "order filled in part",
        "order not filled", "rest taken over", "clearance fee", "order after an order's end", "taken over at once",
        "liquidation rejection", "auto-deleveraging", "insurance fund deficit");
    private static final int EXAMPLES = 300;

    /** One model driven alone. */
    private interface Model
    {
        StepResolver resolver();

        List<OrderLifecycle.Emitted> apply(Input input);

        long ledgerGap();

        String history();
    }

    @Test
    void theReferenceModelKeepsTheInvariants()
    {
        check("theReferenceModelKeepsTheInvariants", LiquidationInvariantsTest::reference);
    }

    @Test
    void theEngineKeepsTheInvariants()
    {
        check("theEngineKeepsTheInvariants", LiquidationInvariantsTest::engine);
    }

    private static void check(final String property, final BiFunction<MarketSetup, OrderLifecycle, Model> models)
    {
        final Coverage coverage = new Coverage(property);
        Theories.qt(EXAMPLES).forAll(Steps.seeds(), Steps.marketSequences()).checkAssert((seed, steps) ->
        {
            final MarketSetup setup = MarketSetup.randomMarketMode(seed);
            final OrderLifecycle lifecycle = new OrderLifecycle();
            final Model model = models.apply(setup, lifecycle);
            for (final Input input : new RunInputs(setup, model.resolver(), steps))
            {
                apply(model, lifecycle, input);
            }
            lifecycle.endAll(input -> apply(model, lifecycle, input), model::history);
            lifecycle.collectInto(coverage, LABELS);
        });
        coverage.report();
        requireCoverage(coverage);
    }

    /** Shares of runs, about half of what the reference model showed in 2,000 runs. */
    static void requireCoverage(final Coverage coverage)
    {
        coverage.require("liquidation order", 30);
        coverage.require("liquidation fill", 20);
        coverage.require("order filled in full", 5);
        coverage.require("order not filled", 15);
        coverage.require("rest taken over", 15);
        coverage.require("clearance fee", 3);
        coverage.require("liquidation rejection", 15);
    }

    private static void apply(final Model model, final OrderLifecycle lifecycle, final Input input)
    {
        final List<OrderLifecycle.Emitted> outputs = model.apply(input);
        lifecycle.observe(input, outputs, model::history);
        assertThat(model.ledgerGap())
            .as(() -> "Σ W + Σ B − (deposits − withdrawals + realized − fees + funding) after " + input + "\n" +
                model.history())
            .isZero();
    }

    private static Model engine(final MarketSetup setup, final OrderLifecycle lifecycle)
    {
        final EngineRun run = new EngineRun(setup);
        // alone, the engine's steps act on the orders its own outputs opened
        run.openLiquidationsFrom(lifecycle::openOrders);
        return new Model()
        {
            @Override
            public StepResolver resolver()
            {
                return run.resolver;
            }

            @Override
            public List<OrderLifecycle.Emitted> apply(final Input input)
            {
                final List<OrderLifecycle.Emitted> outputs = new ArrayList<>();
                for (final OutputRecord record : run.apply(input))
                {
                    outputs.add(new OrderLifecycle.Emitted(record.type(), record.fields()));
                }
                return outputs;
            }

            @Override
            public long ledgerGap()
            {
                return Books.ledgerGap(run.engine, run.instrumentIds());
            }

            @Override
            public String history()
            {
                return run.history();
            }
        };
    }

    private static Model reference(final MarketSetup setup, final OrderLifecycle lifecycle)
    {
        final ReferenceEngine reference = setup.reference();
        final StepResolver resolver = new StepResolver(setup, MarketState.of(reference));
        final List<String> history = new ArrayList<>();
        return new Model()
        {
            @Override
            public StepResolver resolver()
            {
                return resolver;
            }

            @Override
            public List<OrderLifecycle.Emitted> apply(final Input input)
            {
                final long correlationId = history.size() + 1;
                history.add("#" + correlationId + " " + input);
                final List<OrderLifecycle.Emitted> outputs = new ArrayList<>();
                for (final RefOutput output : input.applyTo(reference, correlationId, correlationId * 1_000))
                {
                    outputs.add(new OrderLifecycle.Emitted(output.type().label(), output.fields()));
                }
                return outputs;
            }

            @Override
            public long ledgerGap()
            {
                final List<Integer> instruments = new ArrayList<>();
                for (int i = 0; i < setup.maxInstruments(); i++)
                {
                    if (reference.hasInstrument(i))
                    {
                        instruments.add(i);
                    }
                }
                return Books.ledgerGap(reference, instruments);
            }

            @Override
            public String history()
            {
                return "market: " + setup + "\n" + String.join("\n", history);
            }
        };
    }
}
