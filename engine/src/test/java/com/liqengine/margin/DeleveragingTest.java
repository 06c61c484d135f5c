package com.liqengine.margin;

import com.liqengine.api.OutputRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.simpleTiers;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auto-deleveraging (docs/liquidation.md) worked by hand: instruments with 2 price and 2 quantity decimals and the
 * tiers of {@link EngineHarness#simpleTiers()} (1% up to 10,000), a fund floor of 0.
 */
class DeleveragingTest
{
    private final EngineHarness h = new EngineHarness(new EngineSettings().maxInstruments(2).fundFloor(0));
    private final int x = h.define("X", simpleTiers(), "0", 0);

    /** Account 1: isolated 10x long 10 at 100 (B = 100, C = 1,000, bankrupt at 90). */
    private void isolatedLong()
    {
        h.isolatedLong(1, x);
    }

    private void crossShort(final long account, final String deposit, final String quantity)
    {
        h.crossShort(account, x, deposit, quantity);
    }

    @Test
    void aGapDeleveragesTheTwoHighestRankedShorts()
    {
        isolatedLong();
        crossShort(2, "100", "6");
        crossShort(3, "1000", "3");
        crossShort(4, "50", "4");
        // at 95 the shorts' ranks (PnL% × effective leverage): account 4: 0.05 × 380 / 70 = 0.271; account 2:
        // 0.05 × 570 / 130 = 0.219; account 3: 0.05 × 285 / 1,015 = 0.014. Quintiles 5 − floor(5 × place / 3)
        h.mark(x, "95");
        assertThat(h.engine.adlIndicator(4, x)).isEqualTo(5);
        assertThat(h.engine.adlIndicator(2, x)).isEqualTo(4);
        assertThat(h.engine.adlIndicator(3, x)).isEqualTo(2);
        assertThat(h.engine.adlIndicator(1, x)).isEqualTo(5);

        // a gap to 80: the fund takes the long at its bankruptcy price 90, paying 900 for what is worth 800:
        // D = 100, N = 800, the ADL price 80 × (1 + 100 / 800) = 90; the fund gains 10 per unit closed
        final List<OutputRecord> out = h.mark(x, "80");
        // ADL closes all 10 the fund took: it sends no order to unwind them (FundUnwindOrderTest)
        assertThat(types(out)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver",
            "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged");
        // ranks at 80: account 4: 0.2 × 320 / 130 = 0.49; account 2: 0.2 × 480 / 220 = 0.44; account 3: 0.05
        // account 4 closes all 4 at 90: realized −360 + 400 = 40, the fund's shortfall 100 − 40 = 60
        assertAdl(out.get(3), 4, "4", "90", "40");
        assertAdl(out.get(4), EngineHarness.FUND, "-4", "90", "0");
        // account 2 closes the 6 that bring the fund back to 0: realized −540 + 600 = 60
        assertAdl(out.get(5), 2, "6", "90", "60");
        assertAdl(out.get(6), EngineHarness.FUND, "-6", "90", "0");
        assertThat(h.engine.positionSize(3, x)).isEqualTo(h.quantity(x, "-3"));
        assertThat(h.engine.positionSize(EngineHarness.FUND, x)).isZero();
        assertThat(h.wallet(4)).isEqualByComparingTo("90");
        assertThat(h.wallet(2)).isEqualByComparingTo("160");
        assertThat(h.fund()).isEqualByComparingTo("0");
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void withNoOneToDeleverageTheDeficitIsReported()
    {
        isolatedLong();
        final List<OutputRecord> out = h.mark(x, "80");
        assertThat(types(out)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver",
            "InsuranceFundDeficit", "LiquidationOrder");
        // the fund holds 10 at cost 900 worth 800: its equity is −100, 100 below the floor
        assertThat(out.get(3).get("amount")).isEqualTo(amount("100"));
        assertThat(out.get(3).get("fundEquity")).isEqualTo(amount("-100"));
    }

    @Test
    void aTakeoverThatCostsTheFundNothingNeedsNoDeleveraging()
    {
        isolatedLong();
        crossShort(2, "100", "6");
        // at 90.90 the long is liquidated before its bankruptcy price: the fund pays 900 for 909
        assertThat(types(h.mark(x, "90.90"))).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
    }

    @Test
    void manyCounterpartiesCloseInRankOrderAcrossSeveralWalks()
    {
        // the victim: isolated 10x long 600 at 100 (B = 6,000, C = 60,000, bankrupt at 90)
        h.deposit(1, "100000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "600", "100");
        // 600 cross shorts of 1 with deposits of 50 to 549 (many equal): more than one walk of 256
        final java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        final java.util.Map<Long, Long> deposits = new java.util.HashMap<>();
        for (long account = 2; account <= 601; account++)
        {
            final long deposit = 50 + random.nextInt(500);
            deposits.put(account, deposit);
            h.deposit(account, Long.toString(deposit));
            h.sell(account, x, "1", "100");
        }
        // at 80 each short has U = 20 on |C| = 100 and equity d + 20: rank 0.2 × 80 / (d + 20), the contract's doubles;
        // the fund lost 600 × 10 = 6,000 and gains 10 a unit at the ADL price 90: all 600 shorts are closed
        final java.util.List<Long> expected = new java.util.ArrayList<>(deposits.keySet());
        final java.util.function.ToDoubleFunction<Long> rank = account ->
        {
            final double pnl = (double)amount("20") / (double)amount("100");
            final double leverage = (double)amount("80") / (double)amount(Long.toString(deposits.get(account) + 20));
            return pnl * leverage;
        };
        expected.sort(java.util.Comparator.comparingDouble(rank).reversed().thenComparing(account -> account));
        final java.util.List<Long> closed = new java.util.ArrayList<>();
        for (final OutputRecord record : h.mark(x, "80"))
        {
            if (record.type().equals("AutoDeleveraged") && record.get("accountId") != EngineHarness.FUND)
            {
                closed.add(record.get("accountId"));
            }
        }
        assertThat(closed).isEqualTo(expected);
        assertThat(h.engine.positionSize(EngineHarness.FUND, x)).isZero();
        assertThat(h.ledgerGap()).isZero();
    }

    private void assertAdl(
        final OutputRecord record, final long account, final String quantity, final String price,
        final String realized)
    {
        assertThat(record.get("accountId")).isEqualTo(account);
        assertThat(record.get("quantity")).isEqualTo(h.quantity(x, quantity));
        assertThat(record.get("price")).isEqualTo(h.price(x, price));
        assertThat(record.get("realizedPnl")).isEqualTo(amount(realized));
    }
}
