package com.liqengine.reference;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import com.liqengine.margin.LiquidationMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.liqengine.reference.ReferenceEngine.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference model in market mode (docs/liquidation.md) on examples worked by hand. Prices have 2 decimals,
 * quantities 3 ({@code value = q × P}, 1 unit of money = 10^8 units); BTC's tick is 1.00, ETH's 0.01, steps
 * 0.001. Tiers: 1% to 10,000 (50x), 2% to 50,000 (20x, cum 100 = 10,000 × 1%), 5% to 200,000 (10x,
 * cum 1,600 = 100 + 50,000 × 3%). Liquidation fee 0.5%. Account 2 is every trade's counterparty; the fund
 * starts empty.
 */
class ReferenceLiquidationWorkedExampleTest
{
    private static final int BTC = 0;
    private static final int ETH = 1;
    private static final long FUND = 0;
    private static final long FEE_RATE = 500_000L;
    private static final List<TierSpec> TIERS = List.of(
        tier("10000", 50, "0.01", "0"), tier("50000", 20, "0.02", "100"), tier("200000", 10, "0.05", "1600"));

    private final ReferenceEngine ref =
        new ReferenceEngine(10, 4, Integer.MAX_VALUE, FUND, 80_000_000L, LiquidationMode.MARKET, 16);
    private long tradeId;

    private void market(final int partialFromTier)
    {
        assertThat(labels(ref.instrumentDefinition(0, 0, new InstrumentSpec(
            BTC, "BTCUSDT", 2, 3, 100, 1, 10, MarginMode.ISOLATED, TIERS).withLiquidation(FEE_RATE, partialFromTier))))
            .containsExactly("RequestAccepted");
        assertThat(labels(ref.instrumentDefinition(0, 0, new InstrumentSpec(
            ETH, "ETHUSDT", 2, 3, 1, 1, 20, MarginMode.CROSS, TIERS).withLiquidation(FEE_RATE, 0))))
            .containsExactly("RequestAccepted");
        ref.deposit(0, 0, 2, 100_000_000L * 100_000_000L);
        ref.setMarginMode(0, 0, 2, BTC, MarginMode.CROSS);
    }

    private static List<String> labels(final List<RefOutput> outputs)
    {
        final List<String> labels = new ArrayList<>();
        outputs.forEach(output -> labels.add(output.type().label()));
        return labels;
    }

    private List<RefOutput> buy(final long account, final int instrument, final long quantity, final long price)
    {
        tradeId++;
        final List<RefOutput> outputs = ref.fill(0, 0, account, instrument, Side.BUY, quantity, price, 0, tradeId);
        ref.fill(0, 0, 2, instrument, Side.SELL, quantity, price, 0, tradeId);
        return outputs;
    }

    private List<RefOutput> sold(final RefOutput order, final long quantity, final long price)
    {
        tradeId++;
        return ref.fill(0, 0, order.get("accountId"), (int)order.get("instrumentId"), Side.SELL, quantity, price, 0,
            tradeId, order.get("liquidationSequence"), (int)order.get("liquidationIndex"));
    }

    private List<RefOutput> done(final RefOutput order, final long reported)
    {
        return ref.liquidationOrderDone(0, 0, order.get("liquidationSequence"), (int)order.get("liquidationIndex"),
            reported);
    }

    /** The order's id is the sequence of the input that emitted it and its counter within that input. */
    private static void assertOrder(
        final RefOutput order, final long account, final int instrument, final long quantity, final long limit)
    {
        assertThat(order.type().label()).isEqualTo("LiquidationOrder");
        assertThat(order.get("accountId")).isEqualTo(account);
        assertThat(order.get("instrumentId")).isEqualTo(instrument);
        assertThat(order.get("side")).isEqualTo(RefOutputs.SELL);
        assertThat(order.get("quantity")).isEqualTo(quantity);
        assertThat(order.get("price")).isEqualTo(limit);
        assertThat(order.get("liquidationSequence")).isEqualTo(order.get("sequence"));
        assertThat(order.get("liquidationIndex")).isEqualTo(1);
    }

    /** The isolated long of examples 2 and 3: 0.1 BTC at 50,000 with 10x, pool 500, liquidated at 45,400. */
    private RefOutput isolatedLongLiquidatedAt45400()
    {
        market(0);
        ref.deposit(0, 0, 1, 1_000L * 100_000_000L);
        // IM ceil(5,000 / 10) = 500 into the pool: B = 500, W = 500
        buy(1, BTC, 100, 5_000_000);
        // U = 0.1 × (45,400 − 50,000) = −460, equity 40 ≤ MM 4,540 × 1% = 45.40
        final List<RefOutput> outputs = ref.markPriceTick(0, 0, BTC, 4_540_000);
        assertThat(labels(outputs)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "LiquidationOrder");
        assertThat(outputs.get(0).get("instrumentId")).isEqualTo(BTC);
        assertThat(outputs.get(1).get("equity")).isEqualTo(4_000_000_000L);
        // the whole 0.1; bankruptcy (C − B) / q = 4,500 / 0.1 = 45,000.00, on the tick already
        assertOrder(outputs.get(2), 1, BTC, 100, 4_500_000);
        return outputs.get(2);
    }

    @Test
    void aTierThreePositionStepsDownToTierTwo()
    {
        market(2);
        ref.deposit(0, 0, 1, 1_001_000_000_000L);
        // 2 BTC at 50,000 with 10x: IM 10,000 into the pool, then 1.50 more: B = 10,001.50, C = 100,000
        buy(1, BTC, 2_000, 5_000_000);
        ref.addIsolatedMargin(0, 0, 1, BTC, 150_000_000L);
        assertThat(ref.isolatedMargin(1, BTC)).isEqualTo(1_000_150_000_000L);

        // mark 46,000: notional 92,000 in tier 3, MM 92,000 × 5% − 1,600 = 3,000; U = −8,000, equity 2,001.50
        final List<RefOutput> triggered = ref.markPriceTick(0, 0, BTC, 4_600_000);
        assertThat(labels(triggered)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "LiquidationOrder");
        assertThat(triggered.get(1).get("equity")).isEqualTo(200_150_000_000L);
        assertThat(triggered.get(1).get("maintenanceMargin")).isEqualTo(300_000_000_000L);
        // tier 3 ≥ partialFromTier 2: keep K = floor(50,000 / (46,000 × 0.001)) = 1,086 steps, offer 2 − 1.086;
        // limit: base B − C = −89,998.50, ceil(89,998.50 / (2 × 1.00)) = ceil(44,999.25) = 45,000 ticks of 1.00
        final RefOutput order = triggered.get(2);
        assertOrder(order, 1, BTC, 914, 4_500_000);
        assertThat(ref.isInLiquidation(1, BTC)).isTrue();
        assertThat(ref.removeIsolatedMargin(0, 0, 1, BTC, 1).get(0).get("reason"))
            .isEqualTo(RejectReason.IN_LIQUIDATION.value());

        // filled in full at 45,500: C' = 100,000 × 1.086 / 2 = 54,300; Rz = 0.914 × 45,500 − 45,700 = −4,113
        final List<RefOutput> fill = sold(order, 914, 4_550_000);
        assertThat(labels(fill)).containsExactly("LiquidationFill");
        assertThat(fill.get(0).get("realizedPnl")).isEqualTo(-411_300_000_000L);
        assertThat(fill.get(0).get("remainingQuantity")).isZero();
        assertThat(ref.isolatedMargin(1, BTC)).isEqualTo(588_850_000_000L);

        // fee floor(0.5% × 41,587) = 207.935, under min(B, B + U) = min(5,888.50, 5,888.50 − 4,344) = 1,544.50
        final List<RefOutput> end = done(order, 914);
        assertThat(labels(end)).containsExactly("LiquidationFeeCharged");
        assertThat(end.get(0).get("filledQuantity")).isEqualTo(914);
        assertThat(end.get(0).get("reportedQuantity")).isEqualTo(914);
        assertThat(end.get(0).get("amount")).isEqualTo(20_793_500_000L);
        assertThat(end.get(0).get("insuranceFundBalance")).isEqualTo(20_793_500_000L);
        // 1.086 × 46,000 = 49,956 is tier 2: MM 999.12 − 100 = 899.12 < equity 5,680.565 − 4,344 = 1,336.565,
        // ratio 0.67: checked again, neither liquidated nor called
        assertThat(ref.positionSize(1, BTC)).isEqualTo(1_086);
        assertThat(ref.costBasis(1, BTC)).isEqualTo(5_430_000_000_000L);
        assertThat(ref.isolatedMargin(1, BTC)).isEqualTo(568_056_500_000L);
        assertThat(ref.maintenanceMargin(1, BTC)).isEqualTo(89_912_000_000L);
        assertThat(ref.isInLiquidation(1, BTC)).isFalse();
        assertThat(ref.openLiquidations()).isEmpty();
    }

    @Test
    void aFillBetterThanBankruptcyLeavesThePoolToTheFund()
    {
        final RefOutput order = isolatedLongLiquidatedAt45400();

        // at 45,300: Rz = 4,530 − 5,000 = −470, B = 30, flat
        assertThat(sold(order, 100, 4_530_000).get(0).get("realizedPnl")).isEqualTo(-47_000_000_000L);
        final List<RefOutput> end = done(order, 100);

        // fee floor(0.5% × 4,530) = 22.65 (under B = 30); nothing left to take over; the pool's 7.35 to the fund
        assertThat(labels(end)).containsExactly("LiquidationFeeCharged", "ClearanceFee");
        assertThat(end.get(0).get("amount")).isEqualTo(2_265_000_000L);
        assertThat(end.get(1).get("amount")).isEqualTo(735_000_000L);
        assertThat(end.get(1).get("insuranceFundBalance")).isEqualTo(3_000_000_000L);
        assertThat(ref.isolatedMargin(1, BTC)).isZero();
        assertThat(ref.crossWallet(1)).isEqualTo(50_000_000_000L);
        assertThat(ref.insuranceFundBalance()).isEqualTo(3_000_000_000L);
    }

    @Test
    void anOrderFilledHalfHasTheRestTakenOver()
    {
        final RefOutput order = isolatedLongLiquidatedAt45400();

        // 0.05 at 45,200: C' = 2,500, Rz = 2,260 − 2,500 = −240, B = 260
        final List<RefOutput> fill = sold(order, 50, 4_520_000);
        assertThat(fill.get(0).get("remainingQuantity")).isEqualTo(50);
        // a second fill beyond the limit (44,900 < 45,000) changes nothing
        assertThat(sold(order, 10, 4_490_000).get(0).get("reason")).isEqualTo(RejectReason.BEYOND_LIMIT_PRICE.value());
        final List<RefOutput> end = done(order, 50);

        assertThat(labels(end)).containsExactly("LiquidationFeeCharged", "PositionTakenOver", "LiquidationOrder");
        // fee floor(0.5% × 2,260) = 11.30 under min(B, B + U) = min(260, 260 + 2,270 − 2,500) = 30; B = 248.70
        assertThat(end.get(0).get("amount")).isEqualTo(1_130_000_000L);
        // the rest 0.05 at the bankruptcy price (2,500 − 248.70) / 0.05 = 45,026.00: the fund pays 2,251.30
        final RefOutput takenOver = end.get(1);
        assertThat(takenOver.get("size")).isEqualTo(50);
        assertThat(takenOver.get("price")).isEqualTo(4_502_600);
        assertThat(takenOver.get("value")).isEqualTo(225_130_000_000L);
        assertThat(takenOver.get("realizedPnl")).isEqualTo(-24_870_000_000L);
        assertThat(takenOver.get("insuranceFundBalance")).isEqualTo(1_130_000_000L);
        assertThat(end.get(2).get("accountId")).isEqualTo(FUND);
        assertThat(end.get(2).get("quantity")).isEqualTo(50);
        assertThat(end.get(2).get("liquidationSequence")).isZero();
        assertThat(ref.positionSize(FUND, BTC)).isEqualTo(50);
        assertThat(ref.costBasis(FUND, BTC)).isEqualTo(225_130_000_000L);
        assertThat(ref.isolatedMargin(1, BTC)).isZero();
    }

    @Test
    void aCrossAccountOffersItsNextPositionAfterAFullFill()
    {
        market(0);
        ref.deposit(0, 0, 1, 100_000_000_000L);
        ref.setMarginMode(0, 0, 1, BTC, MarginMode.CROSS);
        // cross: 0.2 BTC at 50,000 and 2 ETH at 2,500, W = 1,000; ETH marked at 2,510 (U = +20)
        buy(1, BTC, 200, 5_000_000);
        buy(1, ETH, 2_000, 250_000);
        ref.markPriceTick(0, 0, ETH, 251_000);

        // BTC at 45,500: equity 1,000 − 900 + 20 = 120 ≤ MM 91 + 50.20
        final List<RefOutput> triggered = ref.markPriceTick(0, 0, BTC, 4_550_000);
        assertThat(labels(triggered)).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "LiquidationTriggered", "LiquidationOrder");
        assertThat(triggered.get(0).get("instrumentId")).isEqualTo(-1);
        // BTC's MM 91 is the larger; limit: base W + U(ETH) − C = −8,980, ceil(8,980 / 0.2) = 44,900.00
        final RefOutput first = triggered.get(3);
        assertOrder(first, 1, BTC, 200, 4_490_000);
        assertThat(ref.withdrawal(0, 0, 1, 1).get(0).get("reason")).isEqualTo(RejectReason.IN_LIQUIDATION.value());

        // filled in full at 45,100: Rz = 9,020 − 10,000 = −980, W = 20
        sold(first, 200, 4_510_000);
        final List<RefOutput> end = done(first, 200);

        // fee floor(0.5% × 9,020) = 45.10, capped at min(W, W + ΣU) = min(20, 40) = 20; W = 0, equity 20 ≤ MM 50.20:
        // still liquidatable and filled in full, so ETH is offered: limit ceil(5,000 / (2 × 0.01)) ticks = 2,500.00
        assertThat(labels(end)).containsExactly("LiquidationFeeCharged", "LiquidationOrder");
        assertThat(end.get(0).get("amount")).isEqualTo(2_000_000_000L);
        assertThat(ref.crossWallet(1)).isZero();
        assertOrder(end.get(1), 1, ETH, 2_000, 250_000);
        assertThat(ref.isInLiquidation(1, ETH)).isTrue();
        assertThat(ref.openLiquidations()).extracting(RefOpenLiquidation::instrumentId).containsExactly(ETH);
    }

    @Test
    void liquidationSettingsOutOfRangeAreRefused()
    {
        final InstrumentSpec spec = new InstrumentSpec(BTC, "BTCUSDT", 2, 3, 100, 1, 10, MarginMode.ISOLATED, TIERS);

        // a fee rate from 0 to R = 100,000,000; partialFromTier from 0 to the 3 tiers
        assertThat(ref.instrumentDefinition(0, 0, spec.withLiquidation(-1, 0)).get(0).get("reason"))
            .isEqualTo(RejectReason.OUT_OF_RANGE.value());
        assertThat(ref.instrumentDefinition(0, 0, spec.withLiquidation(100_000_001L, 0)).get(0).get("reason"))
            .isEqualTo(RejectReason.OUT_OF_RANGE.value());
        assertThat(ref.instrumentDefinition(0, 0, spec.withLiquidation(0, 4)).get(0).get("reason"))
            .isEqualTo(RejectReason.INVALID_TIERS.value());
        assertThat(labels(ref.instrumentDefinition(0, 0, spec.withLiquidation(100_000_000L, 3))))
            .containsExactly("RequestAccepted");
    }
}
