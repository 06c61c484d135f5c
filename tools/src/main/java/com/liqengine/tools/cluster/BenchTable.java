package com.liqengine.tools.cluster;

import java.util.List;
import java.util.Locale;

/**
 * The tables of {@code liq cluster bench} as Markdown: every run, the cost of syncing and of the cluster as ratios
 * of runs of the same kind, the failover, and the counts of inputs and acknowledgements.
 */
final class BenchTable
{
    private static final String SINGLE = "single process";

    private BenchTable()
    {
    }

    /**
     * @return the whole report.
     */
    static String render(
        final String header, final List<LoadResult> results, final FailoverResult failover, final List<String> notes)
    {
        final StringBuilder text = new StringBuilder();
        text.append("# liq cluster bench\n\n").append(header).append("\n\n");
        text.append("Round trips in µs: open loop from each input's planned send time (for the cluster to its APPLIED "
            + "acknowledgement at the client; for the single process to the end of its processing, outputs "
            + "written), closed loop from its send.\n\n");
        text.append("| subject | run | inputs | seconds | inputs/s | p50 | p90 | p99 | p99.9 | max | p50 / p99 from "
            + "the client's send | GCs (ms) | load (1, 5, 15 min) |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (final LoadResult r : results)
        {
            text.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %,.0f | %s | %s | %s | %s | %s | %s | %s "
                    + "| %s |\n", r.subject(), r.mode(), r.inputs(), r.seconds(), r.throughput(), us(r.micros(50)),
                us(r.micros(90)), us(r.micros(99)), us(r.micros(99.9)), us(r.maxMicros()),
                r.fromSend() == null ? "" : us(r.fromSend().getValueAtPercentile(50) / 1e3) + " / "
                    + us(r.fromSend().getValueAtPercentile(99) / 1e3), r.gc(), r.load()));
        }
        ratios(text, results);
        if (failover != null)
        {
            text.append("\n## Failover (the leader closed mid-run)\n\n");
            text.append("Times from the moment the leader's close began.\n\n");
            text.append("| leader closed | close took | another member LEADER | client told of the new leader | first "
                + "acknowledgement from it | inputs resent | of them duplicates | applied in the run |\n");
            text.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            text.append(String.format(Locale.ROOT, "| member %d, %.2f s in | %s | %s (member %d) | %s | %s | %,d | %,d "
                    + "| %,d |\n", failover.oldLeader(), failover.closedAfterNanos() / 1e9,
                FailoverResult.millis(failover.closeNanos()), FailoverResult.millis(failover.electedNanos()),
                failover.newLeader(), FailoverResult.millis(failover.toldNanos()),
                FailoverResult.millis(failover.firstAckNanos()), failover.resent(), failover.duplicates(),
                failover.applied()));
        }
        text.append("\n## Counts\n\n");
        for (final String note : notes)
        {
            text.append("- ").append(note).append('\n');
        }
        return text.toString();
    }

    /** Each cluster's runs against the single process's and the first cluster's of the same kind. */
    private static void ratios(final StringBuilder text, final List<LoadResult> results)
    {
        final String firstCluster = results.stream().map(LoadResult::subject).filter(s -> !s.equals(SINGLE))
            .findFirst().orElse(null);
        if (firstCluster == null)
        {
            return;
        }
        text.append("\n## Ratios of runs of the same kind in this run\n\n");
        text.append("| run | subject | against | p50 | p99 | p99.9 | inputs/s |\n");
        text.append("|---|---|---|---:|---:|---:|---:|\n");
        for (final LoadResult r : results)
        {
            if (r.subject().equals(SINGLE) || r.mode().endsWith("leader closed"))
            {
                continue;
            }
            ratio(text, r, find(results, SINGLE, r.mode()));
            if (!r.subject().equals(firstCluster))
            {
                ratio(text, r, find(results, firstCluster, r.mode()));
            }
        }
    }

    private static void ratio(final StringBuilder text, final LoadResult r, final LoadResult against)
    {
        if (against == null)
        {
            return;
        }
        text.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2fx | %.2fx | %.2fx | %.2fx |\n", r.mode(),
            r.subject(), against.subject(), r.micros(50) / against.micros(50), r.micros(99) / against.micros(99),
            r.micros(99.9) / against.micros(99.9), r.throughput() / against.throughput()));
    }

    private static LoadResult find(final List<LoadResult> results, final String subject, final String mode)
    {
        return results.stream().filter(r -> r.subject().equals(subject) && r.mode().equals(mode)).findFirst()
            .orElse(null);
    }

    /**
     * @return a file name for a run's histogram.
     */
    static String fileName(final LoadResult result)
    {
        return (result.subject() + "-" + result.mode()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    }

    private static String us(final double micros)
    {
        return micros >= 100 ? String.format(Locale.ROOT, "%,.0f", micros)
            : String.format(Locale.ROOT, "%.1f", micros);
    }
}
