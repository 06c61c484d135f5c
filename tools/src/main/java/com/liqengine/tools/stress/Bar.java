package com.liqengine.tools.stress;

import java.math.BigDecimal;

/**
 * One kline of a price history: the bar's open time and length, and its four prices as written.
 *
 * @param file the file it was read from.
 * @param line its line there.
 * @param openTime UTC milliseconds.
 * @param length milliseconds until the next bar.
 * @param open first price.
 * @param high highest price.
 * @param low lowest price.
 * @param close last price.
 */
public record Bar(
    String file, int line, long openTime, long length, BigDecimal open, BigDecimal high, BigDecimal low,
    BigDecimal close)
{
}
