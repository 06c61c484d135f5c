package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterClient;
import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.ClusterNode;
import com.liqengine.cluster.EngineClusteredService;
import com.liqengine.cluster.FileSyncLevel;
import com.liqengine.cluster.FreePorts;
import com.liqengine.runtime.EngineConfig;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The members of a cluster in this process for {@code liq cluster bench}, each a {@link ClusterNode} running the
 * engine's service, on free loopback ports with their files under a folder, and a client's media driver.
 */
final class BenchCluster implements AutoCloseable
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ClusterConfig config;
    private final ClusterNode[] nodes;
    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private MediaDriver clientDriver;
    private AeronCluster client;

    private BenchCluster(final ClusterConfig config)
    {
        this.config = config;
        this.nodes = new ClusterNode[config.memberCount()];
    }

    /**
     * The settings of a bench cluster: those of {@code base} (timeouts, idle strategies, member count), every member
     * on 127.0.0.1 at free ports, files under {@code dir}, the given file sync, no scheduled snapshot.
     */
    static ClusterConfig config(
        final ClusterConfig base, final Path dir, final EngineConfig engine, final FileSyncLevel fileSync)
    {
        final List<String> hosts = Collections.nCopies(base.memberCount(), ClusterConfig.DEFAULT_HOST);
        return new ClusterConfig(hosts, FreePorts.basePort(base.memberCount()), ClusterConfig.DEFAULT_HOST, dir, engine,
            base.leaderHeartbeatTimeoutNs(), base.leaderHeartbeatIntervalNs(), base.electionTimeoutNs(),
            base.startupCanvassTimeoutNs(), base.sessionTimeoutNs(), base.startRetryNs(), base.consensusIdle(),
            base.serviceIdle(), base.driverIdle(), fileSync, base.sourcesCapacity(), 0);
    }

    /**
     * Launches every member and waits for a leader.
     *
     * @param config the cluster.
     * @param report where the services' lines go.
     * @return the running cluster.
     */
    static BenchCluster launch(final ClusterConfig config, final PrintStream report)
    {
        final BenchCluster cluster = new BenchCluster(config);
        try
        {
            for (int member = 0; member < cluster.nodes.length; member++)
            {
                final EngineConfig engine = config.engineFor(member);
                cluster.nodes[member] = ClusterNode.launch(config, member,
                    () -> new EngineClusteredService(engine, config.sourcesCapacity(), report),
                    cluster.errors::add, report::println);
            }
            if (cluster.awaitLeader(-1) < 0)
            {
                throw new IllegalStateException("no leader within " + TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS)
                    + " s");
            }
            cluster.clientDriver = ClusterClient.launchDriver(config);
            return cluster;
        }
        catch (final RuntimeException | Error ex)
        {
            cluster.close();
            throw ex;
        }
    }

    /**
     * Opens a client session with the leader.
     *
     * @param listener told of the acknowledgements and new leaders.
     * @return the session.
     */
    AeronCluster connect(final EgressListener listener)
    {
        client = AeronCluster.connect(
            ClusterClient.context(config, clientDriver.aeronDirectoryName()).egressListener(listener));
        return client;
    }

    /**
     * Waits for a leader other than {@code not} among the members running.
     *
     * @return its member id, or -1 after 30 s.
     */
    int awaitLeader(final int not)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() - deadline < 0)
        {
            final int leader = leader(not);
            if (leader >= 0)
            {
                return leader;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return -1;
    }

    private int leader(final int not)
    {
        for (int member = 0; member < nodes.length; member++)
        {
            final ClusterNode node = nodes[member];
            if (member != not && node != null && node.isLeader())
            {
                return member;
            }
        }
        return -1;
    }

    /**
     * Stops a member as a crash would for the others (its process goes on: this is a clean close of its parts).
     */
    void closeMember(final int member)
    {
        final ClusterNode node = nodes[member];
        nodes[member] = null;
        CloseHelper.quietClose(node);
    }

    /**
     * @return the members' agents' errors so far.
     */
    List<Throwable> errors()
    {
        return new ArrayList<>(errors);
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(client);
        CloseHelper.quietClose(clientDriver);
        for (int member = 0; member < nodes.length; member++)
        {
            closeMember(member);
        }
    }
}
