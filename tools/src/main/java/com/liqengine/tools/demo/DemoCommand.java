package com.liqengine.tools.demo;

import com.liqengine.api.InputEncoder;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.EngineRuntime;
import com.liqengine.tools.cluster.ClusterDemo;
import com.liqengine.tools.engine.CpusOption;
import com.liqengine.tools.engine.PipelineOptions;
import com.liqengine.tools.simulate.Units;
import com.liqengine.tools.stress.HistoryDemo;
import com.liqengine.tools.stress.InstrumentsOption;
import com.liqengine.tools.yaml.YamlFileException;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq demo}: the whole engine on a generated market, with nothing to start first. Journals go to a
 * temporary (or given) folder; progress and liquidations show as they happen; a summary ends it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the whole pipeline (ring, Chronicle journal, state machine, output queue) on a generated market: "
            + "instruments from BTC to a small-cap, random-walk marks with crashes and squeezes, thousands of "
            + "accounts of mixed isolated and cross margin at varied leverage trading with each other.",
        "Liquidations run in market mode (docs/liquidation.md): a simulated book answers every liquidation order "
            + "with fills, in full, in part or not at all, and the insurance fund takes over what it did not take; the "
            + "fund's own orders to unwind what it took over go to the same book, filled by ordinary fills. A "
            + "takeover that leaves the fund below 0 auto-deleverages the best-ranked opposite positions: on the "
            + "generated market after its flash crash (--flash-crash), on a real crash day (--history) after its "
            + "gaps.",
        "Shows progress and liquidations as they happen, then a summary: events, liquidations by mode, liquidation "
            + "orders and what became of them, the fund's unwind, auto-deleveraging and the fund's deficits, the "
            + "insurance fund, throughput, end-to-end latency percentiles, and where the journals are."})
public final class DemoCommand implements Callable<Integer>
{
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int CHECK_EVERY = 1_024;
    private static final long ANSWER_THE_REST_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How far the flash crash drops every mark in one tick. */
    static final int FLASH_CRASH_PERCENT = 25;

    @Option(names = "--events",
        description = "Market events to generate (default 1000000; with --cluster 200000).")
    private Long eventsOption;

    private long events;

    @Option(names = "--accounts", defaultValue = "5000",
        description = "Accounts (default ${DEFAULT-VALUE}). A tick visits only the positions whose liquidation "
            + "band it leaves (docs/index.md), so a tick costs about the same however many accounts there are.")
    private int accounts;

    @Option(names = "--rate",
        description = "Events per second offered; 0 offers them as fast as the engine takes them, which measures "
            + "throughput but makes latency mostly queueing (default 50000; with --cluster 10000, and at least 1).")
    private Long rateOption;

    private long rate;

    @Option(names = "--cluster",
        description = "Runs the market through three replicas of the engine on Aeron Cluster on this machine "
            + "(docs/cluster.md): three 'liq cluster node' JVMs, the leader killed with SIGKILL once mid-run and "
            + "restarted; ends with every node's engine sequence and state hash, a single process's over the same "
            + "inputs, the failover measured, and the outputs missing and duplicated at a consumer that follows the "
            + "leader (both must be 0). Liquidations are taken over by the fund (no simulated book).")
    private boolean cluster;

    @Option(names = "--duration", defaultValue = "45", paramLabel = "SECONDS",
        description = "Stop generating after this long even if events remain (default ${DEFAULT-VALUE}).")
    private double durationSeconds;

    @Option(names = "--flash-crash", defaultValue = "20000", paramLabel = "EVENTS",
        description = "On the generated market, every instrument's mark gaps down " + FLASH_CRASH_PERCENT + "%% in "
            + "one tick (a market-wide flash crash, the marks then staying down) after this many market events "
            + "(default ${DEFAULT-VALUE}, under half a second in): the most levered longs are bankrupt before the "
            + "book can take them, the fund's takeovers leave it below its floor "
            + "and it auto-deleverages. 0: no flash crash. Not with --history (its gaps are the day's own).")
    private long flashCrashAfter;

    @Option(names = "--seed", defaultValue = "1", description = "Market seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--liquidation", defaultValue = "market", paramLabel = "MODE",
        description = "market (default): liquidation orders to a simulated book, the fund takes over the rest; "
            + "takeover: the fund takes every liquidated position at once (docs/liquidation.md).")
    private String liquidationMode;

    @Option(names = "--dir", paramLabel = "FOLDER",
        description = "Folder for the journal, output queue and counters (default: a new temporary folder).")
    private Path dir;

    @Option(names = "--history", arity = "1..*", paramLabel = "FILE",
        description = "Trade the instruments of these price files (kline CSV, FILE or SYMBOL=FILE) with marks that "
            + "follow their real path (docs/stress.md); demo ticks between the real marks stay inside each bar's "
            + "range. Example: config/history/2021-05-19_*.csv")
    private List<String> history;

    @Mixin
    private InstrumentsOption instruments;

    @Mixin
    private PipelineOptions pipeline;

    @Mixin
    private CpusOption cpus;

    @Mixin
    private MarketOptions marketOptions;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public DemoCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where progress and the summary go.
     * @param err where problems go.
     */
    public DemoCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /** Auto-deleveraging whenever a takeover leaves the fund below zero, so the demo shows it too. */
    private static final BigDecimal DEMO_FUND_FLOOR = BigDecimal.ZERO;

    @Override
    public Integer call() throws IOException
    {
        if (cluster)
        {
            return clusterDemo();
        }
        events = eventsOption == null ? 1_000_000 : eventsOption;
        rate = rateOption == null ? 50_000 : rateOption;
        if (accounts < 2 || events < 0 || flashCrashAfter < 0)
        {
            err.println("liq demo: --accounts must be at least 2, --events and --flash-crash not negative");
            return 2;
        }
        final LiquidationMode mode = EngineConfig.parseWord(LiquidationMode.class, liquidationMode);
        if (mode == null)
        {
            err.println("liq demo: --liquidation must be one of " + EngineConfig.words(LiquidationMode.class));
            return 2;
        }
        final Path folder = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("liq-demo-");
        final EngineConfig config = cpus.applyTo(pipeline.applyTo(EngineConfig.defaults(folder)))
            .withMaxAccounts(accounts + 1)
            .withLiquidation(mode, EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS, DEMO_FUND_FLOOR);
        final DemoMarket market;
        try
        {
            final HistoryDemo real = history == null ? null : HistoryDemo.of(seed, accounts, marketOptions.regime(),
                history, instruments.file(), events, config.maxInstruments());
            market = real == null
                ? new DemoMarket(seed, accounts, marketOptions.regime()).gapDown(flashCrashAfter, FLASH_CRASH_PERCENT)
                : real.market();
            if (real != null)
            {
                out.println("liq demo: " + real.description());
            }
        }
        catch (final YamlFileException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        final SimulatedBook book = new SimulatedBook(seed, market);
        final LatencyRecorder latency = new LatencyRecorder(market.setUpCount());
        out.printf(Locale.ROOT, "liq demo: %d instruments, %,d accounts (isolated and cross), %,d events at %s; "
                + "journals in %s%n", market.instruments().size(), accounts, events,
            rate > 0 ? String.format(Locale.ROOT, "%,d/s", rate) : "full speed", folder);
        final EngineRuntime runtime;
        try
        {
            runtime = EngineRuntime.start(config, latency);
        }
        catch (final RuntimeException ex)
        {
            err.println("liq demo: " + ex.getMessage());
            return 3;
        }
        try
        {
            // this thread publishes the market
            runtime.prepareIngressThread();
        }
        catch (final IllegalStateException ex)
        {
            runtime.close();
            err.println("liq demo: " + ex.getMessage());
            return 3;
        }
        final OutputMonitor monitor = new OutputMonitor(config.outputs(), market, book, out);
        monitor.start();
        final InputPublisher publisher = runtime.engine().newPublisher();
        final long generated = publish(runtime, publisher, market, book, monitor, latency);
        // a trade's second side left unpublished at the end takes no trade id from the book's fills after it
        final boolean answered = answerTheRest(runtime, publisher, market, book, monitor, latency, generated);
        book.close();
        runtime.close();
        final long elapsed = System.nanoTime() - latency.marketStart();
        monitor.finish(runtime.counters().outputs());
        summary(runtime, market, book, monitor, latency, generated, elapsed);
        if (!answered)
        {
            err.println("liq demo: the book had not answered every liquidation order after "
                + TimeUnit.NANOSECONDS.toSeconds(ANSWER_THE_REST_NANOS) + " s");
        }
        return runtime.engine().failure() == null ? 0 : 3;
    }

    /** {@code --cluster}: the market through three replicas (docs/cluster.md). */
    private int clusterDemo() throws IOException
    {
        events = eventsOption == null ? 200_000 : eventsOption;
        rate = rateOption == null ? 10_000 : rateOption;
        if (accounts < 2 || events < 1 || rate < 1)
        {
            err.println("liq demo --cluster: --accounts must be at least 2, --events and --rate at least 1");
            return 2;
        }
        if (history != null || !"market".equals(liquidationMode))
        {
            err.println("liq demo --cluster: --history and --liquidation are not taken with --cluster (its fund "
                + "takes over every liquidation)");
            return 2;
        }
        final Path folder = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("liq-cluster-");
        return new ClusterDemo(out, err).run(folder, events, accounts, rate, seed, marketOptions.regime());
    }

    private long publish(
        final EngineRuntime runtime,
        final InputPublisher publisher,
        final DemoMarket market,
        final SimulatedBook book,
        final OutputMonitor monitor,
        final LatencyRecorder latency)
    {
        market.publishSetUp(publisher);
        // the market starts once the accounts exist: its latency is not queueing behind the set-up burst
        while (latency.applied() < market.setUpCount())
        {
            LockSupport.parkNanos(1_000_000);
        }
        final long start = System.nanoTime();
        latency.marketStart(start);
        final long stopAt = start + (long)(durationSeconds * 1e9);
        long nextProgress = start + PROGRESS_INTERVAL_NANOS;
        long n = 0;
        while (n < events)
        {
            final InputEncoder encoder = publisher.claim();
            publisher.commit(market.next(encoder, ++n));
            if ((n & (CHECK_EVERY - 1)) == 0 || rate > 0)
            {
                final long now = System.nanoTime();
                // the book's answers to liquidation orders go in between trades, from this thread
                if (market.betweenTrades())
                {
                    book.answer(publisher, now, false);
                }
                if (now >= nextProgress)
                {
                    nextProgress = now + PROGRESS_INTERVAL_NANOS;
                    progress(runtime, monitor, n, now - start);
                }
                if (now >= stopAt)
                {
                    out.printf(Locale.ROOT, "liq demo: --duration of %s s reached%n", durationSeconds);
                    break;
                }
                pace(start, n, now);
            }
        }
        return n;
    }

    /**
     * The summary's auto-deleveraging line: how many accounts were deleveraged, or why none was (without a gap,
     * the generated market's crashes move over dozens of ticks, and the fees and clearance of its liquidations
     * keep the fund far above its floor; a gap draws the fund down).
     *
     * @param withGaps whether the market had gaps (a flash crash, or a real crash day's history).
     */
    static String deleveragingLine(final long deleveraged, final boolean withGaps)
    {
        if (deleveraged > 0)
        {
            return String.format(Locale.ROOT, "  deleveraging    %,d auto-deleveraged counterparties (takeovers that "
                + "left the fund below its floor of %s)", deleveraged, DEMO_FUND_FLOOR.toPlainString());
        }
        return "  deleveraging    none: no takeover left the fund below its floor of " + DEMO_FUND_FLOOR.toPlainString()
            + (withGaps ? "" : " (without a gap the fees and clearance of this market's liquidations outrun its "
            + "takeovers' losses; --flash-crash, or a real crash day, deleverages: ./liq demo --history "
            + "config/history/2021-05-19_*.csv)");
    }

    /**
     * The summary's line of InsuranceFundDeficit outputs: ADL that found too little to deleverage against and left
     * the fund below its floor, with the largest shortfall and the fund's lowest equity they reported.
     */
    static String deficitLine(final long deficits, final long largest, final long lowestEquity)
    {
        if (deficits == 0)
        {
            return "  deficits        none: every auto-deleveraging brought the fund back to its floor";
        }
        return String.format(Locale.ROOT, "  deficits        %,d InsuranceFundDeficit (too little left to deleverage "
                + "against): the largest shortfall %s, the fund's lowest equity %s", deficits, Units.amount(largest),
            Units.amount(lowestEquity));
    }

    /**
     * After the market events, answers every liquidation order still open, and those its answers bring (the next
     * position of a cross account, a partial step again), until the engine has applied every input and the
     * monitor has read every output with no order left unanswered.
     *
     * @return true when every order was answered in time.
     */
    private static boolean answerTheRest(
        final EngineRuntime runtime,
        final InputPublisher publisher,
        final DemoMarket market,
        final SimulatedBook book,
        final OutputMonitor monitor,
        final LatencyRecorder latency,
        final long generated)
    {
        final long deadline = System.nanoTime() + ANSWER_THE_REST_NANOS;
        while (System.nanoTime() < deadline && runtime.engine().failure() == null)
        {
            book.answer(publisher, System.nanoTime(), true);
            final long published = market.setUpCount() + generated + book.inputs();
            if (book.idle() && latency.applied() >= published && monitor.outputsRead() >= runtime.counters().outputs())
            {
                return true;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return false;
    }

    /** Holds the offered load to --rate: a steady rate measures latency, not queueing behind a burst. */
    private void pace(final long start, final long n, final long now)
    {
        if (rate <= 0)
        {
            return;
        }
        final long due = start + n * 1_000_000_000L / rate;
        if (due - now > 50_000)
        {
            LockSupport.parkNanos(due - now);
        }
    }

    private void progress(final EngineRuntime runtime, final OutputMonitor monitor, final long n, final long nanos)
    {
        out.printf(Locale.ROOT, "[%5.1f s] %,11d events  %,9d/s  liquidations %,d (isolated %,d, cross %,d)  "
                + "orders %,d  margin calls %,d  publisher waits %,d%n",
            nanos / 1e9, n, (long)(n / (nanos / 1e9)), runtime.counters().liquidations(),
            monitor.isolatedLiquidations(), monitor.crossLiquidations(), monitor.orders(), monitor.marginCalls(),
            runtime.counters().publisherWaits());
    }

    private void summary(
        final EngineRuntime runtime,
        final DemoMarket market,
        final SimulatedBook book,
        final OutputMonitor monitor,
        final LatencyRecorder latency,
        final long generated,
        final long elapsedNanos)
    {
        final EngineConfig config = runtime.config();
        final Histogram h = latency.histogram();
        final double seconds = elapsedNanos / 1e9;
        out.println();
        out.println("Summary");
        out.printf(Locale.ROOT, "  events          %,d market events in %.2f s: %,d events/s journaled and applied "
                + "(after %,d set-up inputs: instruments, deposits, modes, leverage)%n", generated, seconds,
            (long)(generated / seconds), market.setUpCount());
        out.printf(Locale.ROOT, "  liquidations    %,d: isolated %,d, cross %,d; %,d margin calls%n",
            runtime.counters().liquidations(), monitor.isolatedLiquidations(), monitor.crossLiquidations(),
            monitor.marginCalls());
        final boolean toTheBook = config.liquidationMode() == LiquidationMode.MARKET;
        if (toTheBook)
        {
            out.printf(Locale.ROOT, "  orders          %,d liquidation orders to the book, %,d ended: the simulated "
                    + "book filled %,d in full, %,d in part, %,d not at all, in %,d liquidation fills (%,d book "
                    + "inputs); %,d of them partial (a step down the tiers)%n", monitor.orders(), monitor.fees(),
                book.filledInFull(), book.filledInPart(), book.notFilled(), monitor.fills(), book.inputs(),
                monitor.partialOrders());
        }
        out.printf(Locale.ROOT, "  fund's unwind   %,d orders of the fund to the book for what it took over: filled "
                + "%,d in full, %,d in part, %,d not at all, by ordinary fills of the fund (it keeps the rest)%n",
            book.fundOrders(), book.fundFilledInFull(), book.fundFilledInPart(), book.fundNotFilled());
        out.printf(Locale.ROOT, "  to the fund     %s%,d %s taken over; clearance %s (%,d pools or wallets)%n",
            toTheBook ? "liquidation fees " + Units.amount(monitor.feeAmount()) + "; " : "", monitor.takeovers(),
            toTheBook ? "positions or rests the book did not take" : "positions",
            Units.amount(monitor.clearanceAmount()), monitor.clearances());
        out.println(deleveragingLine(monitor.deleveraged(), history != null || flashCrashAfter > 0));
        out.println(deficitLine(monitor.deficits(), monitor.largestDeficit(), monitor.lowestFundEquity()));
        out.printf(Locale.ROOT, "  rejections      %,d (inputs refused with a reason, e.g. a liquidation fill of a "
            + "position an ordinary fill reduced first)%n", runtime.counters().rejections());
        out.printf(Locale.ROOT, "  insurance fund  %s (started with 1000000)%n",
            Units.amount(runtime.engine().stateMachine().insuranceFundBalance()));
        out.printf(Locale.ROOT, "  latency         from ring commit to applied, %,d inputs (market events%s; the "
                + "handler's wait strategy %s): p50 %s, p90 %s, p99 %s, p99.9 %s, p99.99 %s, max %s%n",
            h.getTotalCount(), toTheBook ? " and the book's answers" : "", EngineConfig.word(config.idleStrategy()),
            micros(h.getValueAtPercentile(50)),
            micros(h.getValueAtPercentile(90)), micros(h.getValueAtPercentile(99)),
            micros(h.getValueAtPercentile(99.9)), micros(h.getValueAtPercentile(99.99)), micros(h.getMaxValue()));
        out.printf(Locale.ROOT, "  publisher       waited %,d times for a full ring%n",
            runtime.counters().publisherWaits());
        out.println("  journal         " + config.journal().toAbsolutePath() + " (every input, as received)");
        out.println("  outputs         " + config.outputs().toAbsolutePath() + " (" + runtime.counters().outputs()
            + " output messages)");
        out.println("  counters        " + config.counters().toAbsolutePath() + " (read live with: ./liq stat "
            + "--counters <that file>)");
        if (monitor.notShown() > 0)
        {
            out.printf(Locale.ROOT, "  (%,d more liquidations happened than were printed above)%n",
                monitor.notShown());
        }
        if (runtime.engine().failure() != null)
        {
            err.println("liq demo: the engine stopped on an error: " + runtime.engine().failure() + " (its stack "
                + "trace: ./liq stat --count 1 --counters " + config.counters().toAbsolutePath() + ")");
        }
    }

    private static String micros(final long nanos)
    {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1_000.0);
    }
}
