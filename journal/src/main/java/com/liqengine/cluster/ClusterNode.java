package com.liqengine.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NoOpLock;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One member of the cluster in this process (docs/cluster.md): an embedded media driver (one shared thread, to
 * spare the machine's cores), the archive that records the Raft log and snapshots, the consensus module, and the
 * clustered service container running the given service. Files under {@link ClusterConfig#nodeDir(int)}.
 * {@link #launch} retries a start refused because a killed process's files still look active, for at most
 * {@link ClusterConfig#startRetryNs()}; {@link #close()} stops the parts in the reverse order.
 */
public final class ClusterNode implements AutoCloseable
{
    /** Term length of the Raft log's publication: inputs are small, a term holds tens of thousands. */
    static final String LOG_CHANNEL = "aeron:udp?term-length=4m|alias=liq-log";
    static final String INGRESS_CHANNEL = "aeron:udp?term-length=1m|alias=liq-ingress";
    static final String CONSENSUS_CHANNEL = "aeron:udp?alias=liq-consensus";
    private static final String LOCAL_CONTROL_CHANNEL = "aeron:ipc?term-length=1m";
    private static final int TERM_BUFFER_LENGTH = 4 * 1024 * 1024;
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final int memberId;
    private final Path nodeDir;
    private final MediaDriver driver;
    private final Archive archive;
    private final ConsensusModule consensusModule;
    private final ClusteredServiceContainer container;
    private volatile boolean terminated;

    private ClusterNode(
        final ClusterConfig config, final int memberId, final ClusteredService service, final ErrorHandler errors)
    {
        this.memberId = memberId;
        this.nodeDir = config.nodeDir(memberId);
        final String host = config.hosts().get(memberId);
        final String aeronDir = config.aeronDir(memberId).toString();
        final int syncLevel = config.fileSync().aeronLevel();
        MediaDriver driver = null;
        Archive archive = null;
        ConsensusModule consensusModule = null;
        try
        {
            driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(config.driverIdle().newIdleStrategy())
                // a killed driver's directory is reused once it is stale; a live one refuses the start
                .dirDeleteOnStart(false)
                .dirDeleteOnShutdown(true)
                .termBufferSparseFile(true)
                .publicationTermBufferLength(TERM_BUFFER_LENGTH)
                .ipcTermBufferLength(TERM_BUFFER_LENGTH)
                .errorHandler(errors));
            archive = Archive.launch(new Archive.Context()
                .aeronDirectoryName(aeronDir)
                .archiveId(memberId)
                .archiveDir(new File(nodeDir.toFile(), ClusterConfig.ARCHIVE_DIR))
                // segment files of one log term: liq cluster purge frees the log in steps of this size
                .segmentFileLength(TERM_BUFFER_LENGTH)
                .controlChannel(udp(config.endpoint(memberId, ClusterConfig.ARCHIVE_CONTROL_PORT)))
                .localControlChannel(LOCAL_CONTROL_CHANNEL)
                .replicationChannel(udp(config.endpoint(memberId, ClusterConfig.ARCHIVE_REPLICATION_PORT)))
                .archiveClientContext(new AeronArchive.Context().controlResponseChannel(udp(host + ":0")))
                .recordingEventsEnabled(false)
                .threadingMode(ArchiveThreadingMode.SHARED)
                .idleStrategySupplier(config.consensusIdle()::newIdleStrategy)
                .fileSyncLevel(syncLevel)
                .catalogFileSyncLevel(syncLevel)
                .errorHandler(errors));
            final AeronArchive.Context localArchive = new AeronArchive.Context()
                .lock(NoOpLock.INSTANCE)
                .aeronDirectoryName(aeronDir)
                .controlRequestChannel(LOCAL_CONTROL_CHANNEL)
                .controlRequestStreamId(archive.context().localControlStreamId())
                .controlResponseChannel(LOCAL_CONTROL_CHANNEL);
            final File clusterDir = new File(nodeDir.toFile(), ClusterConfig.CONSENSUS_DIR);
            consensusModule = ConsensusModule.launch(new ConsensusModule.Context()
                .aeronDirectoryName(aeronDir)
                .clusterMemberId(memberId)
                .clusterMembers(config.clusterMembers())
                .clusterDir(clusterDir)
                .archiveContext(localArchive.clone())
                .ingressChannel(INGRESS_CHANNEL)
                .logChannel(LOG_CHANNEL)
                .consensusChannel(CONSENSUS_CHANNEL)
                .replicationChannel(udp(config.endpoint(memberId, ClusterConfig.CLUSTER_REPLICATION_PORT)))
                .leaderHeartbeatTimeoutNs(config.leaderHeartbeatTimeoutNs())
                .leaderHeartbeatIntervalNs(config.leaderHeartbeatIntervalNs())
                .electionTimeoutNs(config.electionTimeoutNs())
                .startupCanvassTimeoutNs(config.startupCanvassTimeoutNs())
                .sessionTimeoutNs(config.sessionTimeoutNs())
                .idleStrategySupplier(config.consensusIdle()::newIdleStrategy)
                .fileSyncLevel(syncLevel)
                .serviceCount(1)
                // the one admin request a client may make: liq cluster snapshot
                .authorisationServiceSupplier(() -> (protocolId, actionId, type, principal) ->
                    type == AdminRequestType.SNAPSHOT)
                .terminationHook(() -> terminated = true)
                .errorHandler(errors));
            this.container = ClusteredServiceContainer.launch(new ClusteredServiceContainer.Context()
                .aeronDirectoryName(aeronDir)
                .clusterDir(clusterDir)
                .archiveContext(localArchive.clone())
                .clusteredService(service)
                .serviceId(0)
                .idleStrategySupplier(config.serviceIdle()::newIdleStrategy)
                .terminationHook(() -> terminated = true)
                .errorHandler(errors));
        }
        catch (final RuntimeException | Error ex)
        {
            CloseHelper.quietCloseAll(consensusModule, archive, driver);
            throw ex;
        }
        this.driver = driver;
        this.archive = archive;
        this.consensusModule = consensusModule;
    }

    /**
     * Starts a member, retrying while a killed process's files still look active (Aeron refuses for up to its
     * driver timeout, 10 s, after a kill -9).
     *
     * @param config the cluster.
     * @param memberId which member this process is.
     * @param service makes the clustered service (called again for each attempt).
     * @param errors receives the errors of the node's agents.
     * @param progress told, in a line, when a start is refused and retried.
     * @return the running node.
     * @throws IllegalStateException when it could not start within the retry window, naming why.
     */
    public static ClusterNode launch(
        final ClusterConfig config, final int memberId, final Supplier<ClusteredService> service,
        final ErrorHandler errors, final Consumer<String> progress)
    {
        if (memberId < 0 || memberId >= config.memberCount())
        {
            throw new IllegalArgumentException(
                "member " + memberId + " is not one of the " + config.memberCount() + " members (0 to "
                    + (config.memberCount() - 1) + ")");
        }
        try
        {
            Files.createDirectories(config.nodeDir(memberId));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + config.nodeDir(memberId), ex);
        }
        final long deadline = System.nanoTime() + config.startRetryNs();
        boolean told = false;
        while (true)
        {
            try
            {
                return new ClusterNode(config, memberId, service.get(), errors);
            }
            catch (final RuntimeException ex)
            {
                if (!stillActive(ex))
                {
                    throw new IllegalStateException("member " + memberId + " could not start: " + ex.getMessage(), ex);
                }
                if (System.nanoTime() - deadline >= 0)
                {
                    throw new IllegalStateException("member " + memberId + " could not start within "
                        + TimeUnit.NANOSECONDS.toMillis(config.startRetryNs()) + " ms: its files in "
                        + config.nodeDir(memberId) + " are still in use (is this member running elsewhere?): "
                        + ex.getMessage(), ex);
                }
                if (!told)
                {
                    progress.accept("member " + memberId + ": the files of a previous process still look active ("
                        + ex.getMessage() + "); retrying for up to "
                        + TimeUnit.NANOSECONDS.toSeconds(config.startRetryNs()) + " s");
                    told = true;
                }
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            }
        }
    }

    /** A refusal that passes once a dead process's heartbeat in its mark file or driver directory goes stale. */
    static boolean stillActive(final Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause())
        {
            final String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause.getClass().getSimpleName().equals("ActiveDriverException") ||
                message.contains("active mark file") || message.contains("active driver"))
            {
                return true;
            }
        }
        return false;
    }

    private static String udp(final String endpoint)
    {
        return "aeron:udp?endpoint=" + endpoint;
    }

    /**
     * @return this member's id.
     */
    public int memberId()
    {
        return memberId;
    }

    /**
     * @return this member's role now (any thread).
     */
    public Cluster.Role role()
    {
        return Cluster.Role.get(consensusModule.context().clusterNodeRoleCounter());
    }

    /**
     * @return whether this member leads now (any thread).
     */
    public boolean isLeader()
    {
        return role() == Cluster.Role.LEADER;
    }

    /**
     * @return the election's state (CLOSED when a leader governs).
     */
    public ElectionState electionState()
    {
        return ElectionState.get(consensusModule.context().electionStateCounter());
    }

    /**
     * @return the log position the cluster has committed, as this member knows it.
     */
    public long commitPosition()
    {
        return consensusModule.context().commitPositionCounter().get();
    }

    /**
     * @return the leadership term this member is in.
     */
    public long leadershipTermId()
    {
        return consensusModule.context().leadershipTermIdCounter().get();
    }

    /**
     * @return snapshots this member has taken since it started.
     */
    public long snapshotCount()
    {
        return consensusModule.context().snapshotCounter().get();
    }

    /**
     * Asks the cluster for a snapshot on every member; only the leader's request counts.
     *
     * @return true when the request was placed (false: another control action is under way).
     */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(consensusModule.context().controlToggleCounter());
    }

    /**
     * @return whether the consensus module or the service terminated (the node must then be closed).
     */
    public boolean terminated()
    {
        return terminated;
    }

    /**
     * @return this member's folder.
     */
    public Path nodeDir()
    {
        return nodeDir;
    }

    /**
     * @return the folder of this member's media driver.
     */
    public String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(container, consensusModule, archive, driver);
    }
}
