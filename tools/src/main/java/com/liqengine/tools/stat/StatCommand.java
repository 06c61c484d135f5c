package com.liqengine.tools.stat;

import com.liqengine.pipeline.CountersFile;
import com.liqengine.pipeline.EngineCounters;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.pipeline.LatencyValue;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code liq stat}: prints the counters of a running engine from another process, refreshing, like a
 * {@code top} for the engine: each counter's value and its rate per second since the previous refresh, the last
 * latency interval's percentiles, then the distinct errors of the engine's error log, each with its count and first
 * and last time.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {"Shows a running engine's counters (inputs and outputs by type, liquidations, rejections, "
        + "ring remaining capacity, publisher waits, journal appends, errors), refreshing; the p50, p99, p99.9 and "
        + "max of its two latencies in the last interval (ring commit to applied; the input's eventTime to its "
        + "outputs written), in microseconds; then the distinct errors of its error log, each with its count, "
        + "first and last time (UTC) and stack trace.",
        "What each counter and latency means: docs/operations.md.",
        "The file stays after the engine stops: liq stat --count 1 reads what it left."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "2:no counters file, or not one this build reads (another layout version)"})
public final class StatCommand implements Callable<Integer>
{
    @Option(names = "--counters", defaultValue = "liq-data/counters.dat",
        description = "The engine's counters file (default: ${DEFAULT-VALUE}).")
    private File file;

    @Option(names = "--interval", defaultValue = "1000", description = "Refresh interval in ms (default 1000).")
    private long intervalMs;

    @Option(names = "--count", defaultValue = "0",
        description = "Refreshes before exiting; 0 runs until interrupted (default 0).")
    private int count;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public StatCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where the counters and errors go.
     * @param err where problems go.
     */
    public StatCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        if (!file.isFile())
        {
            err.println("liq stat: no counters file at " + file + " (is the engine running? see --counters)");
            return 2;
        }
        final CountersFile counters;
        try
        {
            counters = CountersFile.open(file);
        }
        catch (final IllegalStateException ex)
        {
            err.println("liq stat: " + ex.getMessage());
            return 2;
        }
        try (counters)
        {
            show(counters);
        }
        return 0;
    }

    private void show(final CountersFile counters) throws InterruptedException
    {
        final CountersReader reader = counters.counters();
        long[] previous = null;
        long previousNanos = 0;
        for (int refresh = 1; count == 0 || refresh <= count; refresh++)
        {
            final List<String> labels = new ArrayList<>();
            final List<Integer> ids = new ArrayList<>();
            reader.forEach((value, counterId, label) ->
            {
                // the latencies have a table of their own
                if (reader.getCounterTypeId(counterId) != LatencyValue.TYPE_ID)
                {
                    labels.add(label);
                    ids.add(counterId);
                }
            });
            final long[] values = new long[ids.size()];
            for (int i = 0; i < values.length; i++)
            {
                values[i] = reader.getCounterValue(ids.get(i));
            }
            final long now = System.nanoTime();
            if (count != 1)
            {
                out.print("\033[H\033[2J");
            }
            out.printf("liq stat  %s%n%n%-36s %16s %14s%n", file, "counter", "value", "per second");
            for (int i = 0; i < values.length; i++)
            {
                final String rate = previous == null || i >= previous.length ? "" :
                    String.format("%,.0f", (values[i] - previous[i]) * 1e9 / Math.max(1, now - previousNanos));
                out.printf("%-36s %,16d %14s%n", labels.get(i), values[i], rate);
            }
            printLatencies(counters);
            printErrors(counters);
            out.flush();
            previous = values;
            previousNanos = now;
            if (count == 0 || refresh < count)
            {
                Thread.sleep(intervalMs);
            }
        }
    }

    /** Each latency's last interval: inputs measured, percentiles in µs; then the totals since the start. */
    private void printLatencies(final CountersFile counters)
    {
        out.println();
        if (counters.counter(LatencyValue.TOTAL.label(LatencyStage.COMMIT_TO_APPLIED)) < 0)
        {
            out.println("latency: not in this counters file (written by an older build)");
            return;
        }
        out.printf("%-22s %10s %11s %11s %11s %11s %14s %12s%n", "latency, last interval", "inputs", "p50 µs",
            "p99 µs", "p99.9 µs", "max µs", "inputs in all", "out of range");
        for (final LatencyStage stage : LatencyStage.values())
        {
            out.printf("%-22s %,10d %,11.1f %,11.1f %,11.1f %,11.1f %,14d %,12d%n", stage.word(),
                counters.counter(LatencyValue.INTERVAL_COUNT.label(stage)),
                micros(counters, LatencyValue.P50, stage), micros(counters, LatencyValue.P99, stage),
                micros(counters, LatencyValue.P999, stage), micros(counters, LatencyValue.MAX, stage),
                counters.counter(LatencyValue.TOTAL.label(stage)),
                counters.counter(LatencyValue.OUT_OF_RANGE.label(stage)));
        }
    }

    private static double micros(final CountersFile counters, final LatencyValue value, final LatencyStage stage)
    {
        return counters.counter(value.label(stage)) / 1_000.0;
    }

    /** The error log: each distinct error with its count, first and last time, and its text (stack trace). */
    private void printErrors(final CountersFile counters)
    {
        // the counter first: an error counted after it was read is in the log or not yet, never "not in the log"
        final long counted = counters.counter(EngineCounters.ERRORS_LABEL);
        final List<String> lines = new ArrayList<>();
        final long[] recorded = {0};
        final int distinct = counters.readErrors((count, first, last, text) ->
        {
            recorded[0] += count;
            lines.add(String.format("%,d %s, first %s, last %s:", count, count == 1 ? "time" : "times",
                Instant.ofEpochMilli(first), Instant.ofEpochMilli(last)));
            for (final String line : text.split("\\R"))
            {
                lines.add("    " + line.replace("\t", "    "));
            }
        });
        out.println();
        if (distinct == 0)
        {
            out.println("error log: no errors");
        }
        else
        {
            out.printf("error log: %,d distinct %s, %,d in all%n", distinct, distinct == 1 ? "error" : "errors",
                recorded[0]);
        }
        if (counted > recorded[0])
        {
            out.printf("%,d more errors counted but not in the log (it was full)%n", counted - recorded[0]);
        }
        lines.forEach(out::println);
    }
}
