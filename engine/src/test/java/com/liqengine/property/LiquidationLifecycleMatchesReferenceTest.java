package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine and the reference model in market mode (docs/liquidation.md), fed the same random run: the steps of
 * {@link EngineMatchesReferenceTest} and, against the orders the reference model holds open, liquidation fills
 * within and beyond an order's limit and quantity, with wrong ids, sides, accounts, fees and trade ids, ends of
 * orders with and without a rest and with a wrong reported quantity, and gaps of the mark through an order's
 * limit; markets with a liquidation fee, partial liquidation from some tier, and sometimes room for 1 to 3 open
 * orders only. After every input the outputs (type and every field, in order) and the state must be the same
 * ({@link TwinRun}); at the end every open order is ended until none is. The engine's outputs must also keep
 * the invariants of {@link OrderLifecycle}.
 */
class LiquidationLifecycleMatchesReferenceTest
{
    private static final int EXAMPLES = 500;

    @Test
    void engineAndReferenceAgreeThroughTheLifecycle()
    {
        final Coverage coverage = new Coverage("engineAndReferenceAgreeThroughTheLifecycle");
        Theories.qt(EXAMPLES).forAll(Steps.seeds(), Steps.marketSequences()).checkAssert((seed, steps) ->
        {
            final TwinRun twin = new TwinRun(MarketSetup.randomMarketMode(seed));
            final OrderLifecycle lifecycle = new OrderLifecycle();
            long applied = 0;
            for (final Input input : new RunInputs(twin.run, steps))
            {
                apply(twin, lifecycle, input);
                applied++;
            }
            applied += lifecycle.endAll(input -> apply(twin, lifecycle, input), twin.run::history);
            assertThat(twin.reference.openLiquidations()).as("the reference model's open orders").isEmpty();
            lifecycle.collectInto(coverage, LiquidationInvariantsTest.LABELS);
            assertThat(twin.run.engine.lastSequence()).as("every input numbered, without gaps").isEqualTo(applied)
                .isEqualTo(twin.reference.lastSequence());
        });
        coverage.report();
        LiquidationInvariantsTest.requireCoverage(coverage);
        coverage.require("auto-deleveraging", 10);
        coverage.require("insurance fund deficit", 10);
    }

    /** Both models, then the lifecycle's checks on the (identical) outputs. */
    private static void apply(final TwinRun twin, final OrderLifecycle lifecycle, final Input input)
    {
        final List<OrderLifecycle.Emitted> outputs = new ArrayList<>();
        for (final OutputRecord record : twin.apply(input))
        {
            outputs.add(new OrderLifecycle.Emitted(record.type(), record.fields()));
        }
        lifecycle.observe(input, outputs, twin.run::history);
    }
}
