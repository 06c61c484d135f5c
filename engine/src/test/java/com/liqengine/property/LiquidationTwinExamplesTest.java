package com.liqengine.property;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-made runs of market mode through the engine and the reference side by side (each input compared in
 * outputs and state by {@link TwinRun}), one per path of docs/liquidation.md, so that a difference shows on a
 * short run. BTC: cent prices, tick 1.00, quantities in thousandths (value = q × P × 1,000 units); ETH: tick
 * 0.01. Tiers 1% to 10,000 (50x), 2% to 50,000 (20x, cum 100), 5% to 200,000 (10x, cum 1,600); liquidation fee
 * 0.5%, BTC partial from tier 2. Account 2 is every trade's counterparty.
 */
class LiquidationTwinExamplesTest
{
    private static final long MONEY = MarketSetup.MONEY;
    private static final int BTC = 0;
    private static final int ETH = 1;
    private static final List<TierSpec> TIERS = List.of(
        new TierSpec(10_000 * MONEY, 50, 1_000_000, 0),
        new TierSpec(50_000 * MONEY, 20, 2_000_000, 100 * MONEY),
        new TierSpec(200_000 * MONEY, 10, 5_000_000, 1_600 * MONEY));

    private long tradeId;

    private static TwinRun twin(final int maxOpenLiquidations)
    {
        final List<InstrumentSpec> specs = List.of(
            new InstrumentSpec(BTC, "BTCUSDT", 2, 3, 100, 1, 10, MarginMode.ISOLATED, TIERS)
                .withLiquidation(500_000, 2),
            new InstrumentSpec(ETH, "ETHUSDT", 2, 3, 1, 1, 20, MarginMode.CROSS, TIERS).withLiquidation(500_000, 0));
        final List<Input> preamble = new ArrayList<>();
        specs.forEach(spec -> preamble.add(new Input.Definition(spec)));
        preamble.add(new Input.MarkTick(BTC, 5_000_000));
        preamble.add(new Input.MarkTick(ETH, 250_000));
        preamble.add(new Input.Deposit(1, 1_000 * MONEY));
        preamble.add(new Input.Deposit(2, 1_000_000 * MONEY));
        preamble.add(new Input.SetMode(2, BTC, MarginMode.CROSS));
        final TwinRun twin = new TwinRun(new MarketSetup(10, 2, 0, 80_000_000L, specs, specs, specs.get(1),
            List.of(5_000_000L, 250_000L), List.of(1L, 2L), preamble).inMarketMode(maxOpenLiquidations));
        preamble.forEach(twin::apply);
        return twin;
    }

    private void buy(
        final TwinRun twin, final long account, final int instrument, final long quantity, final long price)
    {
        tradeId++;
        twin.apply(new Input.Fill(account, instrument, Side.BUY, quantity, price, 0, tradeId));
        twin.apply(new Input.Fill(2, instrument, Side.SELL, quantity, price, 0, tradeId));
    }

    private List<OutputRecord> sell(final TwinRun twin, final OutputRecord order, final long quantity, final long price)
    {
        tradeId++;
        return twin.apply(new Input.LiquidationFill(order.get("accountId"), (int)order.get("instrumentId"),
            Side.SELL, quantity, price, 0, tradeId, order.get("liquidationSequence"),
            (int)order.get("liquidationIndex")));
    }

    private static List<OutputRecord> done(final TwinRun twin, final OutputRecord order, final long reported)
    {
        return twin.apply(new Input.LiquidationDone(order.get("liquidationSequence"),
            (int)order.get("liquidationIndex"), reported));
    }

    private static List<String> types(final List<OutputRecord> outputs)
    {
        final List<String> types = new ArrayList<>();
        outputs.forEach(output -> types.add(output.type()));
        return types;
    }

    private static long reason(final List<OutputRecord> outputs)
    {
        assertThat(types(outputs)).containsExactly("RequestRejected");
        return outputs.get(0).get("reason");
    }

    /** 0.1 BTC isolated at 50,000 with 10x (pool 500), liquidated at 45,400: the order to sell 0.1 at 45,000. */
    private OutputRecord isolatedOrder(final TwinRun twin)
    {
        buy(twin, 1, BTC, 100, 5_000_000);
        final List<OutputRecord> outputs = twin.apply(new Input.MarkTick(BTC, 4_540_000));
        assertThat(types(outputs)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "LiquidationOrder");
        assertThat(outputs.get(2).get("price")).isEqualTo(4_500_000);
        return outputs.get(2);
    }

    @Test
    void anIsolatedOrderFilledHalfIsTakenOverAndItsSettingsAreLockedUntilThen()
    {
        final TwinRun twin = twin(16);
        final OutputRecord order = isolatedOrder(twin);
        assertThat(reason(twin.apply(new Input.SetLeverage(1, BTC, 5))))
            .isEqualTo(RejectReason.IN_LIQUIDATION.value());
        assertThat(reason(sell(twin, order, 101, 4_520_000))).isEqualTo(RejectReason.EXCEEDS_ORDER_QUANTITY.value());
        assertThat(reason(sell(twin, order, 50, 4_490_000))).isEqualTo(RejectReason.BEYOND_LIMIT_PRICE.value());
        assertThat(types(sell(twin, order, 50, 4_520_000))).containsExactly("LiquidationFill");

        // reported 60, filled 50: both reported, the rest 0.05 to the fund
        final List<OutputRecord> end = done(twin, order, 60);

        assertThat(types(end)).containsExactly("LiquidationFeeCharged", "PositionTakenOver", "LiquidationOrder");
        assertThat(end.get(0).get("filledQuantity")).isEqualTo(50);
        assertThat(end.get(0).get("reportedQuantity")).isEqualTo(60);
        assertThat(reason(done(twin, order, 50))).isEqualTo(RejectReason.UNKNOWN_LIQUIDATION.value());
        assertThat(types(twin.apply(new Input.SetLeverage(1, BTC, 5)))).containsExactly("RequestAccepted");
    }

    @Test
    void aFullFillAboveTheLimitLeavesAClearanceFee()
    {
        final TwinRun twin = twin(16);
        final OutputRecord order = isolatedOrder(twin);
        sell(twin, order, 100, 4_530_000);

        assertThat(types(done(twin, order, 100))).containsExactly("LiquidationFeeCharged", "ClearanceFee");
    }

    @Test
    void aTriggerWithEveryOrderOpenIsTakenOverAtOnce()
    {
        final TwinRun twin = twin(1);
        twin.apply(new Input.Deposit(3, 1_000 * MONEY));
        isolatedOrder(twin);
        tradeId++;
        twin.apply(new Input.Fill(3, BTC, Side.BUY, 100, 4_540_000, 0, tradeId));
        twin.apply(new Input.Fill(2, BTC, Side.SELL, 100, 4_540_000, 0, tradeId));

        // account 3: 0.1 at 45,400 with 10x, pool 454; at 40,000 U = −540, equity −86 ≤ MM 40; account 1's order
        // holds the only place: taken over at once, as in takeover mode
        final List<OutputRecord> outputs = twin.apply(new Input.MarkTick(BTC, 4_000_000));

        assertThat(types(outputs)).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(outputs.get(3).get("liquidationSequence")).isZero();
    }

    @Test
    void aCrossAccountOffersItsPositionsOneAtATime()
    {
        final TwinRun twin = twin(16);
        twin.apply(new Input.SetMode(1, BTC, MarginMode.CROSS));
        buy(twin, 1, BTC, 200, 5_000_000);
        buy(twin, 1, ETH, 2_000, 250_000);
        twin.apply(new Input.MarkTick(ETH, 251_000));
        final List<OutputRecord> triggered = twin.apply(new Input.MarkTick(BTC, 4_550_000));
        assertThat(types(triggered)).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "LiquidationTriggered", "LiquidationOrder");
        final OutputRecord first = triggered.get(3);
        assertThat(reason(twin.apply(new Input.Withdrawal(1, MONEY)))).isEqualTo(RejectReason.IN_LIQUIDATION.value());
        sell(twin, first, 200, 4_510_000);

        final List<OutputRecord> end = done(twin, first, 200);

        assertThat(types(end)).containsExactly("LiquidationFeeCharged", "LiquidationOrder");
        assertThat(end.get(1).get("instrumentId")).isEqualTo(ETH);
        // the book takes none of ETH: every cross position left goes to the fund
        assertThat(types(done(twin, end.get(1), 0))).containsExactly(
            "LiquidationFeeCharged", "PositionTakenOver", "LiquidationOrder");
    }
}
