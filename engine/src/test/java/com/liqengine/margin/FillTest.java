package com.liqengine.margin;

import static com.liqengine.margin.EngineHarness.afterCancels;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fills (docs/margin.md, section 4, "Fill"): open, increase, reduce with realized PnL and the cost left rounded
 * down, close, flip, fees, duplicate trade ids, and in isolated mode the margin moved into the pool, released
 * from it, and a loss beyond the pool paid by the insurance fund.
 *
 * <p>Instrument X: 2 price decimals, 2 quantity decimals (value = q × p exactly), tiers
 * {@link EngineHarness#simpleTiers()} (1% up to 10,000). Fees are 0 unless stated.
 */
class FillTest
{
    private final EngineHarness h = new EngineHarness();
    private final int x = h.define("X", 2, 2, EngineHarness.simpleTiers());

    @Test
    void crossOpenIncreaseReduceClose()
    {
        h.deposit(1, "1000");
        // open long 2 at 100 with a fee of 0.2: C = 200, W = 1000 − 0.2; a fill is not acknowledged
        assertThat(h.fill(1, x, Side.BUY, "2", "100", "0.2")).isEmpty();
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "2"));
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("200"));
        assertThat(h.wallet(1)).isEqualByComparingTo("999.8");
        assertThat(h.engine.totalFees()).isEqualTo(amount("0.2"));
        // the first fill sets the unknown mark to its price
        assertThat(h.engine.markPrice(x)).isEqualTo(h.price(x, "100"));

        // increase by 1 at 130: C = 200 + 130 = 330 (entry 110); the mark stays 100
        h.buy(1, x, "1", "130");
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "3"));
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("330"));
        assertThat(h.engine.markPrice(x)).isEqualTo(h.price(x, "100"));

        // reduce by 1 at 140: C' = 330 × 2/3 = 220, closed cost 110, realized 140 − 110 = 30
        h.sell(1, x, "1", "140");
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "2"));
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("220"));
        assertThat(h.wallet(1)).isEqualByComparingTo("1029.8");
        assertThat(h.engine.totalRealizedPnl()).isEqualTo(amount("30"));

        // close 2 at 90: realized 180 − 220 = −40
        h.sell(1, x, "2", "90");
        assertThat(h.engine.positionSize(1, x)).isZero();
        assertThat(h.engine.costBasis(1, x)).isZero();
        assertThat(h.wallet(1)).isEqualByComparingTo("989.8");
        assertThat(h.engine.totalRealizedPnl()).isEqualTo(amount("-10"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void crossShortOpenAndReduce()
    {
        h.deposit(1, "1000");
        // short 4 at 50: C = −200
        h.sell(1, x, "4", "50");
        assertThat(h.engine.positionSize(1, x)).isEqualTo(-h.quantity(x, "4"));
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("-200"));
        // buy back 1 at 45: C' = −200 × 3/4 = −150, closed cost −50, realized −45 − (−50) = +5
        h.buy(1, x, "1", "45");
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("-150"));
        assertThat(h.wallet(1)).isEqualByComparingTo("1005");
    }

    @Test
    void crossFlipRealizesThenOpensTheRest()
    {
        h.deposit(1, "1000");
        h.buy(1, x, "2", "100");
        // sell 5 at 120: close 2 (realized 240 − 200 = 40), open short 3 at 120 (C = −360)
        assertThat(h.sell(1, x, "5", "120")).isEmpty();
        assertThat(h.engine.positionSize(1, x)).isEqualTo(-h.quantity(x, "3"));
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("-360"));
        assertThat(h.wallet(1)).isEqualByComparingTo("1040");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void costLeftAfterAReduceRoundsDownForALong()
    {
        h.deposit(1, "1000");
        // C = 100.00 + 2 × 100.01 = 300.02
        h.buy(1, x, "1", "100");
        h.buy(1, x, "2", "100.01");
        // C' = floor(300.02 × 2/3) = floor(200.0133333…) = 200.01333333; closed 100.00666667;
        // realized 101 − 100.00666667 = 0.99333333
        h.sell(1, x, "1", "101");
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("200.01333333"));
        assertThat(h.wallet(1)).isEqualByComparingTo("1000.99333333");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void costLeftAfterAReduceRoundsDownForAShortToo()
    {
        h.deposit(1, "1000");
        // C = −300.02
        h.sell(1, x, "1", "100");
        h.sell(1, x, "2", "100.01");
        // C' = floor(−200.0133333…) = −200.01333334 (toward −∞); closed −300.02 + 200.01333334 = −100.00666666;
        // realized −101 + 100.00666666 = −0.99333334 (the loss is rounded up)
        h.buy(1, x, "1", "101");
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("-200.01333334"));
        assertThat(h.wallet(1)).isEqualByComparingTo("999.00666666");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void feesAreChargedToTheWalletAndRebatesCredited()
    {
        h.deposit(1, "1000");
        h.fill(1, x, Side.BUY, "1", "100", "0.07");
        h.fill(1, x, Side.SELL, "1", "100", "-0.02");
        // 1000 − 0.07 + 0.02; total fees 0.05
        assertThat(h.wallet(1)).isEqualByComparingTo("999.95");
        assertThat(h.engine.totalFees()).isEqualTo(amount("0.05"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void isolatedOpenMovesInitialMarginIntoThePool()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        // V = 200, m = 200 / 10 = 20; W = 1000 − 0.1 (fee) − 20
        assertThat(h.fill(1, x, Side.BUY, "2", "100", "0.1")).isEmpty();
        assertThat(h.pool(1, x)).isEqualByComparingTo("20");
        assertThat(h.wallet(1)).isEqualByComparingTo("979.9");
        // increase 1 at 130 (with the mark there too: at mark 100, B + U = 33 − 30 = 3 ≤ MM 3 would liquidate it)
        h.mark(x, "130");
        h.buy(1, x, "1", "130");
        assertThat(h.pool(1, x)).isEqualByComparingTo("33");
        assertThat(h.wallet(1)).isEqualByComparingTo("966.9");
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("330"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void isolatedMarginMovedOnOpenRoundsUp()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 7);
        // 3 × 100.01 = 300.03; / 7 = 42.861428571… → 42.86142858
        h.buy(1, x, "3", "100.01");
        assertThat(h.pool(1, x)).isEqualByComparingTo("42.86142858");
        assertThat(h.wallet(1)).isEqualByComparingTo("957.13857142");
    }

    @Test
    void isolatedReduceWithProfitReturnsPoolShareAndProfit()
    {
        openIsolatedLong();
        // sell 1 at 110: realized 10, released floor(20 × 1/2) = 10, S = 20 → W
        h.sell(1, x, "1", "110");
        assertThat(h.pool(1, x)).isEqualByComparingTo("10");
        assertThat(h.wallet(1)).isEqualByComparingTo("1000");
        assertThat(h.engine.totalRealizedPnl()).isEqualTo(amount("10"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void isolatedReduceWithSmallLossReturnsWhatIsLeftOfTheShare()
    {
        openIsolatedLong();
        // sell 1 at 95: realized −5, released 10, S = 5 → W
        h.sell(1, x, "1", "95");
        assertThat(h.pool(1, x)).isEqualByComparingTo("10");
        assertThat(h.wallet(1)).isEqualByComparingTo("985");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void isolatedLossBeyondTheReleasedShareComesOutOfThePoolNotTheWallet()
    {
        openIsolatedLong();
        // sell 1 at 85: realized −15, released 10, S = −5: the pool pays it, B = 10 − 5 = 5, W untouched
        h.sell(1, x, "1", "85");
        assertThat(h.pool(1, x)).isEqualByComparingTo("5");
        assertThat(h.wallet(1)).isEqualByComparingTo("980");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void isolatedLossBeyondThePoolIsPaidByTheInsuranceFund()
    {
        h.deposit(EngineHarness.FUND, "100");
        openIsolatedLong();
        // close 2 at 85: realized −30, released 20, S = −10, B = 0 − 10 < 0: the fund pays 10
        h.sell(1, x, "2", "85");
        assertThat(h.engine.positionSize(1, x)).isZero();
        assertThat(h.pool(1, x)).isEqualByComparingTo("0");
        assertThat(h.wallet(1)).isEqualByComparingTo("980");
        assertThat(h.fund()).isEqualByComparingTo("90");
        assertThat(h.engine.totalRealizedPnl()).isEqualTo(amount("-30"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void isolatedFlipReleasesThePoolThenMarginsTheNewSide()
    {
        openIsolatedLong();
        // sell 3 at 110: close 2 (realized 20, released 20, W += 40), open short 1 at 110 (m = 11)
        h.sell(1, x, "3", "110");
        assertThat(h.engine.positionSize(1, x)).isEqualTo(-h.quantity(x, "1"));
        assertThat(h.engine.costBasis(1, x)).isEqualTo(amount("-110"));
        assertThat(h.pool(1, x)).isEqualByComparingTo("11");
        assertThat(h.wallet(1)).isEqualByComparingTo("1009");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void isolatedOpenTheWalletCannotCoverIsUnderMargined()
    {
        h.deposit(1, "10");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        // m = 20 but W = 10: move 10, warn
        final List<OutputRecord> out = afterCancels(h.buy(1, x, "2", "100"));
        assertThat(types(out)).containsExactly("UnderMarginedFill");
        assertThat(out.get(0).get("accountId")).isEqualTo(1);
        assertThat(out.get(0).get("instrumentId")).isEqualTo(x);
        assertThat(out.get(0).get("required")).isEqualTo(amount("20"));
        assertThat(out.get(0).get("moved")).isEqualTo(amount("10"));
        assertThat(h.pool(1, x)).isEqualByComparingTo("10");
        assertThat(h.wallet(1)).isEqualByComparingTo("0");
        // the fill is a fact: the position is open
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "2"));
    }

    @Test
    void anUnmarginedIsolatedOpenMayBeLiquidatedAtOnce()
    {
        h.deposit(1, "10");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        // the fee of 15 leaves W = −5: nothing moves (min(20, max(−5, 0)) = 0); B + U = 0 ≤ MM = 2
        final List<OutputRecord> out = afterCancels(h.fill(1, x, Side.BUY, "2", "100", "15"));
        assertThat(types(out)).containsExactly(
            "UnderMarginedFill", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(out.get(0).get("moved")).isZero();
        // bankruptcy price: 0 + 2P − 200 ≤ 0 → P ≤ 100; the fund takes it at cost 200 − 0
        assertThat(out.get(2).get("price")).isEqualTo(h.price(x, "100"));
        assertThat(out.get(2).get("value")).isEqualTo(amount("200"));
        assertThat(h.wallet(1)).isEqualByComparingTo("-5");
        assertThat(h.engine.positionSize(EngineHarness.FUND, x)).isEqualTo(h.quantity(x, "2"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void crossOpenMovesNothingIntoAPool()
    {
        h.deposit(1, "10");
        // a cross open needs no margin move, even larger than the wallet
        assertThat(h.buy(1, x, "2", "100")).isEmpty();
        assertThat(h.wallet(1)).isEqualByComparingTo("10");
        assertThat(h.pool(1, x)).isEqualByComparingTo("0");
    }

    @Test
    void aDuplicateTradeIdIsRejectedAndChangesNothing()
    {
        h.deposit(1, "1000");
        h.deposit(2, "1000");
        h.fill(1, x, Side.BUY, "1", "100", "0.1", 7);
        // the same id again on the buy side: DUPLICATE_TRADE_ID, nothing charged, nothing booked
        final OutputRecord rejection = h.assertRejected(RejectReason.DUPLICATE_TRADE_ID,
            () -> h.fill(1, x, Side.BUY, "1", "100", "0.1", 7));
        assertThat(rejection.get("requestTemplateId")).isEqualTo(2);
        assertThat(rejection.get("accountId")).isEqualTo(1);
        assertThat(rejection.get("instrumentId")).isEqualTo(x);
        // a lower id is not above the last one either, whichever account
        h.assertRejected(RejectReason.DUPLICATE_TRADE_ID, () -> h.fill(2, x, Side.BUY, "1", "100", "0", 6));
        // the sell side of trade 7 shares its id
        assertThat(h.fill(2, x, Side.SELL, "1", "100", "0.1", 7)).isEmpty();
        assertThat(h.engine.positionSize(2, x)).isEqualTo(-h.quantity(x, "1"));
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "1"));
        assertThat(h.wallet(1)).isEqualByComparingTo("999.9");
        assertThat(h.engine.totalFees()).isEqualTo(amount("0.2"));
        // the next id is fine
        assertThat(h.fill(1, x, Side.BUY, "1", "100", "0", 8)).isEmpty();
    }

    /** Long 2 at 100 isolated at 10x: B = 20, W = 980, C = 200, mark 100. */
    private void openIsolatedLong()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "2", "100");
        assertThat(h.pool(1, x)).isEqualByComparingTo("20");
        assertThat(h.wallet(1)).isEqualByComparingTo("980");
    }
}
