package com.liqengine.tools.stress;

import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stress test holds through the history: one trader (an account), or several side by side.
 *
 * @param file where it was read from.
 * @param name its name.
 * @param traders one or more; trader {@code i} is account {@code i + 1}.
 */
public record Portfolio(String file, String name, List<Trader> traders)
{
    /**
     * One trader: a deposit and the positions opened at the start of the history.
     *
     * @param line where it is written.
     * @param name the trader's name.
     * @param wallet the deposit.
     * @param positions one per symbol.
     */
    public record Trader(int line, String name, BigDecimal wallet, List<Position> positions)
    {
        /**
         * @param positions the replacement positions.
         * @return the same trader holding other positions.
         */
        public Trader with(final List<Position> positions)
        {
            return new Trader(line, name, wallet, positions);
        }
    }

    /**
     * One position as the portfolio gives it.
     *
     * @param line where it is written.
     * @param symbol instrument.
     * @param longSide true for long, false for short.
     * @param notional what it is worth at the open, in the settlement asset.
     * @param leverage whole leverage.
     * @param mode its margin mode in the as-given run.
     */
    public record Position(int line, String symbol, boolean longSide, BigDecimal notional, int leverage,
        MarginMode mode)
    {
        /**
         * @return long or short.
         */
        public String side()
        {
            return longSide ? "long" : "short";
        }
    }

    /**
     * @return every symbol held, in the order each first appears.
     */
    public List<String> symbols()
    {
        final List<String> symbols = new ArrayList<>();
        for (final Trader trader : traders)
        {
            for (final Position position : trader.positions())
            {
                if (!symbols.contains(position.symbol()))
                {
                    symbols.add(position.symbol());
                }
            }
        }
        return symbols;
    }

    /**
     * The same portfolio with one position's leverage changed (the leverage sweep).
     *
     * @param trader the trader's index.
     * @param position the position's index.
     * @param leverage the new leverage.
     * @return the changed portfolio.
     */
    public Portfolio withLeverage(final int trader, final int position, final int leverage)
    {
        final List<Trader> changed = new ArrayList<>(traders);
        final List<Position> positions = new ArrayList<>(traders.get(trader).positions());
        final Position p = positions.get(position);
        positions.set(position, new Position(p.line(), p.symbol(), p.longSide(), p.notional(), leverage, p.mode()));
        changed.set(trader, traders.get(trader).with(List.copyOf(positions)));
        return new Portfolio(file, name, List.copyOf(changed));
    }
}
