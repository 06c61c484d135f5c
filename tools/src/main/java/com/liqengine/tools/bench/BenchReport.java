package com.liqengine.tools.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what {@code liq bench} measured: {@code summary.md} (the tables docs/performance.md quotes), one
 * {@code .hgrm} percentile file per run, a histogram log of every run, and {@code latency.png}, the latency
 * percentiles by offered rate.
 */
final class BenchReport
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private final Path folder;
    private final String settings;
    private final String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    private final List<String> titles = new ArrayList<>();
    private final List<RunResult> runs = new ArrayList<>();
    private List<RunResult> soak = List.of();

    BenchReport(final Path folder, final String settings)
    {
        this.folder = folder;
        this.settings = settings;
    }

    String header()
    {
        return "liq bench " + started + ": " + settings + "\nresults in " + folder.toAbsolutePath();
    }

    void add(final String title, final RunResult result)
    {
        titles.add(title);
        runs.add(result);
    }

    void soak(final List<RunResult> minutes)
    {
        this.soak = minutes;
    }

    void write(final PrintStream console) throws IOException
    {
        final String summary = summary();
        Files.writeString(folder.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        writeHistograms();
        chart();
        console.println();
        console.println(summary);
        console.println("written: " + folder.resolve("summary.md") + ", *.hgrm, latency.hlog, latency.png");
    }

    private String summary()
    {
        final StringBuilder s = new StringBuilder();
        s.append("# liq bench, ").append(started).append("\n\n").append(settings).append("\n\n");
        s.append("## Maximum throughput (closed loop, the same events)\n\n");
        s.append("| subject | events | seconds | events/s | ratio of engine to it |\n|---|---:|---:|---:|---:|\n");
        final RunResult engine = find("engine", 0);
        for (final RunResult r : runs)
        {
            if (r.targetRate() == 0)
            {
                s.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %s |%n", label(r), r.events(),
                    r.seconds(), r.throughput(), r == engine ? "" : String.format(Locale.ROOT, "%.2f",
                    engine.throughput() / r.throughput())));
            }
        }
        closedLoopCpu(s, engine);
        s.append("\n## Latency at fixed offered rates (open loop, from planned send time; µs)\n\n");
        s.append("| rate/s | subject | achieved/s | p50 | p90 | p99 | p99.9 | p99.99 | max | GCs |\n");
        s.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final RunResult r : runs)
        {
            if (r.targetRate() > 0)
            {
                s.append(String.format(Locale.ROOT, "| %,d | %s | %,.0f |", r.targetRate(), label(r), r.throughput()));
                for (final double p : PERCENTILES)
                {
                    s.append(String.format(Locale.ROOT, " %.1f |", r.micros(p)));
                }
                s.append(String.format(Locale.ROOT, " %.1f | %d |%n", r.maxMicros(), r.gcCount()));
            }
        }
        s.append("\n## Engine against the bare Disruptor at the same rate\n\n| rate/s | engine p99 µs | "
            + "Disruptor p99 µs | p99 ratio | engine p99.9 µs | Disruptor p99.9 µs | p99.9 ratio |\n"
            + "|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final RunResult r : runs)
        {
            final RunResult bare = find("disruptor", r.targetRate());
            if (r.targetRate() > 0 && r.subject().equals("engine") && bare != null)
            {
                s.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    r.targetRate(), r.micros(99), bare.micros(99), r.micros(99) / Math.max(0.001, bare.micros(99)),
                    r.micros(99.9), bare.micros(99.9), r.micros(99.9) / Math.max(0.001, bare.micros(99.9))));
            }
        }
        threads(s);
        if (!soak.isEmpty())
        {
            s.append("\n## Soak\n\n| minute | events | p50 | p99 | p99.9 | max | GCs |\n");
            s.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            for (final RunResult r : soak)
            {
                s.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    r.subject().replace("minute ", ""), r.events(), r.micros(50), r.micros(99), r.micros(99.9),
                    r.maxMicros(), r.gcCount()));
            }
        }
        return s.toString();
    }

    /**
     * The closed loop per second of the working thread's CPU: on a shared machine the threads wait for a core for
     * most of a run, and each subject waits differently, so the ratios of the table above move with the load; these
     * say what each would do on a core of its own (the engine's publisher runs on the other core, as on a free
     * 2-core machine; the bare appends generate their events on the appending thread, as above).
     */
    private void closedLoopCpu(final StringBuilder s, final RunResult engine)
    {
        if (engine == null || engine.perCpuSecond() <= 0)
        {
            return;
        }
        s.append("\n## Closed loop per second of CPU (the working thread's CPU time: what a core of its own gives)"
            + "\n\n| subject | working thread | cpu ms | waiting for a core ms | events per cpu second "
            + "| ratio of engine to it |\n|---|---|---:|---:|---:|---:|\n");
        for (final RunResult r : runs)
        {
            final ThreadUsage worker = r.worker();
            if (r.targetRate() == 0 && worker != null && r.perCpuSecond() > 0)
            {
                s.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.1f | %,.0f | %s |%n", label(r),
                    worker.name(), worker.cpuNanos() / 1e6, worker.runQueueNanos() / 1e6, r.perCpuSecond(),
                    r == engine ? "" : String.format(Locale.ROOT, "%.2f", engine.perCpuSecond() / r.perCpuSecond())));
            }
        }
    }

    /** Where each open-loop window's time went, thread by thread, as the kernel accounted it. */
    private void threads(final StringBuilder s)
    {
        if (runs.stream().noneMatch(r -> r.threads() != null && r.threads().handler() != null))
        {
            return;
        }
        s.append("\n## Threads in each open-loop window (Linux /proc: cpu and run-queue wait in ms, switches "
            + "involuntary / voluntary, page faults)\n\n| rate/s | subject | handler cpu | handler waiting for a core "
            + "| handler switches | handler faults | publisher cpu | publisher waiting for a core | publisher switches "
            + "| publisher faults | other threads, cpu ms |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (final RunResult r : runs)
        {
            if (r.targetRate() > 0 && r.threads() != null)
            {
                s.append(String.format(Locale.ROOT, "| %,d | %s |", r.targetRate(), r.subject()))
                    .append(WindowThreads.cells(r.threads().handler()))
                    .append(WindowThreads.cells(r.threads().publisher()))
                    .append(' ').append(r.threads().othersCell(4)).append(" |\n");
            }
        }
    }

    private static String label(final RunResult r)
    {
        return switch (r.subject())
        {
            case "engine" -> "engine (ring, journal, state machine, output queue)";
            case "disruptor" -> "bare Disruptor pass-through";
            case "chronicle" -> "bare Chronicle append";
            default -> r.subject();
        };
    }

    private RunResult find(final String subject, final long rate)
    {
        for (final RunResult r : runs)
        {
            if (r.subject().equals(subject) && r.targetRate() == rate)
            {
                return r;
            }
        }
        return null;
    }

    private void writeHistograms() throws IOException
    {
        try (PrintStream log = new PrintStream(folder.resolve("latency.hlog").toFile(), StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(log);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            for (final RunResult r : runs)
            {
                final String name = r.subject() + "-" + (r.targetRate() == 0 ? "max" : r.targetRate());
                final Histogram h = r.latency();
                h.setTag(name);
                writer.outputIntervalHistogram(h);
                final Path file = folder.resolve(name + ".hgrm");
                try (PrintStream hgrm = new PrintStream(file.toFile(), StandardCharsets.UTF_8))
                {
                    h.outputPercentileDistribution(hgrm, 1_000.0);
                }
            }
        }
    }

    private void chart() throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final XYChart chart = new XYChartBuilder().width(900).height(560)
            .title("Latency by offered rate (open loop)").xAxisTitle("events/s").yAxisTitle("µs").build();
        chart.getStyler().setYAxisLogarithmic(true);
        for (final String subject : List.of("engine", "disruptor"))
        {
            for (final double p : new double[]{50, 99, 99.9})
            {
                final List<Double> x = new ArrayList<>();
                final List<Double> y = new ArrayList<>();
                for (final RunResult r : runs)
                {
                    if (r.subject().equals(subject) && r.targetRate() > 0)
                    {
                        x.add((double)r.targetRate());
                        y.add(Math.max(0.01, r.micros(p)));
                    }
                }
                if (!x.isEmpty())
                {
                    chart.addSeries(subject + " p" + (p == 99.9 ? "99.9" : String.valueOf((int)p)), x, y)
                        .setMarker(SeriesMarkers.CIRCLE);
                }
            }
        }
        BitmapEncoder.saveBitmap(chart, folder.resolve("latency").toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
