package com.liqengine.tools.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marks of {@code liq demo --history}: the real marks in order, spread out, and the demo's own ticks between
 * them never outside the current bar's range.
 */
class HistoryTicksTest
{
    private static final long T0 = 1_621_382_400_000L;

    @TempDir
    Path dir;

    @Test
    void realMarksInOrderAndOwnTicksInsideTheBar() throws IOException
    {
        Files.write(dir.resolve("instruments.yaml"), List.of("instruments:",
            "  - symbol: AAAUSDT",
            "    tickSize: \"1\"",
            "    stepSize: \"1\"",
            "    tiers: [ { maxNotional: \"1000000\", maxLeverage: 20, mmr: \"0.01\", maintenanceAmount: \"0\" } ]"));
        final Path file = Files.write(dir.resolve("AAAUSDT_1m.csv"), List.of(
            T0 + ",100,110,95,105,0",
            (T0 + 60_000) + ",105,106,60,70,0"));
        final StressInputs market = StressInputs.market(List.of(file.toString()), dir.resolve("instruments.yaml"),
            List.of());

        // 8 real marks over 80 ticks: one real mark every 10 ticks, the first at once
        final HistoryTicks ticks = new HistoryTicks(market, 80);
        final SplittableRandom random = new SplittableRandom(5);
        final List<Long> real = new ArrayList<>();
        for (int n = 1; n <= 80; n++)
        {
            final int before = ticks.realMarksGiven();
            assertThat(ticks.next(random)).isZero();
            if (ticks.realMarksGiven() > before)
            {
                real.add(ticks.price());
            }
            else
            {
                // the first bar spans 95..110, the second 60..106
                assertThat(ticks.price()).isBetween(ticks.realMarksGiven() <= 4 ? 95L : 60L,
                    ticks.realMarksGiven() <= 4 ? 110L : 106L);
            }
        }
        assertThat(real).containsExactly(100L, 95L, 110L, 105L, 105L, 106L, 60L, 70L);
    }
}
