package com.liqengine.margin;

import static com.liqengine.margin.EngineHarness.afterCancels;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Funding (docs/margin.md, section 4, "Funding rate"): each position pays {@code ceil(value(q, M) × rate)}
 * (signed, toward +∞), cross from the wallet, isolated from the pool, the fund included, one
 * {@code FundingApplied} each in registration order, then {@code RequestAccepted}, then the liquidation check.
 *
 * <p>Instrument X: 2 price and 2 quantity decimals, tiers {@link EngineHarness#simpleTiers()} (1% below 10,000).
 */
class FundingTest
{
    private final EngineHarness h = new EngineHarness();
    private final int x = h.define("X", 2, 2, EngineHarness.simpleTiers());

    /** Account 1 long 2 and account 2 short 2, both at 100, both with 1,000. */
    private void longAndShort()
    {
        h.deposit(1, "1000");
        h.deposit(2, "1000");
        h.buy(1, x, "2", "100");
        h.sell(2, x, "2", "100");
    }

    @Test
    void positiveRateLongsPayShortsReceive()
    {
        longAndShort();
        h.mark(x, "110");
        // value 2 × 110 = 220; × 0.01% = 0.022
        final List<OutputRecord> out = afterCancels(h.funding(x, "0.0001"));
        assertThat(types(out)).containsExactly("FundingApplied", "FundingApplied", "RequestAccepted");
        final OutputRecord paid = out.get(0);
        assertThat(paid.get("accountId")).isEqualTo(1);
        assertThat(paid.get("instrumentId")).isEqualTo(x);
        assertThat(paid.get("mode")).isEqualTo(1);
        assertThat(paid.get("amount")).isEqualTo(amount("-0.022"));
        assertThat(paid.get("rate")).isEqualTo(amount("0.0001"));
        assertThat(paid.get("markPrice")).isEqualTo(h.price(x, "110"));
        assertThat(out.get(1).get("accountId")).isEqualTo(2);
        assertThat(out.get(1).get("amount")).isEqualTo(amount("0.022"));
        assertThat(out.get(2).get("requestTemplateId")).isEqualTo(9);
        assertThat(out.get(2).get("instrumentId")).isEqualTo(x);
        assertThat(h.wallet(1)).isEqualByComparingTo("999.978");
        assertThat(h.wallet(2)).isEqualByComparingTo("1000.022");
        assertThat(h.engine.totalFunding()).isZero();
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void negativeRateShortsPayLongsReceive()
    {
        longAndShort();
        h.mark(x, "110");
        final List<OutputRecord> out = afterCancels(h.funding(x, "-0.0001"));
        assertThat(out.get(0).get("amount")).isEqualTo(amount("0.022"));
        assertThat(out.get(1).get("amount")).isEqualTo(amount("-0.022"));
        assertThat(h.wallet(1)).isEqualByComparingTo("1000.022");
        assertThat(h.wallet(2)).isEqualByComparingTo("999.978");
    }

    @Test
    void paymentsRoundTowardPlusInfinity()
    {
        h.deposit(1, "1000");
        h.deposit(2, "1000");
        h.buy(1, x, "3", "100");
        h.sell(2, x, "3", "100");
        h.mark(x, "100.01");
        // value 300.03 × 0.00000001 = 0.0000030003: the long pays 0.00000301, the short receives 0.00000300
        final List<OutputRecord> out = afterCancels(h.funding(x, "0.00000001"));
        assertThat(out.get(0).get("amount")).isEqualTo(-301);
        assertThat(out.get(1).get("amount")).isEqualTo(300);
        assertThat(h.wallet(1)).isEqualByComparingTo("999.99999699");
        assertThat(h.wallet(2)).isEqualByComparingTo("1000.000003");
        // the unit left over stays with the exchange: net funding received −0.00000001
        assertThat(h.engine.totalFunding()).isEqualTo(-1);
        assertThat(h.ledgerGap()).isZero();

        // negative rate: the long receives ceil(−3.0003) = −3 units' worth less, the short pays 301 units
        final List<OutputRecord> back = h.funding(x, "-0.00000001");
        assertThat(back.get(0).get("amount")).isEqualTo(300);
        assertThat(back.get(1).get("amount")).isEqualTo(-301);
        assertThat(h.engine.totalFunding()).isEqualTo(-2);
    }

    @Test
    void isolatedFundingDebitsThePoolAndCrossTheWallet()
    {
        h.deposit(1, "1000");
        h.deposit(2, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        // long 2 at 100 isolated: B = 20, W = 980
        h.buy(1, x, "2", "100");
        h.sell(2, x, "2", "100");
        h.mark(x, "110");
        final List<OutputRecord> out = afterCancels(h.funding(x, "0.0001"));
        assertThat(out.get(0).get("mode")).isEqualTo(0);
        assertThat(out.get(0).get("amount")).isEqualTo(amount("-0.022"));
        assertThat(out.get(1).get("mode")).isEqualTo(1);
        // the pool pays 0.022, the cross wallet is untouched
        assertThat(h.pool(1, x)).isEqualByComparingTo("19.978");
        assertThat(h.wallet(1)).isEqualByComparingTo("980");
        assertThat(h.wallet(2)).isEqualByComparingTo("1000.022");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aPoolDrivenBelowZeroIsLiquidatedRightAfter()
    {
        h.deposit(1, "1000");
        h.deposit(2, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "2", "100");
        h.sell(2, x, "2", "100");
        // at mark 100, 15% of 200 = 30: B = 20 − 30 = −10, equity −10 ≤ MM 2
        final List<OutputRecord> out = afterCancels(h.funding(x, "0.15"));
        assertThat(types(out)).containsExactly("FundingApplied", "FundingApplied", "RequestAccepted",
            "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        final OutputRecord triggered = out.get(3);
        assertThat(triggered.get("accountId")).isEqualTo(1);
        assertThat(triggered.get("equity")).isEqualTo(amount("-10"));
        assertThat(triggered.get("marginRatio")).isEqualTo(Long.MAX_VALUE);
        // bankruptcy price: −10 + 2P − 200 ≤ 0 → P ≤ 105; the fund pays C − B = 200 + 10 = 210, the account
        // realizes −B = +10 (its pool's deficit is covered)
        final OutputRecord takenOver = out.get(4);
        assertThat(takenOver.get("price")).isEqualTo(h.price(x, "105"));
        assertThat(takenOver.get("value")).isEqualTo(amount("210"));
        assertThat(takenOver.get("realizedPnl")).isEqualTo(amount("10"));
        assertThat(h.pool(1, x)).isEqualByComparingTo("0");
        assertThat(h.wallet(1)).isEqualByComparingTo("980");
        assertThat(h.wallet(2)).isEqualByComparingTo("1030");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aCrossAccountIsCheckedRightAfterFunding()
    {
        h.deposit(1, "3");
        h.deposit(2, "1000");
        h.buy(1, x, "2", "100");
        h.sell(2, x, "2", "100");
        // equity 3 > MM 2; funding 1% of 200 = 2 leaves equity 1 ≤ 2
        final List<OutputRecord> out = afterCancels(h.funding(x, "0.01"));
        assertThat(types(out)).containsExactly("FundingApplied", "FundingApplied", "RequestAccepted",
            "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(out.get(3).get("mode")).isEqualTo(1);
        assertThat(out.get(3).get("equity")).isEqualTo(amount("1"));
        assertThat(h.engine.positionSize(1, x)).isZero();
    }

    @Test
    void theInsuranceFundPaysAndReceivesFundingFirst()
    {
        h.deposit(EngineHarness.FUND, "100");
        longAndShort();
        // the fund holds a long too (its own fills are ordinary fills)
        h.buy(EngineHarness.FUND, x, "1", "100");
        final List<OutputRecord> out = afterCancels(h.funding(x, "0.001"));
        // registration order: the fund (pays 0.1), account 1 (pays 0.2), account 2 (receives 0.2)
        assertThat(types(out)).containsExactly("FundingApplied", "FundingApplied", "FundingApplied",
            "RequestAccepted");
        assertThat(out.get(0).get("accountId")).isEqualTo(EngineHarness.FUND);
        assertThat(out.get(0).get("mode")).isEqualTo(1);
        assertThat(out.get(0).get("amount")).isEqualTo(amount("-0.1"));
        assertThat(out.get(1).get("accountId")).isEqualTo(1);
        assertThat(out.get(2).get("accountId")).isEqualTo(2);
        assertThat(h.fund()).isEqualByComparingTo("99.9");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aRateOfExactlyOneIsAllowedAndMoreIsOutOfRange()
    {
        longAndShort();
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.funding(x, "1.00000001"));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.funding(x, "-1.00000001"));
        // 100% of 200 = 200: the long's equity 800 > MM 2, so it survives
        assertThat(types(afterCancels(h.funding(x, "1"))))
            .containsExactly("FundingApplied", "FundingApplied", "RequestAccepted");
        assertThat(h.wallet(1)).isEqualByComparingTo("800");
        assertThat(h.wallet(2)).isEqualByComparingTo("1200");
    }

    @Test
    void fundingNeedsAMarkPrice()
    {
        final OutputRecord rejection = h.assertRejected(RejectReason.NO_MARK_PRICE, () -> h.funding(x, "0.0001"));
        assertThat(rejection.get("requestTemplateId")).isEqualTo(9);
        assertThat(rejection.get("instrumentId")).isEqualTo(x);
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT, () -> h.funding(5, "0.0001"));
    }

    @Test
    void flatAccountsGetNoFundingApplied()
    {
        h.deposit(1, "1000");
        h.mark(x, "100");
        assertThat(types(afterCancels(h.funding(x, "0.0001")))).containsExactly("RequestAccepted");
        assertThat(h.wallet(1)).isEqualByComparingTo("1000");
    }
}
