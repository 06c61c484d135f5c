package com.liqengine.account;

/**
 * Every instrument's mark price and value factor in two flat arrays by instrument id, kept in step by
 * {@link Instrument}'s setters: a walk over a cross account's slots (its sums, its bands) reads them here instead
 * of from one {@link Instrument} object per position, a few lines for all instead of a line or two each.
 */
public final class InstrumentMarks
{
    public final long[] markPrice;
    public final long[] valueFactor;

    public InstrumentMarks(final int maxInstruments)
    {
        this.markPrice = new long[maxInstruments];
        this.valueFactor = new long[maxInstruments];
    }
}
