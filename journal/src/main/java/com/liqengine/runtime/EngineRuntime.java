package com.liqengine.runtime;

import com.liqengine.journal.ChronicleInputJournal;
import com.liqengine.journal.ChronicleOutputChannel;
import com.liqengine.journal.InputQueueReader;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.JournalSettings;
import com.liqengine.journal.OutputQueueEnd;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.journal.QueueContext;
import com.liqengine.margin.EngineSettings;
import com.liqengine.metrics.LatencyLog;
import com.liqengine.metrics.MetricsAgent;
import com.liqengine.metrics.MetricsConfig;
import com.liqengine.pipeline.AppliedListener;
import com.liqengine.pipeline.EngineContext;
import com.liqengine.pipeline.EngineCounters;
import com.liqengine.pipeline.IdleStrategyName;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.InputSlot;
import com.liqengine.pipeline.LiquidationEngine;
import com.liqengine.pipeline.PipelineLatency;
import com.liqengine.snapshot.SnapshotStore;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A running engine as a configuration describes it, for {@code liq run} and for a program that embeds the
 * engine: the Chronicle input journal and output queue, the counters file (in memory when the configuration
 * names none), and the pipeline, started together and closed in order (drain the ring, flush and close the
 * queues, then the counters). Publish with {@link #newPublisher()}, read outputs with {@link #newOutputPoller()}.
 * On start it checks the journal's settings record ({@link JournalSettings}: the settings the journal is written
 * with; it is written on the first start) and recovers what the journal holds (docs/replay.md): latest valid
 * snapshot, the journal's tail, and no output written twice; it takes a snapshot whenever a {@code SnapshotRequest}
 * is applied (encoded on the engine's thread, written by the {@code liq-snapshot-writer} thread, the older ones
 * beyond the configured count deleted).
 * Every unexpected exception of its threads (handlers, snapshot writer, metrics) goes to one error handler, the
 * counters file's error log ({@link EngineCounters#errorLog()}), which {@code liq stat} shows.
 * The engine's thread records two latencies ({@link PipelineLatency}); the {@code liq-metrics} thread takes their
 * interval histograms, writes them to the latency log beside the counters file and their percentiles to the
 * counters (docs/operations.md).
 */
public final class EngineRuntime implements AutoCloseable
{
    /**
     * A snapshot may wait this long to start being written. Each wake-up takes a core from the engine's threads for a
     * moment (docs/performance.md), but at 50 ms the kill -9 crash test's restarts more often found no snapshot
     * written yet; waking the writer when a snapshot is handed over would allow a long sleep.
     */
    /** The snapshot writer parks this long when idle; a submitted snapshot unparks it at once. */
    private static final long WRITER_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int WRITER_CLOSE_TIMEOUT_MS = 60_000;
    /** The metrics agent acts once per interval: it sleeps a tenth of one (at most 100 ms) between looks. */
    private static final long METRICS_MAX_SLEEP_MS = 100;
    /** The ingress spins, yields, then parks up to 1 ms: an input queue's writer is another process. */
    private static final long INGRESS_MAX_PARK_NANOS = 1_000_000;

    private final EngineConfig config;
    private final EngineCounters counters;
    private final ChronicleInputJournal journal;
    private final ChronicleOutputChannel outputs;
    private final SnapshotStore snapshots;
    private final AgentRunner snapshotWriter;
    private final Recovery recovery;
    private final LiquidationEngine engine;
    private final PipelineLatency latency;
    private final AgentRunner metrics;
    private AgentRunner ingressRunner;
    private InputQueueIngress ingress;

    private EngineRuntime(final EngineConfig config, final MetricsConfig metricsConfig, final AppliedListener listener)
    {
        this.config = config;
        // before anything is opened or written: a journal written with other settings would replay into another state
        final EngineSettings settings = config.engineSettings();
        final boolean settingsRecorded = JournalSettings.check(config.journal(), settings);
        if (config.counters() != null)
        {
            createParent(config.counters());
            deleteOld(config.counters());
        }
        this.counters = config.counters() == null ?
            EngineCounters.inMemory() : EngineCounters.create(config.counters().toFile());
        AgentRunner writer = null;
        ChronicleInputJournal openedJournal = null;
        ChronicleOutputChannel openedOutputs = null;
        LiquidationEngine launched = null;
        // the log's start time is before the recorders' first interval starts: log readers skip earlier intervals
        final long startMs = System.currentTimeMillis();
        this.latency = new PipelineLatency();
        LatencyLog latencyLog = null;
        try
        {
            latencyLog = config.counters() == null ? null : LatencyLog.open(
                MetricsConfig.latencyLog(config.counters()), metricsConfig.logMaxBytes(), metricsConfig.logKeep(),
                startMs);
            openedJournal = ChronicleInputJournal.open(queue(config, config.journal()));
            this.journal = openedJournal;
            final OutputQueueEnd outputEnd = OutputQueueEnd.read(config.outputs());
            openedOutputs = ChronicleOutputChannel.open(queue(config, config.outputs()));
            this.outputs = openedOutputs;
            final DeduplicatingOutputChannel deduplicated = new DeduplicatingOutputChannel(
                outputs, outputEnd.lastSequence(), outputEnd.outputsOfLastSequence());
            this.snapshots = config.snapshots() == null ? null :
                new SnapshotStore(config.snapshots(), config.snapshotKeep(), counters.errorLog());
            final InjectedRequestCount snapshotTaker = snapshots == null ? null : new InjectedRequestCount(snapshots);
            writer = snapshots == null ? null : startWriter(snapshots, counters.errorLog());
            this.snapshotWriter = writer;
            this.recovery = new Recovery(config.journal(), snapshots, snapshotTaker, outputEnd, deduplicated);
            launched = LiquidationEngine.launch(new EngineContext()
                .ringSize(config.ringSize())
                .idleStrategy(config.idleStrategy())
                .topology(config.topology())
                .multiProducer(false)
                .marginSettings(settings)
                .inputJournal(journal)
                .outputChannel(deduplicated)
                .counters(counters)
                .errorHandler(counters.errorLog())
                .appliedListener(listener)
                .latency(latency)
                .snapshotTaker(snapshotTaker)
                .recovery(recovery)
                .engineThreadStart(() -> prepareEngineThread(config.cpus(), config.idleStrategy())));
            this.engine = launched;
            if (!settingsRecorded)
            {
                // a new journal, or one written before the records: recorded only once recovery succeeded, so that a
                // start refused by a snapshot taken with other settings records nothing
                JournalSettings.write(config.journal(), settings);
            }
        }
        catch (final RuntimeException ex)
        {
            if (launched != null)
            {
                launched.close();
            }
            // whatever was opened before the failure (closing twice is harmless: the queues know they are closed)
            closeWriter(writer);
            if (latencyLog != null)
            {
                latencyLog.close();
            }
            if (openedOutputs != null)
            {
                openedOutputs.close();
            }
            if (openedJournal != null)
            {
                openedJournal.close();
            }
            counters.close();
            throw ex;
        }
        final long metricsSleepMs = Math.max(1, Math.min(METRICS_MAX_SLEEP_MS, metricsConfig.intervalMs() / 10));
        this.metrics = new AgentRunner(new SleepingMillisIdleStrategy(metricsSleepMs), counters.errorLog(), null,
            new MetricsAgent(latency, counters, latencyLog, SystemEpochClock.INSTANCE, metricsConfig.intervalMs()));
        AgentRunner.startOnThread(metrics);
    }

    /**
     * Starts an engine, recovering the state of what its journal already holds (see {@link #recovery()}).
     *
     * @param config where and how.
     * @param listener told of every applied input on the engine's thread (may be null).
     * @return the running engine.
     * @throws RecoveryException when the state cannot be recovered without a gap (the message says why).
     * @throws com.liqengine.journal.JournalSettingsException when the journal's settings record is damaged or records
     *     other settings than the configuration's (nothing is then opened or written).
     * @throws com.liqengine.journal.JournalCorruptedException when the journal cannot be read to its end.
     */
    public static EngineRuntime start(final EngineConfig config, final AppliedListener listener)
    {
        return new EngineRuntime(config, MetricsConfig.defaults(), listener);
    }

    /**
     * Starts an engine with metrics settings of its own (interval, latency log rotation), recovering the state of
     * what its journal already holds.
     *
     * @param config where and how.
     * @param metrics the latency interval and the latency log's rotation.
     * @param listener told of every applied input on the engine's thread (may be null).
     * @return the running engine.
     * @throws RecoveryException when the state cannot be recovered without a gap (the message says why).
     * @throws com.liqengine.journal.JournalSettingsException when the journal's settings record is damaged or records
     *     other settings than the configuration's (nothing is then opened or written).
     */
    public static EngineRuntime start(final EngineConfig config, final MetricsConfig metrics,
        final AppliedListener listener)
    {
        return new EngineRuntime(config, metrics, listener);
    }

    /**
     * What the recovery at start did: the snapshot used, inputs replayed, outputs not written again, state hash.
     *
     * @return the report.
     */
    public RecoveryReport recovery()
    {
        return recovery.report();
    }

    /**
     * @return the snapshot folder, or null when snapshots are off.
     */
    public SnapshotStore snapshots()
    {
        return snapshots;
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
     * Prepares the calling thread, the one that publishes into the ring: pins it to the configuration's ingress core
     * (when there is one) and shortens its {@link TimerSlack timer slack}, so its timed waits end when they should.
     *
     * @throws IllegalStateException when the operating system did not pin it.
     */
    public void prepareIngressThread()
    {
        prepareIngressThread(config.cpus());
    }

    /**
     * What {@link #prepareIngressThread()} does, for a thread that publishes into another ring (a benchmark's).
     *
     * @param cpus the cores.
     */
    public static void prepareIngressThread(final CpuPlan cpus)
    {
        TimerSlack.setForCurrentThread(TimerSlack.ENGINE_SLACK_NANOS);
        if (cpus.ingress() != CpuPlan.UNPINNED)
        {
            CorePinning.pinCurrentThread(cpus.ingress(), "ingress");
        }
    }

    /**
     * Run first on the state machine's thread: pins it to the configuration's engine core when there is one, and
     * shortens its {@link TimerSlack timer slack} so the parks of a {@code backoff} or {@code blocking} handler end
     * on time; not for a {@code sleeping} handler, whose 100 ns parks would then wake it five times as often when idle
     * (docs/pipeline.md, "Wait strategies"). Public for a benchmark's bare ring, which is prepared the same way.
     *
     * @param cpus the cores.
     * @param idle the handler's wait strategy.
     */
    public static void prepareEngineThread(final CpuPlan cpus, final IdleStrategyName idle)
    {
        if (idle != IdleStrategyName.SLEEPING)
        {
            TimerSlack.setForCurrentThread(TimerSlack.ENGINE_SLACK_NANOS);
        }
        if (cpus.engine() != CpuPlan.UNPINNED)
        {
            CorePinning.pinCurrentThread(cpus.engine(), "engine");
        }
    }

    /**
     * A poller of the output queue from its start, for the calling thread: {@code poll(handler, limit)} hands
     * over each output message's bytes with its position in the queue (decode with the generated codecs or
     * {@link com.liqengine.api.OutputRecord}). Close it when done.
     *
     * @return a new reader.
     */
    public OutputQueueReader newOutputPoller()
    {
        return OutputQueueReader.open(config.outputs(), true).toStart();
    }

    /**
     * @return the engine's latency recorders (their interval histograms are taken by the metrics thread).
     */
    public PipelineLatency latency()
    {
        return latency;
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

    /**
     * Starts the ingress ({@link InputQueueIngress}) on its own thread, {@code liq-ingress}: it tails the configured
     * input queue from right after the last input the journal holds from it (by the queue index journaled with each
     * input, not by reading the queue from its start), publishes every document, and injects the periodic snapshot
     * requests. It is then the ring's only publisher: do not publish with {@link #newPublisher()} too.
     *
     * @return the running ingress (its counts and failure).
     * @throws IllegalStateException when the ingress already runs, or the input queue holds no document at the
     *     journaled index (the input queue was replaced).
     */
    public synchronized InputQueueIngress startIngress()
    {
        if (ingressRunner != null)
        {
            throw new IllegalStateException("the ingress is already running");
        }
        final RecoveryReport report = recovery();
        final long resumeAfter = journaledSourceIndex(report);
        final InputQueueReader queue = InputQueueReader.open(config.inputQueue(), false);
        try
        {
            if (resumeAfter == InputSlot.NO_SOURCE)
            {
                queue.toStart();
            }
            else
            {
                queue.resumeAfter(resumeAfter);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            queue.close();
            throw new IllegalStateException("the journal at " + config.journal() + " last holds the input at index "
                + resumeAfter + " of the input queue at " + config.inputQueue() + ", which holds no document there ("
                + ex.getMessage() + "): was the input queue replaced?", ex);
        }
        ingress = new InputQueueIngress(queue, resumeAfter, engine.newPublisher(),
            new SnapshotSchedule(config.snapshotInterval(), report.externalInputs()), report.lastInputInjected(),
            this::prepareIngressThread);
        ingressRunner = new AgentRunner(new BackoffIdleStrategy(100, 10, 1_000, INGRESS_MAX_PARK_NANOS),
            counters.errorLog(), null, ingress);
        AgentRunner.startOnThread(ingressRunner);
        return ingress;
    }

    /** The recovery saw the last one when the tail held one; else the journal before the snapshot is asked. */
    private long journaledSourceIndex(final RecoveryReport report)
    {
        if (report.tailSourceIndex() != InputSlot.NO_SOURCE || report.journalInputs() == 0)
        {
            return report.tailSourceIndex();
        }
        try (JournalReader reader = JournalReader.open(config.journal()))
        {
            return reader.lastSourceIndex();
        }
    }

    /**
     * @return the ingress, or null when it was not started.
     */
    public InputQueueIngress ingress()
    {
        return ingress;
    }

    /**
     * Stops the ingress (if started; it finishes its duty cycle), drains the ring, closes the queues, lets the
     * snapshot writer finish, closes the counters.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (ingressRunner != null)
            {
                ingressRunner.close();
            }
        }
        engine.close();
        // after the engine: the metrics thread's last interval then holds every input applied
        metrics.close();
        closeWriter(snapshotWriter);
        counters.close();
    }

    /**
     * The snapshot writer's thread: idle almost always, so it sleeps rather than spins. What escapes the agent goes
     * to the engine's error handler, which counts it (so the runner is given no counter of its own).
     */
    private static AgentRunner startWriter(final SnapshotStore snapshots, final ErrorHandler errorHandler)
    {
        final AgentRunner runner = new AgentRunner(new SleepingIdleStrategy(WRITER_PARK_NANOS),
            errorHandler, null, snapshots.writer());
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /**
     * Stops the snapshot writer once it has written what the engine submitted (at most two files). Agrona's close
     * interrupts a writer still busy after {@link #WRITER_CLOSE_TIMEOUT_MS} and waits again: an interrupted file
     * write fails, so the snapshots not yet renamed are abandoned (only temporary files, which are not snapshots;
     * the journal holds every input). A write the operating system cannot interrupt is waited for.
     */
    private static void closeWriter(final AgentRunner writer)
    {
        if (writer != null)
        {
            writer.close(WRITER_CLOSE_TIMEOUT_MS, thread ->
                System.err.println("liq: still writing a snapshot after " + WRITER_CLOSE_TIMEOUT_MS + " ms; "
                    + "interrupting the writer: snapshots not yet renamed are abandoned (the journal holds every "
                    + "input)"));
        }
    }

    private static QueueContext queue(final EngineConfig config, final Path path)
    {
        return new QueueContext().path(path).rollCycle(config.rollCycle()).fsyncPolicy(config.fsync())
            .fsyncIntervalMs(config.fsyncIntervalMs());
    }

    /** A restarted engine's counters start again from zero in a new file. */
    private static void deleteOld(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot replace the counters file " + file, ex);
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
