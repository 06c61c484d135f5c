package com.liqengine.tools.cluster;

import com.liqengine.tools.Liq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code liq cluster} commands without a running cluster: a bad member or configuration exits 2 with the
 * reason, status shows every member as not running and exits 3.
 */
class ClusterCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void helpListsTheSubcommands()
    {
        final String help = new CommandLine(new ClusterCommand()).getUsageMessage();
        assertThat(help).contains("node", "ingress", "status", "snapshot", "purge", "bench");
        assertThat(Liq.commandLine().getSubcommands()).containsKey("cluster");
    }

    @Test
    void aMemberOutsideTheConfigurationExitsTwo() throws IOException
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = new CommandLine(new NodeCommand(System.out, print(err)))
            .execute("--config", config().toString(), "--member", "3");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--member 3 is not a member of", "(0 to 2)");
    }

    @Test
    void aBadConfigurationExitsTwoNamingItsLine() throws IOException
    {
        final Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "members: 3\ntimeouts: { sessionMs: 10 }\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit =
            new CommandLine(new StatusCommand(System.out, print(err))).execute("--config", file.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(file + ":2: timeouts.sessionMs (10)");
    }

    @Test
    void statusShowsEveryMemberNotRunningAndExitsThree() throws IOException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exit = new CommandLine(new StatusCommand(print(out), System.err))
            .execute("--config", config().toString());
        assertThat(exit).isEqualTo(3);
        final String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table.lines().filter(line -> line.contains("not running"))).hasSize(3);
        assertThat(table).contains("no leader running on this machine", "a member's counters: ./liq stat --counters "
            + dir.resolve("cluster").resolve("node-0").resolve("counters.dat"));
    }

    @Test
    void purgeWithoutMemberFoldersOrWithoutASnapshotIsRefused() throws IOException
    {
        final Path file = config();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(new CommandLine(new PurgeCommand(System.out, print(err))).execute("--config", file.toString()))
            .isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing to purge: no member folder under");

        // members that never ran long enough to snapshot: nothing may be removed
        for (int member = 0; member < 3; member++)
        {
            Files.createDirectories(dir.resolve("cluster").resolve("node-" + member).resolve("consensus"));
        }
        err.reset();
        assertThat(new CommandLine(new PurgeCommand(System.out, print(err)))
            .execute("--config", file.toString(), "--member", "1")).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("member 0 has no snapshot to purge up to");
        err.reset();
        assertThat(new CommandLine(new PurgeCommand(System.out, print(err)))
            .execute("--config", file.toString(), "--member", "3")).isEqualTo(2);
    }

    private Path config() throws IOException
    {
        Files.writeString(dir.resolve("engine.yaml"), "paths: { inputQueue: " + dir.resolve("input") + " }\n");
        final Path file = dir.resolve("cluster.yaml");
        Files.writeString(file, "dir: " + dir.resolve("cluster") + "\nports: { base: "
            + com.liqengine.cluster.FreePorts.basePort(3) + " }\n");
        return file;
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
