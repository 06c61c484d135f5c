package com.liqengine.tools.cluster;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code liq cluster}: the engine replicated on Aeron Cluster (docs/cluster.md), one subcommand per job.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
        "The engine replicated on three (or more) members with Aeron Cluster: a leader elected by a majority, every "
            + "input in the Raft log before any member applies it, a new leader in about a second when one is "
            + "lost (docs/cluster.md).",
        "Start every member with 'node', feed it with 'ingress', look with 'status', snapshot with 'snapshot', "
            + "free the log of stopped members with 'purge'; the members, ports, timeouts and directories are in "
            + "the cluster configuration (config/cluster.yaml).",
        "'bench' measures a cluster of its own against the single-process engine in one run."},
    subcommands = {NodeCommand.class, IngressCommand.class, StatusCommand.class, SnapshotCommand.class,
        PurgeCommand.class, ClusterBenchCommand.class, CommandLine.HelpCommand.class})
public final class ClusterCommand implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
