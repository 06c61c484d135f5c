package com.liqengine.cluster;

import io.aeron.archive.ArchiveMarkFile;
import io.aeron.cluster.service.ClusterMarkFile;
import org.agrona.concurrent.SystemEpochClock;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a member on this machine is stopped, from its files only (never by connecting): its media driver's
 * {@code cnc.dat} heartbeat, and the activity time of its consensus module's, service's and archive's mark files. A
 * file touched within {@link #ACTIVE_WITHIN_MS} counts as a running member (Aeron refuses a start for as long after a
 * kill -9). What {@code liq cluster purge} checks before it touches a member's files.
 */
public final class StoppedMember
{
    /** Aeron's own window: a start is refused while a mark file was touched this recently. */
    static final long ACTIVE_WITHIN_MS = 10_000;

    private StoppedMember()
    {
    }

    /**
     * @param config the cluster.
     * @param member the member.
     * @return why the member counts as running, or null when every file says it is stopped.
     */
    public static String whyRunning(final ClusterConfig config, final int member)
    {
        if (MemberCounters.read(config.aeronDir(member)).running())
        {
            return "its media driver at " + config.aeronDir(member) + " is alive";
        }
        final Path consensus = config.nodeDir(member).resolve(ClusterConfig.CONSENSUS_DIR);
        final List<File> markFiles = new ArrayList<>();
        markFiles.add(consensus.resolve(ClusterMarkFile.FILENAME).toFile());
        markFiles.add(consensus.resolve(ClusterMarkFile.SERVICE_FILENAME_PREFIX + "0"
            + ClusterMarkFile.FILE_EXTENSION).toFile());
        markFiles.add(config.nodeDir(member).resolve(ClusterConfig.ARCHIVE_DIR).resolve(ArchiveMarkFile.FILENAME)
            .toFile());
        for (final File markFile : markFiles)
        {
            final long ageMs = activityAgeMs(markFile);
            if (ageMs >= 0 && ageMs < ACTIVE_WITHIN_MS)
            {
                return markFile + " was touched " + ageMs + " ms ago (a member killed less than "
                    + ACTIVE_WITHIN_MS / 1000 + " s ago looks running too: wait and try again)";
            }
        }
        return null;
    }

    /** @return ms since the mark file's activity time, or -1 when it is missing, unreadable or marked closed. */
    static long activityAgeMs(final File markFile)
    {
        if (!markFile.isFile())
        {
            return -1;
        }
        try (ClusterMarkFile file = new ClusterMarkFile(
            markFile.getParentFile(), markFile.getName(), SystemEpochClock.INSTANCE, 0, message -> { }))
        {
            final long activity = file.activityTimestampVolatile();
            return activity <= 0 ? -1 : Math.max(0, System.currentTimeMillis() - activity);
        }
        catch (final RuntimeException ex)
        {
            // not a mark file of this version (the archive's has its own layout): the archive's own start check
            // refuses it if it is active
            return -1;
        }
    }
}
