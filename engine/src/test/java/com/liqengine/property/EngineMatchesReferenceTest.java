package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property (a): the engine and the BigDecimal reference model, fed the same random run (up to 20 accounts,
 * 2 to 4 instruments, both margin modes, marks that walk, crash and spike, fills with fees, funding of both
 * signs, transfers, leverage and mode changes, redefinitions and invalid inputs), emit the same events, field
 * by field, and show the same state after every input. The coverage check keeps it from passing vacuously:
 * a fair share of runs must liquidate isolated positions and cross accounts.
 */
class EngineMatchesReferenceTest
{
    private static final int EXAMPLES = 1_000;

    @Test
    void engineAndReferenceAgreeToTheLastUnit()
    {
        final Coverage coverage = new Coverage("engineAndReferenceAgreeToTheLastUnit");
        Theories.qt(EXAMPLES).forAll(Steps.seeds(), Steps.sequences()).checkAssert((seed, steps) ->
        {
            final TwinRun twin = new TwinRun(MarketSetup.randomWithFundFloor(seed));
            final RunStatistics statistics = new RunStatistics();
            long applied = 0;
            for (final Input input : new RunInputs(twin.run, steps))
            {
                // TwinRun.apply throws an AssertionError naming the first difference in outputs or state
                statistics.count(twin.apply(input));
                applied++;
            }
            statistics.collectInto(coverage);
            assertThat(twin.run.engine.lastSequence()).as("every input numbered, without gaps").isEqualTo(applied)
                .isEqualTo(twin.reference.lastSequence());
        });
        coverage.report();
        coverage.require("isolated liquidation", 25);
        coverage.require("cross liquidation", 25);
        coverage.require("rejection", 50);
    }

    /** What a run exercised, for the coverage checks. */
    private static final class RunStatistics
    {
        private static final long ISOLATED = 0;
        private boolean isolatedLiquidation;
        private boolean crossLiquidation;
        private boolean rejection;
        private boolean marginCall;
        private boolean underMargined;
        private boolean deleveraged;
        private boolean deficit;
        private boolean liquidatedByAdl;
        private boolean adlAfterRecheck;

        void count(final List<OutputRecord> outputs)
        {
            // within one input: a close, then the check of an account closed against liquidates it, then its
            // takeover is deleveraged in turn
            boolean closed = false;
            boolean triggeredAfterClose = false;
            for (final OutputRecord output : outputs)
            {
                triggeredAfterClose |= closed && "LiquidationTriggered".equals(output.type());
                adlAfterRecheck |= triggeredAfterClose && "AutoDeleveraged".equals(output.type());
                closed |= "AutoDeleveraged".equals(output.type());
                liquidatedByAdl |= triggeredAfterClose;
                switch (output.type())
                {
                    case "LiquidationTriggered":
                        if (output.get("mode") == ISOLATED)
                        {
                            isolatedLiquidation = true;
                        }
                        else
                        {
                            crossLiquidation = true;
                        }
                        break;
                    case "RequestRejected":
                        rejection = true;
                        break;
                    case "MarginCall":
                        marginCall = true;
                        break;
                    case "UnderMarginedFill":
                        underMargined = true;
                        break;
                    case "AutoDeleveraged":
                        deleveraged = true;
                        break;
                    case "InsuranceFundDeficit":
                        deficit = true;
                        break;
                    default:
                        break;
                }
            }
        }

        void collectInto(final Coverage coverage)
        {
            coverage.run();
            coverage.collect("isolated liquidation", isolatedLiquidation);
            coverage.collect("cross liquidation", crossLiquidation);
            coverage.collect("rejection", rejection);
            coverage.collect("margin call", marginCall);
            coverage.collect("under-margined fill", underMargined);
            coverage.collect("auto-deleveraging", deleveraged);
            coverage.collect("insurance fund deficit", deficit);
            coverage.collect("liquidation after an ADL close", liquidatedByAdl);
            coverage.collect("ADL after a re-check", adlAfterRecheck);
        }
    }
}
