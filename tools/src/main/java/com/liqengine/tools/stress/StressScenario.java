package com.liqengine.tools.stress;

import com.liqengine.codec.Side;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.tools.simulate.EventKind;
import com.liqengine.tools.simulate.Scenario;
import com.liqengine.tools.simulate.ScenarioAccount;
import com.liqengine.tools.simulate.ScenarioEvent;
import com.liqengine.tools.yaml.LiquidationSection;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A stress run written as a simulator scenario, so that it runs through the simulator's runner and the real state
 * machine: each trader an account with its wallet, each position's mode and leverage set first, its fill at its
 * symbol's first mark, then every mark and funding of the path. An event's number is its input's correlation id;
 * {@link #time(int)} gives the history's time of it.
 *
 * @param scenario the scenario.
 * @param times UTC milliseconds of each event, by event number (index 0: set-up).
 */
public record StressScenario(Scenario scenario, long[] times)
{
    /** Large enough never to run dry on these portfolios: the stress is on the traders, not on the fund. */
    static final BigDecimal INSURANCE_FUND = new BigDecimal("1000000000");

    /**
     * Writes one run as a scenario.
     *
     * @param inputs the checked inputs.
     * @param portfolio the portfolio (the inputs' own, or one with a leverage changed by the sweep).
     * @param run which run: decides each position's mode.
     * @return the scenario and the time of each event.
     */
    public static StressScenario of(final StressInputs inputs, final Portfolio portfolio, final StressRun run)
    {
        final MarkPath path = inputs.path();
        final List<ScenarioEvent> events = new ArrayList<>(path.events().size() + 8);
        final List<Long> setUpTimes = new ArrayList<>();
        final List<ScenarioAccount> accounts = new ArrayList<>();
        final long start = path.start();
        for (int t = 0; t < portfolio.traders().size(); t++)
        {
            final Portfolio.Trader trader = portfolio.traders().get(t);
            final long account = t + 1;
            accounts.add(new ScenarioAccount(trader.line(), account, trader.wallet()));
            for (final Portfolio.Position p : trader.positions())
            {
                events.add(new ScenarioEvent(events.size() + 1, p.line(), EventKind.MODE, account, p.symbol(), null,
                    null, null, null, null, null, run.mode(p.mode()), null, null));
                events.add(new ScenarioEvent(events.size() + 1, p.line(), EventKind.LEVERAGE, account, p.symbol(), null,
                    null, null, null, null, null, null, p.leverage(), null));
                setUpTimes.add(start);
                setUpTimes.add(start);
            }
        }
        final long[] times = new long[events.size() + path.events().size() + countPositions(portfolio) + 1];
        times[0] = start;
        for (int i = 0; i < setUpTimes.size(); i++)
        {
            times[i + 1] = setUpTimes.get(i);
        }
        for (final PathEvent e : path.events())
        {
            final String symbol = path.symbols().get(e.symbol());
            if (e.isFunding())
            {
                times[events.size() + 1] = e.time();
                events.add(new ScenarioEvent(events.size() + 1, 0, EventKind.FUNDING, null, symbol, null, null, null,
                    null, null, null, null, null, e.rate()));
                continue;
            }
            times[events.size() + 1] = e.time();
            events.add(new ScenarioEvent(events.size() + 1, 0, EventKind.MARK, null, symbol, null, null, e.price(),
                null, null, null, null, null, null));
            if (e.opening())
            {
                for (int t = 0; t < portfolio.traders().size(); t++)
                {
                    for (final Portfolio.Position p : portfolio.traders().get(t).positions())
                    {
                        if (p.symbol().equals(symbol))
                        {
                            times[events.size() + 1] = e.time();
                            events.add(new ScenarioEvent(events.size() + 1, p.line(), EventKind.FILL, t + 1L, symbol,
                                p.longSide() ? Side.BUY : Side.SELL, inputs.quantity(p), e.price(), null, null, null,
                                null, null, null));
                        }
                    }
                }
            }
        }
        // a market alone (liq feed --history) has no one to insure: it writes nothing into the running engine's fund
        final BigDecimal fund = accounts.isEmpty() ? BigDecimal.ZERO : INSURANCE_FUND;
        final Scenario scenario = new Scenario(inputs.instrumentsFile(), portfolio.name() + " (" + run.label() + ")",
            null, fund, inputs.instruments(), List.copyOf(accounts), events,
            // the runs: the fund takes a liquidated position over at once
            LiquidationSection.absent(LiquidationMode.TAKEOVER));
        return new StressScenario(scenario, times);
    }

    private static int countPositions(final Portfolio portfolio)
    {
        int n = 0;
        for (final Portfolio.Trader trader : portfolio.traders())
        {
            n += trader.positions().size();
        }
        return n;
    }

    /**
     * @param eventNumber an event's number (0 for set-up).
     * @return its time in UTC milliseconds.
     */
    public long time(final int eventNumber)
    {
        return times[eventNumber];
    }
}
