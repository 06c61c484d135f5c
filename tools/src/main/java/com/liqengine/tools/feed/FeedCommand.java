package com.liqengine.tools.feed;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.QueueContext;
import com.liqengine.tools.demo.DemoMarket;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.engine.EngineConfigFile;
import com.liqengine.tools.simulate.ModePolicy;
import com.liqengine.tools.simulate.ScenarioLoader;
import com.liqengine.tools.simulate.ScenarioRunner;
import com.liqengine.tools.simulate.Simulation;
import com.liqengine.tools.simulate.Step;
import com.liqengine.tools.stress.HistoryFeed;
import com.liqengine.tools.stress.InstrumentsOption;
import com.liqengine.tools.stress.StressInputs;
import com.liqengine.tools.yaml.YamlFileException;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq feed}: an example writer for the input queue, standing in for a matching engine or gateway: writes
 * a scenario's inputs, or a random-walk market, one SBE message per document.
 */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    description = {
        "Writes inputs into the engine's input queue, as a matching engine or gateway would: a scenario's "
            + "instruments, deposits and events, a random-walk market with crashes, or the marks of real market "
            + "history (--history, the path of liq stress: docs/stress.md).",
        "Run 'liq run' in another terminal to consume them.",
        "Each input keeps the scenario's or the market's own eventTime unless --stamp-event-time gives it the time "
            + "it is written."})
public final class FeedCommand implements Callable<Integer>
{
    private static final long PROGRESS_EVERY = 100_000;

    @Option(names = "--config", defaultValue = "config/engine.yaml",
        description = "The engine configuration naming the input queue (default: ${DEFAULT-VALUE}).")
    private Path configFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--events", defaultValue = "100000",
        description = "Random walk: market events after the set-up (default ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--accounts", defaultValue = "1000",
        description = "Random walk: accounts (default ${DEFAULT-VALUE}; the engine's maxAccounts must exceed it).")
    private int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random walk: seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private InstrumentsOption instruments;

    @Option(names = "--speed", defaultValue = "0", paramLabel = "N",
        description = "History: N times real time (60: a minute of market per second); 0 writes as fast as possible "
            + "(default ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--rate", defaultValue = "0",
        description = "Inputs per second; 0 writes as fast as possible (default ${DEFAULT-VALUE}).")
    private long rate;

    @Option(names = "--stamp-event-time",
        description = "Give each input the time it is written as its eventTime (this host's clock, ns since the "
            + "epoch), as a matching engine stamps its events: liq run's event-to-output latency then measures the "
            + "queue and the engine (docs/operations.md). Without it, that latency counts these inputs as out of "
            + "range.")
    private boolean stampEventTime;

    private final PrintStream out;
    private final PrintStream err;

    /** Where the inputs come from. */
    static final class Source
    {
        @Option(names = "--scenario", paramLabel = "SCENARIO.yaml", description = "Write a scenario's inputs.")
        Path scenario;

        @Option(names = "--random", description = "Write a random-walk market (see --events, --accounts, --seed).")
        boolean random;

        @Option(names = "--history", arity = "1..*", paramLabel = "FILE", description = "Write the instruments and "
            + "marks of price history (kline CSV, FILE or SYMBOL=FILE; see --instruments, --speed).")
        List<String> history;
    }

    /** A command printing to standard output and error. */
    public FeedCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where progress goes.
     * @param err where problems go.
     */
    public FeedCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final EngineConfig config;
        final Simulation scenario;
        final HistoryFeed history;
        try
        {
            config = EngineConfigFile.load(configFile);
            history = source.history == null ? null :
                HistoryFeed.of(StressInputs.market(source.history, instruments.file(), List.of()));
            scenario = source.scenario == null ? null :
                ScenarioRunner.run(ScenarioLoader.load(source.scenario), ModePolicy.AS_WRITTEN);
        }
        catch (final YamlFileException ex)
        {
            err.println(ex.getMessage());
            return 2;
        }
        try (InputQueueWriter queue = InputQueueWriter.open(
            new QueueContext().path(config.inputQueue()).rollCycle(config.rollCycle())))
        {
            final Pacer pacer = new Pacer(rate);
            final InputSink sink = stampEventTime ? new EventTimeStamper(queue::append, new SystemEpochNanoClock()) :
                queue::append;
            final long written = history != null ? history.write(sink, speed, out) :
                scenario != null ? writeScenario(scenario, sink, pacer) : writeRandom(sink, pacer);
            queue.endOfBatch();
            out.println("liq feed: wrote " + written + " inputs to " + config.inputQueue() + " (last index "
                + queue.lastIndex() + ")");
        }
        return 0;
    }

    private long writeScenario(final Simulation scenario, final InputSink queue, final Pacer pacer)
    {
        long written = 0;
        for (final Step step : scenario.steps())
        {
            if (step.input().length > 0)
            {
                pacer.await(written);
                queue.append(new UnsafeBuffer(step.input()), 0, step.input().length);
                written++;
            }
        }
        return written;
    }

    private long writeRandom(final InputSink queue, final Pacer pacer)
    {
        final DemoMarket market = new DemoMarket(seed, accounts);
        final InputEncoder encoder = new InputEncoder();
        long written = 0;
        for (int i = 0; i < market.setUpCount(); i++)
        {
            queue.append(encoder.buffer(), 0, market.setUp(encoder, i));
            written++;
        }
        for (long n = 1; n <= events; n++)
        {
            pacer.await(written);
            queue.append(encoder.buffer(), 0, market.next(encoder, n));
            written++;
            if (n % PROGRESS_EVERY == 0)
            {
                out.println("liq feed: " + n + " / " + events + " market events");
            }
        }
        return written;
    }

    /** Holds the writer to a rate, when one is given. */
    private static final class Pacer
    {
        private final long rate;
        private final long start = System.nanoTime();

        Pacer(final long rate)
        {
            this.rate = rate;
        }

        void await(final long written)
        {
            if (rate <= 0)
            {
                return;
            }
            final long due = start + written * TimeUnit.SECONDS.toNanos(1) / rate;
            long wait;
            while ((wait = due - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
