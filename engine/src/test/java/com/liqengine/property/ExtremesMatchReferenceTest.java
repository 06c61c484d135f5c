package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.RejectReason;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extremes property: twin runs of the engine and the reference model on markets and steps that sit at and
 * around every bound of docs/margin.md, section 1 ({@link ExtremeMarket}, {@link ExtremeSteps},
 * {@link ExtremeResolver}): amounts of 1, {@code 2^58 - 1}, {@code 2^58}, {@code 2^58 + 1}, wallets and pools
 * driven to exactly {@code 2^60} and one unit more, fills at the largest capacity a price allows and one step
 * beyond, at the highest price a capacity allows and one tick beyond, marks at 1 and at the largest price the
 * open positions allow and one unit beyond, funding at {@code ±R}, {@code ±(R + 1)} and at the rate that takes a
 * wallet or pool to the bound, dust wallets, huge positions, many positions in one cross account, a full
 * {@code maxPositions}. After every input the two must agree on outputs and state, and a rejected input must
 * leave the engine's state hash as it was ({@link TwinRun}); an exception from either model fails the run.
 */
class ExtremesMatchReferenceTest
{
    private static final int EXAMPLES = 300;

    @Test
    void extremesAgreeWithTheReference()
    {
        final Coverage coverage = new Coverage("extremesAgreeWithTheReference");
        Theories.qt(EXAMPLES).forAll(Steps.seeds(), ExtremeSteps.sequences()).checkAssert((seed, steps) ->
        {
            final MarketSetup setup = ExtremeMarket.random(seed);
            final TwinRun twin = new TwinRun(setup);
            final ExtremeResolver resolver = new ExtremeResolver(setup, twin.run.engine);
            final RunStatistics statistics = new RunStatistics();
            long applied = 0;
            for (final Input input : setup.preamble())
            {
                twin.apply(input);
                applied++;
            }
            for (final ExtremeStep step : steps)
            {
                for (int time = 0; time < step.times(); time++)
                {
                    for (final Input input : resolver.resolve(step))
                    {
                        // TwinRun.apply throws an AssertionError naming the first difference, or a rejected input
                        // that changed the state hash
                        statistics.count(input, twin.apply(input));
                        statistics.state(resolver);
                        applied++;
                    }
                }
            }
            statistics.collectInto(coverage);
            assertThat(twin.run.engine.lastSequence()).as("every input numbered, without gaps").isEqualTo(applied)
                .isEqualTo(twin.reference.lastSequence());
        });
        coverage.report();
        // about half of what 6,000 runs showed (98%, 54%, 51%, 42%, 42%)
        coverage.require("out of range", 80);
        coverage.require("isolated liquidation", 30);
        coverage.require("cross liquidation", 25);
        coverage.require("under-margined fill", 20);
        coverage.require("capacity exceeded", 20);
    }

    /** What the steps of a run exercised (the preamble aside), for the coverage checks. */
    private static final class RunStatistics
    {
        private static final long ISOLATED = 0;
        private static final int MANY_SLOTS = 4;
        private boolean outOfRange;
        private boolean outOfRangeFill;
        private boolean outOfRangeTick;
        private boolean outOfRangeFunding;
        private boolean outOfRangeTransfer;
        private boolean capacityExceeded;
        private boolean isolatedLiquidation;
        private boolean crossLiquidation;
        private boolean crossLiquidationOfMany;
        private boolean underMargined;
        private boolean fundPaid;
        private boolean walletAtBound;
        private boolean capacityNearBound;
        private boolean costNearBound;

        void state(final ExtremeResolver resolver)
        {
            walletAtBound = walletAtBound || resolver.walletAtBound();
            capacityNearBound = capacityNearBound || resolver.capacityNearBound();
            costNearBound = costNearBound || resolver.costNearBound();
        }

        void count(final Input input, final List<OutputRecord> outputs)
        {
            int crossSlots = 0;
            for (final OutputRecord output : outputs)
            {
                switch (output.type())
                {
                    case "RequestRejected":
                        rejected(input, RejectReason.get((short)output.get("reason")));
                        break;
                    case "LiquidationTriggered":
                        if (output.get("mode") == ISOLATED)
                        {
                            isolatedLiquidation = true;
                        }
                        else
                        {
                            crossLiquidation = true;
                            crossSlots++;
                        }
                        break;
                    case "UnderMarginedFill":
                        underMargined = true;
                        break;
                    case "PositionTakenOver":
                        // a cross account that ends below zero after a gap: the fund pays the rest
                        fundPaid |= output.get("clearanceFee") < 0;
                        break;
                    default:
                        break;
                }
            }
            crossLiquidationOfMany |= crossSlots >= MANY_SLOTS;
        }

        private void rejected(final Input input, final RejectReason reason)
        {
            if (reason == RejectReason.CAPACITY_EXCEEDED)
            {
                capacityExceeded = true;
            }
            if (reason != RejectReason.OUT_OF_RANGE)
            {
                return;
            }
            outOfRange = true;
            if (input instanceof Input.Fill)
            {
                outOfRangeFill = true;
            }
            else if (input instanceof Input.MarkTick)
            {
                outOfRangeTick = true;
            }
            else if (input instanceof Input.Funding)
            {
                outOfRangeFunding = true;
            }
            else if (input instanceof Input.Deposit || input instanceof Input.AddMargin ||
                input instanceof Input.RemoveMargin)
            {
                outOfRangeTransfer = true;
            }
        }

        void collectInto(final Coverage coverage)
        {
            coverage.run();
            coverage.collect("out of range", outOfRange);
            coverage.collect("out of range fill", outOfRangeFill);
            coverage.collect("out of range tick", outOfRangeTick);
            coverage.collect("out of range funding", outOfRangeFunding);
            coverage.collect("out of range transfer", outOfRangeTransfer);
            coverage.collect("capacity exceeded", capacityExceeded);
            coverage.collect("isolated liquidation", isolatedLiquidation);
            coverage.collect("cross liquidation", crossLiquidation);
            coverage.collect("cross liquidation of 4+ slots", crossLiquidationOfMany);
            coverage.collect("under-margined fill", underMargined);
            coverage.collect("fund paid a cross gap", fundPaid);
            coverage.collect("wallet or pool at 2^60", walletAtBound);
            coverage.collect("capacity worth over 2^57", capacityNearBound);
            coverage.collect("cost basis over 2^59", costNearBound);
        }
    }
}
