package com.liqengine.tools.demo;

import java.util.SplittableRandom;

/**
 * Where the demo market's marks come from instead of its random walk: real price history ({@code liq demo
 * --history}, docs/stress.md).
 */
public interface MarkSource
{
    /**
     * Moves to the next mark.
     *
     * @param random the market's random numbers, for any ticks the source draws itself.
     * @return the instrument of the mark; its price is then {@link #price()}.
     */
    int next(SplittableRandom random);

    /**
     * @return the price of the mark {@link #next(SplittableRandom)} chose, in price units on the tick.
     */
    long price();
}
