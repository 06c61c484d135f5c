package com.liqengine.margin;

/**
 * Every instrument's mark price and value factor side by side in one flat array by instrument id, kept in step by
 * {@link Instrument}'s setters: a walk over a cross account's slots (its sums, its bands) reads them here instead
 * of from one {@link Instrument} object per position, one line for both (four instruments a line) instead of a
 * line or two each.
 */
final class InstrumentMarks
{
    /** Offset of the mark price from {@link #at}. */
    static final int MARK = 0;
    /** Offset of the value factor from {@link #at}. */
    static final int FACTOR = 1;

    /** Mark price and value factor of instrument {@code i} at {@code 2i} and {@code 2i + 1}. */
    final long[] words;

    InstrumentMarks(final int maxInstruments)
    {
        this.words = new long[maxInstruments * 2];
    }

    /** Where the instrument's two words start. */
    static int at(final int instrumentId)
    {
        return instrumentId << 1;
    }
}
