package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterClient;
import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.MemberCounters;
import com.liqengine.cluster.NodeStatus;
import com.liqengine.snapshot.SnapshotFile;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq cluster status}: per member on this machine, whether it runs, its role, term and commit position from
 * its driver's counters, and the engine's sequence and state hash from its {@code node-status.txt}. It first sends
 * a STATUS envelope through the cluster, so every node writes its hash at the same log position and the hashes
 * compare.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
        "Shows each member of the cluster: running or not, role (leader, follower, candidate), leadership term, "
            + "commit position, and what its engine wrote last to node-status.txt (engine sequence, state hash, the "
            + "log position of that hash, duplicates ignored).",
        "Unless --no-probe, it first sends a STATUS envelope through the cluster: every node writes its state hash "
            + "at that same log position, so equal hashes mean equal states.",
        "It reads the members' files under <dir>/node-N: members on other hosts show as not running here."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:a leader is running", "2:bad configuration", "3:no leader is running"})
public final class StatusCommand implements Callable<Integer>
{
    @Mixin
    private ClusterConfigOption configOption;

    @Option(names = "--no-probe", description = "Do not send a STATUS envelope first: show what the nodes wrote last.")
    private boolean noProbe;

    @Option(names = "--timeout-seconds", defaultValue = "5", paramLabel = "SECONDS",
        description = "How long the probe waits for the cluster and the nodes' answers (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public StatusCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where the table goes.
     * @param err where problems go.
     */
    public StatusCommand(final PrintStream out, final PrintStream err)
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
        final int members = config.memberCount();
        final MemberCounters[] counters = new MemberCounters[members];
        int running = 0;
        for (int member = 0; member < members; member++)
        {
            counters[member] = MemberCounters.read(config.aeronDir(member));
            running += counters[member].running() ? 1 : 0;
        }
        if (!noProbe && running > 0)
        {
            probe(config, counters);
        }
        out.printf("%-6s %-22s %-11s %-9s %-5s %-15s %-15s %-16s %-15s %s%n", "member", "ingress", "process",
            "role", "term", "commit position", "engine sequence", "state hash", "hash at sequence", "duplicates");
        int leader = -1;
        for (int member = 0; member < members; member++)
        {
            final MemberCounters c = counters[member];
            final NodeStatus status = status(config, member);
            if (c.running() && c.role() == Cluster.Role.LEADER)
            {
                leader = member;
            }
            out.printf("%-6d %-22s %-11s %-9s %-5s %-15s %-15s %-16s %-15s %s%n", member,
                config.endpoint(member, ClusterConfig.INGRESS_PORT), c.running() ? "running" : "not running",
                c.running() && c.role() != null ? c.role() : "-", c.running() ? c.leadershipTermId() : "-",
                c.running() ? c.commitPosition() : "-", status == null ? "-" : status.engineSequence(),
                status == null ? "-" : SnapshotFile.hex(status.stateHash()),
                status == null ? "-" : status.stateHashSequence(), status == null ? "-" : status.duplicatesIgnored());
        }
        out.println(leader < 0 ? "no leader running on this machine" : "leader: member " + leader);
        out.println("a member's counters: ./liq stat --counters "
            + config.engineFor(Math.max(0, leader)).counters() + " (node-N for member N)");
        return leader < 0 ? 3 : 0;
    }

    /** Sends a STATUS envelope and waits until every running member rewrote its status file. */
    private void probe(final ClusterConfig config, final MemberCounters[] counters)
    {
        final long timeoutNs = (long)(timeoutSeconds * 1e9);
        final FileTime[] before = new FileTime[counters.length];
        for (int member = 0; member < counters.length; member++)
        {
            before[member] = modified(config.nodeStatusFile(member));
        }
        try (MediaDriver driver = ClusterClient.launchDriver(config);
            AeronCluster client = AeronCluster.connect(ClusterClient.context(config, driver.aeronDirectoryName())
                .messageTimeoutNs(timeoutNs).egressListener(StatusCommand::ignore)))
        {
            if (!ClusterClient.requestStatus(client, timeoutNs))
            {
                err.println("liq cluster status: the cluster did not take the STATUS envelope in time");
                return;
            }
            final long deadline = System.nanoTime() + timeoutNs;
            for (int member = 0; member < counters.length; member++)
            {
                while (counters[member].running() && System.nanoTime() - deadline < 0
                    && modified(config.nodeStatusFile(member)).equals(before[member]))
                {
                    client.pollEgress();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
        }
        catch (final RuntimeException ex)
        {
            err.println("liq cluster status: no answer from the cluster (" + ex.getMessage() + "); showing what the "
                + "nodes wrote last");
        }
    }

    private static FileTime modified(final Path file)
    {
        try
        {
            return Files.getLastModifiedTime(file);
        }
        catch (final IOException ex)
        {
            return FileTime.fromMillis(0);
        }
    }

    /** What the member's service wrote last; null, with the reason on the error stream, when it cannot be read. */
    private NodeStatus status(final ClusterConfig config, final int member)
    {
        final Path file = config.nodeStatusFile(member);
        if (!Files.exists(file))
        {
            return null;
        }
        try
        {
            return NodeStatus.read(file);
        }
        catch (final IllegalStateException ex)
        {
            err.println("liq cluster status: " + ex.getMessage());
            return null;
        }
    }

    private static void ignore(
        final long session, final long timestamp, final DirectBuffer buffer, final int offset, final int length,
        final Header header)
    {
    }
}
