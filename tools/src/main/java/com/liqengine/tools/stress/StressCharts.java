package com.liqengine.tools.stress;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code liq stress --out DIR}: PNG charts: each symbol's price in % from its open with the liquidations of each
 * run marked, and each trader's margin ratio over time in each run. Time is in hours from the history's start.
 */
public final class StressCharts
{
    private static final double MILLIS_PER_HOUR = 3_600_000.0;
    /** An infinite margin ratio (equity ≤ 0) is drawn at this height, in %. */
    private static final double INFINITE_RATIO_PERCENT = 250;
    private static final double RATIO_UNITS_PER_PERCENT = 1_000_000.0;
    private static final int MAX_POINTS = 4_000;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 520;

    private StressCharts()
    {
    }

    /**
     * Writes the charts.
     *
     * @param dir the folder (exists).
     * @param inputs what ran.
     * @param outcomes the runs.
     * @return the files written, relative to {@code dir}.
     * @throws IOException when a file cannot be written.
     */
    public static List<String> write(final Path dir, final StressInputs inputs, final List<RunOutcome> outcomes)
        throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final List<String> files = new ArrayList<>();
        final MarkPath path = inputs.path();
        for (int s = 0; s < path.symbols().size(); s++)
        {
            files.add(save(dir, "price-" + path.symbols().get(s), priceChart(inputs, outcomes, s)));
        }
        for (final RunOutcome.TraderOutcome trader : outcomes.get(0).traders())
        {
            files.add(save(dir, "margin-ratio-account-" + trader.account(), ratioChart(inputs, outcomes,
                trader.account())));
        }
        return files;
    }

    private static XYChart priceChart(final StressInputs inputs, final List<RunOutcome> outcomes, final int s)
    {
        final MarkPath path = inputs.path();
        final String symbol = path.symbols().get(s);
        final BigDecimal open = inputs.openingPrice(symbol);
        final XYChart chart = chart(symbol + ": mark in % from the open " + open.toPlainString() + ", liquidations "
            + "of each run", "% from the open");
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        for (final PathEvent e : path.events())
        {
            if (e.symbol() == s && !e.isFunding())
            {
                x.add(hours(path, e.time()));
                y.add(percentFrom(open, new BigDecimal(e.price().toPlainString())));
            }
        }
        series(chart, symbol + " mark", x, y);
        for (final RunOutcome outcome : outcomes)
        {
            final List<Double> lx = new ArrayList<>();
            final List<Double> ly = new ArrayList<>();
            for (final RunOutcome.Liquidation l : outcome.liquidations())
            {
                if (l.symbol().equals(symbol))
                {
                    lx.add(hours(path, l.time()));
                    ly.add(percentFrom(open, new BigDecimal(l.field("mark"))));
                }
            }
            if (!lx.isEmpty())
            {
                final XYSeries series = chart.addSeries("liquidated, " + outcome.run().label() + " run", lx, ly);
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                series.setMarker(outcome.run() == StressRun.AS_GIVEN ? SeriesMarkers.CIRCLE :
                    outcome.run() == StressRun.ISOLATED ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
            }
        }
        return chart;
    }

    private static XYChart ratioChart(final StressInputs inputs, final List<RunOutcome> outcomes, final long account)
    {
        final RunOutcome.TraderOutcome first = outcomes.get(0).traders().get((int)account - 1);
        final XYChart chart = chart(first.name() + ": margin ratio (100% = liquidated; infinite drawn at "
            + (int)INFINITE_RATIO_PERCENT + "%)", "margin ratio, %");
        for (final RunOutcome outcome : outcomes)
        {
            final RunOutcome.TraderOutcome t = outcome.traders().get((int)account - 1);
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            for (int i = 0; i < t.ratios().length; i++)
            {
                x.add(hours(inputs.path(), t.ratioTimes()[i]));
                y.add(t.ratios()[i] == Long.MAX_VALUE ? INFINITE_RATIO_PERCENT :
                    Math.min(INFINITE_RATIO_PERCENT, t.ratios()[i] / RATIO_UNITS_PER_PERCENT));
            }
            if (!x.isEmpty())
            {
                series(chart, outcome.run().label() + " run", x, y);
            }
        }
        return chart;
    }

    private static XYChart chart(final String title, final String yTitle)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("hours from the start of the history (UTC)").yAxisTitle(yTitle).build();
        chart.getStyler().setMarkerSize(9);
        return chart;
    }

    private static void line(final XYSeries series)
    {
        series.setMarker(SeriesMarkers.NONE);
    }

    /**
     * At most {@link #MAX_POINTS} points, so that a long history still draws quickly; each bucket of points keeps
     * its lowest and its highest, so that the real extremes (the crash) stay on the chart.
     */
    private static void series(final XYChart chart, final String name, final List<Double> x, final List<Double> y)
    {
        final int bucket = Math.max(1, 2 * x.size() / MAX_POINTS);
        if (bucket <= 2)
        {
            line(chart.addSeries(name, x, y));
            return;
        }
        final List<Double> kx = new ArrayList<>();
        final List<Double> ky = new ArrayList<>();
        for (int from = 0; from < x.size(); from += bucket)
        {
            final int to = Math.min(x.size(), from + bucket);
            int low = from;
            int high = from;
            for (int i = from; i < to; i++)
            {
                low = y.get(i) < y.get(low) ? i : low;
                high = y.get(i) > y.get(high) ? i : high;
            }
            kx.add(x.get(Math.min(low, high)));
            ky.add(y.get(Math.min(low, high)));
            if (low != high)
            {
                kx.add(x.get(Math.max(low, high)));
                ky.add(y.get(Math.max(low, high)));
            }
        }
        line(chart.addSeries(name, kx, ky));
    }

    private static double hours(final MarkPath path, final long time)
    {
        return (time - path.start()) / MILLIS_PER_HOUR;
    }

    private static double percentFrom(final BigDecimal open, final BigDecimal price)
    {
        return price.subtract(open).divide(open, MathContext.DECIMAL64).doubleValue() * 100;
    }

    private static String save(final Path dir, final String name, final XYChart chart) throws IOException
    {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name + ".png";
    }
}
