package com.liqengine.margin;

import static com.liqengine.margin.EngineHarness.afterCancels;

import com.liqengine.api.OutputRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.margin.EngineHarness.FUND;
import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquidation (docs/margin.md, sections 5 and 7): the isolated check {@code B + U ≤ MM} and takeover at the
 * bankruptcy price, the cross check {@code W + ΣU ≤ ΣMM} and takeover of every cross position at the mark with
 * the rest of the equity paid to the fund, the fields of the outputs, margin calls, and the liquidation and
 * bankruptcy prices as the exact boundary ticks of those checks.
 *
 * <p>Instruments X, Y, Z: 2 price and 2 quantity decimals (value = q × p), tiers
 * {@link EngineHarness#simpleTiers()}: MM = ceil(1% × N) below 10,000. The insurance fund starts with 1,000.
 */
class LiquidationTest
{
    private static final long MAX_RATIO = Long.MAX_VALUE;

    private final EngineHarness h = new EngineHarness();
    private final int x = h.define("X", 2, 2, EngineHarness.simpleTiers());
    private final int y = h.define("Y", 2, 2, EngineHarness.simpleTiers());
    private final int z = h.define("Z", 2, 2, EngineHarness.simpleTiers());

    LiquidationTest()
    {
        h.deposit(FUND, "1000");
    }

    /** Account 1: isolated X at 10x, pool 10 for a position of 1 at 100; and a cross long 1 Y at 100. */
    private void isolatedXAndCrossY(final boolean longX)
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        if (longX)
        {
            h.buy(1, x, "1", "100");
        }
        else
        {
            h.sell(1, x, "1", "100");
        }
        h.buy(1, y, "1", "100");
        assertThat(h.pool(1, x)).isEqualByComparingTo("10");
        assertThat(h.wallet(1)).isEqualByComparingTo("990");
    }

    @Test
    void isolatedLongLiquidatedAtItsLiquidationPriceAndNotOneTickBefore()
    {
        isolatedXAndCrossY(true);
        // equity 10 + P − 100 ≤ MM 0.01 P ⟺ P ≤ 90.9090…: 90.90 (0.90 ≤ 0.909), not 90.91 (0.91 > 0.9091);
        // bankrupt when 10 + P − 100 ≤ 0 ⟺ P ≤ 90
        assertThat(h.engine.liquidationPrice(1, x)).isEqualTo(h.price(x, "90.90"));
        assertThat(h.engine.bankruptcyPrice(1, x)).isEqualTo(h.price(x, "90"));
        // ratio at the mark 100: MM 1 / equity 10
        assertThat(h.engine.marginRatio(1, x)).isEqualTo(amount("0.1"));

        // 90.91: ratio 0.9091 / 0.91 = 0.999 is a margin call, not a liquidation
        assertThat(types(afterCancels(h.mark(x, "90.91")))).containsExactly("MarginCall");
        assertThat(h.engine.positionSize(1, x)).isNotZero();

        final List<OutputRecord> out = afterCancels(h.mark(x, "90.90"));
        assertThat(types(out)).containsExactly("LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        final OutputRecord triggered = out.get(0);
        assertThat(triggered.get("sequence")).isEqualTo(h.engine.lastSequence());
        assertThat(triggered.get("accountId")).isEqualTo(1);
        assertThat(triggered.get("instrumentId")).isEqualTo(x);
        assertThat(triggered.get("mode")).isEqualTo(0);
        assertThat(triggered.get("side")).isEqualTo(0);
        assertThat(triggered.get("size")).isEqualTo(h.quantity(x, "1"));
        assertThat(triggered.get("markPrice")).isEqualTo(h.price(x, "90.90"));
        assertThat(triggered.get("liquidationPrice")).isEqualTo(h.price(x, "90.90"));
        assertThat(triggered.get("bankruptcyPrice")).isEqualTo(h.price(x, "90"));
        // equity 10 − 9.10 = 0.90; MM 0.909; ratio 0.909 / 0.90 = 1.01
        assertThat(triggered.get("equity")).isEqualTo(amount("0.9"));
        assertThat(triggered.get("maintenanceMargin")).isEqualTo(amount("0.909"));
        assertThat(triggered.get("marginRatio")).isEqualTo(amount("1.01"));

        // taken over at the bankruptcy price: the fund pays C − B = 100 − 10 = 90, the account realizes −10
        final OutputRecord takenOver = out.get(1);
        assertThat(takenOver.get("accountId")).isEqualTo(1);
        assertThat(takenOver.get("instrumentId")).isEqualTo(x);
        assertThat(takenOver.get("mode")).isEqualTo(0);
        assertThat(takenOver.get("size")).isEqualTo(h.quantity(x, "1"));
        assertThat(takenOver.get("price")).isEqualTo(h.price(x, "90"));
        assertThat(takenOver.get("value")).isEqualTo(amount("90"));
        assertThat(takenOver.get("realizedPnl")).isEqualTo(amount("-10"));
        assertThat(takenOver.get("clearanceFee")).isZero();
        assertThat(takenOver.get("insuranceFundBalance")).isEqualTo(amount("1000"));

        final OutputRecord order = out.get(2);
        assertThat(order.get("accountId")).isEqualTo(FUND);
        assertThat(order.get("instrumentId")).isEqualTo(x);
        assertThat(order.get("side")).isEqualTo(1);
        assertThat(order.get("quantity")).isEqualTo(h.quantity(x, "1"));
        assertThat(order.get("price")).isEqualTo(h.price(x, "90"));

        // the pool is consumed; the cross wallet and the cross Y position are untouched
        assertThat(h.engine.positionSize(1, x)).isZero();
        assertThat(h.engine.costBasis(1, x)).isZero();
        assertThat(h.pool(1, x)).isEqualByComparingTo("0");
        assertThat(h.wallet(1)).isEqualByComparingTo("990");
        assertThat(h.engine.positionSize(1, y)).isEqualTo(h.quantity(y, "1"));
        assertThat(h.engine.costBasis(1, y)).isEqualTo(amount("100"));
        // the fund holds the long at 90
        assertThat(h.engine.positionSize(FUND, x)).isEqualTo(h.quantity(x, "1"));
        assertThat(h.engine.costBasis(FUND, x)).isEqualTo(amount("90"));
        assertThat(h.fund()).isEqualByComparingTo("1000");
        assertThat(h.ledgerGap()).isZero();

        // the fund itself is never checked: a crash of X liquidates nothing
        assertThat(h.mark(x, "0.01")).isEmpty();
    }

    @Test
    void isolatedShortLiquidatedAtItsLiquidationPriceAndNotOneTickBefore()
    {
        isolatedXAndCrossY(false);
        // equity 10 + 100 − P ≤ 0.01 P ⟺ P ≥ 108.9108…: 108.92 (1.08 ≤ 1.0892), not 108.91 (1.09 > 1.0891);
        // bankrupt when 110 − P ≤ 0 ⟺ P ≥ 110
        assertThat(h.engine.liquidationPrice(1, x)).isEqualTo(h.price(x, "108.92"));
        assertThat(h.engine.bankruptcyPrice(1, x)).isEqualTo(h.price(x, "110"));

        assertThat(types(afterCancels(h.mark(x, "108.91")))).containsExactly("MarginCall");
        final List<OutputRecord> out = afterCancels(h.mark(x, "108.92"));
        assertThat(types(out)).containsExactly("LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(out.get(0).get("side")).isEqualTo(1);
        assertThat(out.get(0).get("size")).isEqualTo(h.quantity(x, "1"));
        assertThat(out.get(0).get("equity")).isEqualTo(amount("1.08"));
        assertThat(out.get(0).get("maintenanceMargin")).isEqualTo(amount("1.0892"));
        // C − B = −100 − 10 = −110: the fund books short 1 at 110
        assertThat(out.get(1).get("size")).isEqualTo(-h.quantity(x, "1"));
        assertThat(out.get(1).get("price")).isEqualTo(h.price(x, "110"));
        assertThat(out.get(1).get("value")).isEqualTo(amount("-110"));
        assertThat(out.get(1).get("realizedPnl")).isEqualTo(amount("-10"));
        // the fund buys back
        assertThat(out.get(2).get("side")).isEqualTo(0);
        assertThat(out.get(2).get("price")).isEqualTo(h.price(x, "110"));
        assertThat(h.engine.costBasis(FUND, x)).isEqualTo(amount("-110"));
        assertThat(h.wallet(1)).isEqualByComparingTo("990");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aSmallCapIsolatedPositionIsLiquidatedWhileTheRestOfTheAccountSurvives()
    {
        // shared/MARGIN.md: 1,000 in the account, a 10x long with 100 of isolated margin, the token falls 15%
        final int small = h.define("SMALL", 4, 0, EngineHarness.simpleTiers());
        h.deposit(1, "1000");
        h.isolated(1, small);
        h.leverage(1, small, 10);
        h.buy(1, small, "1000", "1");
        h.buy(1, x, "1", "100");
        assertThat(h.pool(1, small)).isEqualByComparingTo("100");
        assertThat(h.wallet(1)).isEqualByComparingTo("900");
        // 100 + 1000 P − 1000 ≤ 10 P ⟺ P ≤ 0.90909…: 0.9090; bankrupt at 0.9
        assertThat(h.engine.liquidationPrice(1, small)).isEqualTo(h.price(small, "0.9090"));
        assertThat(h.engine.bankruptcyPrice(1, small)).isEqualTo(h.price(small, "0.9"));

        // a gap straight to 0.85: equity 100 − 150 = −50, MM 8.5
        final List<OutputRecord> out = afterCancels(h.mark(small, "0.85"));
        assertThat(types(out)).containsExactly("LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(out.get(0).get("equity")).isEqualTo(amount("-50"));
        assertThat(out.get(0).get("maintenanceMargin")).isEqualTo(amount("8.5"));
        assertThat(out.get(0).get("marginRatio")).isEqualTo(MAX_RATIO);
        // the fund pays the bankruptcy value 1000 − 100 = 900 (0.9 each); the account keeps its 900
        assertThat(out.get(1).get("price")).isEqualTo(h.price(small, "0.9"));
        assertThat(out.get(1).get("value")).isEqualTo(amount("900"));
        assertThat(h.wallet(1)).isEqualByComparingTo("900");
        assertThat(h.engine.positionSize(1, x)).isEqualTo(h.quantity(x, "1"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void crossAccountLosesEveryCrossPositionAndPaysItsRemainingEquityToTheFund()
    {
        h.deposit(1, "40");
        // an isolated Z position of the same account: pool 10, W = 30
        h.isolated(1, z);
        h.leverage(1, z, 10);
        h.buy(1, z, "1", "100");
        h.buy(1, x, "1", "100");
        h.buy(1, y, "1", "100");
        assertThat(h.wallet(1)).isEqualByComparingTo("30");
        // with Y at 100: equity 30 + (P − 100) ≤ 0.01 P + 1 ⟺ 0.99 P ≤ 71 ⟺ P ≤ 71.7171…: 71.71;
        // bankrupt at 30 + P − 100 ≤ 0 ⟺ P ≤ 70
        assertThat(h.engine.liquidationPrice(1, x)).isEqualTo(h.price(x, "71.71"));
        assertThat(h.engine.bankruptcyPrice(1, x)).isEqualTo(h.price(x, "70"));
        // ratio at the marks of 100: ΣMM 2 / equity 30 = 0.0666… → 0.06666667
        assertThat(h.engine.marginRatio(1, x)).isEqualTo(amount("0.06666667"));

        // 71.72: equity 1.72 > ΣMM 1.7172, a cross margin call only
        final List<OutputRecord> call = h.mark(x, "71.72");
        assertThat(types(call)).containsExactly("MarginCall");
        assertThat(call.get(0).get("instrumentId")).isEqualTo(-1);
        assertThat(h.engine.positionSize(1, x)).isNotZero();

        final List<OutputRecord> out = afterCancels(h.mark(x, "71.71"));
        assertThat(types(out)).containsExactly("LiquidationTriggered", "LiquidationTriggered",
            "PositionTakenOver", "LiquidationOrder", "PositionTakenOver", "LiquidationOrder");
        // equity 30 − 28.29 = 1.71; ΣMM = 0.7171 + 1 = 1.7171; ratio 1.7171 / 1.71 = 1.0041520467… → 1.00415205
        for (final OutputRecord triggered : out.subList(0, 2))
        {
            assertThat(triggered.get("accountId")).isEqualTo(1);
            assertThat(triggered.get("mode")).isEqualTo(1);
            assertThat(triggered.get("side")).isEqualTo(0);
            assertThat(triggered.get("size")).isEqualTo(h.quantity(x, "1"));
            assertThat(triggered.get("equity")).isEqualTo(amount("1.71"));
            assertThat(triggered.get("maintenanceMargin")).isEqualTo(amount("1.7171"));
            assertThat(triggered.get("marginRatio")).isEqualTo(amount("1.00415205"));
        }
        assertThat(out.get(0).get("instrumentId")).isEqualTo(x);
        assertThat(out.get(0).get("markPrice")).isEqualTo(h.price(x, "71.71"));
        assertThat(out.get(0).get("liquidationPrice")).isEqualTo(h.price(x, "71.71"));
        assertThat(out.get(0).get("bankruptcyPrice")).isEqualTo(h.price(x, "70"));
        // Y with X held at 71.71: 30 − 28.29 + P − 100 ≤ 0.7171 + 0.01 P ⟺ P ≤ 100.00717…: 100.00;
        // bankrupt at P ≤ 98.29
        assertThat(out.get(1).get("instrumentId")).isEqualTo(y);
        assertThat(out.get(1).get("markPrice")).isEqualTo(h.price(y, "100"));
        assertThat(out.get(1).get("liquidationPrice")).isEqualTo(h.price(y, "100"));
        assertThat(out.get(1).get("bankruptcyPrice")).isEqualTo(h.price(y, "98.29"));

        // X at its mark: value 71.71, realized U = −28.29 (W = 1.71), nothing cleared yet
        final OutputRecord takenX = out.get(2);
        assertThat(takenX.get("instrumentId")).isEqualTo(x);
        assertThat(takenX.get("mode")).isEqualTo(1);
        assertThat(takenX.get("size")).isEqualTo(h.quantity(x, "1"));
        assertThat(takenX.get("price")).isEqualTo(h.price(x, "71.71"));
        assertThat(takenX.get("value")).isEqualTo(amount("71.71"));
        assertThat(takenX.get("realizedPnl")).isEqualTo(amount("-28.29"));
        assertThat(takenX.get("clearanceFee")).isZero();
        assertThat(takenX.get("insuranceFundBalance")).isEqualTo(amount("1000"));
        assertThat(out.get(3).get("side")).isEqualTo(1);
        assertThat(out.get(3).get("price")).isEqualTo(h.price(x, "71.71"));
        // Y, the last: U = 0, then the remaining W = 1.71 goes to the fund as the clearance fee
        final OutputRecord takenY = out.get(4);
        assertThat(takenY.get("instrumentId")).isEqualTo(y);
        assertThat(takenY.get("price")).isEqualTo(h.price(y, "100"));
        assertThat(takenY.get("value")).isEqualTo(amount("100"));
        assertThat(takenY.get("realizedPnl")).isZero();
        assertThat(takenY.get("clearanceFee")).isEqualTo(amount("1.71"));
        assertThat(takenY.get("insuranceFundBalance")).isEqualTo(amount("1001.71"));
        assertThat(out.get(5).get("instrumentId")).isEqualTo(y);
        assertThat(out.get(5).get("price")).isEqualTo(h.price(y, "100"));

        assertThat(h.wallet(1)).isEqualByComparingTo("0");
        assertThat(h.fund()).isEqualByComparingTo("1001.71");
        assertThat(h.engine.positionSize(1, x)).isZero();
        assertThat(h.engine.positionSize(1, y)).isZero();
        // the isolated Z position is not part of the cross account
        assertThat(h.engine.positionSize(1, z)).isEqualTo(h.quantity(z, "1"));
        assertThat(h.pool(1, z)).isEqualByComparingTo("10");
        assertThat(h.engine.costBasis(FUND, x)).isEqualTo(amount("71.71"));
        assertThat(h.engine.costBasis(FUND, y)).isEqualTo(amount("100"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void aCrossDeficitAfterAGapIsAbsorbedByTheFund()
    {
        h.deposit(1, "20");
        h.buy(1, x, "1", "100");
        // equity 20 + P − 100 ≤ 0.01 P ⟺ P ≤ 80.8080…: 80.80; bankrupt at 80
        assertThat(h.engine.liquidationPrice(1, x)).isEqualTo(h.price(x, "80.80"));
        assertThat(h.engine.bankruptcyPrice(1, x)).isEqualTo(h.price(x, "80"));
        // a gap to 70: equity −10
        final List<OutputRecord> out = afterCancels(h.mark(x, "70"));
        assertThat(types(out)).containsExactly("LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(out.get(0).get("equity")).isEqualTo(amount("-10"));
        assertThat(out.get(0).get("marginRatio")).isEqualTo(MAX_RATIO);
        assertThat(out.get(1).get("realizedPnl")).isEqualTo(amount("-30"));
        assertThat(out.get(1).get("clearanceFee")).isEqualTo(amount("-10"));
        assertThat(out.get(1).get("insuranceFundBalance")).isEqualTo(amount("990"));
        assertThat(h.wallet(1)).isEqualByComparingTo("0");
        assertThat(h.fund()).isEqualByComparingTo("990");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void crossShortPricesAndRatio()
    {
        h.deposit(1, "20");
        h.sell(1, x, "1", "100");
        // 20 + 100 − P ≤ 0.01 P ⟺ P ≥ 118.8118…: 118.82 (1.18 ≤ 1.1882), not 118.81 (1.19 > 1.1881)
        assertThat(h.engine.liquidationPrice(1, x)).isEqualTo(h.price(x, "118.82"));
        assertThat(h.engine.bankruptcyPrice(1, x)).isEqualTo(h.price(x, "120"));
        h.mark(x, "105");
        // MM 1.05 / equity 15 = 0.07
        assertThat(h.engine.marginRatio(1, x)).isEqualTo(amount("0.07"));
        h.mark(x, "118.81");
        assertThat(h.engine.positionSize(1, x)).isNotZero();
        assertThat(types(afterCancels(h.mark(x, "118.82")))).containsExactly(
            "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
    }

    @Test
    void marginRatiosRoundUp()
    {
        h.deposit(1, "20");
        h.buy(1, x, "1", "100");
        h.mark(x, "95");
        // cross: MM 0.95 / equity 15 = 0.0633333… → 0.06333334
        assertThat(h.engine.marginRatio(1, x)).isEqualTo(amount("0.06333334"));
        assertThat(h.engine.maintenanceMargin(1, x)).isEqualTo(amount("0.95"));
        assertThat(h.engine.unrealizedPnl(1, x)).isEqualTo(amount("-5"));

        h.deposit(2, "1000");
        h.isolated(2, y);
        h.leverage(2, y, 10);
        h.buy(2, y, "1", "100");
        h.mark(y, "97");
        // isolated: MM 0.97 / (10 − 3) = 0.138571428… → 0.13857143
        assertThat(h.engine.marginRatio(2, y)).isEqualTo(amount("0.13857143"));
        // flat: 0
        assertThat(h.engine.marginRatio(2, x)).isZero();
    }

    @Test
    void aFullyCollateralizedLongHasNoLiquidationOrBankruptcyPrice()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 1);
        // B = C = 100: equity is P ≥ 0.01 > MM 0.0001 at every price of at least one tick
        h.buy(1, x, "1", "100");
        assertThat(h.engine.liquidationPrice(1, x)).isZero();
        assertThat(h.engine.bankruptcyPrice(1, x)).isZero();
        assertThat(h.mark(x, "0.01")).isEmpty();
        assertThat(h.engine.positionSize(1, x)).isNotZero();
    }

    @Test
    void anIsolatedMarginCallIsEmittedOncePerCrossingAndReArmedBelow()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "1", "100");
        // ratio 0.01 P / (P − 90) ≥ 0.8 ⟺ P ≤ 91.139…: 91.14 gives 0.9114 / 1.14 = 0.7994 (no call)
        assertThat(h.mark(x, "91.14")).isEmpty();
        final List<OutputRecord> out = afterCancels(h.mark(x, "91.13"));
        assertThat(types(out)).containsExactly("MarginCall");
        final OutputRecord call = out.get(0);
        assertThat(call.get("accountId")).isEqualTo(1);
        assertThat(call.get("instrumentId")).isEqualTo(x);
        assertThat(call.get("mode")).isEqualTo(0);
        // 0.9113 / 1.13 = 0.80646017699… → 0.80646018
        assertThat(call.get("equity")).isEqualTo(amount("1.13"));
        assertThat(call.get("maintenanceMargin")).isEqualTo(amount("0.9113"));
        assertThat(call.get("marginRatio")).isEqualTo(amount("0.80646018"));
        // still above the level: no second call
        assertThat(h.mark(x, "91")).isEmpty();
        assertThat(h.mark(x, "91.13")).isEmpty();
        // below it the flag is cleared (silently), and the next crossing calls again
        assertThat(h.mark(x, "95")).isEmpty();
        assertThat(types(afterCancels(h.mark(x, "91.13")))).containsExactly("MarginCall");
    }

    @Test
    void aLiquidationClearsTheMarginCallFlag()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "1", "100");
        assertThat(types(afterCancels(h.mark(x, "91.13")))).containsExactly("MarginCall");
        assertThat(types(afterCancels(h.mark(x, "90.90")))).contains("LiquidationTriggered");
        // a new position in the same slot is called again at the same level
        h.mark(x, "100");
        h.buy(1, x, "1", "100");
        assertThat(types(afterCancels(h.mark(x, "91.13")))).containsExactly("MarginCall");
    }

    @Test
    void theMarginCallLevelIsASetting()
    {
        final EngineHarness g = new EngineHarness(new EngineSettings().marginCallRatio(amount("0.5")));
        final int w = g.define("W", 2, 2, EngineHarness.simpleTiers());
        g.deposit(1, "1000");
        g.isolated(1, w);
        g.leverage(1, w, 10);
        g.buy(1, w, "1", "100");
        // 0.01 P / (P − 90) ≥ 0.5 ⟺ P ≤ 91.836…: 91.84 gives 0.9184 / 1.84 = 0.4991; 91.83 gives 0.50180327…
        assertThat(g.mark(w, "91.84")).isEmpty();
        final List<OutputRecord> out = afterCancels(g.mark(w, "91.83"));
        assertThat(types(out)).containsExactly("MarginCall");
        assertThat(out.get(0).get("marginRatio")).isEqualTo(amount("0.50180328"));
    }

    @Test
    void aCrossMarginCallIsForTheWholeAccount()
    {
        h.deposit(1, "20");
        h.buy(1, x, "1", "100");
        // 0.01 P / (P − 80) ≥ 0.8 ⟺ P ≤ 81.0126…: 81.02 gives 0.7943, 81.01 gives 0.8101 / 1.01 = 0.80207920…
        assertThat(h.mark(x, "81.02")).isEmpty();
        final List<OutputRecord> out = afterCancels(h.mark(x, "81.01"));
        assertThat(types(out)).containsExactly("MarginCall");
        assertThat(out.get(0).get("accountId")).isEqualTo(1);
        assertThat(out.get(0).get("instrumentId")).isEqualTo(-1);
        assertThat(out.get(0).get("mode")).isEqualTo(1);
        assertThat(out.get(0).get("equity")).isEqualTo(amount("1.01"));
        assertThat(out.get(0).get("maintenanceMargin")).isEqualTo(amount("0.8101"));
        assertThat(out.get(0).get("marginRatio")).isEqualTo(amount("0.80207921"));
        assertThat(h.mark(x, "81")).isEmpty();
        // below the level (0.9 / 10 = 0.09) the call is re-armed
        assertThat(h.mark(x, "90")).isEmpty();
        assertThat(types(afterCancels(h.mark(x, "81.01")))).containsExactly("MarginCall");
    }

    @Test
    void accountsAreLiquidatedInRegistrationOrder()
    {
        h.deposit(2, "20");
        h.deposit(1, "20");
        h.buy(1, x, "1", "100");
        h.buy(2, x, "1", "100");
        final List<OutputRecord> out = afterCancels(h.mark(x, "80"));
        assertThat(types(out)).containsExactly("LiquidationTriggered", "PositionTakenOver", "LiquidationOrder",
            "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        // account 2 was opened first
        assertThat(out.get(0).get("accountId")).isEqualTo(2);
        assertThat(out.get(3).get("accountId")).isEqualTo(1);
        // the fund adds the second long to the first: 2 at 160
        assertThat(h.engine.positionSize(FUND, x)).isEqualTo(h.quantity(x, "2"));
        assertThat(h.engine.costBasis(FUND, x)).isEqualTo(amount("160"));
    }
}
