package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterClient;
import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.ClusterIngress;
import com.liqengine.journal.InputQueueReader;
import com.liqengine.tools.run.StopOnSignal;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq cluster ingress}: tails the engine's input queue into the cluster ({@link ClusterIngress}) until
 * SIGTERM or Ctrl-C, printing what it sent and what the cluster acknowledged.
 */
@Command(
    name = "ingress",
    mixinStandardHelpOptions = true,
    description = {
        "Tails the input queue of the cluster's engine configuration (written by a matching engine, a gateway or "
            + "'liq feed') and sends every input to the cluster's leader, stamped with this source's id and the "
            + "input's queue index.",
        "It starts by asking the cluster which input of this source it applied last and reads on after it, so a "
            + "restart sends nothing twice; after a new leader it resends what was not acknowledged (the cluster "
            + "ignores what it had already applied and reports it as a duplicate).",
        "Stop it with Ctrl-C or SIGTERM."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "2:bad configuration", "3:the ingress stopped on an error"})
public final class IngressCommand implements Callable<Integer>
{
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WATCH_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Mixin
    private ClusterConfigOption configOption;

    @Option(names = "--source-id", defaultValue = "1", paramLabel = "N",
        description = "This input source's id, from 1 to service.sourcesCapacity; one per source, never shared "
            + "(default: ${DEFAULT-VALUE}).")
    private int sourceId;

    @Option(names = "--exit-when-idle", defaultValue = "0", paramLabel = "SECONDS",
        description = "Stop once every input of the queue is acknowledged and nothing new came for this long; 0 runs "
            + "until stopped (default 0).")
    private double exitWhenIdleSeconds;

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean running = true;

    /** A command printing to standard output and error. */
    public IngressCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where status goes.
     * @param err where problems go.
     */
    public IngressCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final ClusterConfig config = configOption.read(err);
        if (config == null)
        {
            return 2;
        }
        if (sourceId < 1 || sourceId > config.sourcesCapacity())
        {
            err.println("liq cluster ingress: --source-id must be from 1 to service.sourcesCapacity ("
                + config.sourcesCapacity() + "), not " + sourceId);
            return 2;
        }
        final Path inputQueue = config.engine().inputQueue();
        final InputQueueReader queue;
        try
        {
            queue = InputQueueReader.open(inputQueue, true);
        }
        catch (final RuntimeException ex)
        {
            err.println("liq cluster ingress: " + ex.getMessage());
            return 3;
        }
        final MediaDriver driver = ClusterClient.launchDriver(config);
        final ClusterIngress ingress = new ClusterIngress(ClusterClient.context(config, driver.aeronDirectoryName()),
            queue, sourceId, config.sessionTimeoutNs() / 4, ClusterClient.MESSAGE_TIMEOUT_NS);
        final AgentRunner runner = new AgentRunner(config.driverIdle().newIdleStrategy(),
            error -> err.println("liq cluster ingress: " + error), null, ingress);
        final StopOnSignal signal = StopOnSignal.install("liq-cluster-ingress-shutdown", 10, () -> running = false);
        AgentRunner.startOnThread(runner);
        out.println("liq cluster ingress: source " + sourceId + " reading " + inputQueue + " into the cluster at "
            + config.ingressEndpoints());
        try (InputQueueReader end = InputQueueReader.open(inputQueue, true))
        {
            watch(ingress, end);
        }
        finally
        {
            CloseHelper.quietClose(runner);
            CloseHelper.quietClose(driver);
            out.println("liq cluster ingress: stopped; " + counts(ingress));
            signal.close();
        }
        if (ingress.failure() != null)
        {
            err.println("liq cluster ingress: stopped on an error: " + ingress.failure());
            return 3;
        }
        return 0;
    }

    private void watch(final ClusterIngress ingress, final InputQueueReader end)
    {
        final long idleNanos = (long)(exitWhenIdleSeconds * 1e9);
        long nextReport = System.nanoTime() + REPORT_INTERVAL_NANOS;
        long caughtUpSince = 0;
        boolean streaming = false;
        while (running && ingress.failure() == null)
        {
            final long now = System.nanoTime();
            if (ingress.streaming() != streaming)
            {
                streaming = ingress.streaming();
                out.println("liq cluster ingress: " + (streaming ? "streaming to the leader" : "reconnecting")
                    + "; " + counts(ingress));
            }
            if (now - nextReport >= 0)
            {
                nextReport = now + REPORT_INTERVAL_NANOS;
                out.println("liq cluster ingress: " + counts(ingress));
            }
            if (idleNanos > 0)
            {
                final long last = end.queueLastIndex();
                if (last != InputQueueReader.NO_INDEX && ingress.lastAcked() == last)
                {
                    caughtUpSince = caughtUpSince == 0 ? now : caughtUpSince;
                    if (now - caughtUpSince >= idleNanos)
                    {
                        return;
                    }
                }
                else
                {
                    caughtUpSince = 0;
                }
            }
            LockSupport.parkNanos(WATCH_PAUSE_NANOS);
        }
    }

    private static String counts(final ClusterIngress ingress)
    {
        return "sent " + ingress.sent() + " (resent " + ingress.resent() + "), applied " + ingress.acked()
            + ", duplicates " + ingress.duplicates() + ", refused " + ingress.refused() + ", last acknowledged index "
            + ingress.lastAcked() + ", sessions " + ingress.sessions() + ", new leaders " + ingress.newLeaders();
    }
}
