package com.liqengine.property;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.liquidation.OpenLiquidation;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two equity floors of shared/LIQUIDATION.md on random market-mode runs of the engine: a liquidation order filled
 * at its limit with the marks of its emission leaves the account's equity at zero or above; and no ADL close takes
 * a counterparty's equity below zero, on runs biased so that this cap binds (counterparties that sold after the
 * gap, with little margin), with a hand-worked example where it does.
 *
 * <p>Units: prices and quantities have 2 decimals, amounts 8; value = quantity x price.
 */
class LiquidationEquityFloorsTest
{
    private static final int EXAMPLES = 300;
    private static final long PRICE = 100;
    private static final long QUANTITY = 100;
    private static final long AMOUNT = 100_000_000L;
    private static final long FUND = 0;
    private static final List<Integer> INSTRUMENTS = List.of(0, 1);

    @Test
    void aLiquidationFilledAtItsLimitLeavesTheEquityAtZeroOrAbove()
    {
        final Coverage coverage = new Coverage("aLiquidationFilledAtItsLimitLeavesTheEquityAtZeroOrAbove");
        Theories.qt(EXAMPLES).forAll(Steps.seeds()).checkAssert(seed ->
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final Run run = new Run(random.nextInt(3) * 500_000L, random.nextBoolean() ? 2 : 0, null);
            final int accounts = 1 + random.nextInt(6);
            // every order is answered at once, before any other input (an open may liquidate at its fill)
            final boolean[] seen = new boolean[4];
            for (long account = 1; account <= accounts; account++)
            {
                run.deposit(account, (1_000 + random.nextInt(50_000)) * AMOUNT);
                final MarginMode mode = random.nextBoolean() ? MarginMode.ISOLATED : MarginMode.CROSS;
                for (final int i : INSTRUMENTS)
                {
                    run.apply(e -> e.setMarginMode(run.id, run.id, run.account, i, mode), account);
                    run.apply(e -> e.setLeverage(run.id, run.id, run.account, i, 2 + random.nextInt(19)), account);
                    if (i == 0 || random.nextBoolean())
                    {
                        run.fill(account, i, random.nextBoolean() ? Side.BUY : Side.SELL,
                            (1 + random.nextInt(1_500)) * QUANTITY, 100 * PRICE);
                        fillEveryOrderAtItsLimit(run, seen);
                    }
                }
            }
            for (int move = 0; move < 3; move++)
            {
                final int instrument = random.nextInt(2);
                final long mark = run.engine.markPrice(instrument);
                run.mark(instrument, Math.max(PRICE, mark + mark * (random.nextInt(61) - 30) / 100));
                fillEveryOrderAtItsLimit(run, seen);
            }
            coverage.run();
            coverage.collect("a liquidation order filled at its limit", seen[0]);
            coverage.collect("an order for part of a position", seen[1]);
            coverage.collect("an order emitted in a gap", seen[2]);
            coverage.collect("an order for part of a position, checked (no gap)", seen[3]);
        });
        coverage.report();
        coverage.require("a liquidation order filled at its limit", 50);
        coverage.require("an order for part of a position", 20);
        coverage.require("an order emitted in a gap", 30);
        coverage.require("an order for part of a position, checked (no gap)", 8);
    }

    /** Answers every open order of an account (not the fund's), oldest first, before any mark moves. */
    private static void fillEveryOrderAtItsLimit(final Run run, final boolean[] seen)
    {
        for (List<OpenLiquidation> open = run.openOrders(); !open.isEmpty(); open = run.openOrders())
        {
            final OpenLiquidation order = open.get(0);
            final long account = order.accountId();
            final int instrument = order.instrumentId();
            final boolean partial = order.quantity() < Math.abs(run.engine.positionSize(account, instrument));
            // a gap: the mark is already beyond the limit (the bankruptcy price), against the position
            final long mark = run.engine.markPrice(instrument);
            final boolean gap = order.sells() ? mark < order.limitPrice() : mark > order.limitPrice();
            seen[0] = true;
            seen[1] |= partial;
            seen[2] |= gap;
            seen[3] |= partial && !gap;
            run.apply(e -> e.liquidationFill(run.id, run.id, account, instrument, order.sells() ? Side.SELL : Side.BUY,
                order.quantity(), order.limitPrice(), run.id, order.liquidationSequence(), order.liquidationIndex()),
                account);
            // the limit is the bankruptcy price of the whole position (isolated) or of the account with the other
            // positions at their marks (cross), so a fill of all of it there leaves zero or more; but a partial step
            // in a gap leaves a rest valued beyond it, below zero (LIQUIDATION.md: the fund absorbs that later)
            if (!(partial && gap))
            {
                run.assertEquityNotNegative(account, instrument, "after the fill at its limit of " + order);
            }
            run.apply(e -> e.liquidationOrderDone(run.id, run.id, order.liquidationSequence(),
                order.liquidationIndex(), order.quantity()), account);
            if (!(partial && gap))
            {
                run.assertEquityNotNegative(account, instrument, "after the end of " + order);
            }
        }
    }

    @Test
    void theAdlCapBindsAndNoCloseTakesACounterpartyBelowZero()
    {
        final Coverage coverage = new Coverage("theAdlCapBindsAndNoCloseTakesACounterpartyBelowZero");
        Theories.qt(EXAMPLES).forAll(Steps.seeds()).checkAssert(seed ->
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final Run run = new Run(0, 0, 0L);
            // the liquidated account: an isolated long of 10 at 100, leverage 5 to 20 (bankrupt at 80 to 95)
            run.isolated(1, 0, 5 + random.nextInt(16), 100_000 * AMOUNT);
            run.fill(1, 0, Side.BUY, 10 * QUANTITY, 100 * PRICE);
            // shorts opened before the gap: in profit after it, with room to pay the ADL price
            final int early = random.nextInt(3);
            for (long account = 2; account < 2 + early; account++)
            {
                run.isolated(account, 0, 2 + random.nextInt(19), 100_000 * AMOUNT);
                run.fill(account, 0, Side.SELL, (1 + random.nextInt(10)) * QUANTITY, 100 * PRICE);
            }
            // the gap through the bankruptcy price: its order goes to the book, which will take none of it
            run.mark(0, (60 + random.nextInt(18)) * PRICE);
            // the bias: shorts sold at the mark after the gap, at high leverage, hold a pool less than the ADL price
            // takes from them (it is the bankruptcy price, above the mark), so their equity caps their close
            final int late = 1 + random.nextInt(4);
            for (long account = 10; account < 10 + late; account++)
            {
                run.isolated(account, 0, 10 + random.nextInt(41), 100_000 * AMOUNT);
                run.fill(account, 0, Side.SELL, (1 + random.nextInt(10)) * QUANTITY, run.engine.markPrice(0));
            }
            final OpenLiquidation order = run.openOrders().get(0);
            final List<OutputRecord> outputs = run.apply(e -> e.liquidationOrderDone(run.id, run.id,
                order.liquidationSequence(), order.liquidationIndex(), 0), 1);
            boolean capped = false;
            for (final OutputRecord record : outputs)
            {
                final long account = record.type().equals("AutoDeleveraged") ? record.get("accountId") : FUND;
                if (account == FUND)
                {
                    continue;
                }
                final long equity = run.assertEquityNotNegative(account, 0, "after the ADL close " + record);
                // left open with less than one step's worth at the ADL price: its equity bound the close
                final long stepWorth = Math.abs(record.get("price") - run.engine.markPrice(0)) * QUANTITY / 100 *
                    AMOUNT / PRICE / 100;
                capped |= run.engine.positionSize(account, 0) != 0 && equity < stepWorth;
            }
            coverage.run();
            coverage.collect("auto-deleveraging", outputs.stream().anyMatch(r -> r.type().equals("AutoDeleveraged")));
            coverage.collect("a counterparty closed down to its equity", capped);
        });
        coverage.report();
        coverage.require("auto-deleveraging", 90);
        coverage.require("a counterparty closed down to its equity", 40);
    }

    /**
     * The cap worked by hand. Account 1: isolated long 10 at 100, leverage 10: pool B = 1,000 / 10 = 100, bankrupt
     * at (1,000 - 100) / 10 = 90. The mark gaps to 80: equity 100 - 200 = -100 <= maintenance 8, so a liquidation
     * order sells 10 at 90. Account 6 then sells 5 at 80, isolated at leverage 20: B = 400 / 20 = 20.
     * The order ends with nothing filled: the fund takes the 10 over at 90, worth 800 at the mark, D = 100, N = 800;
     * its equity 0 + (800 - 900) = -100 is 100 below the floor 0. ADL price 80 x (1 + 100 / 800) = 90, so each unit
     * closed costs its counterparty g = 90 - 80 = 10 and gives the fund 10. Account 6 (the only short) closes the
     * least of: its 5, the fund's 10, the shortfall ceil(100 / 10) = 10, and what its equity covers:
     * floor(20 / 10) = 2. It buys 2 at 90: realized 2 x (80 - 90) = -20; its pool's share 20 x 2 / 5 = 8 and the
     * realized -20 give -12, paid from the rest of the pool: B = 20 - 8 - 12 = 0, short 3 at 80, equity 0 (not
     * below). The fund sells 2 at its entry 90 (realizes 0); 8 x 10 = 80 is left: InsuranceFundDeficit(80, fund
     * equity -80). Account 6, at equity 0 <= maintenance 2.4, is liquidated in turn (an order: market mode).
     */
    @Test
    void theCapStopsAnAdlCloseAtTheCounterpartysEquity()
    {
        final Run run = new Run(0, 0, 0L);
        run.isolated(1, 0, 10, 10_000 * AMOUNT);
        run.fill(1, 0, Side.BUY, 10 * QUANTITY, 100 * PRICE);
        run.mark(0, 80 * PRICE);
        final OpenLiquidation order = run.openOrders().get(0);
        assertThat(order.limitPrice()).isEqualTo(90 * PRICE);
        run.isolated(6, 0, 20, 10_000 * AMOUNT);
        run.fill(6, 0, Side.SELL, 5 * QUANTITY, 80 * PRICE);
        assertThat(run.engine.isolatedMargin(6, 0)).isEqualTo(20 * AMOUNT);

        final List<OutputRecord> outputs = run.apply(e -> e.liquidationOrderDone(run.id, run.id,
            order.liquidationSequence(), order.liquidationIndex(), 0), 1);

        final List<String> adl = new ArrayList<>();
        for (final OutputRecord record : outputs)
        {
            if (record.type().equals("AutoDeleveraged"))
            {
                adl.add(record.get("accountId") + " " + record.get("quantity") + " at " + record.get("price") +
                    " realizes " + record.get("realizedPnl"));
            }
            if (record.type().equals("InsuranceFundDeficit"))
            {
                adl.add("deficit " + record.get("amount") + " fund equity " + record.get("fundEquity"));
            }
        }
        assertThat(adl).containsExactly(
            "6 " + 2 * QUANTITY + " at " + 90 * PRICE + " realizes " + -20 * AMOUNT,
            "0 " + -2 * QUANTITY + " at " + 90 * PRICE + " realizes 0",
            "deficit " + 80 * AMOUNT + " fund equity " + -80 * AMOUNT);
        assertThat(run.engine.positionSize(6, 0)).isEqualTo(-3 * QUANTITY);
        assertThat(run.engine.isolatedMargin(6, 0)).isZero();
        assertThat(DeleveragingInvariantsTest.equity(run.engine, INSTRUMENTS, 6, 0)).isZero();
        assertThat(run.engine.isInLiquidation(6, 0)).isTrue();
    }

    /** A market-mode engine with two instruments and the inputs applied to it, for the messages of a failure. */
    private static final class Run
    {
        final MarginStateMachine engine;
        private final InputEncoder encoder = new InputEncoder();
        private final List<OutputRecord> outputs = new ArrayList<>();
        private final StringBuilder history = new StringBuilder();
        long id;
        long account;

        Run(final long feeRate, final int partialFromTier, final Long fundFloor)
        {
            final EngineSettings settings = new EngineSettings().maxAccounts(64).maxInstruments(2)
                .liquidationMode(LiquidationMode.MARKET);
            if (fundFloor != null)
            {
                settings.fundFloor(fundFloor);
            }
            engine = new MarginStateMachine(settings, (buffer, offset, length) ->
                outputs.add(OutputRecord.decode(buffer, offset, length)));
            history.append("fee rate ").append(feeRate).append(", partial from tier ").append(partialFromTier)
                .append(", fund floor ").append(fundFloor).append('\n');
            for (final int i : INSTRUMENTS)
            {
                apply(e -> e.instrumentDefinition(id, id, new InstrumentSpec(i, "I" + i, 2, 2, 1, 1, 10,
                    MarginMode.CROSS, List.of(
                        new TierSpec(10_000 * AMOUNT, 50, 1_000_000L, 0),
                        new TierSpec(100_000 * AMOUNT, 20, 2_500_000L, 150 * AMOUNT),
                        new TierSpec(1_000_000 * AMOUNT, 10, 5_000_000L, 2_650 * AMOUNT)))
                    .withLiquidation(feeRate, partialFromTier)), FUND);
                mark(i, 100 * PRICE);
            }
        }

        List<OutputRecord> apply(final java.util.function.ToIntFunction<InputEncoder> input, final long about)
        {
            id++;
            account = about;
            outputs.clear();
            final int length = input.applyAsInt(encoder);
            engine.onInput(encoder.buffer(), 0, length);
            history.append('#').append(id).append(" account ").append(about).append(": ")
                .append(outputs.stream().map(OutputRecord::type).toList()).append('\n');
            return List.copyOf(outputs);
        }

        void deposit(final long to, final long amount)
        {
            apply(e -> e.deposit(id, id, to, amount), to);
        }

        void isolated(final long to, final int instrument, final int leverage, final long deposit)
        {
            deposit(to, deposit);
            apply(e -> e.setMarginMode(id, id, to, instrument, MarginMode.ISOLATED), to);
            apply(e -> e.setLeverage(id, id, to, instrument, leverage), to);
        }

        void fill(final long of, final int instrument, final Side side, final long quantity, final long price)
        {
            apply(e -> e.fill(id, id, of, instrument, side, quantity, price, 0, id), of);
        }

        void mark(final int instrument, final long price)
        {
            apply(e -> e.markPriceTick(id, id, instrument, price), FUND);
        }

        /** The open liquidation orders of accounts, the fund's aside, oldest first. */
        List<OpenLiquidation> openOrders()
        {
            return engine.openLiquidations().stream().filter(o -> o.accountId() != FUND).toList();
        }

        long assertEquityNotNegative(final long of, final int instrument, final String when)
        {
            final long equity = DeleveragingInvariantsTest.equity(engine, INSTRUMENTS, of, instrument);
            assertThat(equity).as(() -> "equity of account " + of + " " + when + "\n" + history).isNotNegative();
            return equity;
        }
    }
}
