package com.liqengine.tools.stress;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.tools.simulate.EventView;
import com.liqengine.tools.simulate.FinalState;
import com.liqengine.tools.simulate.ModePolicy;
import com.liqengine.tools.simulate.ScenarioRunner;
import com.liqengine.tools.simulate.Simulation;
import com.liqengine.tools.simulate.Step;
import com.liqengine.tools.simulate.Units;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Runs one stress run through the simulator's runner (and so the real margin state machine) and watches the
 * engine after every step: each liquidation with its time and what the account lost, each trader's margin ratio
 * over time and its worst.
 */
public final class StressRunner implements ScenarioRunner.StepObserver
{
    private static final int PROGRESS_STEPS = 10;

    private final StressScenario built;
    private final Portfolio portfolio;
    private final DoubleConsumer progress;
    private final int instruments;
    private final long[] balance;
    private final long[] worst;
    private final long[] worstTime;
    private final LongArrayList[] sampleTimes;
    private final LongArrayList[] samples;
    private final List<RunOutcome.Liquidation> liquidations = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final int events;
    private int nextProgress;

    private StressRunner(final StressScenario built, final Portfolio portfolio, final DoubleConsumer progress)
    {
        this.built = built;
        this.portfolio = portfolio;
        this.progress = progress;
        final int traders = portfolio.traders().size();
        this.instruments = built.scenario().instruments().size();
        this.balance = new long[traders];
        this.worst = new long[traders];
        this.worstTime = new long[traders];
        this.sampleTimes = new LongArrayList[traders];
        this.samples = new LongArrayList[traders];
        for (int t = 0; t < traders; t++)
        {
            balance[t] = Units.toUnits(portfolio.traders().get(t).wallet(), Units.AMOUNT_DECIMALS);
            sampleTimes[t] = new LongArrayList();
            samples[t] = new LongArrayList();
        }
        this.events = built.scenario().events().size();
    }

    /**
     * Runs a stress run.
     *
     * @param inputs the checked inputs.
     * @param portfolio the portfolio to hold (the inputs' own, or a sweep's variant).
     * @param run which run.
     * @param progress told the fraction done now and then (for long histories), or null.
     * @return what happened.
     */
    public static RunOutcome run(
        final StressInputs inputs, final Portfolio portfolio, final StressRun run, final DoubleConsumer progress)
    {
        final StressScenario built = StressScenario.of(inputs, portfolio, run);
        final StressRunner runner = new StressRunner(built, portfolio, progress);
        final Simulation simulation = ScenarioRunner.run(built.scenario(), ModePolicy.AS_WRITTEN, runner);
        return runner.outcome(run, simulation);
    }

    @Override
    public boolean afterStep(final Step step, final MarginStateMachine engine)
    {
        if (step.event() == null)
        {
            // set-up: instruments, the fund, the deposits; accounts do not all exist yet
            return true;
        }
        final int number = step.event().number();
        final long time = built.time(number);
        boolean liquidated = false;
        for (final OutputRecord output : step.outputs())
        {
            switch (output.type())
            {
                case "LiquidationTriggered" ->
                {
                    liquidated = true;
                    // the ratio that liquidated it: after the step the position is gone and no sample shows it
                    addSample((int)output.get("accountId") - 1, output.get("marginRatio"), time);
                }
                case "UnderMarginedFill" -> notices.add(StressTime.utc(time) + ": account " + output.get("accountId")
                    + " could not fully margin its isolated open (" + EventView.of(output, engine) + ")");
                case "RequestRejected" -> notices.add(StressTime.utc(time) + ": the engine rejected "
                    + step.description() + ": " + EventView.of(output, engine).get("reason"));
                default ->
                {
                }
            }
        }
        for (int t = 0; t < balance.length; t++)
        {
            final long account = t + 1;
            final long now = balanceOf(engine, account);
            if (liquidated)
            {
                recordLiquidations(step, engine, account, time, balance[t] - now);
            }
            balance[t] = now;
            sample(engine, t, time);
        }
        if (progress != null && number * PROGRESS_STEPS >= (long)nextProgress * events)
        {
            progress.accept((double)number / events);
            nextProgress++;
        }
        return true;
    }

    private void recordLiquidations(
        final Step step, final MarginStateMachine engine, final long account, final long time, final long loss)
    {
        boolean first = true;
        for (final OutputRecord output : step.outputs())
        {
            if ("LiquidationTriggered".equals(output.type()) && output.get("accountId") == account)
            {
                final Map<String, Object> view = EventView.of(output, engine);
                liquidations.add(new RunOutcome.Liquidation(time, account, (String)view.get("symbol"), view,
                    Units.decimal(loss, Units.AMOUNT_DECIMALS), first));
                first = false;
            }
        }
    }

    /** Wallet plus every isolated pool: what a liquidation takes from the account. */
    private long balanceOf(final MarginStateMachine engine, final long account)
    {
        long sum = engine.crossWallet(account);
        for (int i = 0; i < instruments; i++)
        {
            sum += engine.isolatedMargin(account, i);
        }
        return sum;
    }

    /** The account's margin ratio now: that of its position closest to liquidation (its cross account's for cross). */
    private void sample(final MarginStateMachine engine, final int trader, final long time)
    {
        final long account = trader + 1;
        long ratio = -1;
        boolean crossDone = false;
        for (int i = 0; i < instruments; i++)
        {
            if (engine.positionSize(account, i) == 0)
            {
                continue;
            }
            // every cross position gives the same account ratio, and each costs a pass over the account
            final boolean cross = engine.marginMode(account, i) == MarginMode.CROSS;
            if (!cross || !crossDone)
            {
                ratio = Math.max(ratio, engine.marginRatio(account, i));
                crossDone |= cross;
            }
        }
        if (ratio < 0)
        {
            return;
        }
        addSample(trader, ratio, time);
    }

    private void addSample(final int trader, final long ratio, final long time)
    {
        noteRatio(trader, ratio, time);
        final LongArrayList times = sampleTimes[trader];
        final int last = times.size() - 1;
        if (last >= 0 && times.getLong(last) == time)
        {
            samples[trader].setLong(last, Math.max(samples[trader].getLong(last), ratio));
        }
        else
        {
            times.addLong(time);
            samples[trader].addLong(ratio);
        }
    }

    private void noteRatio(final int trader, final long ratio, final long time)
    {
        if (ratio > worst[trader])
        {
            worst[trader] = ratio;
            worstTime[trader] = time;
        }
    }

    private RunOutcome outcome(final StressRun run, final Simulation simulation)
    {
        final FinalState state = FinalState.of(simulation.engine());
        final List<RunOutcome.TraderOutcome> traders = new ArrayList<>();
        for (int t = 0; t < balance.length; t++)
        {
            final long account = t + 1;
            final FinalState.AccountState end = state.accounts().stream().filter(a -> a.id() == account).findFirst()
                .orElseThrow();
            final Portfolio.Trader trader = portfolio.traders().get(t);
            traders.add(new RunOutcome.TraderOutcome(account, trader.name(), trader.wallet(),
                worst[t] == Long.MAX_VALUE ? null : Units.decimal(worst[t], Units.AMOUNT_DECIMALS), worstTime[t],
                end.wallet(), end.equity(), sampleTimes[t].toLongArray(), samples[t].toLongArray()));
        }
        return new RunOutcome(run, simulation, List.copyOf(liquidations), List.copyOf(traders), List.copyOf(notices));
    }
}
