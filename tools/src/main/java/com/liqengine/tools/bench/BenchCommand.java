package com.liqengine.tools.bench;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.QueueContext;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.PassThroughRing;
import com.liqengine.pipeline.Topology;
import com.liqengine.runtime.CpuPlan;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.EngineRuntime;
import com.liqengine.tools.demo.DemoMarket;
import com.liqengine.tools.demo.MarketOptions;
import com.liqengine.tools.engine.CpusOption;
import com.liqengine.tools.engine.PipelineOptions;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code liq bench}: the open-loop latency harness. Runs the whole engine (ring, Chronicle journal, state machine,
 * Chronicle output queue) at fixed offered rates, and in the same run the baselines (the bare Disruptor ring
 * with a pass-through handler, and bare Chronicle appends of the same bytes), then writes the percentiles,
 * ratios, {@code .hgrm} files, a histogram log and a chart (docs/performance.md).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measures the engine end to end at fixed offered rates (open loop: latency from each event's planned send "
            + "time, so stalls are not hidden), with the bare Disruptor and bare Chronicle baselines in the same "
            + "run, and writes tables, .hgrm files, a histogram log and a chart to --out.",
        "Workload: the demo market (ticks, fills between accounts of both margin modes, rare funding and "
            + "deposits), with its crashes or calm (--market)."})
public final class BenchCommand implements Callable<Integer>
{
    private static final long NANOS = 1_000_000_000L;
    /** A warm-up second in which the JIT compiled less than this counts as quiet. */
    private static final long QUIET_JIT_MILLIS = 10;
    /** Warm-up seconds beyond --warmup while the JIT is still busy, at most. */
    private static final int MAX_EXTRA_WARMUP_SECONDS = 20;
    /** The engine's ring size, which the bare Disruptor baseline uses too. */
    private static final int RING_SIZE = EngineConfig.defaults(Path.of(".")).ringSize();

    @Option(names = "--rates", split = ",", defaultValue = "10000,25000,50000",
        description = "Offered rates in events/s, comma separated (default ${DEFAULT-VALUE}).")
    private List<Long> rates;

    @Option(names = "--seconds", defaultValue = "10",
        description = "Measured seconds per rate (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup", defaultValue = "3",
        description = "Warm-up seconds per run, the closed-loop runs included, at least; then one more second at a "
            + "time, up to 20, until the JIT compiler threads used less than 10 ms of CPU in a second (default "
            + "${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--max-events", defaultValue = "1000000",
        description = "Events of the closed-loop (maximum throughput) runs (default ${DEFAULT-VALUE}).")
    private long maxEvents;

    @Option(names = "--accounts", defaultValue = "1000", description = "Accounts (default ${DEFAULT-VALUE}).")
    private int accounts;

    @Mixin
    private PipelineOptions pipeline;

    @Mixin
    private CpusOption cpus;

    @Mixin
    private MarketOptions marketOptions;

    @Option(names = "--soak-minutes", defaultValue = "0",
        description = "Afterwards, run the engine at the first rate for this many minutes and report latency and GC "
            + "per minute (default ${DEFAULT-VALUE}: no soak).")
    private int soakMinutes;

    @Option(names = "--publisher-wait", defaultValue = "spin", paramLabel = "spin|park",
        description = "How the open-loop publisher waits for an event's planned time: spin through its last 50 µs "
            + "(punctual; the publishing thread keeps a core) or park (a few µs late; the core is free) (default "
            + "${DEFAULT-VALUE}).")
    private String publisherWait;

    @Option(names = "--out", description = "Results folder (default perf/results/bench-<date-time>).")
    private Path out;

    @Option(names = "--baseline", paramLabel = "DIR",
        description = "A saved run's folder (its summary.md): this run's throughput and percentiles against it, as "
            + "ratios, printed and added to this run's summary.md.")
    private Path baseline;

    private final PrintStream console;
    private boolean spinning;

    /** A command printing to standard output. */
    public BenchCommand()
    {
        this(System.out);
    }

    /**
     * @param console where progress and tables go.
     */
    public BenchCommand(final PrintStream console)
    {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException
    {
        if (rates.stream().anyMatch(r -> r <= 0) || seconds <= 0)
        {
            System.err.println("liq bench: rates and --seconds must be positive");
            return 2;
        }
        if (!publisherWait.equals("spin") && !publisherWait.equals("park"))
        {
            System.err.println("liq bench: --publisher-wait must be spin or park, not " + publisherWait);
            return 2;
        }
        spinning = publisherWait.equals("spin");
        final String baselineSummary;
        try
        {
            baselineSummary = baseline == null ? null : BaselineComparison.readBaseline(baseline);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("liq bench: --baseline " + ex.getMessage());
            return 2;
        }
        final Path folder = out != null ? out : Path.of("perf", "results",
            "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(folder);
        final BenchReport report = new BenchReport(folder, describeSettings());
        console.println(report.header());

        report.add(section("closed loop: engine, as fast as it takes them"), engine(0, maxEvents, folder));
        report.add(section("closed loop: bare Disruptor pass-through"), disruptor(0, maxEvents));
        report.add(section("closed loop: bare Chronicle appends"), chronicle(maxEvents, folder));
        for (final long rate : rates)
        {
            report.add(section(String.format(Locale.ROOT, "open loop at %,d/s: engine", rate)),
                engine(rate, Long.MAX_VALUE, folder));
            report.add(section(String.format(Locale.ROOT, "open loop at %,d/s: bare Disruptor", rate)),
                disruptor(rate, Long.MAX_VALUE));
        }
        if (soakMinutes > 0)
        {
            section(String.format(Locale.ROOT, "soak at %,d/s for %d minutes", rates.get(0), soakMinutes));
            report.soak(soak(rates.get(0), folder));
        }
        report.write(console);
        if (baselineSummary != null)
        {
            final Path summary = folder.resolve("summary.md");
            final String comparison = BaselineComparison.compare(
                Files.readString(summary, StandardCharsets.UTF_8), baselineSummary, baseline.toString());
            Files.writeString(summary, "\n" + comparison, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            console.println();
            console.print(comparison);
        }
        return 0;
    }

    private String describeSettings()
    {
        return String.format(Locale.ROOT, "%d cores, %s %s, max heap %d MB; market %s, accounts %,d, topology %s, "
                + "idle %s, ring %,d, fsync none; %d s warm-up and %d s measured per rate",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
            System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
            EngineConfig.word(marketOptions.regime()), accounts, EngineConfig.word(pipeline.topology()),
            EngineConfig.word(pipeline.idle()), RING_SIZE, warmupSeconds, seconds)
            + "; cpus " + cpus.applyTo(EngineConfig.defaults(Path.of("."))).cpus() + ", publisher waits by "
            + publisherWait;
    }

    private String section(final String title)
    {
        console.println();
        console.println("== " + title);
        return title;
    }

    private RunResult engine(final long rate, final long events, final Path folder) throws IOException
    {
        final Path dir = Files.createTempDirectory(folder, "engine-");
        final LatencyProbe probe = new LatencyProbe();
        final DemoMarket market = new DemoMarket(1, accounts, marketOptions.regime());
        try (EngineRuntime runtime = startEngine(dir, probe))
        {
            final InputPublisher publisher = runtime.newPublisher();
            market.publishSetUp(publisher);
            return measure("engine", rate, events, publisher, market, probe, market.setUpCount(),
                pipeline.topology() == Topology.JOURNAL_THEN_APPLY ? "liq-handler-1" : "liq-handler-0");
        }
        finally
        {
            delete(dir);
        }
    }

    private EngineRuntime startEngine(final Path dir, final LatencyProbe probe)
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(accounts + 1);
        final EngineRuntime runtime = EngineRuntime.start(cpus.applyTo(pipeline.applyTo(config)), probe);
        runtime.prepareIngressThread();
        return runtime;
    }

    private RunResult disruptor(final long rate, final long events)
    {
        final LatencyProbe probe = new LatencyProbe();
        final CpuPlan plan = cpus.applyTo(EngineConfig.defaults(Path.of("."))).cpus();
        // its thread prepared as the engine's (timer slack, core), so the two compare
        try (PassThroughRing ring = new PassThroughRing(RING_SIZE, pipeline.idle(), probe,
            () -> EngineRuntime.prepareEngineThread(plan, pipeline.idle())))
        {
            final DemoMarket market = new DemoMarket(1, accounts, marketOptions.regime());
            return measure(
                "disruptor", rate, events, ring.newPublisher(), market, probe, 0, PassThroughRing.THREAD_NAME);
        }
    }

    /**
     * Warm-up at the same rate (as fast as it goes for the closed loop), so the JIT has compiled the path that is
     * measured, then the measured part; waits for the handler to finish every input.
     */
    private RunResult measure(
        final String subject,
        final long rate,
        final long events,
        final InputPublisher publisher,
        final DemoMarket market,
        final LatencyProbe probe,
        final long before,
        final String handlerName)
    {
        long published = before;
        // the bench alternates engine and bare ring in one JVM, so each run starts with code the other one
        // deoptimised: warm up until the JIT has been quiet for a second, or the compiler takes a core mid-window
        // (docs/performance.md, "Where the tail came from")
        final long jitBefore = jitMillis();
        long warmedSeconds = 0;
        long compiledInLastSecond = Long.MAX_VALUE;
        while (warmedSeconds < warmupSeconds ||
            (compiledInLastSecond > QUIET_JIT_MILLIS && warmedSeconds < warmupSeconds + MAX_EXTRA_WARMUP_SECONDS))
        {
            final long compiledBefore = jitMillis();
            published += OpenLoop.run(publisher, market, rate, Long.MAX_VALUE, NANOS, spinning, n ->
            {
            });
            compiledInLastSecond = jitMillis() - compiledBefore;
            warmedSeconds++;
        }
        console.printf(Locale.ROOT,
            "  warm-up %d s, the JIT compiler threads on a core %,d ms in all, %,d ms in its last second%n",
            warmedSeconds, jitMillis() - jitBefore, compiledInLastSecond);
        probe.awaitSeen(published);
        probe.interval();
        final WindowThreads.Start threadsBefore = WindowThreads.Start.now();
        final long gcBefore = gcCount();
        final long start = System.nanoTime();
        final long measured = OpenLoop.run(publisher, market, rate, events,
            rate > 0 ? seconds * NANOS : Long.MAX_VALUE, spinning,
            n -> console.printf(Locale.ROOT, "  %,d events, %,d processed%n", n, probe.seen() - before));
        probe.awaitSeen(published + measured);
        final double elapsed = (System.nanoTime() - start) / 1e9;
        final RunResult result = new RunResult(subject, rate, measured, elapsed, gcCount() - gcBefore,
            probe.interval(), threadsBefore.end(handlerName));
        console.printf(Locale.ROOT, "  %s: %,.0f events/s; p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; "
                + "%d GCs%n", subject, result.throughput(), result.micros(50), result.micros(99),
            result.micros(99.9), result.maxMicros(), result.gcCount());
        printThreads(result.threads());
        return result;
    }

    private void printThreads(final WindowThreads threads)
    {
        for (final ThreadUsage t : new ThreadUsage[]{threads.handler(), threads.publisher()})
        {
            if (t != null)
            {
                console.printf(Locale.ROOT, "  thread %s: cpu %.0f ms, waiting for a core %.1f ms, switches %,d "
                    + "involuntary / %,d voluntary, page faults %,d%n", t.name(), t.cpuNanos() / 1e6,
                    t.runQueueNanos() / 1e6, t.involuntarySwitches(), t.voluntarySwitches(),
                    t.minorFaults() + t.majorFaults());
            }
        }
        console.println("  other threads, cpu ms: " + threads.othersCell(5));
    }

    private RunResult chronicle(final long events, final Path folder) throws IOException
    {
        final Path dir = Files.createTempDirectory(folder, "chronicle-");
        final DemoMarket market = new DemoMarket(1, accounts, marketOptions.regime());
        final InputEncoder encoder = new InputEncoder();
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        try (InputQueueWriter journal = InputQueueWriter.open(new QueueContext().path(dir)))
        {
            for (int i = 0; i < market.setUpCount(); i++)
            {
                journal.append(encoder.buffer(), 0, market.setUp(encoder, i));
            }
            final WindowThreads.Start threadsBefore = WindowThreads.Start.now();
            final long gcBefore = gcCount();
            final long start = System.nanoTime();
            for (long n = 1; n <= events; n++)
            {
                final int length = market.next(encoder, n);
                final long t0 = System.nanoTime();
                journal.append(encoder.buffer(), 0, length);
                latency.recordValue(System.nanoTime() - t0);
            }
            journal.endOfBatch();
            final double elapsed = (System.nanoTime() - start) / 1e9;
            // this thread generates and appends: the window's publisher, with no handler
            final RunResult result = new RunResult("chronicle", 0, events, elapsed, gcCount() - gcBefore, latency,
                threadsBefore.end(WindowThreads.NO_HANDLER));
            console.printf(Locale.ROOT, "  chronicle: %,.0f appends/s (event generation included); append p50 %.2f "
                + "µs, p99 %.2f µs, p99.9 %.2f µs%n", result.throughput(), result.micros(50), result.micros(99),
                result.micros(99.9));
            printThreads(result.threads());
            return result;
        }
        finally
        {
            delete(dir);
        }
    }

    private List<RunResult> soak(final long rate, final Path folder) throws IOException
    {
        final Path dir = Files.createTempDirectory(folder, "soak-");
        final LatencyProbe probe = new LatencyProbe();
        final DemoMarket market = new DemoMarket(1, accounts, marketOptions.regime());
        final List<RunResult> minutes = new ArrayList<>();
        try (EngineRuntime runtime = startEngine(dir, probe))
        {
            final InputPublisher publisher = runtime.newPublisher();
            market.publishSetUp(publisher);
            long published = market.setUpCount();
            for (int minute = 1; minute <= soakMinutes; minute++)
            {
                probe.awaitSeen(published);
                probe.interval();
                final long gcBefore = gcCount();
                final long start = System.nanoTime();
                final long n = OpenLoop.run(publisher, market, rate, Long.MAX_VALUE, 60 * NANOS, spinning, x ->
                {
                });
                published += n;
                probe.awaitSeen(published);
                final RunResult result = new RunResult("minute " + minute, rate, n,
                    (System.nanoTime() - start) / 1e9, gcCount() - gcBefore, probe.interval(), null);
                console.printf(Locale.ROOT, "  minute %d: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; "
                    + "%d GCs%n", minute, result.micros(50), result.micros(99), result.micros(99.9),
                    result.maxMicros(), result.gcCount());
                minutes.add(result);
            }
        }
        finally
        {
            delete(dir);
        }
        return minutes;
    }

    /**
     * CPU time of the JIT's compiler threads, which counts a compilation still under way (the compilation
     * MXBean counts finished ones only: one method can take C2 a second on this machine).
     */
    private static long jitMillis()
    {
        long nanos = 0;
        for (final ThreadUsage t : ThreadAccounting.all().values())
        {
            if (t.name().startsWith("C1 Compiler") || t.name().startsWith("C2 Compiler"))
            {
                nanos += t.cpuNanos();
            }
        }
        if (nanos == 0)
        {
            final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
        }
        return nanos / 1_000_000;
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }
}
