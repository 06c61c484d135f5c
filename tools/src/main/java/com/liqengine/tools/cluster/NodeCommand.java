package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.ClusterNode;
import com.liqengine.cluster.EngineClusteredService;
import com.liqengine.cluster.SnapshotSchedule;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.run.StopOnSignal;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * {@code liq cluster node}: one member of the cluster in this process, until SIGTERM or Ctrl-C; prints its role
 * whenever it changes, and as leader takes the scheduled snapshots.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
        "Runs one member of the cluster: its media driver, archive, consensus module and the engine as a clustered "
            + "service, with its files under <dir>/node-N of the cluster configuration.",
        "Start every member (each in its own terminal or service unit); a majority elects a leader, which the "
            + "ingress finds by itself. The node prints when it becomes leader, follower or candidate.",
        "A start right after the member's process was killed is refused by Aeron while the dead process's files "
            + "still look active (up to 10 s): the node retries for timeouts.startRetryMs.",
        "Stop it with Ctrl-C or SIGTERM: it closes the service, consensus module, archive and driver in order."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "2:bad configuration or member", "3:could not start, or the cluster terminated it"})
public final class NodeCommand implements Callable<Integer>
{
    private static final long WATCH_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Mixin
    private ClusterConfigOption configOption;

    @Option(names = "--member", required = true, paramLabel = "N",
        description = "Which member this process is, from 0 (its host is the Nth of members:).")
    private int member;

    private final PrintStream out;
    private final PrintStream err;
    private volatile boolean running = true;

    /** A command printing to standard output and error. */
    public NodeCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where status goes.
     * @param err where problems go.
     */
    public NodeCommand(final PrintStream out, final PrintStream err)
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
        if (member < 0 || member >= config.memberCount())
        {
            err.println(configOption.notAMember("liq cluster node", member, config));
            return 2;
        }
        final EngineConfig engine = config.engineFor(member);
        final Supplier<ClusteredService> service = () -> new EngineClusteredService(engine, config.sourcesCapacity());
        final long launching = System.nanoTime();
        final ClusterNode node;
        try
        {
            node = ClusterNode.launch(config, member, service,
                error -> err.println("liq cluster node: member " + member + ": " + error),
                line -> out.println("liq cluster node: " + line));
        }
        catch (final RuntimeException ex)
        {
            err.println("liq cluster node: " + ex.getMessage());
            return 3;
        }
        final StopOnSignal signal = StopOnSignal.install("liq-cluster-shutdown", 30, () -> running = false);
        out.println("liq cluster node: member " + member + " of " + config.memberCount() + " started in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launching) + " ms (pid " + ProcessHandle.current().pid()
            + ", ingress " + config.endpoint(member, ClusterConfig.INGRESS_PORT) + ", files " + config.nodeDir(member)
            + ")");
        int exitCode = 0;
        try
        {
            watch(config, node, launching);
            if (node.terminated())
            {
                out.println("liq cluster node: member " + member + ": the cluster terminated this member");
                exitCode = 3;
            }
        }
        finally
        {
            node.close();
            out.println("liq cluster node: member " + member + " stopped");
            signal.close();
        }
        return exitCode;
    }

    /** Prints each role change; as leader, places the scheduled snapshot requests. */
    private void watch(final ClusterConfig config, final ClusterNode node, final long launching)
    {
        Cluster.Role role = null;
        final SnapshotSchedule schedule = new SnapshotSchedule(config.snapshotIntervalNs(), System.nanoTime());
        while (running && !node.terminated())
        {
            final Cluster.Role now = node.role();
            if (now != role)
            {
                role = now;
                out.println("liq cluster node: member " + member + " is " + now + " ("
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launching) + " ms after launch)");
            }
            if (schedule.poll(System.nanoTime(), now == Cluster.Role.LEADER, node::requestSnapshot))
            {
                out.println("liq cluster node: member " + member + " requested the scheduled snapshot");
            }
            LockSupport.parkNanos(WATCH_PAUSE_NANOS);
        }
    }

    /** Stops the node as SIGTERM would (for tests running the command in-process). */
    void stop()
    {
        running = false;
    }
}
