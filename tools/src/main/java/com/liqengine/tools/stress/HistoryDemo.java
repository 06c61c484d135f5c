package com.liqengine.tools.stress;

import com.liqengine.codec.MarginMode;
import com.liqengine.tools.demo.DemoInstrument;
import com.liqengine.tools.demo.DemoMarket;
import com.liqengine.tools.demo.MarketRegime;
import com.liqengine.tools.simulate.ScenarioInstrument;
import com.liqengine.tools.simulate.Units;
import com.liqengine.tools.yaml.YamlFileException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code liq demo --history}: the demo's accounts trade the instruments of the history files, and the marks follow
 * the real path ({@link HistoryTicks}).
 *
 * @param market the demo market.
 * @param ticks its marks.
 * @param description what the marks are, in a line.
 */
public record HistoryDemo(DemoMarket market, HistoryTicks ticks, String description)
{
    /** The share of the demo market's events that are marks (DemoMarket: 450 of 1,000). */
    private static final double MARK_SHARE = 0.45;

    /**
     * Builds the market.
     *
     * @param seed the market seed.
     * @param accounts accounts.
     * @param regime leverage choices.
     * @param history price files, {@code FILE} or {@code SYMBOL=FILE}.
     * @param instrumentsFile the instruments of those symbols.
     * @param events market events the demo will generate: the history is spread over them.
     * @param maxInstruments what the demo's engine holds.
     * @return the market.
     * @throws YamlFileException naming the file, the line and what is wrong.
     */
    public static HistoryDemo of(
        final long seed, final int accounts, final MarketRegime regime, final List<String> history,
        final Path instrumentsFile, final long events, final int maxInstruments)
    {
        final StressInputs inputs = StressInputs.market(history, instrumentsFile, List.of());
        final MarkPath path = inputs.path();
        if (path.symbols().size() > maxInstruments)
        {
            throw new YamlFileException(String.join(" ", history), 0, "the demo's engine holds " + maxInstruments
                + " instruments; these files are for " + path.symbols().size() + ": " + path.symbols());
        }
        final List<DemoInstrument> instruments = new ArrayList<>();
        for (int i = 0; i < inputs.instruments().size(); i++)
        {
            final ScenarioInstrument instrument = inputs.instruments().get(i);
            instruments.add(new DemoInstrument(instrument.spec(i, MarginMode.CROSS),
                Units.toUnits(path.openingPrice(i), instrument.priceDecimals()), 0));
        }
        final HistoryTicks ticks = new HistoryTicks(inputs, (long)(events * MARK_SHARE));
        final String description = String.format(Locale.ROOT, "marks follow the history of %s from %s to %s: its "
            + "%,d marks in order, with demo ticks inside each bar's range between them", String.join(", ",
            path.symbols()), StressTime.utc(path.start()), StressTime.utc(path.events().get(path.events().size() - 1)
            .time()), ticks.realMarks());
        return new HistoryDemo(new DemoMarket(seed, accounts, regime, List.copyOf(instruments), ticks), ticks,
            description);
    }
}
