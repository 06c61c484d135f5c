package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterConfig;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The {@code --config} option every {@code liq cluster} command that works on a configured cluster takes (a picocli
 * mixin), and the reading of that file with its errors reported as the commands report them.
 */
final class ClusterConfigOption
{
    @Option(names = "--config", defaultValue = "config/cluster.yaml",
        description = "The cluster configuration (default: ${DEFAULT-VALUE}).")
    private Path file;

    /**
     * Reads the configuration; what is wrong with it goes to {@code err} with file, line and field.
     *
     * @param err where problems go.
     * @return the configuration, or null when it cannot be used (the command exits with 2).
     */
    ClusterConfig read(final PrintStream err)
    {
        return ClusterConfigFile.readForCommand(file, err);
    }

    /**
     * The line that refuses a {@code --member} the configuration does not have.
     *
     * @param command the command's name, as in {@code liq cluster node}.
     * @param member the member given.
     * @param config the configuration read.
     * @return the message.
     */
    String notAMember(final String command, final int member, final ClusterConfig config)
    {
        return command + ": --member " + member + " is not a member of " + file + " (0 to "
            + (config.memberCount() - 1) + ")";
    }
}
