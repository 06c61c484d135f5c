package com.liqengine.pipeline;

import com.liqengine.margin.EngineSettings;
import org.agrona.ErrorHandler;

/**
 * Settings of a running engine, as a context: fluent setters, {@link #conclude()} checks them and fills in
 * defaults. The defaults are safe on a 2-core machine (no busy-spin unless asked).
 */
public final class EngineContext
{
    private int ringSize = 16 * 1024;
    private IdleStrategyName idleStrategy = IdleStrategyName.BACKOFF;
    private Topology topology = Topology.INLINE_JOURNAL;
    private boolean multiProducer = true;
    private EngineSettings marginSettings = new EngineSettings();
    private InputJournal inputJournal;
    private OutputChannel outputChannel;
    private EngineCounters counters;
    private AppliedListener appliedListener;
    private PipelineLatency latency;
    private SnapshotTaker snapshotTaker;
    private StateRecovery recovery;
    private ErrorHandler errorHandler;
    private Runnable engineThreadStart;

    /**
     * Ring size, a power of two (default 16,384 slots of {@link InputSlot#CAPACITY} bytes).
     *
     * @param ringSize slots.
     * @return this.
     */
    public EngineContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * How consumers wait for input (default {@link IdleStrategyName#BACKOFF}).
     *
     * @param idleStrategy the strategy.
     * @return this.
     */
    public EngineContext idleStrategy(final IdleStrategyName idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * Handler topology (default {@link Topology#INLINE_JOURNAL}; see docs/pipeline.md for the measurements).
     *
     * @param topology the topology.
     * @return this.
     */
    public EngineContext topology(final Topology topology)
    {
        this.topology = topology;
        return this;
    }

    /**
     * Whether several threads publish (default true; false is faster but then exactly one thread may publish).
     *
     * @param multiProducer true for several publishing threads.
     * @return this.
     */
    public EngineContext multiProducer(final boolean multiProducer)
    {
        this.multiProducer = multiProducer;
        return this;
    }

    /**
     * Settings of the margin state machine.
     *
     * @param settings the settings.
     * @return this.
     */
    public EngineContext marginSettings(final EngineSettings settings)
    {
        this.marginSettings = settings;
        return this;
    }

    /**
     * Where inputs are journaled before they are applied (required).
     *
     * @param journal the journal; the engine closes it.
     * @return this.
     */
    public EngineContext inputJournal(final InputJournal journal)
    {
        this.inputJournal = journal;
        return this;
    }

    /**
     * Where outputs go (required).
     *
     * @param channel the channel; the engine closes it.
     * @return this.
     */
    public EngineContext outputChannel(final OutputChannel channel)
    {
        this.outputChannel = channel;
        return this;
    }

    /**
     * Counters to update (optional).
     *
     * @param counters the counters.
     * @return this.
     */
    public EngineContext counters(final EngineCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /**
     * Told after each input is applied, for latency measurement (optional).
     *
     * @param listener the listener.
     * @return this.
     */
    public EngineContext appliedListener(final AppliedListener listener)
    {
        this.appliedListener = listener;
        return this;
    }

    /**
     * Records the engine's live latencies on its thread, without allocation (optional; docs/operations.md).
     *
     * @param latency the recorders; another thread takes their interval histograms.
     * @return this.
     */
    public EngineContext latency(final PipelineLatency latency)
    {
        this.latency = latency;
        return this;
    }

    /**
     * Takes a snapshot whenever a {@code SnapshotRequest} is applied (optional; without one, requests are only
     * acknowledged).
     *
     * @param taker the snapshot taker.
     * @return this.
     */
    public EngineContext snapshotTaker(final SnapshotTaker taker)
    {
        this.snapshotTaker = taker;
        return this;
    }

    /**
     * Recovers the state before the first input (optional; without one the engine starts empty).
     *
     * @param recovery the recovery.
     * @return this.
     */
    public EngineContext recovery(final StateRecovery recovery)
    {
        this.recovery = recovery;
        return this;
    }

    /**
     * Run first on the state machine's thread when it starts, before any recovery (optional): where an embedding
     * program pins that thread to a core ({@code EngineRuntime} does, from its {@code CpuPlan}). What it throws
     * fails the launch as a recovery failure does.
     *
     * @param start what to run.
     * @return this.
     */
    public EngineContext engineThreadStart(final Runnable start)
    {
        this.engineThreadStart = start;
        return this;
    }

    /**
     * @return what runs first on the state machine's thread, or null.
     */
    public Runnable engineThreadStart()
    {
        return engineThreadStart;
    }

    /**
     * Where the pipeline's threads report an unexpected exception (optional; default the counters' error log,
     * {@link EngineCounters#errorLog()}, or without counters an {@link EngineErrorLog#inMemory in-memory} one).
     * An exception in a handler stops the engine after it is reported.
     *
     * @param handler the error handler; it must not throw.
     * @return this.
     */
    public EngineContext errorHandler(final ErrorHandler handler)
    {
        this.errorHandler = handler;
        return this;
    }

    /**
     * Checks the settings.
     *
     * @return this.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public EngineContext conclude()
    {
        if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ringSize must be a power of two of at least 2: " + ringSize);
        }
        if (inputJournal == null)
        {
            throw new IllegalArgumentException("an input journal is required");
        }
        if (outputChannel == null)
        {
            throw new IllegalArgumentException("an output channel is required");
        }
        if (idleStrategy == null || topology == null || marginSettings == null)
        {
            throw new IllegalArgumentException("idleStrategy, topology and marginSettings may not be null");
        }
        marginSettings.conclude();
        if (errorHandler == null)
        {
            errorHandler = counters != null ?
                counters.errorLog() : EngineErrorLog.inMemory(EngineErrorLog.IN_MEMORY_LENGTH);
        }
        return this;
    }

    /** @return ring size. */
    public int ringSize()
    {
        return ringSize;
    }

    /** @return idle strategy. */
    public IdleStrategyName idleStrategy()
    {
        return idleStrategy;
    }

    /** @return topology. */
    public Topology topology()
    {
        return topology;
    }

    /** @return whether several threads may publish. */
    public boolean multiProducer()
    {
        return multiProducer;
    }

    /** @return margin settings. */
    public EngineSettings marginSettings()
    {
        return marginSettings;
    }

    /** @return input journal. */
    public InputJournal inputJournal()
    {
        return inputJournal;
    }

    /** @return output channel. */
    public OutputChannel outputChannel()
    {
        return outputChannel;
    }

    /** @return applied listener, or null. */
    public AppliedListener appliedListener()
    {
        return appliedListener;
    }

    /** @return latency recorders, or null. */
    public PipelineLatency latency()
    {
        return latency;
    }

    /** @return counters, or null. */
    public EngineCounters counters()
    {
        return counters;
    }

    /** @return snapshot taker, or null. */
    public SnapshotTaker snapshotTaker()
    {
        return snapshotTaker;
    }

    /** @return recovery, or null. */
    public StateRecovery recovery()
    {
        return recovery;
    }

    /** @return the error handler (set by {@link #conclude()} when not given). */
    public ErrorHandler errorHandler()
    {
        return errorHandler;
    }
}
