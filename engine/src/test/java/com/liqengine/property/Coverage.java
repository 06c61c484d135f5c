package com.liqengine.property;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the runs of a property exercised: for each label, in how many runs it happened. Printed after the
 * property, and checked against a minimum share so that the property cannot pass vacuously.
 */
final class Coverage
{
    private final String property;
    private final Map<String, Integer> happened = new LinkedHashMap<>();
    private int runs;

    Coverage(final String property)
    {
        this.property = property;
    }

    /** Counts one run of the property; call once per run, then {@link #collect} each label of it. */
    void run()
    {
        runs++;
    }

    void collect(final String label, final boolean happenedInRun)
    {
        happened.merge(label, happenedInRun ? 1 : 0, Integer::sum);
    }

    /** Prints the share of runs of each label, e.g. "isolated liquidation 84%". */
    void report()
    {
        final StringJoiner shares = new StringJoiner(", ");
        happened.forEach((label, count) -> shares.add(label + " " + Math.round(percentage(label)) + "%"));
        System.out.println(property + " (" + runs + " runs): " + shares);
    }

    void require(final String label, final int minimumPercent)
    {
        assertThat(percentage(label)).as("%s: runs with %s, %%", property, label)
            .isGreaterThanOrEqualTo((double)minimumPercent);
    }

    private double percentage(final String label)
    {
        return runs == 0 ? 0 : 100.0 * happened.getOrDefault(label, 0) / runs;
    }
}
