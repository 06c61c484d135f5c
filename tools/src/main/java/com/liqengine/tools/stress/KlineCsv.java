package com.liqengine.tools.stress;

import com.liqengine.tools.yaml.YamlFileException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a price file in Binance's public kline CSV layout (docs/stress.md): {@code open_time, open, high, low,
 * close, ...} with or without its header line, times in milliseconds or microseconds; only the first five columns
 * are read. A last-price and a mark-price kline file read the same way.
 */
public final class KlineCsv
{
    private static final String COLUMNS = "open_time, open, high, low, close";

    private KlineCsv()
    {
    }

    /**
     * Reads one file.
     *
     * @param name the file and its symbol.
     * @return its bars in order, each as long as the shortest step between two bars (or as the file name says,
     *     for a one-bar file): a gap is missing bars, not a longer bar.
     * @throws YamlFileException naming the file, the line and what is wrong.
     */
    public static List<Bar> read(final HistoryFileName name)
    {
        final CsvFile csv = CsvFile.read(name.path(), 5, COLUMNS);
        final List<CsvFile.Row> rows = csv.rows();
        final long[] times = new long[rows.size()];
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i < rows.size(); i++)
        {
            times[i] = csv.time(rows.get(i), 0, "open_time");
            if (i > 0)
            {
                if (times[i] <= times[i - 1])
                {
                    throw csv.error(rows.get(i), "open_time " + times[i] + " is not after the bar before it ("
                        + times[i - 1] + " at line " + rows.get(i - 1).line() + "): times must go forward");
                }
                shortest = Math.min(shortest, times[i] - times[i - 1]);
            }
        }
        final long length = rows.size() > 1 ? shortest : name.intervalMillis();
        if (length <= 0)
        {
            throw new YamlFileException(csv.file(), rows.get(0).line(), "one bar and no interval in the file name "
                + "(like _1m or -5m): cannot tell how long the bar is");
        }
        final List<Bar> bars = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++)
        {
            bars.add(bar(csv, rows.get(i), times[i], length));
        }
        return bars;
    }

    private static Bar bar(final CsvFile csv, final CsvFile.Row row, final long time, final long length)
    {
        final BigDecimal open = csv.positive(row, 1, "open");
        final BigDecimal high = csv.positive(row, 2, "high");
        final BigDecimal low = csv.positive(row, 3, "low");
        final BigDecimal close = csv.positive(row, 4, "close");
        if (high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0)
        {
            throw csv.error(row, "the bar's high " + high.toPlainString() + " and low " + low.toPlainString()
                + " must enclose its open " + open.toPlainString() + " and close " + close.toPlainString());
        }
        return new Bar(csv.file(), row.line(), time, length, open, high, low, close);
    }
}
