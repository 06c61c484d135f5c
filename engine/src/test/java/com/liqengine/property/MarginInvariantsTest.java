package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;
import org.quicktheories.dsl.TheoryBuilder2;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the engine on its own over the same random runs as {@link EngineMatchesReferenceTest}:
 * (b) the ledger identity after every input, (c) an isolated liquidation touches neither the account's cross
 * wallet nor its other positions, (d) liquidation happens to exactly the positions whose equity is at or below
 * their maintenance margin.
 */
class MarginInvariantsTest
{
    private static final long ISOLATED = 0;
    private static final int EXAMPLES = 300;

    @Test
    void ledgerIdentityHoldsAfterEveryInput()
    {
        runs().checkAssert(MarginInvariantsTest::ledgerIdentityHoldsAfterEveryInput);
    }

    private static void ledgerIdentityHoldsAfterEveryInput(final long seed, final List<Step> steps)
    {
        final EngineRun run = new EngineRun(MarketSetup.random(seed));
        for (final Input input : inputs(run, steps))
        {
            run.apply(input);
            assertThat(Books.ledgerGap(run.engine, run.instrumentIds()))
                .as("Σ W + Σ B − (deposits − withdrawals + realized − fees + funding) after %s%n%s", input,
                    run.history())
                .isZero();
        }
    }

    @Test
    void isolatedLiquidationLeavesTheWalletAndOtherPositionsAlone()
    {
        final String label = "isolated liquidation on a tick or funding";
        final Coverage coverage = new Coverage("isolatedLiquidationLeavesTheWalletAndOtherPositionsAlone");
        runs().checkAssert((seed, steps) ->
        {
            coverage.run();
            coverage.collect(label, isolatedLiquidationLeavesTheWalletAndOtherPositionsAlone(seed, steps));
        });
        coverage.report();
        coverage.require(label, 25);
    }

    /** One run of the property; returns whether an isolated position was liquidated on a tick or funding. */
    private static boolean isolatedLiquidationLeavesTheWalletAndOtherPositionsAlone(
        final long seed, final List<Step> steps)
    {
        final EngineRun run = new EngineRun(MarketSetup.random(seed));
        boolean liquidated = false;
        for (final Input input : inputs(run, steps))
        {
            // on a tick or funding nothing else moves the account's wallet or its other slots
            final boolean marketWide = input instanceof Input.MarkTick || input instanceof Input.Funding;
            final List<String> before = accountLines(run);
            final List<OutputRecord> outputs = run.apply(input);
            if (!marketWide)
            {
                continue;
            }
            final List<String> after = accountLines(run);
            for (final OutputRecord output : outputs)
            {
                if (!output.type().equals("LiquidationTriggered") || output.get("mode") != ISOLATED)
                {
                    continue;
                }
                liquidated = true;
                final long account = output.get("accountId");
                final int instrument = (int)output.get("instrumentId");
                assertThat(run.engine.positionSize(account, instrument)).isZero();
                assertThat(run.engine.isolatedMargin(account, instrument)).isZero();
                assertThat(withoutSlot(after, account, instrument))
                    .as("account %d besides instrument %d after %s%n%s", account, instrument, input, run.history())
                    .containsExactlyElementsOf(withoutSlot(before, account, instrument));
            }
        }
        return liquidated;
    }

    @Test
    void exactlyTheLiquidatablePositionsAreLiquidated()
    {
        runs().checkAssert(MarginInvariantsTest::exactlyTheLiquidatablePositionsAreLiquidated);
    }

    private static void exactlyTheLiquidatablePositionsAreLiquidated(final long seed, final List<Step> steps)
    {
        final EngineRun run = new EngineRun(MarketSetup.random(seed));
        for (final Input input : inputs(run, steps))
        {
            final List<String> predicted = input instanceof Input.MarkTick tick ?
                Books.liquidatableAt(run.engine, run.instrumentIds(), tick.instrument(), tick.price()) : null;
            final List<OutputRecord> outputs = run.apply(input);
            final List<String> triggered = new ArrayList<>();
            for (final OutputRecord output : outputs)
            {
                if (output.type().equals("LiquidationTriggered"))
                {
                    triggered.add(output.get("accountId") + "/" + output.get("instrumentId") + " " +
                        (output.get("mode") == ISOLATED ? "ISOLATED" : "CROSS"));
                    assertThat(output.get("equity")).as("%s after %s", output, input)
                        .isLessThanOrEqualTo(output.get("maintenanceMargin"));
                }
            }
            if (predicted != null && !rejected(outputs))
            {
                assertThat(triggered).as("liquidated by %s%n%s", input, run.history())
                    .containsExactlyInAnyOrderElementsOf(predicted);
            }
            assertThat(Books.liquidatable(run.engine, run.instrumentIds()))
                .as("liquidatable but not liquidated after %s%n%s", input, run.history())
                .isEmpty();
        }
    }

    private static TheoryBuilder2<Long, List<Step>> runs()
    {
        return Theories.qt(EXAMPLES).forAll(Steps.seeds(), Steps.sequences());
    }

    private static boolean rejected(final List<OutputRecord> outputs)
    {
        return outputs.size() == 1 && outputs.get(0).type().equals("RequestRejected");
    }

    private static Iterable<Input> inputs(final EngineRun run, final List<Step> steps)
    {
        return new RunInputs(run, steps);
    }

    /** Every account's wallet and slots, one line each, prefixed "account/instrument". */
    private static List<String> accountLines(final EngineRun run)
    {
        final List<String> lines = new ArrayList<>();
        for (int a = 0; a < run.engine.accountCount(); a++)
        {
            final long id = run.engine.accountIdAt(a);
            lines.add(id + "/wallet " + run.engine.crossWallet(id));
            for (final int i : run.instrumentIds())
            {
                lines.add(id + "/" + i + " " + run.engine.marginMode(id, i) + " x" + run.engine.leverage(id, i) +
                    " size " + run.engine.positionSize(id, i) + " cost " + run.engine.costBasis(id, i) + " pool " +
                    run.engine.isolatedMargin(id, i));
            }
        }
        return lines;
    }

    private static List<String> withoutSlot(final List<String> lines, final long account, final int instrument)
    {
        final List<String> kept = new ArrayList<>();
        for (final String line : lines)
        {
            if (line.startsWith(account + "/") && !line.startsWith(account + "/" + instrument + " "))
            {
                kept.add(line);
            }
        }
        return kept;
    }
}
