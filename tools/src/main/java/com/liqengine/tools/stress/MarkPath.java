package com.liqengine.tools.stress;

import com.liqengine.tools.yaml.YamlFileException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fixed price path of a stress run (docs/stress.md), so that results can be checked by hand: every bar gives
 * four marks, its open; its low then high if it closed at or above its open, else its high then low; its close,
 * at the bar's open time plus 0, ¼, ½ and ¾ of its length. Symbols are merged by time (at equal times in the
 * order of the symbol list, a mark before a funding settlement). Prices off the tick are rounded to the nearest
 * tick, half up, and counted.
 *
 * @param symbols the symbols, in order.
 * @param events marks and funding in time order.
 * @param roundedPrices marks that were not on their tick.
 * @param fundingOutside funding settlements outside their symbol's history, left out.
 */
public record MarkPath(List<String> symbols, List<PathEvent> events, int roundedPrices, int fundingOutside)
{
    private static final int MARKS_PER_BAR = 4;

    /**
     * Builds the path.
     *
     * @param histories per symbol, in the order of the symbol list.
     * @param ticks each symbol's tick size, same order.
     * @param funding settlements of any of these symbols (others are left out).
     * @return the path.
     * @throws YamlFileException when a price is below half a tick.
     */
    public static MarkPath of(
        final List<SymbolHistory> histories, final List<BigDecimal> ticks, final List<FundingCsv.Settlement> funding)
    {
        final List<String> symbols = new ArrayList<>();
        histories.forEach(h -> symbols.add(h.symbol()));
        final List<PathEvent> events = new ArrayList<>();
        int rounded = 0;
        for (int s = 0; s < histories.size(); s++)
        {
            final BigDecimal tick = ticks.get(s);
            boolean first = true;
            for (final Bar bar : histories.get(s).bars())
            {
                final BigDecimal[] prices = marks(bar);
                for (int m = 0; m < MARKS_PER_BAR; m++)
                {
                    final BigDecimal price = onTick(bar, prices[m], tick);
                    rounded += price.compareTo(prices[m]) == 0 ? 0 : 1;
                    events.add(new PathEvent(bar.openTime() + bar.length() * m / MARKS_PER_BAR, s, price, null,
                        first));
                    first = false;
                }
            }
        }
        int outside = 0;
        for (final FundingCsv.Settlement settlement : funding)
        {
            final int s = symbols.indexOf(settlement.symbol());
            if (s < 0)
            {
                continue;
            }
            final SymbolHistory history = histories.get(s);
            if (settlement.time() < history.start() || settlement.time() >= history.end())
            {
                outside++;
                continue;
            }
            events.add(new PathEvent(settlement.time(), s, null, settlement.rate(), false));
        }
        // stable: a symbol's own marks keep their order; at equal times symbols in list order, marks before funding
        events.sort(Comparator.comparingLong(PathEvent::time)
            .thenComparing(PathEvent::isFunding)
            .thenComparingInt(PathEvent::symbol));
        return new MarkPath(List.copyOf(symbols), List.copyOf(events), rounded, outside);
    }

    /** The bar's four marks in path order. */
    static BigDecimal[] marks(final Bar bar)
    {
        final boolean up = bar.close().compareTo(bar.open()) >= 0;
        return new BigDecimal[] {bar.open(), up ? bar.low() : bar.high(), up ? bar.high() : bar.low(), bar.close()};
    }

    private static BigDecimal onTick(final Bar bar, final BigDecimal price, final BigDecimal tick)
    {
        final BigDecimal ticks = price.divide(tick, 0, RoundingMode.HALF_UP);
        if (ticks.signum() <= 0)
        {
            throw new YamlFileException(bar.file(), bar.line(), "price " + price.toPlainString() + " is below half "
                + "the instrument's tick " + tick.toPlainString());
        }
        return ticks.multiply(tick);
    }

    /**
     * @param symbol a symbol's index.
     * @return its first mark: where its positions open.
     */
    public BigDecimal openingPrice(final int symbol)
    {
        for (final PathEvent e : events)
        {
            if (e.symbol() == symbol && e.opening())
            {
                return e.price();
            }
        }
        throw new IllegalArgumentException("no mark of symbol " + symbol);
    }

    /**
     * @return the time of the first event.
     */
    public long start()
    {
        return events.get(0).time();
    }

    /**
     * @return the number of marks.
     */
    public long markCount()
    {
        return events.stream().filter(e -> !e.isFunding()).count();
    }
}
