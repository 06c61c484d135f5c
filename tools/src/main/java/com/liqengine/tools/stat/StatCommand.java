package com.liqengine.tools.stat;

import com.liqengine.pipeline.EngineCounters;
import org.agrona.concurrent.status.CountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code liq stat}: prints the counters of a running engine from another process, refreshing, like a
 * {@code top} for the engine: each counter's value and its rate per second since the previous refresh.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = "Shows a running engine's counters (inputs and outputs by type, liquidations, rejections, "
        + "ring remaining capacity, publisher waits, journal appends), refreshing.")
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

    /** A command printing to standard output. */
    public StatCommand()
    {
        this(System.out);
    }

    StatCommand(final PrintStream out)
    {
        this.out = out;
    }

    @Override
    public Integer call() throws InterruptedException
    {
        if (!file.isFile())
        {
            System.err.println("liq stat: no counters file at " + file + " (is the engine running? see --counters)");
            return 2;
        }
        final CountersReader reader;
        try
        {
            reader = EngineCounters.openReader(file);
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("liq stat: " + ex.getMessage());
            return 2;
        }
        long[] previous = null;
        long previousNanos = 0;
        for (int refresh = 1; count == 0 || refresh <= count; refresh++)
        {
            final List<String> labels = new ArrayList<>();
            final List<Integer> ids = new ArrayList<>();
            reader.forEach((value, counterId, label) ->
            {
                labels.add(label);
                ids.add(counterId);
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
            out.flush();
            previous = values;
            previousNanos = now;
            if (count == 0 || refresh < count)
            {
                Thread.sleep(intervalMs);
            }
        }
        return 0;
    }
}
