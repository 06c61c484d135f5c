package com.liqengine.cluster;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.exceptions.DriverTimeoutException;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * What a member on this machine shows in its media driver's counters, read from its {@code cnc.dat} without
 * connecting (a node that is down is reported, never waited for): for {@code liq cluster status}.
 *
 * @param running whether the member's driver is alive (its heartbeat is recent).
 * @param role the member's role, or null when the counter is not there (not started or gone).
 * @param electionState the election's state, or null.
 * @param leadershipTermId the leadership term, or -1.
 * @param commitPosition the committed log position, or -1.
 */
public record MemberCounters(
    boolean running, Cluster.Role role, ElectionState electionState, long leadershipTermId, long commitPosition)
{
    /** A driver whose heartbeat is older than this is taken as gone. */
    private static final long ALIVE_WITHIN_MS = 2_000;

    /**
     * @param aeronDir the member's media driver folder ({@link ClusterConfig#aeronDir(int)}).
     * @return what its counters say; not running with nothing known when the folder or file is missing.
     */
    public static MemberCounters read(final Path aeronDir)
    {
        final File cncFile = aeronDir.resolve(CncFileDescriptor.CNC_FILE).toFile();
        if (!cncFile.isFile())
        {
            return new MemberCounters(false, null, null, -1, -1);
        }
        final boolean running;
        try
        {
            running = CommonContext.isDriverActive(aeronDir.toFile(), ALIVE_WITHIN_MS, message -> { });
        }
        catch (final DriverTimeoutException ex)
        {
            // a driver starting (its cnc.dat created, not yet initialised) or one that died while starting
            return new MemberCounters(false, null, null, -1, -1);
        }
        MappedByteBuffer cnc = null;
        try
        {
            cnc = IoUtil.mapExistingFile(cncFile, "cnc");
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            if (metaData.getInt(CncFileDescriptor.cncVersionOffset(0)) == 0)
            {
                return new MemberCounters(running, null, null, -1, -1);
            }
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
            final long[] values = {-1, -1, -1, -1};
            counters.forEach((counterId, typeId, keyBuffer, label) ->
            {
                final long value = counters.getCounterValue(counterId);
                switch (typeId)
                {
                    case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID -> values[0] = value;
                    case AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID -> values[1] = value;
                    case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID -> values[2] = value;
                    case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID -> values[3] = value;
                    default ->
                    {
                    }
                }
            });
            return new MemberCounters(running, values[0] < 0 ? null : Cluster.Role.get(values[0]),
                values[1] < 0 ? null : ElectionState.get(values[1]), values[2], values[3]);
        }
        catch (final RuntimeException ex)
        {
            // a file being created or deleted as we look: nothing to say about it
            return new MemberCounters(running, null, null, -1, -1);
        }
        finally
        {
            if (cnc != null)
            {
                IoUtil.unmap(cnc);
            }
        }
    }

    /**
     * @return whether the member runs and leads.
     */
    public boolean leads()
    {
        return running && role == Cluster.Role.LEADER;
    }

    /**
     * Whether a (re)started member has joined the cluster: the role counter reads FOLLOWER from the start, so it
     * takes a closed election in a term after the first.
     *
     * @return true when it runs as a follower in a later term.
     */
    public boolean followsInALaterTerm()
    {
        return running && role == Cluster.Role.FOLLOWER && electionState == ElectionState.CLOSED
            && leadershipTermId >= 1;
    }
}
