package com.liqengine.tools.cluster;

import com.liqengine.cluster.FreePorts;
import com.liqengine.cluster.NodeCounters;
import com.liqengine.pipeline.CountersFile;
import com.liqengine.tools.stat.StatCommand;
import io.aeron.cluster.RecordingLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code snapshots.intervalSeconds}: a one-member cluster run by {@code liq cluster node} (in this process) with a
 * 1 s interval takes snapshots by itself; they show in the member's counters file ({@code liq stat}) and in its
 * recording log.
 */
class ScheduledSnapshotTest
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(40);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theLeaderTakesSnapshotsOnSchedule() throws Exception
    {
        final Path dir = Path.of("target", "scheduled-snapshots-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("engine.yaml"), "paths: { inputQueue: " + dir.resolve("input") + " }\n");
        final Path config = dir.resolve("cluster.yaml");
        Files.writeString(config, "members: 1\ndir: " + dir.resolve("cluster") + "\nports: { base: "
            + FreePorts.basePort(1) + " }\nsnapshots: { intervalSeconds: 1 }\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final NodeCommand node = new NodeCommand(print(out), System.err);
        final int[] exit = {-1};
        final Thread running = new Thread(() ->
            exit[0] = new CommandLine(node).execute("--config", config.toString(), "--member", "0"), "node-0");
        running.start();
        final Path counters = dir.resolve("cluster").resolve("node-0").resolve("counters.dat");
        try
        {
            final long deadline = System.nanoTime() + WAIT_NANOS;
            while (snapshotsTaken(counters) < 2)
            {
                assertThat(System.nanoTime() - deadline).as("two scheduled snapshots within %d s (node says: %s)",
                    TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS), out).isNegative();
                assertThat(running.isAlive()).as("the node runs (it says: %s)", out).isTrue();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        finally
        {
            node.stop();
            running.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(running.isAlive()).as("the node stopped").isFalse();
        assertThat(exit[0]).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()
            .filter(line -> line.contains("member 0 requested the scheduled snapshot")).count())
            .isGreaterThanOrEqualTo(2);
        try (RecordingLog log = new RecordingLog(dir.resolve("cluster/node-0/consensus").toFile(), false))
        {
            assertThat(log.entries().stream()
                .filter(entry -> entry.type == RecordingLog.ENTRY_TYPE_SNAPSHOT && entry.serviceId == 0).count())
                .as("the service's snapshots in the recording log").isGreaterThanOrEqualTo(2);
        }
        // liq stat reads a member's counters file as it reads a single process's
        final ByteArrayOutputStream stat = new ByteArrayOutputStream();
        assertThat(new CommandLine(new StatCommand(print(stat), System.err))
            .execute("--counters", counters.toString(), "--count", "1")).isZero();
        assertThat(stat.toString(StandardCharsets.UTF_8)).contains("in MarkPriceTick", "out LiquidationTriggered",
            NodeCounters.SNAPSHOTS_TAKEN, NodeCounters.ROLE);
    }

    private static long snapshotsTaken(final Path counters)
    {
        if (!Files.isRegularFile(counters))
        {
            return 0;
        }
        try (CountersFile file = CountersFile.open(counters.toFile()))
        {
            return Math.max(0, file.counter(NodeCounters.SNAPSHOTS_TAKEN));
        }
        catch (final IllegalStateException ex)
        {
            // being created
            return 0;
        }
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
