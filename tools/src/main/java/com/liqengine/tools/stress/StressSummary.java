package com.liqengine.tools.stress;

import com.liqengine.tools.simulate.TextTable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code liq stress --out DIR}: {@code summary.md}, the report's tables and words with the charts linked.
 */
public final class StressSummary
{
    private StressSummary()
    {
    }

    /**
     * Writes {@code summary.md}.
     *
     * @param dir the folder.
     * @param inputs what ran.
     * @param outcomes the runs.
     * @param sweep the leverage sweep, or null.
     * @param charts the chart files in {@code dir}.
     * @throws IOException when it cannot be written.
     */
    public static void write(
        final Path dir, final StressInputs inputs, final List<RunOutcome> outcomes, final LeverageSweep sweep,
        final List<String> charts) throws IOException
    {
        final StringBuilder md = new StringBuilder();
        md.append("# Stress test: ").append(inputs.portfolio().name()).append("\n\n");
        md.append(StressReport.heading(inputs)).append(".\n\n");
        for (final String warning : inputs.warnings())
        {
            md.append("- warning: ").append(warning).append('\n');
        }
        for (final RunOutcome outcome : outcomes)
        {
            md.append("\n## Run ").append(outcome.run().label()).append(": ").append(outcome.run().meaning())
                .append("\n\n");
            block(md, StressReport.liquidations(outcome));
            block(md, StressReport.traders(outcome));
        }
        md.append("\n## Isolated against cross\n\n");
        for (final String line : StressReport.comparison(inputs.portfolio(), outcomes))
        {
            md.append(line.startsWith(" ") ? "  - " + line.strip() : "- " + line).append('\n');
        }
        if (sweep != null)
        {
            md.append("\n## Leverage sweep\n\nThe highest whole leverage at which each position would have survived, "
                + "the others unchanged (none: liquidated even at 1x).\n\n");
            block(md, sweep.table());
        }
        md.append("\n## Charts\n\n");
        for (final String chart : charts)
        {
            md.append("![").append(chart).append("](").append(chart).append(")\n\n");
        }
        Files.writeString(dir.resolve("summary.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static void block(final StringBuilder md, final TextTable table)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        table.print(out, "");
        md.append("```\n").append(bytes.toString(StandardCharsets.UTF_8)).append("```\n\n");
    }
}
