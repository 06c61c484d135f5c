package com.liqengine.margin;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.FillDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import com.liqengine.state.StateCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.only;
import static com.liqengine.margin.EngineHarness.simpleTiers;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code market} liquidation mode (docs/liquidation.md), worked by hand. Instruments have 2 price and 2
 * quantity decimals, tick and step 0.01, and the tiers of {@link EngineHarness#simpleTiers()}: up to 10,000 at 1%,
 * up to 100,000 at 2.5% (cum 150), up to 1,000,000 at 5% (cum 2,650).
 */
class LiquidationLifecycleTest
{
    private static EngineSettings marketSettings()
    {
        return new EngineSettings().maxInstruments(4).liquidationMode(LiquidationMode.MARKET);
    }

    private final EngineHarness h = new EngineHarness(marketSettings());

    /** Account 1 opens an isolated 10x long of {@code quantity} at 100; account 2 is its counterparty. */
    private int isolatedLong(final String feeRate, final int partialFromTier, final String quantity)
    {
        final int x = h.define("X", simpleTiers(), feeRate, partialFromTier);
        h.deposit(1, "20000");
        h.deposit(2, "1000000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, quantity, "100");
        h.sell(2, x, quantity, "100");
        return x;
    }

    @Test
    void aFillBetterThanBankruptcyLeavesThePoolToTheFundAfterTheFee()
    {
        final int x = isolatedLong("0.002", 0, "1");
        // pool B = 100 / 10 = 10, cost C = 100; at 91 equity 1 > MM 0.91
        assertThat(types(h.mark(x, "91"))).doesNotContain("LiquidationTriggered");
        // at 90.90 equity 0.90 ≤ MM 0.909
        final List<OutputRecord> out = h.mark(x, "90.90");
        assertThat(types(out)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "LiquidationOrder");
        final OutputRecord order = only(out, "LiquidationOrder");
        assertThat(order.get("accountId")).isEqualTo(1);
        assertThat(order.get("side")).isEqualTo(Side.SELL.value());
        assertThat(order.get("quantity")).isEqualTo(h.quantity(x, "1"));
        // bankruptcy (C − B) / q = (100 − 10) / 1 = 90.00, already on the tick
        assertThat(order.get("price")).isEqualTo(h.price(x, "90.00"));
        assertThat(order.get("liquidationSequence")).isEqualTo(h.engine.lastSequence());
        assertThat(order.get("liquidationIndex")).isEqualTo(1);
        assertThat(h.engine.isInLiquidation(1, x)).isTrue();

        // in liquidation: no second trigger, and its margin cannot be taken out or its leverage changed
        assertThat(h.mark(x, "80")).isEmpty();
        h.assertRejected(RejectReason.IN_LIQUIDATION, () -> h.removeMargin(1, x, "1"));
        h.assertRejected(RejectReason.IN_LIQUIDATION, () -> h.leverage(1, x, 5));

        // the book sells at 90.50: realized 90.50 − 100 = −9.50 goes to the pool, 10 − 9.50 = 0.50
        final List<OutputRecord> filled = h.liquidationFill(order, "1", "90.50");
        assertThat(types(filled)).containsExactly("LiquidationFill");
        assertThat(filled.get(0).get("realizedPnl")).isEqualTo(amount("-9.5"));
        assertThat(filled.get(0).get("remainingQuantity")).isZero();
        assertThat(h.pool(1, x)).isEqualByComparingTo("0.5");
        assertThat(h.wallet(1)).isEqualByComparingTo("19990");

        // fee 0.2% of 90.50 = 0.181 (under the pool's 0.50); the 0.319 left of the pool is the fund's
        final List<OutputRecord> done = h.orderDone(order, "1");
        assertThat(types(done)).containsExactly("LiquidationFeeCharged", "ClearanceFee");
        assertThat(done.get(0).get("amount")).isEqualTo(amount("0.181"));
        assertThat(done.get(0).get("filledQuantity")).isEqualTo(h.quantity(x, "1"));
        assertThat(done.get(1).get("amount")).isEqualTo(amount("0.319"));
        assertThat(done.get(1).get("insuranceFundBalance")).isEqualTo(amount("0.5"));
        assertThat(h.engine.isInLiquidation(1, x)).isFalse();
        assertThat(h.engine.positionSize(1, x)).isZero();
        assertThat(h.pool(1, x)).isEqualByComparingTo("0");
        assertThat(h.wallet(1)).isEqualByComparingTo("19990");
        assertThat(h.engine.openLiquidations()).isEmpty();
        assertThat(h.ledgerGap()).isZero();
        // every order ends exactly once
        h.assertRejected(RejectReason.UNKNOWN_LIQUIDATION, () -> h.orderDone(order, "1"));
    }

    @Test
    void anOrderFilledHalfHasItsRestTakenOverAtTheBankruptcyPrice()
    {
        final int x = isolatedLong("0", 0, "2");
        // B = 20, C = 200; at 90.90 equity 20 − 18.20 = 1.80 ≤ MM 1.818; bankruptcy (200 − 20) / 2 = 90.00
        final OutputRecord order = only(h.mark(x, "90.90"), "LiquidationOrder");
        assertThat(order.get("quantity")).isEqualTo(h.quantity(x, "2"));
        assertThat(order.get("price")).isEqualTo(h.price(x, "90.00"));

        h.assertRejected(RejectReason.EXCEEDS_ORDER_QUANTITY, () -> h.liquidationFill(order, "2.01", "90"));
        h.assertRejected(RejectReason.BEYOND_LIMIT_PRICE, () -> h.liquidationFill(order, "1", "89.99"));
        h.assertRejected(RejectReason.UNKNOWN_LIQUIDATION, () -> h.send(h.encoder.liquidationFill(
            0, 0, 1, x, Side.SELL, h.quantity(x, "1"), h.price(x, "90"), 1_000, order.get("liquidationSequence"),
            2)));
        h.assertRejected(RejectReason.LIQUIDATION_MISMATCH, () -> h.send(h.encoder.liquidationFill(
            0, 0, 2, x, Side.SELL, h.quantity(x, "1"), h.price(x, "90"), 1_000, order.get("liquidationSequence"),
            1)));
        h.assertRejected(RejectReason.LIQUIDATION_MISMATCH, () -> h.send(h.encoder.liquidationFill(
            0, 0, 1, x, Side.BUY, h.quantity(x, "1"), h.price(x, "90"), 1_000, order.get("liquidationSequence"),
            1)));

        // half at the limit: C' = 100, realized 90 − 100 = −10, B = 10
        final List<OutputRecord> filled = h.liquidationFill(order, "1", "90");
        assertThat(filled.get(0).get("realizedPnl")).isEqualTo(amount("-10"));
        assertThat(filled.get(0).get("remainingQuantity")).isEqualTo(h.quantity(x, "1"));

        // the book says 2: reported beside the engine's 1, and the order ends all the same
        final List<OutputRecord> done = h.orderDone(order, "2");
        assertThat(types(done)).containsExactly("LiquidationFeeCharged", "PositionTakenOver", "LiquidationOrder");
        assertThat(done.get(0).get("filledQuantity")).isEqualTo(h.quantity(x, "1"));
        assertThat(done.get(0).get("reportedQuantity")).isEqualTo(h.quantity(x, "2"));
        assertThat(done.get(0).get("amount")).isZero();
        // the rest, 1 at bankruptcy (100 − 10) / 1 = 90: the fund pays C − B = 90, the account realizes −10
        final OutputRecord taken = done.get(1);
        assertThat(taken.get("size")).isEqualTo(h.quantity(x, "1"));
        assertThat(taken.get("price")).isEqualTo(h.price(x, "90"));
        assertThat(taken.get("value")).isEqualTo(amount("90"));
        assertThat(taken.get("realizedPnl")).isEqualTo(amount("-10"));
        final OutputRecord unwind = done.get(2);
        assertThat(unwind.get("accountId")).isEqualTo(EngineHarness.FUND);
        assertThat(unwind.get("liquidationSequence")).isZero();
        assertThat(h.engine.positionSize(EngineHarness.FUND, x)).isEqualTo(h.quantity(x, "1"));
        assertThat(h.engine.costBasis(EngineHarness.FUND, x)).isEqualTo(amount("90"));
        assertThat(h.engine.positionSize(1, x)).isZero();
        assertThat(h.pool(1, x)).isEqualByComparingTo("0");
        assertThat(h.engine.isInLiquidation(1, x)).isFalse();
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aTierThreePositionStepsDownToTierTwo()
    {
        final int x = isolatedLong("0.005", 2, "1100");
        // B = 11,000, C = 110,000. At 92.21: equity 11,000 − 1,100 × 7.79 = 2,431 > MM 101,431 × 5% − 2,650 =
        // 2,421.55; at 92.20: equity 2,420 ≤ MM 101,420 × 5% − 2,650 = 2,421
        assertThat(types(h.mark(x, "92.21"))).doesNotContain("LiquidationTriggered");
        final OutputRecord order = only(h.mark(x, "92.20"), "LiquidationOrder");
        // tier 3 ≥ partialFromTier 2: keep floor(100,000 / 92.20 / 0.01) × 0.01 = 1,084.59, sell 15.41;
        // the limit is the whole position's bankruptcy price (110,000 − 11,000) / 1,100 = 90.00
        assertThat(order.get("quantity")).isEqualTo(h.quantity(x, "15.41"));
        assertThat(order.get("price")).isEqualTo(h.price(x, "90.00"));

        // at 92: C' = 100 × 1,084.59 = 108,459; realized 15.41 × 92 − 1,541 = 1,417.72 − 1,541 = −123.28
        final List<OutputRecord> filled = h.liquidationFill(order, "15.41", "92");
        assertThat(filled.get(0).get("realizedPnl")).isEqualTo(amount("-123.28"));
        assertThat(h.pool(1, x)).isEqualByComparingTo("10876.72");

        // fee 0.5% × 1,417.72 = 7.0886 → B = 10,869.6314; the 1,084.59 left is worth 99,999.198 at 92.20 (tier 2):
        // equity 10,869.6314 + 99,999.198 − 108,459 = 2,409.8294 > MM 99,999.198 × 2.5% − 150 = 2,349.97995, so it
        // stays, and its margin ratio 2,349.97995 / 2,409.8294 = 97.5% calls for margin again
        final List<OutputRecord> done = h.orderDone(order, "15.41");
        assertThat(types(done)).containsExactly("LiquidationFeeCharged", "MarginCall");
        assertThat(done.get(0).get("amount")).isEqualTo(amount("7.0886"));
        assertThat(done.get(1).get("equity")).isEqualTo(amount("2409.8294"));
        assertThat(done.get(1).get("maintenanceMargin")).isEqualTo(amount("2349.97995"));
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "1084.59"));
        assertThat(h.pool(1, x)).isEqualByComparingTo("10869.6314");
        assertThat(h.engine.isInLiquidation(1, x)).isFalse();
        assertThat(h.fund()).isEqualByComparingTo("7.0886");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aCrossAccountOffersItsLargestMarginFirstThenTheNext()
    {
        final int x = h.define("X", simpleTiers(), "0", 0);
        final int y = h.define("Y", simpleTiers(), "0", 0);
        h.deposit(1, "100");
        h.deposit(2, "1000000");
        h.buy(1, x, "10", "100");
        h.sell(2, x, "10", "100");
        h.buy(1, y, "10", "100");
        h.sell(2, y, "10", "100");
        // at x 91.90: equity 100 − 81 = 19 ≤ ΣMM 9.19 + 10 = 19.19; y's MM 10 is the larger
        final List<OutputRecord> out = h.mark(x, "91.90");
        assertThat(types(out)).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "LiquidationTriggered", "LiquidationOrder");
        assertThat(out.get(0).get("instrumentId")).isEqualTo(-1);
        final OutputRecord first = out.get(3);
        assertThat(first.get("instrumentId")).isEqualTo(y);
        // y's bankruptcy with x held: 100 − 81 + 10 × (P − 100) = 0 at P = 98.10
        assertThat(first.get("price")).isEqualTo(h.price(y, "98.10"));
        h.assertRejected(RejectReason.IN_LIQUIDATION, () -> h.withdraw(1, "1"));
        h.assertRejected(RejectReason.IN_LIQUIDATION, () -> h.leverage(1, x, 5));

        // filled in full at its limit: W = 100 + 981 − 1,000 = 81, equity 81 − 81 = 0 ≤ MM 9.19: x is offered,
        // its bankruptcy 81 + 10 × (P − 100) = 0 at 91.90
        h.liquidationFill(first, "10", "98.10");
        final List<OutputRecord> next = h.orderDone(first, "10");
        assertThat(types(next)).containsExactly("LiquidationFeeCharged", "LiquidationOrder");
        final OutputRecord second = next.get(1);
        assertThat(second.get("instrumentId")).isEqualTo(x);
        assertThat(second.get("price")).isEqualTo(h.price(x, "91.90"));
        assertThat(second.get("liquidationSequence")).isEqualTo(h.engine.lastSequence());

        // the book takes nothing: the fund takes x over at its mark, U = −81, and W + U = 0 is its clearance fee
        final List<OutputRecord> end = h.orderDone(second, "0");
        assertThat(types(end)).containsExactly("LiquidationFeeCharged", "PositionTakenOver", "LiquidationOrder");
        assertThat(end.get(1).get("price")).isEqualTo(h.price(x, "91.90"));
        assertThat(end.get(1).get("realizedPnl")).isEqualTo(amount("-81"));
        assertThat(end.get(1).get("clearanceFee")).isZero();
        assertThat(h.wallet(1)).isEqualByComparingTo("0");
        assertThat(h.engine.isInLiquidation(1, x)).isFalse();
        assertThat(h.engine.openLiquidations()).isEmpty();
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aSnapshotCarriesTheOpenOrders()
    {
        final int x = isolatedLong("0.002", 0, "1");
        h.mark(x, "90.90");
        final UnsafeBuffer state = new UnsafeBuffer(new byte[StateCodec.length(h.engine)]);
        final int length = StateCodec.write(h.engine, state, 0);
        final List<OutputRecord> restoredOutputs = new ArrayList<>();
        final MarginStateMachine restored = new MarginStateMachine(
            marketSettings(), (buffer, offset, l) -> restoredOutputs.add(OutputRecord.decode(buffer, offset, l)));
        restored.restore(state, 0, length);
        assertThat(restored.stateHash()).isEqualTo(h.engine.stateHash());
        assertThat(restored.openLiquidations()).isEqualTo(h.engine.openLiquidations()).hasSize(1);

        // the same fill and end give the same outputs on both
        final long orderSequence = h.engine.openLiquidations().get(0).liquidationSequence();
        final int fill = h.encoder.liquidationFill(0, 0, 1, x, Side.SELL, h.quantity(x, "1"), h.price(x, "90.50"),
            1_000, orderSequence, 1);
        final List<String> original = new ArrayList<>();
        original.addAll(describe(h.send(fill)));
        restored.onInput(h.encoder.buffer(), 0, fill);
        final int done = h.encoder.liquidationOrderDone(0, 0, orderSequence, 1, 100);
        original.addAll(describe(h.send(done)));
        restored.onInput(h.encoder.buffer(), 0, done);
        assertThat(describe(restoredOutputs)).isEqualTo(original).hasSize(3);
        assertThat(restored.stateHash()).isEqualTo(h.engine.stateHash());

        // an engine that takes over at once could never end those orders: it refuses the state
        final MarginStateMachine takeover = new MarginStateMachine(
            new EngineSettings().maxInstruments(4), (buffer, offset, l) -> { });
        assertThatThrownBy(() -> takeover.restore(state, 0, length))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1 open liquidation orders, the engine's liquidation mode is TAKEOVER");
    }

    @Test
    void aVersionOneFillIsAnOrdinaryFill()
    {
        final int x = h.define("X", simpleTiers(), "0", 0);
        h.deposit(1, "1000");
        final int length = h.encoder.fill(0, 0, 1, x, Side.BUY, h.quantity(x, "1"), h.price(x, "100"), 0, 7);
        // the message as schema version 1 wrote it: its block ends before the liquidation order id
        final UnsafeBuffer buffer = new UnsafeBuffer(h.encoder.buffer().byteArray());
        buffer.putShort(0, (short)FillDecoder.liquidationSequenceEncodingOffset());
        buffer.putShort(6, (short)1);
        final int shorter = length - (FillDecoder.BLOCK_LENGTH - FillDecoder.liquidationSequenceEncodingOffset());
        assertThat(MessageHeaderDecoder.SCHEMA_VERSION).isEqualTo(2);
        assertThat(types(h.send(shorter))).isEmpty();
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "1"));
    }

    @Test
    void takeoverModeNeverOpensAnOrder()
    {
        final EngineHarness t = new EngineHarness(new EngineSettings().maxInstruments(4));
        final int x = t.define("X", simpleTiers(), "0.01", 2);
        t.deposit(1, "1000");
        t.isolated(1, x);
        t.leverage(1, x, 10);
        t.buy(1, x, "1", "100");
        assertThat(types(t.mark(x, "90.90"))).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(t.engine.openLiquidations()).isEmpty();
        assertThat(t.engine.isInLiquidation(1, x)).isFalse();
        t.assertRejected(RejectReason.UNKNOWN_LIQUIDATION, () -> t.send(t.encoder.liquidationOrderDone(
            0, 0, t.engine.lastSequence(), 1, 0)));
    }

    @Test
    void whenEveryOrderIsOpenATriggerIsTakenOverAtOnce()
    {
        final EngineHarness one = new EngineHarness(marketSettings().maxOpenLiquidations(1));
        final int x = one.define("X", simpleTiers(), "0", 0);
        for (long account = 1; account <= 2; account++)
        {
            one.deposit(account, "1000");
            one.isolated(account, x);
            one.leverage(account, x, 10);
            one.buy(account, x, "1", "100");
        }
        // both are liquidatable at 90.90: account 1 (registered first) gets the only order, account 2 goes to the fund
        assertThat(types(one.mark(x, "90.90"))).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "LiquidationOrder",
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(one.engine.isInLiquidation(1, x)).isTrue();
        assertThat(one.engine.isInLiquidation(2, x)).isFalse();
        assertThat(one.engine.positionSize(2, x)).isZero();
    }

    private static List<String> describe(final List<OutputRecord> records)
    {
        final List<String> text = new ArrayList<>();
        for (final OutputRecord record : records)
        {
            text.add(record.toString());
        }
        return text;
    }
}
