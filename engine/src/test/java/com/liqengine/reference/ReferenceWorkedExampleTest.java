package com.liqengine.reference;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.reference.ReferenceEngine.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference model on its own against Binance's published USDⓈ-M example (shared/MARGIN.md), the numbers
 * worked by hand in WorkedExampleTest: the reference gets them from the closed form, not by bisection.
 */
class ReferenceWorkedExampleTest
{
    private static final int BTC = 0;
    private static final int ETH = 1;

    private final ReferenceEngine ref = new ReferenceEngine(10, 4, 0, 80_000_000L);
    private long tradeId = 1;

    ReferenceWorkedExampleTest()
    {
        define(BTC, "BTCUSDT", List.of(
            tier("50000", 125, "0.004", "0"), tier("250000", 100, "0.005", "50"),
            tier("1000000", 50, "0.01", "1300"), tier("10000000", 20, "0.025", "16300"),
            tier("20000000", 10, "0.05", "266300")));
        define(ETH, "ETHUSDT", List.of(
            tier("10000", 100, "0.005", "0"), tier("100000", 75, "0.0065", "15"),
            tier("500000", 50, "0.01", "365"), tier("1000000", 25, "0.02", "5365"),
            tier("2000000", 10, "0.05", "35365"), tier("5000000", 5, "0.10", "135365"),
            tier("10000000", 4, "0.125", "260365")));
    }

    private void define(final int id, final String symbol, final List<TierSpec> tiers)
    {
        assertThat(ref.instrumentDefinition(0, 0, new InstrumentSpec(
            id, symbol, 2, 3, 1, 1, 4, MarginMode.CROSS, tiers)).get(0).type().label())
            .isEqualTo("RequestAccepted");
    }

    private void openBothAndMoveMarks()
    {
        ref.fill(0, 0, 1, BTC, Side.BUY, 109_488, 3_248_198, 0, tradeId++);
        ref.fill(0, 0, 1, ETH, Side.BUY, 3_683_979, 145_684, 0, tradeId++);
        ref.markPriceTick(0, 0, BTC, 3_196_727);
        ref.markPriceTick(0, 0, ETH, 133_518);
    }

    @Test
    void crossValuesAndLiquidationPrices()
    {
        ref.deposit(0, 0, 1, 153_544_301_000_000L);
        openBothAndMoveMarks();

        assertThat(ref.maintenanceMargin(1, BTC)).isEqualTo(7_120_081_144_400L);
        assertThat(ref.unrealizedPnl(1, BTC)).isEqualTo(-5_635_456_848_000L);
        assertThat(ref.maintenanceMargin(1, ETH)).isEqualTo(35_651_250_812_200L);
        assertThat(ref.unrealizedPnl(1, ETH)).isEqualTo(-44_819_288_514_000L);
        // closed forms 26,316.8932… and 1,153.2564…: the boundary of the check is the cent below
        assertThat(ref.liquidationPrice(1, BTC)).isEqualTo(2_631_689L);
        assertThat(ref.liquidationPrice(1, ETH)).isEqualTo(115_325L);
        assertThat(ref.marginRatio(1, BTC)).isEqualTo(41_489_492L);
    }

    @Test
    void isolatedPricesWithPoolsOfTheWholeWallet()
    {
        ref.deposit(0, 0, 1, 310_000_000_000_000L);
        ref.setMarginMode(0, 0, 1, BTC, MarginMode.ISOLATED);
        ref.setMarginMode(0, 0, 1, ETH, MarginMode.ISOLATED);
        openBothAndMoveMarks();
        ref.addIsolatedMargin(0, 0, 1, BTC, 153_544_301_000_000L - ref.isolatedMargin(1, BTC));
        ref.addIsolatedMargin(0, 0, 1, ETH, 153_544_301_000_000L - ref.isolatedMargin(1, ETH));

        assertThat(ref.liquidationPrice(1, BTC)).isEqualTo(1_877_872L);
        assertThat(ref.liquidationPrice(1, ETH)).isEqualTo(111_478L);
        // (C − B) / q = 18,458.1325…: a long is bankrupt at and below the cent under it
        assertThat(ref.bankruptcyPrice(1, BTC)).isEqualTo(1_845_813L);
    }

    @Test
    void crossLiquidationAtTheReportedPriceGivesEverythingToTheFund()
    {
        ref.deposit(0, 0, 1, 153_544_301_000_000L);
        openBothAndMoveMarks();
        // one cent above: not liquidatable, but the ratio (0.99999826) is past the margin call level
        assertThat(ref.markPriceTick(0, 0, BTC, 2_631_690)).extracting(o -> o.type().label())
            .containsExactly("MarginCall");
        final List<RefOutput> outputs = ref.markPriceTick(7, 9, BTC, 2_631_689);

        // takeover mode (the default): the open orders of every instrument cancelled first
        assertThat(outputs).extracting(o -> o.type().label()).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "LiquidationTriggered", "PositionTakenOver",
            "LiquidationOrder", "PositionTakenOver", "LiquidationOrder");
        assertThat(outputs.get(0).get("accountId")).isEqualTo(1);
        assertThat(outputs.get(0).get("instrumentId")).isEqualTo(-1);
        assertThat(outputs.get(0).get("sequence")).isEqualTo(9);
        assertThat(outputs.get(0).get("correlationId")).isEqualTo(7);
        assertThat(ref.crossWallet(1)).isZero();
        assertThat(ref.positionSize(0, BTC)).isEqualTo(109_488);
        assertThat(ref.insuranceFundBalance()).isEqualTo(outputs.get(5).get("insuranceFundBalance"));
    }
}
