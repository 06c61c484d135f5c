package com.liqengine.property;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-deleveraging (docs/liquidation.md) worked by hand, through the engine and the reference model side by side
 * ({@link TwinRun} compares every input's outputs and the whole state, ADL indicators included). X: prices and
 * quantities with 2 decimals, tick and step 0.01, so {@code value(q, P) = q × P} exactly (f = 10^4 units per
 * price unit × quantity unit); one tier, 1% up to 10,000 (50x); default cross, 10x.
 *
 * <p>The market: account 1 isolated, 10x, long 10 at 100 (pool B = 100, cost C = 1,000, bankrupt at 90);
 * three cross shorts at 100: account 2 short 6 (wallet 100), account 3 short 3 (wallet 1,000), account 4 short 4
 * (wallet 50). The fills are one-sided (fills are facts).
 */
class DeleveragingTwinExamplesTest
{
    private static final long MONEY = MarketSetup.MONEY;
    private static final int X = 0;
    private static final long FUND = 0;
    private static final InstrumentSpec SPEC = new InstrumentSpec(X, "X", 2, 2, 1, 1, 10, MarginMode.CROSS,
        List.of(new TierSpec(10_000 * MONEY, 50, 1_000_000, 0)));

    private long buyTrade;
    private long sellTrade;

    /** Takeover mode with a fund floor and the fund seeded ({@code fundSeed} money, 0: not seeded). */
    private static TwinRun twin(final long floor, final long fundSeed, final LiquidationMode mode, final int maxOpen)
    {
        final List<Input> preamble = List.of(new Input.Definition(SPEC), new Input.MarkTick(X, 10_000));
        final MarketSetup setup = new MarketSetup(10, 1, 0, FUND, 80_000_000L, List.of(SPEC), List.of(SPEC), SPEC,
            List.of(10_000L), List.of(1L, 2L, 3L, 4L, 5L), preamble, mode, maxOpen, null)
            .withFundFloor(floor * MONEY, fundSeed * MONEY);
        final TwinRun twin = new TwinRun(setup);
        setup.preamble().forEach(twin::apply);
        return twin;
    }

    private static TwinRun twin(final long floor, final long fundSeed)
    {
        return twin(floor, fundSeed, LiquidationMode.TAKEOVER, EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS);
    }

    private void isolatedLong(final TwinRun twin)
    {
        twin.apply(new Input.Deposit(1, 1_000 * MONEY));
        twin.apply(new Input.SetMode(1, X, MarginMode.ISOLATED));
        twin.apply(new Input.SetLeverage(1, X, 10));
        twin.apply(new Input.Fill(1, X, Side.BUY, 1_000, 10_000, 0, ++buyTrade));
    }

    private void crossShort(final TwinRun twin, final long account, final long deposit, final long quantity)
    {
        twin.apply(new Input.Deposit(account, deposit * MONEY));
        twin.apply(new Input.Fill(account, X, Side.SELL, quantity * 100, 10_000, 0, ++sellTrade));
    }

    private void market(final TwinRun twin)
    {
        isolatedLong(twin);
        crossShort(twin, 2, 100, 6);
        crossShort(twin, 3, 1_000, 3);
        crossShort(twin, 4, 50, 4);
    }

    private static List<String> types(final List<OutputRecord> outputs)
    {
        final List<String> types = new ArrayList<>();
        outputs.forEach(output -> types.add(output.type()));
        return types;
    }

    private static void assertAdl(
        final OutputRecord record, final long account, final long quantity, final long price, final long realized)
    {
        assertThat(List.of(record.get("accountId"), record.get("instrumentId"), record.get("quantity"),
            record.get("price"), record.get("realizedPnl")))
            .isEqualTo(List.of(account, (long)X, quantity, price, realized));
    }

    @Test
    void aGapLeavesTheFundNegativeAndDeleveragesTheTwoHighestRankedShorts()
    {
        final TwinRun twin = twin(0, 0);
        market(twin);
        // at 95 the shorts gain 5 a unit; rank = PnL% × |value| / equity: account 4: 0.05 × 380 / 70 = 0.271,
        // account 2: 0.05 × 570 / 130 = 0.219, account 3: 0.05 × 285 / 1,015 = 0.014; the indicator
        // 5 − floor(5 × place / 3): 5, 4, 2; account 1 alone in the longs' queue: 5
        twin.apply(new Input.MarkTick(X, 9_500));
        assertThat(List.of(twin.reference.adlIndicator(4, X), twin.reference.adlIndicator(2, X),
            twin.reference.adlIndicator(3, X), twin.reference.adlIndicator(1, X))).isEqualTo(List.of(5, 4, 2, 5));

        // a gap to 80: B + U = 100 − 200 = −100; the fund takes the long at its bankruptcy price 90 and pays
        // C − B = 900 for what is worth 800: D = 100, N = 800, the ADL price 80 + ceil(80 × 100 / 800) = 90,
        // g = 10 a unit. The fund's equity 0 + (800 − 900) = −100, the floor 0: shortfall 100.
        final List<OutputRecord> out = twin.apply(new Input.MarkTick(X, 8_000));

        // ADL closes all 10 the fund took (below): no fund order follows (docs/liquidation.md, "The fund's unwind
        // order")
        assertThat(types(out)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver",
            "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged");
        // ranks at 80: account 4: 0.2 × 320 / 130 = 0.49; account 2: 0.2 × 480 / 220 = 0.44; account 3: 0.2 × 240
        // / 1,060 = 0.05. Account 4: least of |q| 4, left 10, shortfall ceil(100 / 10) = 10, covered
        // floor(130 / 10) = 13: all 4, realized −4 × 90 + 400 = 40; the fund sells 4 of its 10 (cost 900) at 90:
        // 360 − (900 − 540) = 0. Shortfall 100 − 4 × 10 = 60
        assertAdl(out.get(3), 4, 400, 9_000, 40 * MONEY);
        assertAdl(out.get(4), FUND, -400, 9_000, 0);
        // account 2: least of 6, 6, ceil(60 / 10) = 6, floor(220 / 10) = 22: 6, realized −540 + 600 = 60;
        // shortfall 0: account 3 keeps its short
        assertAdl(out.get(5), 2, 600, 9_000, 60 * MONEY);
        assertAdl(out.get(6), FUND, -600, 9_000, 0);
        assertThat(twin.reference.positionSize(3, X)).isEqualTo(-300);
        assertThat(twin.reference.positionSize(FUND, X)).isZero();
        assertThat(twin.reference.crossWallet(4)).isEqualTo(90 * MONEY);
        assertThat(twin.reference.crossWallet(2)).isEqualTo(160 * MONEY);
        // the fund paid 900 and sold for 360 + 540: its wallet is back at 0, the floor
        assertThat(twin.reference.insuranceFundBalance()).isZero();
    }

    @Test
    void withNoOppositePositionTheShortfallIsReportedAsADeficit()
    {
        // a floor of 50 and the fund seeded with 30, already 20 below it: no ADL before a takeover records one
        final TwinRun twin = twin(50, 30);
        isolatedLong(twin);
        assertThat(types(twin.apply(new Input.MarkTick(X, 9_500)))).isEmpty();

        final List<OutputRecord> out = twin.apply(new Input.MarkTick(X, 8_000));

        // D = 900 − 800 = 100; the fund's equity 30 + (800 − 900) = −70, shortfall 50 − (−70) = 120 with no short
        // to close against: the deficit 120, the fund's equity 50 − 120 = −70
        assertThat(types(out)).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "InsuranceFundDeficit",
            "LiquidationOrder");
        assertThat(List.of(out.get(3).get("amount"), out.get(3).get("fundEquity")))
            .isEqualTo(List.of(120 * MONEY, -70 * MONEY));
        // the fund's order for all it took, after the deficit: ADL closed none of it
        assertThat(List.of(out.get(4).get("accountId"), out.get(4).get("quantity")))
            .isEqualTo(List.of(FUND, 1_000L));
    }

    @Test
    void aTakeoverThatCostsTheFundNothingLeavesItBelowItsFloorWithoutADL()
    {
        // the fund starts 50 below its floor, but at 90.90 the long is taken before bankruptcy: D = 900 − 909 < 0
        final TwinRun twin = twin(50, 0);
        market(twin);

        assertThat(types(twin.apply(new Input.MarkTick(X, 9_090)))).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
    }

    /**
     * The engine stops an ADL round after {@code maxOpenLiquidations} closes and reports the rest as a deficit;
     * docs/liquidation.md bounds only the positions recorded per input, not the closes. With room for one order,
     * the first example's gap: the contract closes account 4 and account 2 as above, the engine account 4 only
     * and then {@code InsuranceFundDeficit(60, −60)}.
     */
    @Test
    void theClosesOfARoundAreNotBoundedByMaxOpenLiquidations()
    {
        final TwinRun twin = twin(0, 0, LiquidationMode.TAKEOVER, 1);
        market(twin);

        assertThat(types(twin.apply(new Input.MarkTick(X, 8_000)))).containsExactly("CancelOpenOrders",
            "LiquidationTriggered", "PositionTakenOver", "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged",
            "AutoDeleveraged");
    }

    /**
     * A position in liquidation is in no ADL queue (docs/liquidation.md, "Rank"); the engine counts it in the
     * queue of its ADL indicator. Market mode: at 90.90 account 1's long (B + U = 100 − 91 = 9 ≤ MM 9.09) is in
     * liquidation, its order open; account 5, cross long 1 at 100 with 1,000, is the only long in the queue: 5.
     * The engine ranks account 1 (9 > 0: −0.091 / (909 / 9) = −0.0009) before account 5 (−0.0091 / (90.9 /
     * 999.09) = −0.1) and shows 5 − floor(5 × 1 / 2) = 3.
     */
    @Test
    void aPositionInLiquidationIsInNoQueue()
    {
        final TwinRun twin = twin(0, 0, LiquidationMode.MARKET, EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS);
        isolatedLong(twin);
        twin.apply(new Input.Deposit(5, 1_000 * MONEY));
        twin.apply(new Input.Fill(5, X, Side.BUY, 100, 10_000, 0, ++buyTrade));

        twin.apply(new Input.MarkTick(X, 9_090));

        assertThat(twin.reference.isInLiquidation(1, X)).isTrue();
        assertThat(twin.run.engine.adlIndicator(5, X)).isEqualTo(5);
    }
}
