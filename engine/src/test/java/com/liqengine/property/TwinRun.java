package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.reference.RefOutput;
import com.liqengine.reference.ReferenceEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine and the reference model side by side: every input goes to both, and after each one the output
 * events (type and every field, in order) and the whole observable state must be identical.
 */
final class TwinRun
{
    final EngineRun run;
    final ReferenceEngine reference;

    TwinRun(final MarketSetup setup)
    {
        this.run = new EngineRun(setup);
        this.reference = new ReferenceEngine(
            setup.maxAccounts(), setup.maxInstruments(), setup.fundId(), setup.marginCallRatio());
    }

    /**
     * Applies an input to both and compares.
     *
     * @return the engine's outputs.
     * @throws AssertionError naming the first difference, with the whole run so far.
     */
    List<OutputRecord> apply(final Input input)
    {
        final long correlationId = run.nextCorrelationId();
        final List<OutputRecord> outputs = run.apply(input);
        final List<RefOutput> expected = input.applyTo(reference, correlationId, correlationId * 1_000);
        final List<String> actual = new ArrayList<>();
        for (final OutputRecord record : outputs)
        {
            actual.add(RefOutput.describe(record));
        }
        final List<String> wanted = new ArrayList<>();
        for (final RefOutput output : expected)
        {
            wanted.add(output.toString());
        }
        if (!actual.equals(wanted))
        {
            throw new AssertionError("outputs differ after " + input + "\nengine:    " + String.join("\n           ",
                actual) + "\nreference: " + String.join("\n           ", wanted) + "\n" + run.history());
        }
        compareState(input);
        return outputs;
    }

    private void compareState(final Input input)
    {
        final List<Integer> instruments = run.instrumentIds();
        final List<Integer> referenceInstruments = new ArrayList<>();
        for (int i = 0; i < run.setup.maxInstruments(); i++)
        {
            if (reference.hasInstrument(i))
            {
                referenceInstruments.add(i);
            }
        }
        if (!instruments.equals(referenceInstruments))
        {
            throw new AssertionError("instruments differ after " + input + ": engine " + instruments +
                ", reference " + referenceInstruments + "\n" + run.history());
        }
        final List<String> engineState = StateLines.of(run.engine, instruments);
        final List<String> referenceState = StateLines.of(reference, instruments);
        if (engineState.equals(referenceState))
        {
            return;
        }
        final StringBuilder differences = new StringBuilder();
        for (int i = 0; i < Math.max(engineState.size(), referenceState.size()); i++)
        {
            final String engineLine = i < engineState.size() ? engineState.get(i) : "(none)";
            final String referenceLine = i < referenceState.size() ? referenceState.get(i) : "(none)";
            if (!engineLine.equals(referenceLine))
            {
                differences.append("engine:    ").append(engineLine).append('\n')
                    .append("reference: ").append(referenceLine).append('\n');
            }
        }
        throw new AssertionError("state differs after " + input + "\n" + differences + run.history());
    }
}
