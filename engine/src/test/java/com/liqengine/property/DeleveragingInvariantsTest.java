package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of shared/LIQUIDATION.md for auto-deleveraging, held by the engine driven alone over random runs with
 * a fund floor ({@link MarketSetup#withRandomFundFloor}), in takeover mode (even seeds) and market mode (odd
 * seeds, its orders filled, ended and gapped through by the steps of {@link Steps#marketSequences}): the ledger
 * identity after every input, the fund and ADL included; and no ADL close leaves a counterparty's equity below
 * zero. The latter is read after the input: what may follow a close in the same input (the checks of the accounts
 * closed against, further closes) either keeps a counterparty's equity at or above zero or takes its position
 * over, which leaves it flat (isolated) or with a cross equity of 0. And the fund's unwind orders are never stale
 * (docs/liquidation.md, "The fund's unwind order"): after every input, for each instrument, the signed sizes of the
 * fund's {@code LiquidationOrder}s of that input (a sell positive: it closes a long) sum to exactly what the fund took
 * over in it ({@code PositionTakenOver} sizes) plus its {@code AutoDeleveraged} changes: what it still holds from that
 * input's takeovers, no more and no less. An order sent for the whole takeover before ADL closed part of it breaks
 * the equality.
 */
class DeleveragingInvariantsTest
{
    private static final int EXAMPLES = 300;

    @Test
    void noCloseLeavesACounterpartyBelowZeroAndTheLedgerHolds()
    {
        final Coverage coverage = new Coverage("noCloseLeavesACounterpartyBelowZeroAndTheLedgerHolds");
        Theories.qt(EXAMPLES).forAll(Steps.seeds(), Steps.marketSequences()).checkAssert((seed, steps) ->
        {
            final MarketSetup setup = seed % 2 == 0 ? MarketSetup.randomWithFundFloor(seed) :
                MarketSetup.randomMarketMode(seed);
            final EngineRun run = new EngineRun(setup);
            final OrderLifecycle lifecycle = new OrderLifecycle();
            run.openLiquidationsFrom(lifecycle::openOrders);
            final boolean[] exercised = new boolean[3];
            for (final Input input : new RunInputs(run, steps))
            {
                apply(run, lifecycle, input, exercised);
            }
            lifecycle.endAll(input -> apply(run, lifecycle, input, exercised), run::history);
            coverage.run();
            coverage.collect("auto-deleveraging", exercised[0]);
            coverage.collect("a counterparty closed down to its equity", exercised[1]);
            coverage.collect("a fund order cut by ADL", exercised[2]);
        });
        coverage.report();
        coverage.require("auto-deleveraging", 15);
        coverage.require("a fund order cut by ADL", 15);
        // reported only: about 1% of runs (the cover binds with a position left open only when the counterparty's
        // equity is near zero at the gap); LiquidationEquityFloorsTest draws runs biased so that it binds, requires
        // the share, and works an example by hand
    }

    private static void apply(
        final EngineRun run, final OrderLifecycle lifecycle, final Input input, final boolean[] exercised)
    {
        final List<OrderLifecycle.Emitted> emitted = new ArrayList<>();
        final List<OutputRecord> outputs = run.apply(input);
        for (final OutputRecord record : outputs)
        {
            emitted.add(new OrderLifecycle.Emitted(record.type(), record.fields()));
        }
        lifecycle.observe(input, emitted, run::history);
        assertThat(Books.ledgerGap(run.engine, run.instrumentIds()))
            .as(() -> "Σ W + Σ B − (deposits − withdrawals + realized − fees + funding) after " + input + "\n" +
                run.history())
            .isZero();
        final long fund = run.setup.fundId();
        fundOrdersUnwindWhatIsLeft(outputs, fund, input, run, exercised);
        for (final OutputRecord record : outputs)
        {
            if (!"AutoDeleveraged".equals(record.type()) || record.get("accountId") == fund)
            {
                continue;
            }
            exercised[0] = true;
            final long equity = equity(run.engine, run.instrumentIds(), record.get("accountId"),
                (int)record.get("instrumentId"));
            assertThat(equity).as(() -> "the equity of the counterparty of " + record + " after " + input + "\n" +
                run.history()).isNotNegative();
            // a position left open with less than one step's worth at the ADL price: the cover bound the close
            final int instrument = (int)record.get("instrumentId");
            final long stepWorth = Math.abs(record.get("price") - run.engine.markPrice(instrument)) *
                run.setup.valueFactor(instrument) * run.setup.spec(instrument).stepSize();
            if (run.engine.positionSize(record.get("accountId"), instrument) != 0 && equity < stepWorth)
            {
                exercised[1] = true;
            }
        }
    }

    /**
     * Per instrument: Σ the fund's orders (sell +, buy −) = Σ taken over + Σ the fund's ADL changes, and no order
     * for nothing.
     */
    private static void fundOrdersUnwindWhatIsLeft(
        final List<OutputRecord> outputs, final long fund, final Input input, final EngineRun run,
        final boolean[] exercised)
    {
        final Map<Long, long[]> byInstrument = new TreeMap<>();
        for (final OutputRecord record : outputs)
        {
            final String type = record.type();
            if ("PositionTakenOver".equals(type))
            {
                byInstrument.computeIfAbsent(record.get("instrumentId"), i -> new long[3])[0] += record.get("size");
            }
            else if ("AutoDeleveraged".equals(type) && record.get("accountId") == fund)
            {
                byInstrument.computeIfAbsent(record.get("instrumentId"), i -> new long[3])[1] +=
                    record.get("quantity");
            }
            else if ("LiquidationOrder".equals(type) && record.get("accountId") == fund)
            {
                assertThat(record.get("quantity")).as(() -> record + " after " + input).isPositive();
                final long sell = record.get("side") == Side.SELL.value() ? 1 : -1;
                byInstrument.computeIfAbsent(record.get("instrumentId"), i -> new long[3])[2] +=
                    sell * record.get("quantity");
            }
        }
        for (final Map.Entry<Long, long[]> entry : byInstrument.entrySet())
        {
            final long[] sums = entry.getValue();
            assertThat(sums[2]).as(() -> "the fund's orders in instrument " + entry.getKey() + " (taken over " +
                sums[0] + ", ADL " + sums[1] + ") after " + input + "\n" + run.history()).isEqualTo(sums[0] + sums[1]);
            if (sums[0] != 0 && sums[1] != 0)
            {
                exercised[2] = true;
            }
        }
    }

    /** The equity of a position: isolated {@code B + U} (0 when flat), cross the account's {@code W + ΣU}. */
    static long equity(
        final MarginStateMachine engine, final List<Integer> instruments, final long account, final int instrument)
    {
        if (engine.marginMode(account, instrument) == MarginMode.ISOLATED)
        {
            return engine.positionSize(account, instrument) == 0 ? 0 :
                engine.isolatedMargin(account, instrument) + engine.unrealizedPnl(account, instrument);
        }
        long equity = engine.crossWallet(account);
        for (final int i : instruments)
        {
            if (engine.positionSize(account, i) != 0 && engine.marginMode(account, i) == MarginMode.CROSS)
            {
                equity += engine.unrealizedPnl(account, i);
            }
        }
        return equity;
    }
}
