package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.RejectReason;
import com.liqengine.reference.RefOutput;
import com.liqengine.reference.ReferenceEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine and the reference model side by side: every input goes to both, and after each one the output
 * events (type and every field, in order) and the whole observable state must be identical, and an input the
 * engine rejects must leave its state hash as it was (docs/margin.md, section 4: "nothing changes").
 */
final class TwinRun
{
    final EngineRun run;
    final ReferenceEngine reference;

    TwinRun(final MarketSetup setup)
    {
        this.run = new EngineRun(setup);
        // the engine's default maxPositions, maxAccounts × maxInstruments (at most 2^24), is more than the accounts
        // but the fund can store in these markets (far below 2^24 slots): it never binds, the reference gets none
        this.reference = setup.reference();
        // the steps of the liquidation lifecycle act on the orders the reference model holds open
        run.openLiquidationsFrom(reference::openLiquidations);
    }

    /**
     * Applies an input to both and compares.
     *
     * @return the engine's outputs.
     * @throws AssertionError naming the first difference, a rejected input that changed the engine's state hash,
     *     or an exception thrown by either model, with the whole run so far.
     */
    List<OutputRecord> apply(final Input input)
    {
        final long correlationId = run.nextCorrelationId();
        final long hashBefore = run.engine.stateHash();
        final List<OutputRecord> outputs;
        try
        {
            outputs = run.apply(input);
        }
        catch (final RuntimeException e)
        {
            throw new AssertionError("the engine threw on " + input + ": " + e + "\n" + run.history(), e);
        }
        final List<RefOutput> expected;
        try
        {
            expected = input.applyTo(reference, correlationId, correlationId * 1_000);
        }
        catch (final RuntimeException e)
        {
            throw new AssertionError("the reference model threw on " + input + " (engine: " + outputs + "): " + e +
                "\n" + run.history(), e);
        }
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
        checkRejectedChangedNothing(input, outputs, hashBefore);
        compareState(input);
        return outputs;
    }

    /**
     * An input answered by exactly one {@code RequestRejected} must leave the state hash (the whole state but the
     * sequence number) as it was.
     */
    private void checkRejectedChangedNothing(final Input input, final List<OutputRecord> outputs, final long before)
    {
        if (outputs.size() != 1 || !"RequestRejected".equals(outputs.get(0).type()))
        {
            return;
        }
        final long after = run.engine.stateHash();
        if (after != before)
        {
            throw new AssertionError("a rejected input changed the state: " + input + " rejected with " +
                RejectReason.get((short)outputs.get(0).get("reason")) + ", state hash " +
                Long.toHexString(before) + " before, " + Long.toHexString(after) + " after\n" + run.history());
        }
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
