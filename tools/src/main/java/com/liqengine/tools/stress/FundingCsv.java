package com.liqengine.tools.stress;

import com.liqengine.tools.simulate.Units;
import com.liqengine.tools.yaml.YamlFileException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a funding file, {@code funding_time,funding_rate} (with or without that header): the rate of each
 * settlement of one symbol, positive when longs pay shorts.
 */
public final class FundingCsv
{
    private FundingCsv()
    {
    }

    /**
     * One funding settlement.
     *
     * @param symbol the instrument.
     * @param time UTC milliseconds.
     * @param rate the rate, at most 8 decimals.
     */
    public record Settlement(String symbol, long time, BigDecimal rate)
    {
    }

    /**
     * Reads one file.
     *
     * @param name the file and its symbol.
     * @return its settlements in time order.
     * @throws YamlFileException naming the file, the line and what is wrong.
     */
    public static List<Settlement> read(final HistoryFileName name)
    {
        final CsvFile csv = CsvFile.read(name.path(), 2, "funding_time, funding_rate");
        final List<Settlement> settlements = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (final CsvFile.Row row : csv.rows())
        {
            final long time = csv.time(row, 0, "funding_time");
            if (time <= previous)
            {
                throw csv.error(row, "funding_time " + time + " is not after the settlement before it: times must go "
                    + "forward");
            }
            previous = time;
            final BigDecimal rate = csv.decimal(row, 1, "funding_rate");
            if (rate.stripTrailingZeros().scale() > Units.AMOUNT_DECIMALS || rate.abs().compareTo(BigDecimal.ONE) > 0)
            {
                throw csv.error(row, "'funding_rate' must be between -1 and 1 with at most " + Units.AMOUNT_DECIMALS
                    + " decimals, not " + rate.toPlainString());
            }
            settlements.add(new Settlement(name.symbol(), time, rate));
        }
        return settlements;
    }
}
