package com.liqengine.tools.stress;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped seed portfolio on the shipped 19 May 2021 (config/portfolios/seed-traders.yaml, docs/stress.md):
 * the saver's isolated DOGE bet goes early and costs only its margin, the cross portfolio goes down whole at
 * 04:41:30; all cross, the saver's DOGE takes the savings with it at the day's low.
 */
class SeedTradersTest
{
    private static StressInputs inputs;

    @BeforeAll
    static void load() throws Exception
    {
        final List<String> history = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "config", "history")))
        {
            files.map(Path::toString).filter(f -> f.contains("2021-05-19_")).sorted().forEach(history::add);
        }
        inputs = StressInputs.load(Path.of("..", "config", "portfolios", "seed-traders.yaml"), history,
            Path.of("..", "config", "instruments.yaml"), List.of());
    }

    @Test
    void asGivenTheIsolatedBetCostsItsMarginAndTheCrossPortfolioGoesWhole()
    {
        final RunOutcome run = StressRunner.run(inputs, inputs.portfolio(), StressRun.AS_GIVEN, null);

        assertThat(liquidations(run)).containsExactly(
            "1 DOGEUSDT isolated 2021-05-19 01:17:30 UTC 0.45306",
            "2 BTCUSDT cross 2021-05-19 04:41:30 UTC 39211",
            "2 ETHUSDT cross 2021-05-19 04:41:30 UTC 2905",
            "2 LINKUSDT cross 2021-05-19 04:41:30 UTC 36.868");
        // the saver keeps the savings: 1,000 less a pool of about 100 (2,000 at 20x, rounded to DOGE's step)
        assertThat(run.traders().get(0).equity()).isBetween(new java.math.BigDecimal("899"),
            new java.math.BigDecimal("901"));
        assertThat(run.traders().get(1).equity()).isZero();
    }

    @Test
    void allCrossTheSaverLosesTheSavingsAtTheDayLow()
    {
        final RunOutcome run = StressRunner.run(inputs, inputs.portfolio(), StressRun.CROSS, null);

        assertThat(liquidations(run)).contains("1 DOGEUSDT cross 2021-05-19 12:53:30 UTC 0.2315");
        assertThat(run.traders().get(0).equity()).isZero();
    }

    private static List<String> liquidations(final RunOutcome run)
    {
        return run.liquidations().stream().map(l -> l.account() + " " + l.symbol() + " " + l.field("mode") + " "
            + StressTime.utc(l.time()) + " " + l.field("mark")).toList();
    }
}
