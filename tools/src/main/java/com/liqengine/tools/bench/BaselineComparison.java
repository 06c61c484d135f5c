package com.liqengine.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code liq bench --baseline DIR}: this run's figures against a saved run's, as ratios, so that a regression is
 * seen at once. Both runs are read from their {@code summary.md} (the file every run writes): the closed-loop
 * throughput per subject and the open-loop percentiles per rate and subject. Only what both runs measured is
 * compared; absolute figures move with the machine's load, so the ratios are to be read with the run's own
 * ratios of engine to bare Disruptor and Chronicle beside them.
 */
final class BaselineComparison
{
    private static final String THROUGHPUT = "## Maximum throughput";
    private static final String LATENCY = "## Latency at fixed offered rates";
    private static final String[] PERCENTILES = {"p50", "p90", "p99", "p99.9"};

    private BaselineComparison()
    {
    }

    /**
     * The baseline's summary, checked to be one.
     *
     * @param folder a saved run's folder.
     * @return its summary's text.
     * @throws IllegalArgumentException naming the folder when it holds no readable summary with those tables.
     */
    static String readBaseline(final Path folder)
    {
        final Path summary = folder.resolve("summary.md");
        final String text;
        try
        {
            text = Files.readString(summary, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(summary + ": no summary of a liq bench run to compare with (" +
                ex.getMessage() + ")");
        }
        if (rows(text, THROUGHPUT).isEmpty())
        {
            throw new IllegalArgumentException(summary + ": no '" + THROUGHPUT.substring(3) + "' table: not a summary "
                + "written by liq bench");
        }
        return text;
    }

    /**
     * The comparison as a markdown section.
     *
     * @param current this run's summary.
     * @param baseline the saved run's summary.
     * @param name how the baseline is named in the title.
     * @return the section.
     */
    static String compare(final String current, final String baseline, final String name)
    {
        final StringBuilder out = new StringBuilder();
        out.append("## Against the baseline ").append(name).append("\n\n");
        out.append("Ratios this run / baseline: above 1 is more events per second, or a longer latency.\n\n");
        out.append("| measure | baseline | this run | ratio |\n|---|---:|---:|---:|\n");
        final Map<String, List<String>> before = rows(baseline, THROUGHPUT);
        int compared = 0;
        for (final Map.Entry<String, List<String>> row : rows(current, THROUGHPUT).entrySet())
        {
            final List<String> old = before.get(row.getKey());
            if (old != null)
            {
                // columns: subject, events, seconds, events/s, ratio
                compared += line(out, row.getKey() + ", events/s", old.get(3), row.getValue().get(3));
            }
        }
        final Map<String, List<String>> latencyBefore = rows(baseline, LATENCY);
        for (final Map.Entry<String, List<String>> row : rows(current, LATENCY).entrySet())
        {
            final List<String> old = latencyBefore.get(row.getKey());
            if (old == null)
            {
                continue;
            }
            // columns: rate, subject, achieved, p50, p90, p99, p99.9, ...
            for (int p = 0; p < PERCENTILES.length; p++)
            {
                compared += line(out, row.getKey() + ", " + PERCENTILES[p] + " µs", old.get(3 + p),
                    row.getValue().get(3 + p));
            }
        }
        if (compared == 0)
        {
            out.append("| (the two runs measured nothing in common) | | | |\n");
        }
        return out.toString();
    }

    private static int line(final StringBuilder out, final String measure, final String before, final String now)
    {
        final double old = number(before);
        final double current = number(now);
        final String ratio = old > 0 ? String.format(Locale.ROOT, "%.2f", current / old) : "";
        out.append("| ").append(measure).append(" | ").append(before).append(" | ").append(now).append(" | ")
            .append(ratio).append(" |\n");
        return 1;
    }

    private static double number(final String cell)
    {
        try
        {
            return Double.parseDouble(cell.replace(",", ""));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * The rows of the table under a heading, keyed by their label: the subject (throughput), or the rate and the
     * subject (latency); the cells trimmed.
     */
    static Map<String, List<String>> rows(final String summary, final String heading)
    {
        final Map<String, List<String>> rows = new LinkedHashMap<>();
        final int start = summary.indexOf(heading);
        if (start < 0)
        {
            return rows;
        }
        final boolean latency = heading.equals(LATENCY);
        boolean inTable = false;
        for (final String line : summary.substring(start).split("\n"))
        {
            if (!line.startsWith("|"))
            {
                if (inTable)
                {
                    break;
                }
                continue;
            }
            inTable = true;
            final List<String> cells = new ArrayList<>();
            for (final String cell : line.substring(1).split("\\|", -1))
            {
                cells.add(cell.trim());
            }
            if (cells.size() < 4 || cells.get(0).startsWith("---") || cells.get(0).startsWith("subject") ||
                cells.get(0).startsWith("rate"))
            {
                continue;
            }
            rows.put(latency ? cells.get(0) + "/s, " + cells.get(1) : cells.get(0), cells);
        }
        return rows;
    }
}
