package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.FileSyncLevel;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.demo.MarketOptions;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code liq cluster bench}: in one run, the single-process engine and a cluster of in-process members (once per
 * file sync level) fed the same demo-market inputs, open loop at a fixed rate and closed loop with a window; the
 * round trip of each input to its acknowledgement, the throughput, and optionally a failover (the leader closed
 * mid-run). Prints a table; writes it, with a {@code .hgrm} file per run, to {@code --output}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measures the cluster against the single-process engine in one run: the same demo-market inputs, open loop "
            + "at --rate for --seconds (round trip from each input's planned send time to its APPLIED "
            + "acknowledgement at the client; for the single process to the end of its processing, as liq bench), "
            + "then closed loop (as fast as acknowledgements allow, --window inputs unacknowledged at most).",
        "The cluster runs once per --sync level (none: committed = in a majority's page cache; data: forced to "
            + "disk), its members in this JVM (ClusterNode, the engine's service) on free ports under a temporary "
            + "folder. --failover closes the leader mid-run once and measures the time to the new leader's first "
            + "acknowledgement and the inputs resent.",
        "Takes about 30 s per subject (up to 10 s more while the JIT is busy) and 7 s more for --failover at the "
            + "defaults."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:measured", "2:bad options or configuration", "3:a run failed"})
public final class ClusterBenchCommand implements Callable<Integer>
{
    private static final int SOURCE_ID = 1;
    private static final long SEED = 1;
    /** A warm-up second in which the JIT compiled less than this counts as quiet. */
    private static final long QUIET_JIT_MILLIS = 10;
    /** Warm-up seconds beyond --warmup while the JIT is still busy, at most. */
    private static final int MAX_EXTRA_WARMUP = 10;

    @Option(names = "--rate", defaultValue = "10000", description = "Open-loop inputs/s (default ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--seconds", defaultValue = "20",
        description = "Measured open-loop seconds per subject (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup", defaultValue = "3",
        description = "Open-loop warm-up seconds at --rate before each measured run, at least; then one more second "
            + "at a time, up to 10, until the JIT compiled for less than 10 ms in a second (default ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--closed-seconds", defaultValue = "5",
        description = "Closed-loop seconds per subject at most (default ${DEFAULT-VALUE}).")
    private int closedSeconds;

    @Option(names = "--closed-inputs", defaultValue = "300000",
        description = "Closed-loop inputs per subject at most (default ${DEFAULT-VALUE}).")
    private int closedInputs;

    @Option(names = "--window", defaultValue = "1000",
        description = "Closed loop: inputs sent and not yet acknowledged at most (default ${DEFAULT-VALUE}).")
    private int window;

    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Mixin
    private MarketOptions market;

    @Option(names = "--sync", split = ",", defaultValue = "none,data", paramLabel = "LEVEL",
        description = "The cluster's fileSync levels to run, each a cluster of its own: none, data, "
            + "data-and-metadata (default ${DEFAULT-VALUE}).")
    private List<String> syncLevels;

    @Option(names = "--failover", description = "After the first cluster's closed loop, an open loop of "
        + "--failover-seconds during which the leader is closed once, a third of the way in.")
    private boolean failover;

    @Option(names = "--failover-seconds", defaultValue = "6",
        description = "Length of the failover run (default ${DEFAULT-VALUE}).")
    private int failoverSeconds;

    @Option(names = "--config", paramLabel = "FILE",
        description = "A cluster configuration whose member count, timeouts and idle strategies to use (its hosts, "
            + "ports, folder, engine and fileSync are the bench's own); default: the built-in defaults.")
    private Path configFile;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "Where the temporary folder of the engines' files goes (default: java.io.tmpdir); deleted "
            + "afterwards. Put it on the disk you mean to measure: fileSync data on tmpfs costs nothing.")
    private Path parent;

    @Option(names = "--output", paramLabel = "DIR",
        description = "Also write the table (summary.md) and a .hgrm file per run here.")
    private Path output;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public ClusterBenchCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where progress and the table go.
     * @param err where problems go.
     */
    public ClusterBenchCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException
    {
        final List<FileSyncLevel> levels = new ArrayList<>();
        for (final String word : syncLevels)
        {
            final FileSyncLevel level = EngineConfig.parseWord(FileSyncLevel.class, word);
            if (level == null)
            {
                err.println("liq cluster bench: --sync: " + word + " is not one of "
                    + EngineConfig.words(FileSyncLevel.class));
                return 2;
            }
            levels.add(level);
        }
        if (rate <= 0 || seconds <= 0 || warmupSeconds < 0 || closedSeconds <= 0 || closedInputs <= 0 || window <= 0
            || accounts <= 0 || failoverSeconds < 3)
        {
            err.println("liq cluster bench: --rate, --seconds, --closed-seconds, --closed-inputs, --window and "
                + "--accounts must be positive, --warmup at least 0, --failover-seconds at least 3");
            return 2;
        }
        final ClusterConfig base;
        if (configFile == null)
        {
            base = ClusterConfig.defaults(Path.of("."), EngineConfig.defaults(Path.of(".")));
        }
        else
        {
            base = ClusterConfigFile.readForCommand(configFile, err);
            if (base == null)
            {
                return 2;
            }
        }
        final long failoverInputs = failover ? (long)failoverSeconds * rate : 0;
        final long events = (long)(warmupSeconds + MAX_EXTRA_WARMUP + seconds) * rate + closedInputs + failoverInputs;
        if (events > 50_000_000)
        {
            err.println("liq cluster bench: " + events + " inputs per subject is too many to prepare; lower --rate, "
                + "--seconds or --closed-inputs");
            return 2;
        }
        final String header = header(base, levels);
        out.println(header);
        final long preparing = System.nanoTime();
        final BenchInputs inputs = BenchInputs.generate(SEED, accounts, market.regime(), (int)events);
        out.printf(Locale.ROOT, "prepared %,d inputs (%,d set-up) in %d ms%n", inputs.count(), inputs.setUpCount(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - preparing));

        final Path dir = parent == null ? Files.createTempDirectory("liq-cluster-bench-")
            : Files.createTempDirectory(Files.createDirectories(parent), "liq-cluster-bench-");
        final List<LoadResult> results = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        FailoverResult failed = null;
        try
        {
            section("single-process engine");
            final EngineConfig engine = engineConfig(dir.resolve("single"));
            try (EngineLoad single = new EngineLoad(engine, inputs))
            {
                run("single process", single, inputs, results, null);
                notes.add(String.format(Locale.ROOT, "single process: %,d inputs published, %,d applied",
                    single.acknowledged(), single.acknowledged()));
            }
            boolean first = true;
            for (final FileSyncLevel level : levels)
            {
                final String subject = "cluster, fileSync " + EngineConfig.word(level);
                section(subject + " (" + base.memberCount() + " members in this JVM)");
                final Path clusterDir = dir.resolve("cluster-" + EngineConfig.word(level));
                final ClusterConfig config = BenchCluster.config(base, clusterDir, engineConfig(clusterDir.resolve(
                    "engine")), level);
                final long launching = System.nanoTime();
                try (PrintStream services = servicesLog(level);
                    BenchCluster cluster = BenchCluster.launch(config, services))
                {
                    out.printf(Locale.ROOT, "  %d members launched and a leader elected in %d ms (ports %d-%d)%n",
                        config.memberCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launching),
                        config.basePort(), config.port(config.memberCount() - 1, ClusterConfig.PORTS_PER_MEMBER - 1));
                    final ClusterLoad load = new ClusterLoad(inputs, SOURCE_ID);
                    load.client(cluster.connect(load));
                    final int next = run(subject, load, inputs, results, load);
                    if (failover && first)
                    {
                        failed = failover(cluster, load, next, subject, results);
                    }
                    final List<Throwable> errors = cluster.errors();
                    notes.add(String.format(Locale.ROOT, "%s: %,d inputs sent, %,d envelopes offered (%,d resent); "
                            + "acknowledged %,d applied, %,d duplicate, %,d refused, %,d never (the reply dropped, a "
                            + "later input's came); %d new leaders; %d errors or warnings of the members' agents%s",
                        subject, load.inputsSent(), load.sent(), load.resent(), load.applied(), load.duplicates(),
                        load.refused(), load.unacknowledged(), load.newLeaders(),
                        errors.size(), errors.isEmpty() ? "" : " (" + describe(errors) + ")"));
                    errors.forEach(e -> services.println("liq cluster bench: an agent's error: " + e));
                }
                first = false;
            }
        }
        catch (final RuntimeException | IOException ex)
        {
            err.println("liq cluster bench: " + ex);
            return 3;
        }
        finally
        {
            delete(dir);
        }
        final String table = BenchTable.render(header, results, failed, notes);
        out.println();
        out.print(table);
        if (output != null)
        {
            Files.createDirectories(output);
            Files.writeString(output.resolve("summary.md"), table, StandardCharsets.UTF_8);
            for (final LoadResult result : results)
            {
                Files.writeString(output.resolve(BenchTable.fileName(result) + ".hgrm"), hgrm(result.roundTrips()),
                    StandardCharsets.UTF_8);
            }
            out.println("written to " + output.resolve("summary.md"));
        }
        return 0;
    }

    private String header(final ClusterConfig base, final List<FileSyncLevel> levels)
    {
        return String.format(Locale.ROOT, "liq cluster bench: %d cores, %s %s, max heap %d MB; market %s, %,d "
                + "accounts, takeover liquidations; open loop %,d/s for %d s after %d s warm-up; closed loop window "
                + "%,d, at most %d s or %,d inputs; cluster: %d members in this JVM, fileSync %s, leader heartbeat "
                + "timeout %d ms, idle %s/%s/%s (consensus/service/driver)%s",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
            System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
            EngineConfig.word(market.regime()), accounts, rate, seconds, warmupSeconds, window, closedSeconds,
            closedInputs, base.memberCount(), levels.stream().map(EngineConfig::word).toList(),
            TimeUnit.NANOSECONDS.toMillis(base.leaderHeartbeatTimeoutNs()), EngineConfig.word(base.consensusIdle()),
            EngineConfig.word(base.serviceIdle()), EngineConfig.word(base.driverIdle()),
            failover ? "; failover: the leader closed " + failoverSeconds / 3 + " s into a " + failoverSeconds
                + " s open loop" : "");
    }

    /** The members' own lines (ignored resends, starts, agents' errors): a file beside the table, or nowhere. */
    private PrintStream servicesLog(final FileSyncLevel level) throws IOException
    {
        if (output == null)
        {
            return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        }
        Files.createDirectories(output);
        return new PrintStream(Files.newOutputStream(output.resolve("members-" + EngineConfig.word(level) + ".log")),
            true, StandardCharsets.UTF_8);
    }

    /** Errors counted by their first line, most frequent first. */
    private static String describe(final List<Throwable> errors)
    {
        final Map<String, Long> counts = new TreeMap<>();
        errors.forEach(e -> counts.merge(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), 1L,
            Long::sum));
        final StringBuilder text = new StringBuilder();
        counts.forEach((message, count) -> text.append(text.length() == 0 ? "" : "; ").append(count).append("x ")
            .append(message));
        return text.toString();
    }

    private EngineConfig engineConfig(final Path dir)
    {
        return EngineConfig.defaults(dir).withMaxAccounts(accounts + 1);
    }

    /**
     * The set-up (closed loop, not measured), the warm-up, the measured open loop and the closed loop.
     *
     * @return the next input not sent.
     */
    private int run(
        final String subject, final LoadSubject load, final BenchInputs inputs, final List<LoadResult> results,
        final ClusterLoad cluster)
    {
        final long[] elapsed = new long[1];
        int next = LoadLoop.closedLoop(load, 0, inputs.setUpCount(), Long.MAX_VALUE, window, elapsed);
        // the subjects share this JVM's JIT: each warms until the compiler has been quiet for a second, as liq bench
        final long jitBefore = jitMillis();
        int warmed = 0;
        long compiledInLastSecond = Long.MAX_VALUE;
        while (warmed < warmupSeconds ||
            (warmed > 0 && compiledInLastSecond > QUIET_JIT_MILLIS && warmed < warmupSeconds + MAX_EXTRA_WARMUP))
        {
            final long compiledBefore = jitMillis();
            LoadLoop.openLoop(load, next, rate, rate);
            next += rate;
            compiledInLastSecond = jitMillis() - compiledBefore;
            warmed++;
        }
        out.printf(Locale.ROOT, "  set-up and %d s warm-up done (the JIT compiled for %,d ms, %,d ms in the last "
            + "second)%n", warmed, jitMillis() - jitBefore, warmed == 0 ? 0 : compiledInLastSecond);
        final int count = seconds * rate;
        final Histogram open = LoadResult.histogram();
        final Histogram fromSend = cluster == null ? null : LoadResult.histogram();
        load.record(next, next + count, open, fromSend);
        long[] gc = gc();
        final long openNanos = LoadLoop.openLoop(load, next, count, rate);
        next += count;
        results.add(print(new LoadResult(subject, String.format(Locale.ROOT, "open loop %,d/s", rate), count,
            openNanos / 1e9, open, fromSend, gcSince(gc), load())));

        final Histogram closed = LoadResult.histogram();
        load.record(next, next + closedInputs, closed, null);
        gc = gc();
        final int sent = LoadLoop.closedLoop(load, next, closedInputs, TimeUnit.SECONDS.toNanos(closedSeconds), window,
            elapsed);
        next += sent;
        results.add(print(new LoadResult(subject, String.format(Locale.ROOT, "closed loop, window %,d", window), sent,
            elapsed[0] / 1e9, closed, null, gcSince(gc), load())));
        return next;
    }

    /**
     * An open loop at the rate during which the leader is closed once (on another thread, as a crash would come),
     * a third of the way in.
     */
    private FailoverResult failover(
        final BenchCluster cluster, final ClusterLoad load, final int from, final String subject,
        final List<LoadResult> results)
    {
        section("failover: " + subject + ", the leader closed " + failoverSeconds / 3 + " s into " + failoverSeconds
            + " s at " + rate + "/s");
        final int leader = cluster.awaitLeader(-1);
        final int count = failoverSeconds * rate;
        final Histogram roundTrips = LoadResult.histogram();
        load.record(from, from + count, roundTrips, LoadResult.histogram());
        load.armFailover();
        final long resentBefore = load.resent();
        final long duplicatesBefore = load.duplicates();
        final long appliedBefore = load.applied();
        final long[] times = new long[4];
        final int[] newLeader = {-1};
        final long[] gc = gc();
        final long start = System.nanoTime();
        final Thread killer = new Thread(() ->
        {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(failoverSeconds / 3));
            times[0] = System.nanoTime();
            cluster.closeMember(leader);
            times[1] = System.nanoTime();
            newLeader[0] = cluster.awaitLeader(leader);
            times[2] = System.nanoTime();
        }, "liq-cluster-bench-failover");
        killer.start();
        final long nanos = LoadLoop.openLoop(load, from, count, rate);
        try
        {
            killer.join(TimeUnit.SECONDS.toMillis(60));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the failover thread", ex);
        }
        results.add(print(new LoadResult(subject, String.format(Locale.ROOT, "open loop %,d/s, leader closed", rate),
            count, nanos / 1e9, roundTrips, null, gcSince(gc), load())));
        final long killed = times[0];
        final FailoverResult result = new FailoverResult(leader, newLeader[0], times[1] - killed,
            newLeader[0] < 0 ? -1 : times[2] - killed,
            load.newLeaderNanos() == 0 ? -1 : load.newLeaderNanos() - killed,
            load.firstAckAfterNewLeaderNanos() == 0 ? -1 : load.firstAckAfterNewLeaderNanos() - killed,
            load.resent() - resentBefore, load.duplicates() - duplicatesBefore, load.applied() - appliedBefore,
            killed - start);
        out.println("  " + result.describe());
        return result;
    }

    private LoadResult print(final LoadResult result)
    {
        out.printf(Locale.ROOT, "  %s, %s: %,d inputs in %.2f s, %,.0f/s; round trip p50 %.1f µs, p99 %.1f µs, "
                + "p99.9 %.1f µs, max %.1f µs%s; GCs %s ms; load %s%n", result.subject(), result.mode(),
            result.inputs(),
            result.seconds(), result.throughput(), result.micros(50), result.micros(99), result.micros(99.9),
            result.maxMicros(), result.fromSend() == null ? "" : String.format(Locale.ROOT,
                " (from the client's actual send: p50 %.1f µs, p99 %.1f µs)",
                result.fromSend().getValueAtPercentile(50) / 1e3, result.fromSend().getValueAtPercentile(99) / 1e3),
            result.gc(), result.load());
        return result;
    }

    private void section(final String title)
    {
        out.println();
        out.println("== " + title);
    }

    /** Milliseconds the JIT spent on finished compilations. */
    private static long jitMillis()
    {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Collections and their total time in milliseconds so far. */
    private static long[] gc()
    {
        final long[] gc = new long[2];
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            gc[0] += Math.max(0, collector.getCollectionCount());
            gc[1] += Math.max(0, collector.getCollectionTime());
        }
        return gc;
    }

    private static String gcSince(final long[] before)
    {
        final long[] now = gc();
        return (now[0] - before[0]) + " (" + (now[1] - before[1]) + ")";
    }

    private static String load()
    {
        try
        {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    private static String hgrm(final Histogram histogram)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        histogram.outputPercentileDistribution(print, 1000.0);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void delete(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }
}
