package com.liqengine.tools.simulate;

import com.liqengine.tools.yaml.YamlFileException;
import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a scenario through the real margin state machine: encodes each event as the SBE input the pipeline
 * would carry, applies it, and keeps the outputs per event. The correlation id of an event's input is its
 * number in the scenario (0 for set-up), so every output names the event that caused it.
 */
public final class ScenarioRunner
{
    private static final int SPARE_ACCOUNTS = 16;

    private final Scenario scenario;
    private final ModePolicy policy;
    private final MarginStateMachine engine;
    private final InputEncoder encoder = new InputEncoder();
    private final List<OutputRecord> current = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Long> lastTradeId = new HashMap<>();
    private final Set<Long> filled = new HashSet<>();
    private final Set<Long> spreadDone = new HashSet<>();
    private final Set<Long> allocatesOwnMargin = new HashSet<>();
    private final OpenOrders orders = new OpenOrders();
    private final StepObserver observer;
    private boolean stopped;

    /** Sees every step that reached the engine, with the engine right after it (liq stress samples state). */
    @FunctionalInterface
    public interface StepObserver
    {
        /**
         * @param step the step just applied.
         * @param engine the state machine after it; read it, do not send it inputs.
         * @return true to go on, false to end the run after this step (the rest of the events are not applied).
         */
        boolean afterStep(Step step, MarginStateMachine engine);
    }

    private ScenarioRunner(final Scenario scenario, final ModePolicy policy, final StepObserver observer)
    {
        this.scenario = scenario;
        this.policy = policy;
        this.observer = observer;
        final EngineSettings settings = scenario.liquidation().applyTo(new EngineSettings()
            .maxAccounts(scenario.accounts().size() + SPARE_ACCOUNTS)
            .maxInstruments(Math.max(1, scenario.instruments().size()))
            .insuranceFundAccountId(Units.INSURANCE_FUND_ID));
        if (scenario.marginCallRatio() != null)
        {
            settings.marginCallRatio(Units.toUnits(scenario.marginCallRatio(), Units.AMOUNT_DECIMALS));
        }
        engine = new MarginStateMachine(settings, (buffer, offset, length) ->
            current.add(OutputRecord.decode(buffer, offset, length)));
        for (final ScenarioEvent event : scenario.events())
        {
            if (event.kind() == EventKind.ADD_MARGIN || event.kind() == EventKind.REMOVE_MARGIN)
            {
                allocatesOwnMargin.add(event.account());
            }
        }
    }

    /**
     * Runs a scenario.
     *
     * @param scenario the scenario.
     * @param policy how margin modes are chosen.
     * @return every step and the final state.
     * @throws YamlFileException when the engine refuses an instrument's definition.
     */
    public static Simulation run(final Scenario scenario, final ModePolicy policy)
    {
        return run(scenario, policy, (step, engine) -> true);
    }

    /**
     * Runs a scenario, showing each applied step to an observer.
     *
     * @param scenario the scenario.
     * @param policy how margin modes are chosen.
     * @param observer called after every step that reached the engine; it may end the run early.
     * @return every step applied and the state after the last one.
     * @throws YamlFileException when the engine refuses an instrument's definition.
     */
    public static Simulation run(final Scenario scenario, final ModePolicy policy, final StepObserver observer)
    {
        if (scenario.instruments().size() > EngineSettings.MAX_INSTRUMENTS_LIMIT)
        {
            throw new YamlFileException(scenario.file(), scenario.instruments().get(0).line(),
                "at most " + EngineSettings.MAX_INSTRUMENTS_LIMIT + " instruments per engine");
        }
        final ScenarioRunner runner = new ScenarioRunner(scenario, policy, observer);
        runner.setUp();
        for (int i = 0; i < scenario.events().size() && !runner.stopped; i++)
        {
            runner.apply(scenario.events().get(i));
        }
        return new Simulation(scenario, policy, List.copyOf(runner.steps), runner.engine);
    }

    private void setUp()
    {
        for (int id = 0; id < scenario.instruments().size(); id++)
        {
            final ScenarioInstrument instrument = scenario.instruments().get(id);
            send(null, "define " + instrument.symbol(), encoder.instrumentDefinition(0, 0, spec(id, instrument)));
            final OutputRecord last = current.get(current.size() - 1);
            if ("RequestRejected".equals(last.type()))
            {
                throw new YamlFileException(scenario.file(), instrument.line(),
                    "the engine refuses instrument " + instrument.symbol() + ": " + refusal(instrument, last));
            }
        }
        if (scenario.insuranceFund().signum() > 0)
        {
            send(null, "insurance fund starts with " + scenario.insuranceFund().toPlainString(),
                encoder.deposit(0, 0, Units.INSURANCE_FUND_ID, amount(scenario.insuranceFund())));
        }
        for (final ScenarioAccount account : scenario.accounts())
        {
            if (account.deposit().signum() > 0)
            {
                send(null, "account " + account.id() + " deposits " + account.deposit().toPlainString(),
                    encoder.deposit(0, 0, account.id(), amount(account.deposit())));
            }
        }
    }

    private InstrumentSpec spec(final int id, final ScenarioInstrument instrument)
    {
        final MarginMode mode = switch (policy)
        {
            case ALL_ISOLATED -> MarginMode.ISOLATED;
            case ALL_CROSS -> MarginMode.CROSS;
            default -> instrument.defaultMode();
        };
        return instrument.spec(id, mode);
    }

    /** Why an instrument was refused, with the consistent maintenance amounts when the tiers are at fault. */
    private static String refusal(final ScenarioInstrument instrument, final OutputRecord rejection)
    {
        final RejectReason reason = RejectReason.get((short)rejection.get("reason"));
        if (reason != RejectReason.INVALID_TIERS)
        {
            return reason + " (check tickSize, stepSize and defaultLeverage against the first tier)";
        }
        final StringBuilder expected = new StringBuilder();
        BigDecimal cum = BigDecimal.ZERO;
        for (int t = 0; t < instrument.tiers().size(); t++)
        {
            if (t > 0)
            {
                final ScenarioInstrument.Tier below = instrument.tiers().get(t - 1);
                cum = cum.add(below.maxNotional().multiply(instrument.tiers().get(t).mmr().subtract(below.mmr())));
                expected.append(", ");
            }
            expected.append(cum.stripTrailingZeros().toPlainString());
        }
        return "INVALID_TIERS: caps must increase, mmr must not decrease, maxLeverage must not increase, and each "
            + "maintenanceAmount must be the previous one plus the previous cap times the mmr increase (for these "
            + "caps and rates: " + expected + ")";
    }

    private void apply(final ScenarioEvent event)
    {
        if (event.kind() == EventKind.MARK && policy == ModePolicy.ALL_ISOLATED)
        {
            spreadWallets(event);
        }
        final String skip = skipReason(event);
        if (skip != null)
        {
            steps.add(new Step(event, Describe.event(event), skip, new byte[0], List.of()));
            return;
        }
        send(event, Describe.event(event) + orderOf(event), encode(event));
    }

    /** For an event naming a liquidation order: which one it is, as the simulator found it. */
    private String orderOf(final ScenarioEvent event)
    {
        if (event.kind() != EventKind.LIQUIDATION_FILL && event.kind() != EventKind.LIQUIDATION_DONE)
        {
            return "";
        }
        final OpenOrders.Order order = orders.of(event.account(), scenario.instrumentId(event.symbol()));
        if (order == null)
        {
            return " (no open liquidation order: sent as order " + OpenOrders.NO_SUCH_SEQUENCE + "/0)";
        }
        return " (order " + order.id() + (event.kind() == EventKind.LIQUIDATION_FILL ?
            ", " + (order.side() == Side.BUY ? "buy" : "sell") + ")" : ")");
    }

    private String skipReason(final ScenarioEvent event)
    {
        if (event.kind() == EventKind.MODE && policy != ModePolicy.AS_WRITTEN)
        {
            return "every position is " + (policy == ModePolicy.ALL_ISOLATED ? "isolated" : "cross") + " in this run";
        }
        if ((event.kind() == EventKind.ADD_MARGIN || event.kind() == EventKind.REMOVE_MARGIN)
            && policy == ModePolicy.ALL_CROSS)
        {
            return "no isolated margin in an all-cross run";
        }
        return null;
    }

    /**
     * In an all-isolated run, an account that never moves isolated margin itself has its wallet spread evenly
     * over its open positions once, just before the first mark after its first fill: the isolated counterpart
     * of a cross account backing all its positions with the whole wallet.
     */
    private void spreadWallets(final ScenarioEvent before)
    {
        for (final ScenarioAccount account : scenario.accounts())
        {
            final long id = account.id();
            if (!filled.contains(id) || allocatesOwnMargin.contains(id) || !spreadDone.add(id))
            {
                continue;
            }
            final List<Integer> open = new ArrayList<>();
            for (int i = 0; i < scenario.instruments().size(); i++)
            {
                if (engine.positionSize(id, i) != 0)
                {
                    open.add(i);
                }
            }
            final long wallet = engine.crossWallet(id);
            if (open.isEmpty() || wallet < open.size())
            {
                continue;
            }
            final long share = wallet / open.size();
            for (final int i : open)
            {
                final String symbol = scenario.instruments().get(i).symbol();
                final ScenarioEvent spread =
                    ScenarioEvent.spread(before, id, symbol, Units.decimal(share, Units.AMOUNT_DECIMALS));
                send(spread, "spread: account " + id + " moves " + Units.amount(share) + " of its wallet into "
                    + symbol + " isolated margin", encode(spread));
            }
        }
    }

    private int encode(final ScenarioEvent e)
    {
        final long c = e.number();
        final int instrument = e.symbol() == null ? -1 : scenario.instrumentId(e.symbol());
        final ScenarioInstrument spec = instrument < 0 ? null : scenario.instruments().get(instrument);
        return switch (e.kind())
        {
            case MARK -> encoder.markPriceTick(c, c, instrument, Units.toUnits(e.price(), spec.priceDecimals()));
            case FILL ->
            {
                filled.add(e.account());
                yield encoder.fill(c, c, e.account(), instrument, e.side(),
                    Units.toUnits(e.qty(), spec.qtyDecimals()), Units.toUnits(e.price(), spec.priceDecimals()),
                    e.fee() == null ? 0 : amount(e.fee()), tradeId(e));
            }
            case DEPOSIT -> encoder.deposit(c, c, e.account(), amount(e.amount()));
            case WITHDRAW -> encoder.withdrawal(c, c, e.account(), amount(e.amount()));
            case MODE -> encoder.setMarginMode(c, c, e.account(), instrument, e.mode());
            case LEVERAGE -> encoder.setLeverage(c, c, e.account(), instrument, e.leverage());
            case ADD_MARGIN -> encoder.addIsolatedMargin(c, c, e.account(), instrument, amount(e.amount()));
            case REMOVE_MARGIN -> encoder.removeIsolatedMargin(c, c, e.account(), instrument, amount(e.amount()));
            case FUNDING -> encoder.fundingRate(c, c, instrument, amount(e.rate()));
            case LIQUIDATION_FILL ->
            {
                final OpenOrders.Order order = orders.orUnknown(e.account(), instrument);
                final Side side = order.side() != null ? order.side() :
                    engine.positionSize(e.account(), instrument) > 0 ? Side.SELL : Side.BUY;
                yield encoder.liquidationFill(c, c, e.account(), instrument, side,
                    Units.toUnits(e.qty(), spec.qtyDecimals()), Units.toUnits(e.price(), spec.priceDecimals()),
                    tradeId(e), order.sequence(), order.index());
            }
            case LIQUIDATION_DONE ->
            {
                final OpenOrders.Order order = orders.orUnknown(e.account(), instrument);
                yield encoder.liquidationOrderDone(c, c, order.sequence(), order.index(),
                    e.qty() != null ? Units.toUnits(e.qty(), spec.qtyDecimals()) : order.filled());
            }
        };
    }

    /** The trade id as written, or the next after the last one of the instrument. */
    private long tradeId(final ScenarioEvent e)
    {
        final long last = lastTradeId.getOrDefault(e.symbol(), 0L);
        final long id = e.tradeId() != null ? e.tradeId() : last + 1;
        lastTradeId.put(e.symbol(), Math.max(last, id));
        return id;
    }

    private void send(final ScenarioEvent event, final String description, final int length)
    {
        current.clear();
        final byte[] input = new byte[length];
        encoder.buffer().getBytes(0, input);
        engine.onInput(encoder.buffer(), 0, length);
        current.forEach(orders::observe);
        final Step step = new Step(event, description, null, input, List.copyOf(current));
        steps.add(step);
        stopped |= !observer.afterStep(step, engine);
    }

    /** Exact: {@link ScenarioLoader} refused any amount or rate with more decimals or out of 64 bits. */
    private static long amount(final BigDecimal value)
    {
        return Units.toUnits(value, Units.AMOUNT_DECIMALS);
    }
}
