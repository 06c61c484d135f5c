package com.liqengine.property;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.OutputRecord;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.reference.RefOpenLiquidation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One generated run through the engine: applies inputs, keeps the history of what was applied (printed when a
 * property fails) and the outputs of the last input.
 */
final class EngineRun
{
    final MarketSetup setup;
    final MarginStateMachine engine;
    final StepResolver resolver;
    private final InputEncoder encoder = new InputEncoder();
    private final List<OutputRecord> outputs = new ArrayList<>();
    private final List<String> history = new ArrayList<>();
    private long correlationId;
    private Supplier<List<RefOpenLiquidation>> openLiquidations = List::of;

    EngineRun(final MarketSetup setup)
    {
        this.setup = setup;
        this.engine = new MarginStateMachine(setup.settings(), (buffer, offset, length) ->
            outputs.add(OutputRecord.decode(buffer, offset, length)));
        this.resolver = new StepResolver(setup, MarketState.of(engine, () -> openLiquidations.get()));
    }

    /** Where the steps of the liquidation lifecycle find the open orders (none, until this is set). */
    void openLiquidationsFrom(final Supplier<List<RefOpenLiquidation>> orders)
    {
        this.openLiquidations = orders;
    }

    /** Correlation id of the next input; event times are a thousand times it, so both are checked. */
    long nextCorrelationId()
    {
        return correlationId + 1;
    }

    List<OutputRecord> apply(final Input input)
    {
        correlationId++;
        history.add("#" + correlationId + " " + input);
        outputs.clear();
        engine.onInput(encoder.buffer(), 0, input.encode(encoder, correlationId, correlationId * 1_000));
        return List.copyOf(outputs);
    }

    /** The market and every input so far, one a line: what a failing property prints. */
    String history()
    {
        final StringBuilder text = new StringBuilder("market: ").append(setup).append('\n');
        for (final String line : history)
        {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** Ids of the defined instruments. */
    List<Integer> instrumentIds()
    {
        final List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < setup.maxInstruments(); i++)
        {
            if (engine.hasInstrument(i))
            {
                ids.add(i);
            }
        }
        return ids;
    }
}
