package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

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
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void engineAndReferenceAgreeToTheLastUnit(
        @ForAll("seeds") final long seed, @ForAll("sequences") final List<Step> steps)
    {
        final TwinRun twin = new TwinRun(MarketSetup.random(seed));
        final RunStatistics statistics = new RunStatistics();
        long applied = 0;
        for (final Input input : new RunInputs(twin.run, steps))
        {
            // TwinRun.apply throws an AssertionError naming the first difference in outputs or state
            statistics.count(twin.apply(input));
            applied++;
        }
        statistics.report();
        assertThat(twin.run.engine.lastSequence()).as("every input numbered, without gaps").isEqualTo(applied)
            .isEqualTo(twin.reference.lastSequence());
    }

    @Provide
    Arbitrary<Long> seeds()
    {
        return Steps.seeds();
    }

    @Provide
    Arbitrary<List<Step>> sequences()
    {
        return Steps.sequences();
    }

    /** What a run exercised, for jqwik's statistics and coverage checks. */
    private static final class RunStatistics
    {
        private static final long ISOLATED = 0;
        private boolean isolatedLiquidation;
        private boolean crossLiquidation;
        private boolean rejection;
        private boolean marginCall;
        private boolean underMargined;

        void count(final List<OutputRecord> outputs)
        {
            for (final OutputRecord output : outputs)
            {
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
                    default:
                        break;
                }
            }
        }

        void report()
        {
            Statistics.label("isolated liquidation").collect(isolatedLiquidation);
            Statistics.label("cross liquidation").collect(crossLiquidation);
            Statistics.label("rejection").collect(rejection);
            Statistics.label("margin call").collect(marginCall);
            Statistics.label("under-margined fill").collect(underMargined);
            Statistics.label("isolated liquidation").coverage(c -> c.check(true).percentage(p -> p >= 25));
            Statistics.label("cross liquidation").coverage(c -> c.check(true).percentage(p -> p >= 25));
            Statistics.label("rejection").coverage(c -> c.check(true).percentage(p -> p >= 50));
        }
    }
}
