package com.liqengine.runtime;

import com.liqengine.journal.ChronicleInputJournal;
import com.liqengine.journal.ChronicleOutputChannel;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.journal.QueueContext;
import com.liqengine.margin.EngineSettings;
import com.liqengine.pipeline.AppliedListener;
import com.liqengine.pipeline.EngineContext;
import com.liqengine.pipeline.EngineCounters;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.LiquidationEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running engine as a configuration describes it, for {@code liq run} and for a program that embeds the
 * engine: the Chronicle input journal and output queue, the counters file (in memory when the configuration
 * names none), and the pipeline, started together and closed in order (drain the ring, flush and close the
 * queues, then the counters). Publish with {@link #newPublisher()}, read outputs with {@link #newOutputPoller()}.
 */
public final class EngineRuntime implements AutoCloseable
{
    private final EngineConfig config;
    private final EngineCounters counters;
    private final ChronicleInputJournal journal;
    private final ChronicleOutputChannel outputs;
    private final LiquidationEngine engine;

    private EngineRuntime(final EngineConfig config, final AppliedListener listener)
    {
        this.config = config;
        if (config.counters() != null)
        {
            createParent(config.counters());
        }
        this.counters = config.counters() == null ?
            EngineCounters.inMemory() : EngineCounters.create(config.counters().toFile());
        this.journal = ChronicleInputJournal.open(queue(config, config.journal()));
        this.outputs = ChronicleOutputChannel.open(queue(config, config.outputs()));
        this.engine = LiquidationEngine.launch(new EngineContext()
            .ringSize(config.ringSize())
            .idleStrategy(config.idleStrategy())
            .topology(config.topology())
            .multiProducer(false)
            .marginSettings(new EngineSettings()
                .maxAccounts(config.maxAccounts())
                .maxInstruments(config.maxInstruments())
                .insuranceFundAccountId(config.insuranceFundAccount())
                .marginCallRatio(config.marginCallRatio().movePointRight(8).longValueExact()))
            .inputJournal(journal)
            .outputChannel(outputs)
            .counters(counters)
            .appliedListener(listener));
    }

    /**
     * Starts an engine on an empty journal.
     *
     * @param config where and how.
     * @param listener told of every applied input on the engine's thread (may be null).
     * @return the running engine.
     * @throws IllegalStateException when the journal already holds inputs: this engine would not know the state
     *     they built (recovery by replay is docs/pipeline.md's open point).
     */
    public static EngineRuntime start(final EngineConfig config, final AppliedListener listener)
    {
        if (holdsInputs(config.journal()))
        {
            throw new IllegalStateException("the journal at " + config.journal() + " already holds inputs; "
                + "starting on it would apply new inputs to an empty state. Move it (and the output queue "
                + config.outputs() + ") away, or point paths.journal and paths.outputs at a new folder");
        }
        return new EngineRuntime(config, listener);
    }

    /**
     * @return the pipeline.
     */
    public LiquidationEngine engine()
    {
        return engine;
    }

    /**
     * A publisher for the calling thread (the engine takes one publishing thread; see
     * {@link com.liqengine.pipeline.EngineContext#multiProducer}).
     *
     * @return a new publisher.
     */
    public InputPublisher newPublisher()
    {
        return engine.newPublisher();
    }

    /**
     * A poller of the output queue from its start, for the calling thread: {@code poll(handler, limit)} hands
     * over each output message's bytes (decode with the generated codecs or
     * {@link com.liqengine.api.OutputRecord}). Close it when done.
     *
     * @return a new reader.
     */
    public OutputQueueReader newOutputPoller()
    {
        return OutputQueueReader.open(config.outputs(), true).toStart();
    }

    /**
     * @return the counters.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * @return the configuration.
     */
    public EngineConfig config()
    {
        return config;
    }

    /**
     * @return the journal's last document index, or -1.
     */
    public long journalIndex()
    {
        return journal.lastIndex();
    }

    @Override
    public void close()
    {
        engine.close();
        counters.close();
    }

    private static QueueContext queue(final EngineConfig config, final Path path)
    {
        return new QueueContext().path(path).rollCycle(config.rollCycle()).fsyncPolicy(config.fsync())
            .fsyncIntervalMs(config.fsyncIntervalMs());
    }

    private static boolean holdsInputs(final Path journal)
    {
        if (!Files.isDirectory(journal))
        {
            return false;
        }
        try (JournalReader reader = JournalReader.open(journal))
        {
            return reader.lastIndex() != JournalReader.NO_INDEX;
        }
    }

    private static void createParent(final Path file)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the folder of " + file, ex);
        }
    }
}
