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

    private static List<String> run(final boolean indexedChecks)
    {
        final EngineHarness h = new EngineHarness(new EngineSettings().indexedChecks(indexedChecks));
        final int x = h.define("X", simpleTiers(), "0", 0);
        h.mark(x, "100");
        h.deposit(2, "100");
        h.deposit(3, "10000");
        h.sell(2, x, "10", "100");
        h.buy(3, x, "10", "100");
        final List<String> calls = new ArrayList<>();
        for (final String mark : new String[] {"104", "108.7", "106", "100", "95", "104", "108.7"})
        {
            for (final OutputRecord output : h.mark(x, mark))
            {
                if (!"RequestAccepted".equals(output.type()))
                {
                    calls.add(output.type() + " " + mark);
                }
            }
        }
        assertThat(types(h.outputs)).doesNotContain("LiquidationTriggered");
        return calls;
    }
}
