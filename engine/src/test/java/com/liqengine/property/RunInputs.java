package com.liqengine.property;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;

/**
 * The inputs of a run: the market's preamble, then each step resolved only when it is reached, so that it
 * reads the state the inputs before it left.
 */
final class RunInputs implements Iterable<Input>
{
    private final MarketSetup setup;
    private final StepResolver resolver;
    private final List<Step> steps;

    RunInputs(final EngineRun run, final List<Step> steps)
    {
        this(run.setup, run.resolver, steps);
    }

    RunInputs(final MarketSetup setup, final StepResolver resolver, final List<Step> steps)
    {
        this.setup = setup;
        this.resolver = resolver;
        this.steps = steps;
    }

    @Override
    public Iterator<Input> iterator()
    {
        final Queue<Input> pending = new ArrayDeque<>(setup.preamble());
        final Iterator<Step> remaining = steps.iterator();
        return new Iterator<>()
        {
            @Override
            public boolean hasNext()
            {
                while (pending.isEmpty() && remaining.hasNext())
                {
                    pending.addAll(resolver.resolve(remaining.next()));
                }
                return !pending.isEmpty();
            }

            @Override
            public Input next()
            {
                if (!hasNext())
                {
                    throw new NoSuchElementException();
                }
                return pending.remove();
            }
        };
    }
}
