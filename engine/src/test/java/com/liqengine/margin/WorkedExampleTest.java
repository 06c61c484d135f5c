package com.liqengine.margin;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binance's published USDⓈ-M liquidation price example (shared/MARGIN.md): one wallet of 1,535,443.01 USDT,
 * long 109.488 BTCUSDT at 32,481.98 and long 3,683.979 ETHUSDT at 1,456.84, marks 31,967.27 and 1,335.18.
 * Binance publishes prices rounded to the nearest cent; the engine reports the boundary tick itself: the
 * highest mark at which a long is liquidatable, so each is the published value or one tick below it.
 */
class WorkedExampleTest
{
    private final EngineHarness h = new EngineHarness();
    private final int btc = h.define("BTCUSDT", 2, 3, EngineHarness.btcTiers());
    private final int eth = h.define("ETHUSDT", 2, 3, EngineHarness.ethTiers());

    private void openBoth(final long account)
    {
        h.buy(account, btc, "109.488", "32481.98");
        h.buy(account, eth, "3683.979", "1456.84");
    }

    private void moveMarks()
    {
        h.mark(btc, "31967.27");
        h.mark(eth, "1335.18");
    }

    @Test
    void crossMaintenanceMarginUnrealizedAndLiquidationPrices()
    {
        h.deposit(1, "1535443.01");
        openBoth(1);
        moveMarks();

        // MM = N × MMR − cum, N = 109.488 × 31,967.27 = 3,500,032.45776 (tier 1M–10M: 2.5%, cum 16,300)
        assertThat(EngineHarness.decimal(h.engine.maintenanceMargin(1, btc)))
            .isEqualByComparingTo("71200.811444");
        assertThat(EngineHarness.decimal(h.engine.unrealizedPnl(1, btc))).isEqualByComparingTo("-56354.56848");
        // N = 3,683.979 × 1,335.18 = 4,918,775.08122 (tier 2M–5M: 10%, cum 135,365)
        assertThat(EngineHarness.decimal(h.engine.maintenanceMargin(1, eth)))
            .isEqualByComparingTo("356512.508122");
        assertThat(EngineHarness.decimal(h.engine.unrealizedPnl(1, eth))).isEqualByComparingTo("-448192.88514");

        // closed form (W + ΣU_other − ΣMM_other + cum − C) / (|q| × MMR − q): 26,316.8932… and 1,153.2564…
        assertThat(h.priceOf(btc, h.engine.liquidationPrice(1, btc))).isEqualByComparingTo("26316.89");
        assertThat(h.priceOf(eth, h.engine.liquidationPrice(1, eth))).isEqualByComparingTo("1153.25");

        // margin ratio = ΣMM / equity = 427,713.319566 / 1,030,895.55638 = 0.414894917…, rounded up
        assertThat(EngineHarness.decimal(h.engine.marginRatio(1, btc))).isEqualByComparingTo("0.41489492");
    }

    @Test
    void isolatedLiquidationPricesWithPoolsOfTheWholeWallet()
    {
        h.deposit(1, "3100000");
        h.isolated(1, btc);
        h.isolated(1, eth);
        // 20x would make the ETH position liquidatable at once (its notional's tier allows 4x)
        h.leverage(1, eth, 4);
        openBoth(1);
        // top each pool up to exactly 1,535,443.01
        h.addMargin(1, btc, topUp(btc));
        h.addMargin(1, eth, topUp(eth));
        assertThat(h.pool(1, btc)).isEqualByComparingTo("1535443.01");
        assertThat(h.pool(1, eth)).isEqualByComparingTo("1535443.01");
        moveMarks();

        // (B + cum − C) / (|q| × MMR − q): 18,778.7259… and 1,114.7849…
        assertThat(h.priceOf(btc, h.engine.liquidationPrice(1, btc))).isEqualByComparingTo("18778.72");
        assertThat(h.priceOf(eth, h.engine.liquidationPrice(1, eth))).isEqualByComparingTo("1114.78");
        // bankruptcy: (C − B) / q = (3,556,387.02624 − 1,535,443.01) / 109.488 = 18,458.1325…
        assertThat(h.priceOf(btc, h.engine.bankruptcyPrice(1, btc))).isEqualByComparingTo("18458.13");
    }

    @Test
    void liquidationPriceIsTheExactBoundaryOfTheCheck()
    {
        h.deposit(1, "1535443.01");
        openBoth(1);
        moveMarks();
        h.mark(btc, "26316.90");
        assertThat(h.engine.positionSize(1, btc)).isNotZero();
        assertThat(EngineHarness.types(EngineHarness.afterCancels(h.mark(btc, "26316.89")))).containsExactly(
            "LiquidationTriggered", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder",
            "PositionTakenOver", "LiquidationOrder");
        assertThat(h.engine.positionSize(1, btc)).isZero();
        assertThat(h.engine.positionSize(1, eth)).isZero();
        assertThat(h.wallet(1)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(h.ledgerGap()).isZero();
    }

    private String topUp(final int instrument)
    {
        return new BigDecimal("1535443.01").subtract(h.pool(1, instrument)).toPlainString();
    }
}
