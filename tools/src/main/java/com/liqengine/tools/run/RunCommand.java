package com.liqengine.tools.run;

import com.liqengine.margin.MarginStateMachine;
import com.liqengine.metrics.MetricsConfig;
import com.liqengine.pipeline.InputSlot;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.EngineRuntime;
import com.liqengine.runtime.InputQueueIngress;
import com.liqengine.runtime.RecoveryReport;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.tools.engine.CpusOption;
import com.liqengine.tools.engine.EngineConfigFile;
import com.liqengine.tools.engine.MetricsSection;
import com.liqengine.tools.metrics.PrometheusEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq run}: the standalone engine. Starts the runtime's ingress ({@link InputQueueIngress}), which tails the
 * Chronicle input queue a matching engine or gateway writes (one SBE message per document); the engine journals
 * and applies every input, writes outputs to the output queue, and
 * on SIGTERM or Ctrl-C stops reading, drains the ring and closes the queues cleanly. On start it recovers
 * (docs/replay.md): latest valid snapshot, the journal's tail, no output written twice, and the ingress resumes the
 * input queue right after the last input the journal holds from it (by its journaled index). The ingress requests a
 * snapshot after every {@code snapshots.interval} inputs. It measures two latencies and, with a metrics port, serves
 * them and the counters to Prometheus (docs/operations.md).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the engine standalone: tails the input queue of the configuration (written by a matching engine, a "
            + "gateway or 'liq feed'), journals and applies every input, and writes outputs to the output queue.",
        "Stop it with Ctrl-C or SIGTERM: it drains what it has read, then flushes and closes the queues.",
        "On start it recovers what the journal holds: the latest valid snapshot, then the journal's tail, without "
            + "writing an output twice; then it reads the input queue after the last input it journaled.",
        "It measures two latencies, ring commit to applied and the input's eventTime to its outputs written: the "
            + "last interval's percentiles are in the counters file (liq stat), every interval's histogram in "
            + "latency.hlog beside it, rotated by size (metrics: section of the configuration; docs/operations.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly", "2:bad configuration",
        "3:the engine could not start (e.g. recovery found a gap) or stopped on an error"})
public final class RunCommand implements Callable<Integer>
{
    private static final long STATUS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WATCH_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Mixin
    private CpusOption cpus;

    @Option(names = "--config", defaultValue = "config/engine.yaml",
        description = "The engine configuration (default: ${DEFAULT-VALUE}).")
    private Path configFile;

    @Option(names = "--exit-when-idle", defaultValue = "0", paramLabel = "SECONDS",
        description = "Stop after the input queue has had nothing new for this long and the engine has applied "
            + "everything read; 0 runs until stopped (default 0).")
    private double exitWhenIdleSeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "Serve the counters and latency percentiles in the Prometheus text format on "
            + "http://127.0.0.1:PORT/metrics (metrics.bindAddress of the configuration to listen elsewhere); "
            + "overrides metrics.port; 0 serves none (default: metrics.port, itself 0).")
    private Integer metricsPort;

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean running = true;

    /** A command printing to standard output and error. */
    public RunCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where status goes.
     * @param err where problems go.
     */
    public RunCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final EngineConfig config = EngineConfigFile.readForCommand(configFile, false, err);
        final MetricsConfig metrics = config == null ? null : metrics();
        if (metrics == null)
        {
            return 2;
        }
        final EngineRuntime runtime;
        try
        {
            runtime = EngineRuntime.start(cpus.applyTo(config), metrics, null);
        }
        catch (final RuntimeException ex)
        {
            err.println("liq run: cannot start: " + ex.getMessage());
            return 3;
        }
        final PrometheusEndpoint endpoint;
        try
        {
            endpoint = metrics.port() == 0 ? null :
                PrometheusEndpoint.start(config.counters(), metrics.bindAddress(), metrics.port());
        }
        catch (final RuntimeException ex)
        {
            err.println("liq run: " + ex.getMessage());
            runtime.close();
            return 3;
        }
        final StopOnSignal signal = StopOnSignal.install("liq-shutdown", 30, () -> running = false);
        final RecoveryReport recovery = runtime.recovery();
        for (final String line : recovery.lines())
        {
            out.println("liq run: " + line);
        }
        // what recovery replayed is counted too; this run reports only what its own inputs caused
        final long liquidationsBefore = runtime.counters().liquidations();
        final long rejectionsBefore = runtime.counters().rejections();
        final long outputsBefore = runtime.counters().outputs();
        int exitCode = 0;
        InputQueueIngress ingress = null;
        try
        {
            ingress = runtime.startIngress();
            out.println("liq run: reading " + config.inputQueue() + (ingress.resumedAfter() == InputSlot.NO_SOURCE ?
                " from its start" : " after index " + ingress.resumedAfter() + " (the last input journaled from it)")
                + ", journal " + config.journal() + ", outputs " + config.outputs() + ", counters " + config.counters()
                + " (topology " + EngineConfig.word(config.topology()) + ", fsync " + EngineConfig.word(config.fsync())
                + ")");
            if (runtime.config().cpus().any())
            {
                out.println("liq run: threads pinned to cores: " + runtime.config().cpus());
            }
            out.println("liq run: latency log " + MetricsConfig.latencyLog(config.counters()) + (endpoint == null ?
                "" : ", Prometheus metrics on http://" + host(metrics.bindAddress()) + ":" + endpoint.port()
                + "/metrics"));
            watch(ingress, runtime);
            if (ingress.failure() != null)
            {
                err.println("liq run: stopped on an error: " + ingress.failure());
                exitCode = 3;
            }
        }
        catch (final RuntimeException ex)
        {
            err.println("liq run: stopped on an error: " + ex.getMessage());
            exitCode = 3;
        }
        finally
        {
            if (endpoint != null)
            {
                endpoint.close();
            }
            runtime.close();
            final Throwable failure = runtime.engine().failure();
            if (failure != null)
            {
                err.println("liq run: the engine stopped on an error: " + failure + (config.counters() == null ? "" :
                    " (its stack trace: liq stat --count 1 --counters " + config.counters() + ")"));
                exitCode = 3;
            }
            final MarginStateMachine stateMachine = runtime.engine().stateMachine();
            out.println("liq run: state hash " + SnapshotFile.hex(stateMachine.stateHash()) + " at sequence "
                + stateMachine.lastSequence());
            out.println("liq run: stopped after " + (ingress == null ? 0 : ingress.inputsRead()) + " inputs; "
                + (runtime.counters().liquidations() - liquidationsBefore) + " liquidations, "
                + (runtime.counters().rejections() - rejectionsBefore) + " rejections, "
                + (runtime.counters().outputs() - outputsBefore) + " outputs in " + config.outputs()
                + (outputsBefore > 0 ? " (not counting the recovery's replay)" : ""));
            signal.close();
        }
        return exitCode;
    }

    /** The metrics: section of the configuration, its port replaced by --metrics-port; null after an error. */
    private MetricsConfig metrics()
    {
        final MetricsConfig metrics = MetricsSection.readForCommand(configFile, err);
        if (metrics == null || metricsPort == null)
        {
            return metrics;
        }
        if (metricsPort < 0 || metricsPort > MetricsConfig.MAX_PORT)
        {
            err.println("liq run: --metrics-port must be from 1 to " + MetricsConfig.MAX_PORT + ", or 0 for none, not "
                + metricsPort);
            return null;
        }
        return metrics.withPort(metricsPort);
    }

    /** An address as the host of a URL (an IPv6 one in brackets). */
    private static String host(final String address)
    {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** Prints a status line every 5 s until stopped, the ingress or the engine fails, or input stays away. */
    private void watch(final InputQueueIngress ingress, final EngineRuntime runtime)
    {
        final long idleLimitNanos = (long)(exitWhenIdleSeconds * 1e9);
        long nextStatus = System.nanoTime() + STATUS_INTERVAL_NANOS;
        while (running && ingress.failure() == null && runtime.engine().failure() == null)
        {
            LockSupport.parkNanos(WATCH_PAUSE_NANOS);
            final long now = System.nanoTime();
            // idle means nothing new read and nothing left in the ring: an ingress held up by a full ring, or an
            // engine thread the machine starved, has not seen the end of the input
            if (idleLimitNanos > 0 && now - ingress.lastInputNanos() > idleLimitNanos && runtime.engine().caughtUp())
            {
                out.println("liq run: no new input for " + exitWhenIdleSeconds + " s, stopping");
                break;
            }
            if (now >= nextStatus)
            {
                nextStatus = now + STATUS_INTERVAL_NANOS;
                // the counters started with this process, so they include what the recovery's replay applied
                out.println("liq run: " + ingress.inputsRead() + " inputs read this run; since start (recovery "
                    + "included) " + runtime.counters().liquidations() + " liquidations, "
                    + runtime.counters().rejections() + " rejections; journal index " + runtime.journalIndex());
            }
        }
    }
}
