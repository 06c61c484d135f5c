package com.liqengine.tools.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.pipeline.AppliedListener;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.EngineRuntime;
import org.HdrHistogram.Histogram;

/**
 * The single-process engine ({@link EngineRuntime}: ring, Chronicle journal, state machine, output queue) as a
 * {@link LoadSubject}, measured as {@code liq bench} measures it: from the time given with the ring commit to the
 * end of the input's processing (outputs written), on the engine's thread. Inputs are applied in ring order, so
 * the n-th applied is input n.
 */
final class EngineLoad implements LoadSubject, AppliedListener, AutoCloseable
{
    private final BenchInputs inputs;
    private final EngineRuntime runtime;
    private final InputPublisher publisher;
    private Histogram roundTrips;
    private int recordFrom;
    private int recordTo;
    /** Written by the engine's thread after each record: reading it first makes the histogram's values visible. */
    private volatile long applied;

    /**
     * Starts the engine with the given configuration (its files in the configuration's folders).
     */
    EngineLoad(final EngineConfig config, final BenchInputs inputs)
    {
        this.inputs = inputs;
        this.runtime = EngineRuntime.start(config, this);
        runtime.prepareIngressThread();
        this.publisher = runtime.newPublisher();
    }

    @Override
    public void onApplied(final long ingressNanos)
    {
        final long index = applied;
        if (index >= recordFrom && index < recordTo)
        {
            roundTrips.recordValue(LoadResult.clamp(System.nanoTime() - ingressNanos));
        }
        applied = index + 1;
    }

    @Override
    public boolean offer(final int index, final long sendNanos)
    {
        final InputEncoder slot = publisher.claim();
        publisher.commit(inputs.copy(index, slot.buffer(), 0), sendNanos);
        return true;
    }

    @Override
    public int poll()
    {
        return 0;
    }

    @Override
    public long acknowledged()
    {
        return applied;
    }

    @Override
    public void record(final int from, final int to, final Histogram roundTrips, final Histogram fromSend)
    {
        // set while the engine is idle (the loop drains before each phase), published by the ring's commit
        this.roundTrips = roundTrips;
        this.recordFrom = from;
        this.recordTo = to;
    }

    @Override
    public void close()
    {
        runtime.close();
    }
}
