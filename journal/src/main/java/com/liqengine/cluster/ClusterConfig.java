package com.liqengine.cluster;

import com.liqengine.runtime.EngineConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of engine replicas (docs/cluster.md): what {@code config/cluster.yaml} holds for {@code liq cluster}.
 * Member {@code N} (from 0) runs on {@code hosts.get(N)} with its files under {@code dir/node-N}; its ports derive
 * from one base port:
 *
 * <pre>
 * port(N, offset) = basePort + PORTS_PER_MEMBER * N + offset
 *   offset 0 ingress (clients), 1 consensus, 2 log, 3 catch-up, 4 archive control, 5 archive replication,
 *   6 cluster replication (snapshots and log for a member that is behind)
 * </pre>
 *
 * @param hosts each member's host, member 0 first.
 * @param basePort the first port of member 0.
 * @param clientHost the host clients (ingress, status, snapshot) receive the cluster's answers on.
 * @param dir the folder holding every member's {@code node-N} folder.
 * @param engine the engine's configuration: its input queue is what the ingress tails; its paths are replaced per
 *     node by {@link #engineFor(int)}, the rest applies to every node.
 * @param leaderHeartbeatTimeoutNs how long followers hear nothing from the leader before they elect another.
 * @param leaderHeartbeatIntervalNs how often an idle leader tells followers it lives.
 * @param electionTimeoutNs how long an election waits for votes before it starts over.
 * @param startupCanvassTimeoutNs how long a cold start waits to hear from every member before a majority elects.
 * @param sessionTimeoutNs how long a client session lives without a message or keep-alive.
 * @param startRetryNs how long a node keeps retrying a start refused because a killed process's files still look
 *     active (Aeron's mark files and driver directory stay "active" for up to 10 s after a kill -9).
 * @param consensusIdle how the consensus module and archive wait.
 * @param serviceIdle how the clustered service waits.
 * @param driverIdle how the embedded media driver waits.
 * @param fileSync when the log, archive and snapshots are forced to disk.
 * @param sourcesCapacity how many input sources the replicated state keeps a last sequence for.
 * @param snapshotIntervalNs how often the leader takes a snapshot on its own; 0: only on request.
 */
public record ClusterConfig(
    List<String> hosts,
    int basePort,
    String clientHost,
    Path dir,
    EngineConfig engine,
    long leaderHeartbeatTimeoutNs,
    long leaderHeartbeatIntervalNs,
    long electionTimeoutNs,
    long startupCanvassTimeoutNs,
    long sessionTimeoutNs,
    long startRetryNs,
    ClusterIdleStrategy consensusIdle,
    ClusterIdleStrategy serviceIdle,
    ClusterIdleStrategy driverIdle,
    FileSyncLevel fileSync,
    int sourcesCapacity,
    long snapshotIntervalNs)
{
    /** Ports each member reserves from the base port on; offsets from 7 up are free for later use. */
    public static final int PORTS_PER_MEMBER = 10;
    public static final int INGRESS_PORT = 0;
    public static final int CONSENSUS_PORT = 1;
    public static final int LOG_PORT = 2;
    public static final int CATCHUP_PORT = 3;
    public static final int ARCHIVE_CONTROL_PORT = 4;
    public static final int ARCHIVE_REPLICATION_PORT = 5;
    public static final int CLUSTER_REPLICATION_PORT = 6;

    /** Lowest base port: below it ports are privileged. */
    public static final int MIN_BASE_PORT = 1024;
    public static final int MAX_PORT = 65_535;
    /** Most members: Raft with more than a handful of members only adds latency. */
    public static final int MAX_MEMBERS = 9;

    public static final int DEFAULT_MEMBERS = 3;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_BASE_PORT = 20_000;
    public static final long DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    public static final long DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    public static final long DEFAULT_ELECTION_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    public static final long DEFAULT_STARTUP_CANVASS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    public static final long DEFAULT_SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    public static final long DEFAULT_START_RETRY_NS = TimeUnit.SECONDS.toNanos(20);
    public static final int DEFAULT_SOURCES_CAPACITY = 64;

    /** The folder of the node's Raft log, snapshots and cluster mark files, under its node folder. */
    static final String CONSENSUS_DIR = "consensus";
    /** The folder of the node's archive (the recorded log and snapshots). */
    static final String ARCHIVE_DIR = "archive";
    /** The folder of the node's embedded media driver. */
    static final String AERON_DIR = "aeron";

    /**
     * Checks what a program (not the YAML loader, which names the line) gives.
     */
    public ClusterConfig
    {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty() || hosts.size() > MAX_MEMBERS)
        {
            throw new IllegalArgumentException("members: from 1 to " + MAX_MEMBERS + ", not " + hosts.size());
        }
        if (basePort < MIN_BASE_PORT || lastPort(basePort, hosts.size()) > MAX_PORT)
        {
            throw new IllegalArgumentException("basePort must be from " + MIN_BASE_PORT + " to "
                + maxBasePort(hosts.size()) + " for " + hosts.size() + " members, not " + basePort);
        }
        if (leaderHeartbeatIntervalNs <= 0 || leaderHeartbeatIntervalNs >= leaderHeartbeatTimeoutNs)
        {
            throw new IllegalArgumentException("the leader heartbeat interval must be above 0 and below its timeout");
        }
        if (electionTimeoutNs <= 0 || startupCanvassTimeoutNs <= 0 || sessionTimeoutNs <= 0 || startRetryNs < 0)
        {
            throw new IllegalArgumentException("timeouts must be above 0");
        }
        if (sourcesCapacity < 1)
        {
            throw new IllegalArgumentException("sourcesCapacity must be at least 1, not " + sourcesCapacity);
        }
        if (snapshotIntervalNs < 0)
        {
            throw new IllegalArgumentException("the snapshot interval must be 0 (none) or more");
        }
    }

    /**
     * The defaults: three members on this machine, files under a folder.
     *
     * @param dir the cluster's folder.
     * @param engine the engine's configuration.
     * @return the configuration.
     */
    public static ClusterConfig defaults(final Path dir, final EngineConfig engine)
    {
        return new ClusterConfig(List.of(DEFAULT_HOST, DEFAULT_HOST, DEFAULT_HOST), DEFAULT_BASE_PORT, DEFAULT_HOST,
            dir, engine, DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS, DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS,
            DEFAULT_ELECTION_TIMEOUT_NS, DEFAULT_STARTUP_CANVASS_TIMEOUT_NS, DEFAULT_SESSION_TIMEOUT_NS,
            DEFAULT_START_RETRY_NS, ClusterIdleStrategy.BACKOFF, ClusterIdleStrategy.BACKOFF,
            ClusterIdleStrategy.BACKOFF, FileSyncLevel.NONE, DEFAULT_SOURCES_CAPACITY, 0);
    }

    /**
     * The same configuration with another base port.
     *
     * @param port the base port.
     * @return a copy.
     */
    public ClusterConfig withBasePort(final int port)
    {
        return new ClusterConfig(hosts, port, clientHost, dir, engine, leaderHeartbeatTimeoutNs,
            leaderHeartbeatIntervalNs, electionTimeoutNs, startupCanvassTimeoutNs, sessionTimeoutNs, startRetryNs,
            consensusIdle, serviceIdle, driverIdle, fileSync, sourcesCapacity, snapshotIntervalNs);
    }

    /**
     * The same configuration with other leader heartbeat settings.
     *
     * @param timeoutNs the leader heartbeat timeout.
     * @param intervalNs the leader heartbeat interval.
     * @return a copy.
     */
    public ClusterConfig withLeaderHeartbeat(final long timeoutNs, final long intervalNs)
    {
        return new ClusterConfig(hosts, basePort, clientHost, dir, engine, timeoutNs, intervalNs, electionTimeoutNs,
            startupCanvassTimeoutNs, sessionTimeoutNs, startRetryNs, consensusIdle, serviceIdle, driverIdle, fileSync,
            sourcesCapacity, snapshotIntervalNs);
    }

    /**
     * The same configuration with another client session timeout.
     *
     * @param timeoutNs how long a session lives without a message.
     * @return a copy.
     */
    public ClusterConfig withSessionTimeout(final long timeoutNs)
    {
        return new ClusterConfig(hosts, basePort, clientHost, dir, engine, leaderHeartbeatTimeoutNs,
            leaderHeartbeatIntervalNs, electionTimeoutNs, startupCanvassTimeoutNs, timeoutNs, startRetryNs,
            consensusIdle, serviceIdle, driverIdle, fileSync, sourcesCapacity, snapshotIntervalNs);
    }

    /**
     * The same configuration with another start retry window.
     *
     * @param retryNs how long a refused start is retried.
     * @return a copy.
     */
    public ClusterConfig withStartRetry(final long retryNs)
    {
        return new ClusterConfig(hosts, basePort, clientHost, dir, engine, leaderHeartbeatTimeoutNs,
            leaderHeartbeatIntervalNs, electionTimeoutNs, startupCanvassTimeoutNs, sessionTimeoutNs, retryNs,
            consensusIdle, serviceIdle, driverIdle, fileSync, sourcesCapacity, snapshotIntervalNs);
    }

    /**
     * @param members how many members.
     * @return the highest base port that leaves every member's ports below 65536.
     */
    public static int maxBasePort(final int members)
    {
        return MAX_PORT - (members * PORTS_PER_MEMBER - 1);
    }

    private static int lastPort(final int basePort, final int members)
    {
        return basePort + members * PORTS_PER_MEMBER - 1;
    }

    /**
     * @return how many members the cluster has.
     */
    public int memberCount()
    {
        return hosts.size();
    }

    /**
     * @param member the member id.
     * @param offset one of the port offsets ({@link #INGRESS_PORT}, ...).
     * @return the member's port.
     */
    public int port(final int member, final int offset)
    {
        return basePort + PORTS_PER_MEMBER * member + offset;
    }

    /**
     * @param member the member id.
     * @param offset one of the port offsets.
     * @return {@code host:port} of the member.
     */
    public String endpoint(final int member, final int offset)
    {
        return hosts.get(member) + ":" + port(member, offset);
    }

    /**
     * @return the members in Aeron's form: {@code id,ingress,consensus,log,catchup,archive|...}.
     */
    public String clusterMembers()
    {
        final StringBuilder members = new StringBuilder();
        for (int member = 0; member < hosts.size(); member++)
        {
            if (member > 0)
            {
                members.append('|');
            }
            members.append(member)
                .append(',').append(endpoint(member, INGRESS_PORT))
                .append(',').append(endpoint(member, CONSENSUS_PORT))
                .append(',').append(endpoint(member, LOG_PORT))
                .append(',').append(endpoint(member, CATCHUP_PORT))
                .append(',').append(endpoint(member, ARCHIVE_CONTROL_PORT));
        }
        return members.toString();
    }

    /**
     * @return the members' ingress endpoints as a client takes them: {@code 0=host:port,1=host:port,...}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder endpoints = new StringBuilder();
        for (int member = 0; member < hosts.size(); member++)
        {
            if (member > 0)
            {
                endpoints.append(',');
            }
            endpoints.append(member).append('=').append(endpoint(member, INGRESS_PORT));
        }
        return endpoints.toString();
    }

    /**
     * @param member the member id.
     * @return the member's folder, {@code dir/node-N}.
     */
    public Path nodeDir(final int member)
    {
        return dir.resolve("node-" + member);
    }

    /**
     * The engine configuration of one node: the engine's settings with every path under the node's folder, so
     * that the nodes of one machine never share a file.
     *
     * @param member the member id.
     * @return the node's engine configuration.
     */
    public EngineConfig engineFor(final int member)
    {
        final Path node = nodeDir(member);
        final EngineConfig e = engine;
        return new EngineConfig(node.resolve("input"), node.resolve("journal"), node.resolve("outputs"),
            node.resolve("counters.dat"), node.resolve("snapshots"), e.rollCycle(), e.fsync(), e.fsyncIntervalMs(),
            e.ringSize(), e.idleStrategy(), e.topology(), e.maxAccounts(), e.maxInstruments(), e.maxPositions(),
            e.marginCallRatio(), e.insuranceFundAccount(), e.snapshotInterval(), e.snapshotKeep(),
            e.liquidationMode(), e.maxOpenLiquidationOrders(), e.fundFloor(), e.cpus());
    }

    /**
     * @param member the member id.
     * @return the file the clustered service writes its status to, beside the node's counters file.
     */
    public Path nodeStatusFile(final int member)
    {
        return NodeStatus.file(engineFor(member));
    }

    /**
     * @param member the member id.
     * @return the folder of the node's embedded media driver (its counters: role, commit position).
     */
    public Path aeronDir(final int member)
    {
        return nodeDir(member).resolve(AERON_DIR);
    }
}
