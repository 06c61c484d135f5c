package com.liqengine.tools.cluster;

import com.liqengine.api.InputEncoder;
import com.liqengine.cluster.ClusterClient;
import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.ClusterIngress;
import com.liqengine.cluster.FreePorts;
import com.liqengine.cluster.MemberCounters;
import com.liqengine.cluster.NodeStatus;
import com.liqengine.journal.InputQueueReader;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.QueueContext;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.tools.demo.DemoMarket;
import com.liqengine.tools.demo.MarketRegime;
import com.liqengine.tools.launch.LiqJvm;
import com.liqengine.tools.yaml.YamlFileException;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code liq demo --cluster}: the demo market through three replicas of the engine on this machine (docs/cluster.md).
 * Three {@code liq cluster node} JVMs, the market written to a Chronicle input queue and sent to the leader by a
 * {@link ClusterIngress}, a consumer that follows the leader's output queue ({@link LeaderOutputs}); the leader's
 * JVM is killed with SIGKILL once, mid-run, and started again. It ends by printing every node's engine sequence and
 * state hash (and a single process's over the same inputs), the failover measured, and the outputs missing and
 * duplicated at the consumer: both must be 0, or it exits 3.
 */
public final class ClusterDemo
{
    private static final int MEMBERS = 3;
    private static final int SOURCE_ID = 1;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(90);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintStream out;
    private final PrintStream err;
    private final Process[] nodes = new Process[MEMBERS];
    private Path folder;

    /**
     * @param out progress and the summary.
     * @param err problems.
     */
    public ClusterDemo(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * @param folder where the configuration, the input queue, the nodes' files and logs go.
     * @param events market events after the set-up.
     * @param accounts accounts trading.
     * @param rate events per second offered.
     * @param seed the market's seed.
     * @param regime the market's regime.
     * @return 0 when every node ends at one state and the consumer got every output once; 3 otherwise.
     * @throws IOException when a file cannot be written or a node started.
     */
    public int run(final Path demoFolder, final long events, final int accounts, final long rate, final long seed,
        final MarketRegime regime) throws IOException
    {
        folder = demoFolder;
        final ClusterConfig config = writeConfiguration(accounts);
        final EngineConfig engine = config.engine();
        final DemoMarket market = new DemoMarket(seed, accounts, regime);
        out.printf(Locale.ROOT, "liq demo --cluster: %d members on 127.0.0.1 (ports from %d), %d instruments, %,d "
                + "accounts, %,d events at %,d/s, liquidations taken over by the fund; files in %s%n", MEMBERS,
            config.port(0, 0), market.instruments().size(), accounts, events, rate, folder);
        MediaDriver clientDriver = null;
        AgentRunner ingressRunner = null;
        LeaderOutputs outputs = null;
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(engine.inputQueue())))
        {
            final long launched = System.nanoTime();
            for (int member = 0; member < MEMBERS; member++)
            {
                nodes[member] = startNode(member);
            }
            final int firstLeader = awaitLeader(config, -1);
            out.printf(Locale.ROOT, "liq demo --cluster: member %d leads, %.1f s after the three JVMs were started "
                    + "(node logs: %s)%n", firstLeader, seconds(System.nanoTime() - launched),
                folder.resolve("node-N.log"));

            clientDriver = ClusterClient.launchDriver(config);
            final ClusterIngress ingress = new ClusterIngress(
                ClusterClient.context(config, clientDriver.aeronDirectoryName()),
                InputQueueReader.open(engine.inputQueue(), true), SOURCE_ID, TimeUnit.SECONDS.toNanos(1),
                TimeUnit.SECONDS.toNanos(1));
            ingressRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), this::ingressError, null,
                ingress);
            AgentRunner.startOnThread(ingressRunner);
            outputs = new LeaderOutputs(config, market);
            outputs.start();

            final InputEncoder encoder = new InputEncoder();
            for (int i = 0; i < market.setUpCount(); i++)
            {
                queue.append(encoder.buffer(), 0, market.setUp(encoder, i));
            }
            queue.endOfBatch();
            final Failover failover = publish(queue, market, encoder, events, rate, config, ingress, firstLeader);
            final long inputs = market.setUpCount() + events;
            await(() -> ingress.lastAcked() == queue.lastIndex() || ingress.failure() != null,
                "every input acknowledged by the cluster");
            await(() -> MemberCounters.read(config.aeronDir(failover.killed)).followsInALaterTerm(),
                "member " + failover.killed + " back as a follower");
            out.printf(Locale.ROOT, "liq demo --cluster: member %d, killed, follows again %.1f s after its restart "
                + "(a restart after kill -9 waits out Aeron's ~10 s active-file window)%n", failover.killed,
                seconds(System.nanoTime() - failover.restartedAt));
            final NodeStatus[] status = statusOfEveryNode(config, inputs);
            final long reference = singleProcessHash(engine);
            outputs.finish();
            return summary(config, status, reference, inputs, failover, ingress, outputs);
        }
        catch (final YamlFileException | IllegalStateException ex)
        {
            err.println("liq demo --cluster: " + ex.getMessage());
            return 3;
        }
        finally
        {
            if (outputs != null)
            {
                outputs.close();
            }
            CloseHelper.quietClose(ingressRunner);
            CloseHelper.quietClose(clientDriver);
            stopNodes();
        }
    }

    /** What the kill did: which member, when, and when the next leader led. */
    private static final class Failover
    {
        int killed = -1;
        int next = -1;
        long killedAt;
        long newLeaderNanos;
        long firstAckNanos;
        long restartedAt;
    }

    private Failover publish(
        final InputQueueWriter queue, final DemoMarket market, final InputEncoder encoder, final long events,
        final long rate, final ClusterConfig config, final ClusterIngress ingress, final int firstLeader)
        throws IOException
    {
        final Failover failover = new Failover();
        final long start = System.nanoTime();
        long nextProgress = start + PROGRESS_NANOS;
        long ackedAtKill = 0;
        for (long n = 1; n <= events; n++)
        {
            queue.append(encoder.buffer(), 0, market.next(encoder, n));
            final long now = System.nanoTime();
            if (failover.killed < 0 && n >= events * 2 / 5)
            {
                failover.killed = firstLeader;
                ackedAtKill = ingress.acked();
                failover.killedAt = now;
                nodes[firstLeader].destroyForcibly();
                out.printf(Locale.ROOT, "liq demo --cluster: SIGKILL to member %d, the leader, after %,d events%n",
                    firstLeader, n);
            }
            if (failover.killed >= 0 && failover.next < 0)
            {
                failover.next = leaderOtherThan(config, failover.killed);
                if (failover.next >= 0)
                {
                    failover.newLeaderNanos = now - failover.killedAt;
                }
            }
            if (failover.next >= 0 && failover.firstAckNanos == 0 && ingress.acked() > ackedAtKill
                && ingress.newLeaders() > 0)
            {
                failover.firstAckNanos = now - failover.killedAt;
                out.printf(Locale.ROOT, "liq demo --cluster: member %d leads %.0f ms after the kill; inputs "
                        + "acknowledged again %.0f ms after it; member %d restarted%n", failover.next,
                    failover.newLeaderNanos / 1e6, failover.firstAckNanos / 1e6, failover.killed);
                if (!nodes[failover.killed].isAlive())
                {
                    failover.restartedAt = System.nanoTime();
                    nodes[failover.killed] = startNode(failover.killed);
                }
            }
            if (now >= nextProgress)
            {
                nextProgress = now + PROGRESS_NANOS;
                queue.endOfBatch();
                out.printf(Locale.ROOT, "[%5.1f s] %,9d events written  %,9d of %,9d inputs acknowledged as applied  "
                    + "%,d resent  %,d duplicates ignored%n", seconds(now - start), n, ingress.acked(),
                    market.setUpCount() + n, ingress.resent(), ingress.duplicates());
            }
            final long due = start + n * 1_000_000_000L / rate;
            if (due - now > 50_000)
            {
                LockSupport.parkNanos(due - now);
            }
        }
        queue.endOfBatch();
        if (failover.restartedAt == 0)
        {
            // the market ended before the new leader answered: restart the killed member now
            await(() -> leaderOtherThan(config, failover.killed) >= 0, "a new leader");
            failover.next = leaderOtherThan(config, failover.killed);
            failover.newLeaderNanos = System.nanoTime() - failover.killedAt;
            failover.firstAckNanos = failover.newLeaderNanos;
            failover.restartedAt = System.nanoTime();
            nodes[failover.killed] = startNode(failover.killed);
        }
        return failover;
    }

    /** Sends a STATUS envelope; every node writes its state hash at that same log position. */
    private NodeStatus[] statusOfEveryNode(final ClusterConfig config, final long inputs)
    {
        try (MediaDriver driver = ClusterClient.launchDriver(config);
            AeronCluster client = AeronCluster.connect(ClusterClient.context(config, driver.aeronDirectoryName())
                .egressListener((session, timestamp, buffer, offset, length, header) -> { })))
        {
            if (!ClusterClient.requestStatus(client, WAIT_NANOS))
            {
                throw new IllegalStateException("the cluster did not take the STATUS envelope");
            }
            final NodeStatus[] status = new NodeStatus[MEMBERS];
            for (int member = 0; member < MEMBERS; member++)
            {
                final int m = member;
                await(() ->
                {
                    client.pollEgress();
                    status[m] = readStatus(config, m);
                    return status[m] != null && "status".equals(status[m].event())
                        && status[m].stateHashSequence() == inputs;
                }, "member " + member + "'s state hash after every input");
            }
            return status;
        }
    }

    private static NodeStatus readStatus(final ClusterConfig config, final int member)
    {
        try
        {
            return NodeStatus.read(config.nodeStatusFile(member));
        }
        catch (final IllegalStateException ex)
        {
            return null;
        }
    }

    /** The same inputs straight into one state machine, as a single process applies them. */
    private static long singleProcessHash(final EngineConfig engine)
    {
        final MarginStateMachine machine = new MarginStateMachine(engine.engineSettings(), (b, o, l) -> { });
        try (InputQueueReader queue = InputQueueReader.open(engine.inputQueue(), true))
        {
            while (queue.poll((index, buffer, offset, length) -> machine.onInput(buffer, offset, length), 1_024) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return machine.stateHash();
    }

    private int summary(
        final ClusterConfig config, final NodeStatus[] status, final long reference, final long inputs,
        final Failover failover, final ClusterIngress ingress, final LeaderOutputs outputs)
    {
        out.println();
        out.println("Summary");
        boolean same = true;
        for (int member = 0; member < MEMBERS; member++)
        {
            same &= status[member].stateHash() == reference && status[member].engineSequence() == inputs;
            out.printf(Locale.ROOT, "  member %d        %-8s engine sequence %,d  state hash %s%s%n", member,
                status[member].role(), status[member].engineSequence(), SnapshotFile.hex(status[member].stateHash()),
                member == failover.killed ? "  (killed with SIGKILL and restarted)" : "");
        }
        out.printf(Locale.ROOT, "  single process  the same %,d inputs straight into one state machine: state hash "
            + "%s: %s%n", inputs, SnapshotFile.hex(reference), same ? "every node equal" : "A NODE DIFFERS");
        out.printf(Locale.ROOT, "  failover        member %d led %.0f ms after SIGKILL of member %d (leader "
                + "heartbeat timeout %d ms + election); inputs acknowledged again after %.0f ms%n", failover.next,
            failover.newLeaderNanos / 1e6, failover.killed,
            TimeUnit.NANOSECONDS.toMillis(config.leaderHeartbeatTimeoutNs()), failover.firstAckNanos / 1e6);
        out.printf(Locale.ROOT, "  ingress         %,d sent, %,d resent after the new leader, %,d acknowledged as "
            + "applied, %,d ignored as already applied (never applied twice)%n", ingress.sent(), ingress.resent(),
            ingress.acked(), ingress.duplicates());
        final boolean exact = outputs.report(out);
        out.println("  files           " + config.dir() + " (node-N: Raft log, snapshots, journal copy, outputs; "
            + "node-N.log: each node's log)");
        out.println("  audit a node    ./liq replay --config " + folder.resolve("engine.yaml") + " --journal "
            + config.engineFor(0).journal() + " --outputs " + config.engineFor(0).outputs());
        out.println("  stat a node     ./liq stat --counters " + config.engineFor(0).counters() + " --count 1");
        if (!same || !exact)
        {
            err.println("liq demo --cluster: " + (same ? "" : "the nodes do not all hold the single process's state; ")
                + (exact ? "" : "the consumer did not get every output exactly once"));
            return 3;
        }
        return 0;
    }

    private ClusterConfig writeConfiguration(final int accounts) throws IOException
    {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("engine.yaml"), "paths:\n  inputQueue: " + folder.resolve("input")
            + "\nengine:\n  maxAccounts: " + (accounts + 1) + "\nliquidation:\n  mode: takeover\n  fundFloor: \"0\"\n",
            StandardCharsets.UTF_8);
        final Path file = folder.resolve("cluster.yaml");
        Files.writeString(file, "engine: engine.yaml\ndir: " + folder.resolve("cluster") + "\nports:\n  base: "
            + FreePorts.basePort(MEMBERS) + "\ntimeouts:\n  startRetryMs: 30000\n", StandardCharsets.UTF_8);
        return ClusterConfigFile.load(file);
    }

    private Process startNode(final int member) throws IOException
    {
        return new ProcessBuilder(LiqJvm.command(List.of("-Xmx1g"), List.of("cluster", "node", "--config",
            folder.resolve("cluster.yaml").toString(), "--member", String.valueOf(member))))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("node-" + member + ".log").toFile()))
            .start();
    }

    private void stopNodes()
    {
        for (final Process node : nodes)
        {
            if (node != null && node.isAlive())
            {
                node.destroy();
            }
        }
        for (final Process node : nodes)
        {
            try
            {
                if (node != null && !node.waitFor(15, TimeUnit.SECONDS))
                {
                    node.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                node.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private int awaitLeader(final ClusterConfig config, final int not)
    {
        await(() -> leaderOtherThan(config, not) >= 0, "a leader");
        return leaderOtherThan(config, not);
    }

    /** The running member that leads, other than {@code not}, or -1. */
    static int leaderOtherThan(final ClusterConfig config, final int not)
    {
        for (int member = 0; member < config.memberCount(); member++)
        {
            if (member != not && MemberCounters.read(config.aeronDir(member)).leads())
            {
                return member;
            }
        }
        return -1;
    }

    /** An error of the ingress's thread, one line (the ingress reconnects on its own; a failure ends the wait). */
    private void ingressError(final Throwable error)
    {
        err.println("liq demo --cluster: ingress: " + error);
    }

    private void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("gave up after " + TimeUnit.NANOSECONDS.toSeconds(WAIT_NANOS)
                    + " s waiting for " + what + " (see the node logs)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static double seconds(final long nanos)
    {
        return nanos / 1e9;
    }
}
