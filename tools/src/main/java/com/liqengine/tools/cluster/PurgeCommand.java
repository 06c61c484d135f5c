package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.LogPurge;
import com.liqengine.cluster.StoppedMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code liq cluster purge}: frees the disk of stopped members' Raft logs up to the latest snapshot every member on
 * this machine has ({@link LogPurge}); refuses a member that is running or a cluster without a snapshot.
 */
@Command(
    name = "purge",
    mixinStandardHelpOptions = true,
    description = {
        "Removes, from stopped members, the Raft log before the latest snapshot every member on this machine has "
            + "(whole segment files of the log recording) and the recordings of older snapshots. A restart then "
            + "starts from that snapshot and the log after it, as before (docs/cluster.md).",
        "Take a snapshot first (liq cluster snapshot), stop every member, purge every member, start them again. "
            + "A member that is running (its driver or mark files active in the last 10 s) is refused."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:purged (or nothing to remove)", "2:bad configuration or member",
        "3:refused: a member is running, or there is no snapshot to purge up to"})
public final class PurgeCommand implements Callable<Integer>
{
    @Mixin
    private ClusterConfigOption configOption;

    @Option(names = "--member", paramLabel = "N", defaultValue = "-1",
        description = "Purge only this member (default: every member whose folder is on this machine).")
    private int member;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public PurgeCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where what is removed goes.
     * @param err where problems go.
     */
    public PurgeCommand(final PrintStream out, final PrintStream err)
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
        if (member < -1 || member >= config.memberCount())
        {
            err.println(configOption.notAMember("liq cluster purge", member, config));
            return 2;
        }
        final List<Integer> here = new ArrayList<>();
        for (int m = 0; m < config.memberCount(); m++)
        {
            if (Files.isDirectory(config.nodeDir(m)))
            {
                here.add(m);
            }
            else
            {
                out.println("liq cluster purge: member " + m + " has no folder here (" + config.nodeDir(m)
                    + "): purge it on its own machine to the same snapshot");
            }
        }
        final List<Integer> targets = member >= 0 ? List.of(member) : here;
        if (targets.isEmpty() || !here.containsAll(targets))
        {
            err.println("liq cluster purge: nothing to purge: no member folder under " + config.dir());
            return 3;
        }
        for (final int m : targets)
        {
            final String running = StoppedMember.whyRunning(config, m);
            if (running != null)
            {
                err.println("liq cluster purge: member " + m + " is running (" + running + "): a purge works on "
                    + "stopped members only; stop it (Ctrl-C or SIGTERM to its liq cluster node) and try again");
                return 3;
            }
        }
        // the lowest of the members' latest snapshots: each member then keeps the log any other may need from it
        long position = Long.MAX_VALUE;
        for (final int m : here)
        {
            final long latest = LogPurge.latestSnapshotPosition(config, m);
            if (latest < 0)
            {
                err.println("liq cluster purge: member " + m + " has no snapshot to purge up to (" + config.nodeDir(m)
                    + "): take one with liq cluster snapshot while the members run, stop them, then purge");
                return 3;
            }
            position = Math.min(position, latest);
        }
        out.println("liq cluster purge: up to the snapshot at log position " + position + " (the latest every member "
            + "here has)");
        long freed = 0;
        for (final int m : targets)
        {
            final LogPurge.Result result;
            try
            {
                result = LogPurge.purge(config, m, position, line -> out.println("liq cluster purge: " + line));
            }
            catch (final RuntimeException ex)
            {
                err.println("liq cluster purge: member " + m + ": " + ex.getMessage());
                return 3;
            }
            freed += result.bytesFreed();
            out.printf("liq cluster purge: member %d: archive %,d -> %,d bytes (%,d freed)%n", m,
                result.bytesBefore(), result.bytesAfter(), result.bytesFreed());
        }
        out.printf("liq cluster purge: %,d bytes freed on %d member(s); start them again and check liq cluster "
            + "status%n", freed, targets.size());
        return 0;
    }
}
