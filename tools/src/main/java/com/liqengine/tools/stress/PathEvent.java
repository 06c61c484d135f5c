package com.liqengine.tools.stress;

import java.math.BigDecimal;

/**
 * One input of the price path: a mark (on the instrument's tick) or a funding settlement.
 *
 * @param time UTC milliseconds.
 * @param symbol index of the symbol in the path's symbol list.
 * @param price the mark, or null for funding.
 * @param rate the funding rate, or null for a mark.
 * @param opening true for the first mark of a symbol: its positions open at this price.
 */
public record PathEvent(long time, int symbol, BigDecimal price, BigDecimal rate, boolean opening)
{
    /**
     * @return true for a funding settlement.
     */
    public boolean isFunding()
    {
        return rate != null;
    }
}
