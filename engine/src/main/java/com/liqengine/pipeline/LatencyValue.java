package com.liqengine.pipeline;

/**
 * What the counters file holds of each {@link LatencyStage}: the last interval's count and percentiles, in ns,
 * and totals since the engine started. Each is a counter labelled {@code latency STAGE VALUE}
 * ({@link #label(LatencyStage)}), of type {@link #TYPE_ID}, so a reader can tell them from the event counters.
 */
public enum LatencyValue
{
    /** Inputs recorded in the last interval. */
    INTERVAL_COUNT("interval count", Double.NaN, Double.NaN),
    /** The last interval's median, ns. */
    P50("p50 ns", 50.0, 0.5),
    /** The last interval's 99th percentile, ns. */
    P99("p99 ns", 99.0, 0.99),
    /** The last interval's 99.9th percentile, ns. */
    P999("p99.9 ns", 99.9, 0.999),
    /** The last interval's largest value, ns. */
    MAX("max ns", 100.0, 1.0),
    /** Inputs recorded since the engine started. */
    TOTAL("total", Double.NaN, Double.NaN),
    /** Inputs not recorded since the engine started: latency negative or above an hour. */
    OUT_OF_RANGE("out of range", Double.NaN, Double.NaN);

    /** Type id of the latency counters in the counters file (the event counters have type 0). */
    public static final int TYPE_ID = 1;

    private final String suffix;
    private final double percentile;
    private final double quantile;

    // both written out: 99.9 / 100 in doubles is not 0.999, and a Prometheus label must read 0.999
    LatencyValue(final String suffix, final double percentile, final double quantile)
    {
        this.suffix = suffix;
        this.percentile = percentile;
        this.quantile = quantile;
    }

    /**
     * @param stage which latency.
     * @return the counter's label, e.g. {@code latency commit-to-applied p99 ns}.
     */
    public String label(final LatencyStage stage)
    {
        return "latency " + stage.word() + " " + suffix;
    }

    /**
     * @return the percentile this value is (100 for the maximum), or NaN for a count.
     */
    public double percentile()
    {
        return percentile;
    }

    /**
     * @return the same as a quantile, from 0 to 1 (1 for the maximum), or NaN for a count.
     */
    public double quantile()
    {
        return quantile;
    }

    /**
     * @return whether this value is a percentile of the last interval (or its maximum).
     */
    public boolean isPercentile()
    {
        return !Double.isNaN(percentile);
    }
}
