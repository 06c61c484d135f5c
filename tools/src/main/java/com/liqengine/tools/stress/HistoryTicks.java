package com.liqengine.tools.stress;

import com.liqengine.tools.demo.MarkSource;
import com.liqengine.tools.simulate.ScenarioInstrument;
import com.liqengine.tools.simulate.Units;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The marks of {@code liq demo --history}: the stress path's marks in order (docs/stress.md), and between them, so
 * that a long demo spreads over the whole history, ticks of the demo's own, each drawn inside the current bar's
 * range of an instrument that has started: the real highs and lows are never exceeded.
 */
public final class HistoryTicks implements MarkSource
{
    private static final int MARKS_PER_BAR = 4;

    private final int[] instrument;
    private final long[] price;
    private final long[] barLow;
    private final long[] barHigh;
    private final long[] currentLow;
    private final long[] currentHigh;
    private final int ticksPerMark;
    private int cursor;
    private long count;
    private long lastPrice;

    /**
     * @param market the history and its instruments (instrument id = index in the path's symbols).
     * @param expectedTicks about how many marks the demo will ask for: the real marks are spread over them.
     */
    public HistoryTicks(final StressInputs market, final long expectedTicks)
    {
        final MarkPath path = market.path();
        final List<PathEvent> marks = path.events().stream().filter(e -> !e.isFunding()).toList();
        final int n = marks.size();
        instrument = new int[n];
        price = new long[n];
        barLow = new long[n];
        barHigh = new long[n];
        final int symbols = path.symbols().size();
        final int[][] barStart = new int[symbols][MARKS_PER_BAR];
        final int[] seen = new int[symbols];
        for (int i = 0; i < n; i++)
        {
            final PathEvent e = marks.get(i);
            final ScenarioInstrument spec = market.instruments().get(e.symbol());
            instrument[i] = e.symbol();
            price[i] = Units.toUnits(e.price(), spec.priceDecimals());
            // a bar's four marks include its low and high: its range is theirs, known once its last mark is read
            final int inBar = seen[e.symbol()]++ % MARKS_PER_BAR;
            barStart[e.symbol()][inBar] = i;
            if (inBar == MARKS_PER_BAR - 1)
            {
                long low = Long.MAX_VALUE;
                long high = Long.MIN_VALUE;
                for (final int m : barStart[e.symbol()])
                {
                    low = Math.min(low, price[m]);
                    high = Math.max(high, price[m]);
                }
                for (final int m : barStart[e.symbol()])
                {
                    barLow[m] = low;
                    barHigh[m] = high;
                }
            }
        }
        currentLow = new long[symbols];
        currentHigh = new long[symbols];
        ticksPerMark = (int)Math.max(1, Math.min(Integer.MAX_VALUE, expectedTicks / Math.max(1, n)));
    }

    @Override
    public int next(final SplittableRandom random)
    {
        count++;
        if (cursor < instrument.length && (count % ticksPerMark == 0 || cursor == 0))
        {
            final int i = cursor++;
            currentLow[instrument[i]] = barLow[i];
            currentHigh[instrument[i]] = barHigh[i];
            lastPrice = price[i];
            return instrument[i];
        }
        // an instrument that has started, a price inside its current bar
        int s = random.nextInt(currentLow.length);
        for (int tries = 0; currentHigh[s] == 0 && tries < currentLow.length; tries++)
        {
            s = (s + 1) % currentLow.length;
        }
        lastPrice = currentLow[s] + random.nextLong(currentHigh[s] - currentLow[s] + 1);
        return s;
    }

    @Override
    public long price()
    {
        return lastPrice;
    }

    /**
     * @return how many of the history's marks have been given so far.
     */
    public int realMarksGiven()
    {
        return cursor;
    }

    /**
     * @return the history's marks.
     */
    public int realMarks()
    {
        return instrument.length;
    }
}
