package com.liqengine.tools.stress;

import java.util.List;

/**
 * The price history of one symbol: its bars from one or more files, in time order, without overlaps.
 *
 * @param symbol the instrument symbol.
 * @param bars in time order.
 * @param missingBars bars missing between consecutive bars (gaps), a warning.
 */
public record SymbolHistory(String symbol, List<Bar> bars, long missingBars)
{
    /**
     * @return open time of the first bar.
     */
    public long start()
    {
        return bars.get(0).openTime();
    }

    /**
     * @return end of the last bar (its open time plus its length).
     */
    public long end()
    {
        final Bar last = bars.get(bars.size() - 1);
        return last.openTime() + last.length();
    }
}
