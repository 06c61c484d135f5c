package com.liqengine.margin;

import com.liqengine.api.OutputRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.liqengine.margin.EngineHarness.simpleTiers;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A margin-called cross short has a lower band end: a falling mark clears its call, and the next rise must call it
 * again. The random index properties rarely walk this path, so it is spelled out here, the indexed engine against
 * the full scan.
 *
 * <p>Account 2: cross, wallet 100, short 10 at 100 (tier 1: MMR 1%). At mark M: equity E = 1,100 − 10·M, MM =
 * 0.1·M, margin ratio MM / E. Called at ratio ≥ 80%: 0.1·M ≥ 0.8·(1,100 − 10·M), M ≥ 880 / 8.1 = 108.64; liquidated
 * at MM ≥ E: M ≥ 1,100 / 10.1 = 108.91. So 108.7 calls it, 100 clears the call (ratio 10 / 100 = 10%), and 108.7
 * again calls it a second time.
 */
class CalledShortBandTest
{
    @Test
    void aCalledShortIsCalledAgainAfterAFallClearedItsCall()
    {
        final List<String> scan = run(false);
        final List<String> indexed = run(true);
        assertThat(scan).as("the full scan: called, cleared, called again").containsExactly(
            "MarginCall 108.7", "MarginCall 108.7");
        assertThat(indexed).as("the indexed checks").isEqualTo(scan);
    }

    /**
     * The refresh after a deposit may skip its walk only when the stored bands' needs fit the new budgets
     * ({@code BandNeeds}); a called short's need counts its distance down. Account 2 (wallet 100, short 10 at 100)
     * is called at 108.9: E = 11, MM = 10.89, ratio 99%; its exact band is stored, its low end 10 price units down
     * (call budget MM − 0.8·E = 2.09 over 2 × 10 × 0.01 a unit). A deposit of 2 leaves it called (13, ratio 84%)
     * but shrinks that budget to 10.89 − 10.4 = 0.49, while the distance up (the liquidation budget, 0.11) grows:
     * counted without the distance down the stored band would look covered and stay. With the wallet at 102 the
     * call clears below 881.6 / 8.1 = 108.8395: at 108.83 (ratio 10.883 / 13.7 = 79.4%), inside the stale band, and
     * 108.86 (10.886 / 13.4 = 81.2%) calls it again.
     */
    @Test
    void aDepositThatShrinksACalledShortsBudgetMovesItsLowerEnd()
    {
        final List<String> scan = runWithDeposit(false);
        final List<String> indexed = runWithDeposit(true);
        assertThat(scan).as("the full scan: called, cleared after the deposit, called again").containsExactly(
            "MarginCall 108.9", "MarginCall 108.86");
        assertThat(indexed).as("the indexed checks").isEqualTo(scan);
    }

    private static List<String> runWithDeposit(final boolean indexedChecks)
    {
        final EngineHarness h = market(indexedChecks);
        final List<String> calls = new ArrayList<>();
        collect(h, calls, "104", "108.9");
        assertThat(types(h.deposit(2, "2"))).containsExactly("RequestAccepted");
        collect(h, calls, "108.83", "108.86");
        assertThat(types(h.outputs)).doesNotContain("LiquidationTriggered");
        return calls;
    }

    private static EngineHarness market(final boolean indexedChecks)
    {
        final EngineHarness h = new EngineHarness(new EngineSettings().indexedChecks(indexedChecks));
        final int x = h.define("X", simpleTiers(), "0", 0);
        h.mark(x, "100");
        h.deposit(2, "100");
        h.deposit(3, "10000");
        h.sell(2, x, "10", "100");
        h.buy(3, x, "10", "100");
        return h;
    }

    /** Ticks instrument 0 through the marks, noting every output but the acceptance as "type mark". */
    private static void collect(final EngineHarness h, final List<String> calls, final String... marks)
    {
        for (final String mark : marks)
        {
            for (final OutputRecord output : h.mark(0, mark))
            {
                if (!"RequestAccepted".equals(output.type()))
                {
                    calls.add(output.type() + " " + mark);
                }
            }
        }
    }

    private static List<String> run(final boolean indexedChecks)
    {
        final EngineHarness h = market(indexedChecks);
        final List<String> calls = new ArrayList<>();
        collect(h, calls, "104", "108.7", "106", "100", "95", "104", "108.7");
        assertThat(types(h.outputs)).doesNotContain("LiquidationTriggered");
        return calls;
    }
}
