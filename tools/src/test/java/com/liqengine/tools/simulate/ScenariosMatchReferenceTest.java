package com.liqengine.tools.simulate;

import com.liqengine.api.OutputRecord;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.reference.RefOutput;
import com.liqengine.reference.ReferenceDriver;
import com.liqengine.reference.ReferenceEngine;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario shipped in config/scenarios, under each mode policy of {@code liq simulate}, gives the outputs and
 * the final state of the BigDecimal reference model (written from docs/margin.md and docs/liquidation.md), input by
 * input: among them the venue-sized one, 600 instruments and a cross account holding 40 positions, and the
 * liquidation lifecycle in market mode.
 */
class ScenariosMatchReferenceTest
{
    private static final Path DIR = Path.of("..", "config", "scenarios");

    @Test
    void everyShippedScenarioAgreesWithTheReferenceModel() throws IOException
    {
        final List<Path> files;
        try (Stream<Path> list = Files.list(DIR))
        {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
            .contains("venue-600-instruments.yaml", "liquidation-lifecycle.yaml");
        for (final Path file : files)
        {
            for (final ModePolicy policy : ModePolicy.values())
            {
                agrees(file, policy);
            }
        }
    }

    @Test
    void theVenueScenarioHoldsFortyCrossLegsInSixHundredInstruments()
    {
        final Simulation run = ScenarioRunner.run(
            ScenarioLoader.load(DIR.resolve("venue-600-instruments.yaml")), ModePolicy.AS_WRITTEN);
        assertThat(run.scenario().instruments()).hasSize(600);
        assertThat(run.engine().settings().maxInstruments()).isEqualTo(600);
        final long liquidated = run.steps().stream().flatMap(s -> s.outputs().stream())
            .filter(o -> o.type().equals("LiquidationTriggered")).count();
        // the isolated position, then the 40 cross legs at once
        assertThat(liquidated).isEqualTo(41);
        // 40 cross slots (now flat, at their defaults: forgotten), account 2's isolated setting, the fund's 40
        assertThat(run.engine().storedSlotCount()).isEqualTo(41);
    }

    private static void agrees(final Path file, final ModePolicy policy)
    {
        final Simulation run = ScenarioRunner.run(ScenarioLoader.load(file), policy);
        final MarginStateMachine engine = run.engine();
        final ReferenceEngine reference = ReferenceEngine.of(engine.settings());
        final ReferenceDriver driver = new ReferenceDriver(reference);
        for (final Step step : run.steps())
        {
            if (step.input() == null || step.input().length == 0)
            {
                continue;
            }
            final List<RefOutput> expected = driver.apply(new UnsafeBuffer(step.input()), 0);
            final List<String> wanted = new ArrayList<>();
            expected.forEach(o -> wanted.add(o.toString()));
            final List<String> actual = new ArrayList<>();
            for (final OutputRecord record : step.outputs())
            {
                actual.add(RefOutput.describe(record));
            }
            assertThat(actual).as("%s (%s): outputs of %s", file.getFileName(), policy, step.description())
                .isEqualTo(wanted);
        }
        for (int a = 0; a < engine.accountCount(); a++)
        {
            final long id = engine.accountIdAt(a);
            assertThat(engine.crossWallet(id)).as("wallet of %d", id).isEqualTo(reference.crossWallet(id));
            for (int i = 0; i < engine.settings().maxInstruments(); i++)
            {
                if (engine.hasInstrument(i))
                {
                    assertThat(engine.positionSize(id, i)).as("size %d/%d", id, i)
                        .isEqualTo(reference.positionSize(id, i));
                    assertThat(engine.costBasis(id, i)).as("cost %d/%d", id, i).isEqualTo(reference.costBasis(id, i));
                    assertThat(engine.leverage(id, i)).as("leverage %d/%d", id, i)
                        .isEqualTo(reference.leverage(id, i));
                    assertThat(engine.marginMode(id, i)).as("mode %d/%d", id, i)
                        .isEqualTo(reference.marginMode(id, i));
                }
            }
        }
        assertThat(engine.ledgerTotals().realizedPnl()).isEqualTo(reference.ledgerTotals().totalRealizedPnl());
    }
}
