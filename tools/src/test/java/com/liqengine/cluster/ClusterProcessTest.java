package com.liqengine.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.QueueContext;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.testing.MixedEvents;
import com.liqengine.tools.Liq;
import com.liqengine.tools.LiqProcess;
import com.liqengine.tools.launch.LiqJvm;
import com.liqengine.tools.cluster.ClusterConfigFile;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static com.liqengine.cluster.InProcessCluster.startIngress;
import static com.liqengine.cluster.InProcessCluster.write;
import static com.liqengine.cluster.InProcessCluster.writeSetUp;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three {@code liq cluster node} JVMs: the leader's JVM is killed with SIGKILL mid-stream, the two others elect a
 * new leader, the killed member is restarted at once (its start retries past the dead process's files) and catches
 * up; every node ends at the sequence and state hash of applying the inputs once, in order. Prints the measured
 * election and failover.
 */
class ClusterProcessTest
{
    private static final int ACCOUNTS = 200;
    private static final int SOURCE_ID = 3;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Process[] nodes = new Process[3];

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theSurvivorsElectANewLeaderAfterASigkillAndTheRestartedNodeCatchesUp() throws IOException
    {
        final Path dir = Path.of("target", "cluster-process-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("engine.yaml"), LiqProcess.pathsIn(dir.resolve("engine"))
            + "engine: { maxAccounts: " + (ACCOUNTS + 1) + " }\n");
        final Path configFile = dir.resolve("cluster.yaml");
        Files.writeString(configFile, "engine: engine.yaml\ndir: " + dir + "\nports: { base: "
            + FreePorts.basePort(3) + " }\ntimeouts: { startRetryMs: 30000 }\n");
        final ClusterConfig config = ClusterConfigFile.load(configFile);
        final EngineConfig engine = config.engine();
        final MixedEvents events = new MixedEvents(ACCOUNTS, 15);
        final InputEncoder encoder = new InputEncoder();
        MediaDriver clientDriver = null;
        AgentRunner ingressRunner = null;
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(engine.inputQueue())))
        {
            writeSetUp(queue, events, encoder);
            write(queue, events, encoder, 1, 2_000);

            final long launched = System.nanoTime();
            for (int member = 0; member < nodes.length; member++)
            {
                nodes[member] = startNode(dir, configFile, member);
            }
            final int firstLeader = awaitLeader(config, -1, dir);
            final long electedNanos = System.nanoTime() - launched;

            clientDriver = ClusterClient.launchDriver(config);
            ingressRunner = startIngress(config, clientDriver, SOURCE_ID, TimeUnit.SECONDS.toNanos(1),
                Throwable::printStackTrace);
            final ClusterIngress ingress = (ClusterIngress)ingressRunner.agent();
            awaitAcked(ingress, queue.lastIndex(), "the first inputs acknowledged", dir);
            assertThat(Liq.commandLine().execute("cluster", "snapshot", "--config", configFile.toString()))
                .as("liq cluster snapshot").isZero();

            write(queue, events, encoder, 2_001, 1_500);
            final long killed = System.nanoTime();
            nodes[firstLeader].destroyForcibly();
            write(queue, events, encoder, 3_501, 1_500);
            final int secondLeader = awaitLeader(config, firstLeader, dir);
            final long failoverNanos = System.nanoTime() - killed;
            awaitAcked(ingress, queue.lastIndex(), "every input acknowledged by the new leader", dir);

            await(() -> !nodes[firstLeader].isAlive(), "the killed JVM gone", dir);
            final long restarted = System.nanoTime();
            nodes[firstLeader] = startNode(dir, configFile, firstLeader);
            await(() -> MemberCounters.read(config.aeronDir(firstLeader)).followsInALaterTerm(),
                "the killed member back as a follower in a later term", dir);
            final long rejoinNanos = System.nanoTime() - restarted;
            write(queue, events, encoder, 5_001, 1_000);
            awaitAcked(ingress, queue.lastIndex(), "every input acknowledged with the killed member back", dir);

            // the command takes over from the in-process ingress: same source, it resumes where the cluster says
            ingressRunner.close();
            ingressRunner = null;
            write(queue, events, encoder, 6_001, 300);
            assertThat(Liq.commandLine().execute("cluster", "ingress", "--config", configFile.toString(),
                "--source-id", String.valueOf(SOURCE_ID), "--exit-when-idle", "1")).as("liq cluster ingress").isZero();

            assertThat(Liq.commandLine().execute("cluster", "status", "--config", configFile.toString()))
                .as("liq cluster status").isZero();
            final ServiceUnderTest.Expected expected = ServiceUnderTest.ENGINE_SERVICE.expected(engine);
            for (int member = 0; member < nodes.length; member++)
            {
                awaitStatus(config, member, expected, dir);
            }
            System.out.printf("ClusterProcessTest: leader %d elected %d ms after the three JVMs were started; "
                    + "SIGKILL of its JVM: member %d led %d ms later (leader heartbeat timeout %d ms); the killed "
                    + "member followed again %d ms after its restart; ingress sent %d, resent %d, %d applied, "
                    + "%d duplicates, %d new leaders%n",
                firstLeader, TimeUnit.NANOSECONDS.toMillis(electedNanos), secondLeader,
                TimeUnit.NANOSECONDS.toMillis(failoverNanos),
                TimeUnit.NANOSECONDS.toMillis(config.leaderHeartbeatTimeoutNs()),
                TimeUnit.NANOSECONDS.toMillis(rejoinNanos), ingress.sent(), ingress.resent(), ingress.acked(),
                ingress.duplicates(), ingress.newLeaders());
            assertThat(ingress.failure()).isNull();
            assertThat(ingress.acked()).as("APPLIED acknowledgements: never two for one input")
                .isLessThanOrEqualTo(expected.engineSequence() - 300);
            assertThat(ingress.acked() + ingress.duplicates()).isGreaterThanOrEqualTo(expected.engineSequence() - 300);
        }
        finally
        {
            CloseHelper.quietClose(ingressRunner);
            CloseHelper.quietClose(clientDriver);
            stopAll();
        }
    }

    private static Process startNode(final Path dir, final Path configFile, final int member) throws IOException
    {
        final List<String> command = LiqJvm.command(List.of("-Xmx512m"), List.of("cluster", "node", "--config",
            configFile.toString(), "--member", String.valueOf(member)));
        return new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node-" + member + ".log").toFile())).start();
    }

    private void stopAll()
    {
        for (final Process node : nodes)
        {
            if (node != null)
            {
                node.destroy();
            }
        }
        for (final Process node : nodes)
        {
            if (node != null)
            {
                try
                {
                    if (!node.waitFor(15, TimeUnit.SECONDS))
                    {
                        node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                }
                catch (final InterruptedException ex)
                {
                    node.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private int awaitLeader(final ClusterConfig config, final int not, final Path dir)
    {
        final int[] leader = {-1};
        await(() ->
        {
            for (int member = 0; member < nodes.length; member++)
            {
                if (member != not && MemberCounters.read(config.aeronDir(member)).leads())
                {
                    leader[0] = member;
                    return true;
                }
            }
            return false;
        }, "a leader other than member " + not, dir);
        return leader[0];
    }

    private static void awaitAcked(
        final ClusterIngress ingress, final long lastIndex, final String what, final Path dir)
    {
        await(() ->
        {
            if (ingress.failure() != null)
            {
                throw new AssertionError("the ingress failed", ingress.failure());
            }
            return ingress.lastAcked() == lastIndex;
        }, () -> what + " (last acknowledged " + Long.toHexString(ingress.lastAcked()) + ", wanted "
            + Long.toHexString(lastIndex) + ")", dir);
    }

    private static void awaitStatus(
        final ClusterConfig config, final int member, final ServiceUnderTest.Expected expected, final Path dir)
    {
        final List<String> last = new ArrayList<>(List.of("none"));
        await(() -> expected.shownBy(config.nodeStatusFile(member), last),
            () -> "member " + member + " at " + expected + " (its status: " + last + ")", dir);
    }

    private static void await(final BooleanSupplier condition, final String what, final Path dir)
    {
        await(condition, () -> what, dir);
    }

    private static void await(final BooleanSupplier condition, final Supplier<String> what, final Path dir)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new AssertionError("timed out after " + TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS)
                    + " s waiting for " + what.get() + "; node logs:\n" + logs(dir));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static String logs(final Path dir)
    {
        final StringBuilder text = new StringBuilder();
        for (int member = 0; member < 3; member++)
        {
            try
            {
                text.append("--- node-").append(member).append(".log\n")
                    .append(LiqProcess.log(dir.resolve("node-" + member + ".log")));
            }
            catch (final IOException ex)
            {
                text.append(ex).append('\n');
            }
        }
        return text.toString();
    }
}
