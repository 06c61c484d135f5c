package com.liqengine.tools.stress;

import com.liqengine.tools.simulate.Scenario;
import com.liqengine.tools.simulate.ScenarioInstrument;
import com.liqengine.tools.simulate.ScenarioLoader;
import com.liqengine.tools.yaml.YamlFileException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a stress test reads, checked against each other: the portfolio, the instruments of its symbols (in
 * the order they first appear in the portfolio, which is also their instrument id), and the price path.
 *
 * @param portfolio the portfolio.
 * @param instrumentsFile where the instruments were read.
 * @param instruments one per portfolio symbol, in portfolio order.
 * @param path the marks and funding.
 * @param warnings what the user should know (gaps, rounded prices, unused history).
 */
public record StressInputs(
    Portfolio portfolio, String instrumentsFile, List<ScenarioInstrument> instruments, MarkPath path,
    List<String> warnings)
{
    /**
     * Reads and checks the inputs.
     *
     * @param portfolioFile the portfolio.
     * @param history price files, {@code FILE} or {@code SYMBOL=FILE}.
     * @param instrumentsFile an {@code instruments:} list as in a scenario file.
     * @param funding funding files, {@code FILE} or {@code SYMBOL=FILE}.
     * @return the inputs.
     * @throws YamlFileException naming the file, the line and what is wrong.
     */
    public static StressInputs load(
        final Path portfolioFile, final List<String> history, final Path instrumentsFile, final List<String> funding)
    {
        return of(PortfolioLoader.load(portfolioFile), history, instrumentsFile, funding);
    }

    /**
     * The market alone, without a portfolio ({@code liq feed --history}, {@code liq demo --history}): every symbol
     * of the history, in the order its files are given.
     *
     * @param history price files, {@code FILE} or {@code SYMBOL=FILE}.
     * @param instrumentsFile an {@code instruments:} list as in a scenario file.
     * @param funding funding files, {@code FILE} or {@code SYMBOL=FILE}.
     * @return the inputs, with a portfolio of no traders.
     * @throws YamlFileException naming the file, the line and what is wrong.
     */
    public static StressInputs market(
        final List<String> history, final Path instrumentsFile, final List<String> funding)
    {
        return of(new Portfolio("--history", "the market", List.of()), history, instrumentsFile, funding);
    }

    private static StressInputs of(
        final Portfolio portfolio, final List<String> history, final Path instrumentsFile, final List<String> funding)
    {
        final Scenario defined = ScenarioLoader.load(instrumentsFile);
        final Map<String, SymbolHistory> histories = PriceHistory.load(history);
        final List<FundingCsv.Settlement> settlements = new ArrayList<>();
        for (final String file : funding)
        {
            settlements.addAll(FundingCsv.read(HistoryFileName.of(file)));
        }
        final List<String> warnings = new ArrayList<>();
        final List<ScenarioInstrument> instruments = new ArrayList<>();
        final List<SymbolHistory> held = new ArrayList<>();
        final List<BigDecimal> ticks = new ArrayList<>();
        final List<String> symbols =
            portfolio.traders().isEmpty() ? List.copyOf(histories.keySet()) : portfolio.symbols();
        for (final String symbol : symbols)
        {
            final int id = defined.instrumentId(symbol);
            if (id < 0)
            {
                throw new YamlFileException(portfolio.file(), line(portfolio, symbol), "no instrument " + symbol
                    + " in " + instrumentsFile + " (give its tiers there or with --instruments)");
            }
            if (!histories.containsKey(symbol))
            {
                throw new YamlFileException(portfolio.file(), line(portfolio, symbol), "no history for " + symbol
                    + " (give its price file with --history; files given are for "
                    + String.join(", ", histories.keySet()) + ")");
            }
            instruments.add(defined.instruments().get(id));
            held.add(histories.get(symbol));
            ticks.add(defined.instruments().get(id).tickSize());
        }
        histories.forEach((symbol, h) ->
        {
            if (!held.contains(h))
            {
                warnings.add("the history of " + symbol + " is not used: the portfolio holds no " + symbol);
            }
            else if (h.missingBars() > 0)
            {
                warnings.add(symbol + ": " + h.missingBars() + " bars missing in gaps of its history; the path "
                    + "jumps over them");
            }
        });
        final MarkPath path = MarkPath.of(held, ticks, settlements);
        if (path.roundedPrices() > 0)
        {
            warnings.add(path.roundedPrices() + " of " + path.markCount() + " marks were not on their "
                + "instrument's tick and were rounded to the nearest tick (half up)");
        }
        if (path.fundingOutside() > 0)
        {
            warnings.add(path.fundingOutside() + " funding settlements fall outside the history and were left out");
        }
        final StressInputs inputs =
            new StressInputs(portfolio, instrumentsFile.toString(), List.copyOf(instruments), path, warnings);
        inputs.checkPositions(portfolio);
        return inputs;
    }

    /** The line of the first position in the symbol, or 0 for a market without portfolio. */
    private static int line(final Portfolio portfolio, final String symbol)
    {
        for (final Portfolio.Trader trader : portfolio.traders())
        {
            for (final Portfolio.Position p : trader.positions())
            {
                if (p.symbol().equals(symbol))
                {
                    return p.line();
                }
            }
        }
        return 0;
    }

    /** A leverage above the first tier's, or a notional below one step at the open, is the portfolio's error. */
    private void checkPositions(final Portfolio checked)
    {
        for (final Portfolio.Trader trader : checked.traders())
        {
            for (final Portfolio.Position p : trader.positions())
            {
                final int max = maxLeverage(p.symbol());
                if (p.leverage() > max)
                {
                    throw new YamlFileException(checked.file(), p.line(), p.symbol() + " leverage " + p.leverage()
                        + " is above its first tier's maximum " + max);
                }
                if (quantity(p).signum() == 0)
                {
                    throw new YamlFileException(checked.file(), p.line(), p.symbol() + " notional "
                        + p.notional().toPlainString() + " buys less than one step (" + instrument(p.symbol())
                        .stepSize().toPlainString() + ") at the open " + openingPrice(p.symbol()).toPlainString());
                }
            }
        }
    }

    /**
     * @param symbol a portfolio symbol.
     * @return its instrument.
     */
    public ScenarioInstrument instrument(final String symbol)
    {
        return instruments.get(path.symbols().indexOf(symbol));
    }

    /**
     * @param symbol a portfolio symbol.
     * @return the highest leverage of its first tier.
     */
    public int maxLeverage(final String symbol)
    {
        return instrument(symbol).tiers().get(0).maxLeverage();
    }

    /**
     * @param symbol a portfolio symbol.
     * @return its first mark: where its positions open.
     */
    public BigDecimal openingPrice(final String symbol)
    {
        return path.openingPrice(path.symbols().indexOf(symbol));
    }

    /**
     * @param position a position.
     * @return its quantity: notional / open, rounded down to the step.
     */
    public BigDecimal quantity(final Portfolio.Position position)
    {
        final BigDecimal step = instrument(position.symbol()).stepSize();
        final BigDecimal steps =
            position.notional().divide(openingPrice(position.symbol()).multiply(step), 0, RoundingMode.DOWN);
        return steps.multiply(step);
    }
}
