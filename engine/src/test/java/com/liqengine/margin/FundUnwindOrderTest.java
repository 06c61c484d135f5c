package com.liqengine.margin;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.simpleTiers;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fund's own unwind order (docs/liquidation.md, "The fund's unwind order") worked by hand, in {@code takeover}
 * mode: account 1 an isolated 10x long of 10 at 100 (B = 100, C = 1,000, bankrupt at 90), a gap to 80. The fund
 * takes the 10 over at 90, paying 900 for what is worth 800: D = 100, N = 800, the ADL price 80 × (1 + 100 / 800)
 * = 90, so each unit ADL closes gives the fund back 10.
 */
class FundUnwindOrderTest
{
    private EngineHarness h;
    private int x;

    private void engine(final EngineSettings settings)
    {
        h = new EngineHarness(settings.maxInstruments(2));
        x = h.define("X", simpleTiers(), "0", 0);
        h.isolatedLong(1, x);
    }

    private void crossShort(final long account, final String deposit, final String quantity)
    {
        h.crossShort(account, x, deposit, quantity);
    }

    /**
     * Floor −40: the fund's equity after the takeover is 800 − 900 = −100, 60 below the floor, so ADL needs 6 of
     * the 10. Ranks at 80: account 4 (short 4, wallet 50): 0.2 × 320 / 130 = 0.49; account 2 (short 6, wallet 100):
     * 0.2 × 480 / 220 = 0.44. Account 4 closes all 4 at 90 (realizes 4 × 10 = 40, shortfall 60 − 40 = 20), account
     * 2 closes ceil(20 / 10) = 2 (realizes 20, shortfall 0). ADL closed 6 of the 10 taken: the fund's order sells
     * the 4 it still holds from this takeover, at the bankruptcy price 90, after the ADL.
     */
    @Test
    void adlClosesPartOfTheTakeoverAndTheFundsOrderCarriesTheRest()
    {
        engine(new EngineSettings().fundFloor(amount("-40")));
        crossShort(2, "100", "6");
        crossShort(4, "50", "4");

        final List<OutputRecord> out = h.mark(x, "80");

        assertThat(types(out)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver",
            "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged", "LiquidationOrder");
        assertThat(out.get(3).get("accountId")).isEqualTo(4L);
        assertThat(out.get(3).get("quantity")).isEqualTo(h.quantity(x, "4"));
        assertThat(out.get(3).get("realizedPnl")).isEqualTo(amount("40"));
        assertThat(out.get(5).get("accountId")).isEqualTo(2L);
        assertThat(out.get(5).get("quantity")).isEqualTo(h.quantity(x, "2"));
        assertThat(out.get(5).get("realizedPnl")).isEqualTo(amount("20"));
        assertFundOrder(out.get(7), Side.SELL, "4", "90");
        // what the order unwinds is exactly what the fund holds: 10 − 4 − 2
        assertThat(h.engine.positionSize(EngineHarness.FUND, x)).isEqualTo(h.quantity(x, "4"));
        assertThat(h.ledgerGap()).isZero();
    }

    /**
     * Floor 0, 100 below it: account 4 closes its 4 (shortfall 60), account 2 (short 6, wallet 100) the 6 that
     * bring the fund back to 0 (ranks as above). ADL closed all 10: the fund is flat, and sends no order.
     */
    @Test
    void adlClosesAllOfTheTakeoverAndTheFundSendsNoOrder()
    {
        engine(new EngineSettings().fundFloor(0));
        crossShort(2, "100", "6");
        crossShort(4, "50", "4");

        final List<OutputRecord> out = h.mark(x, "80");

        assertThat(types(out)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver",
            "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged", "AutoDeleveraged");
        assertThat(out.get(5).get("quantity")).isEqualTo(h.quantity(x, "6"));
        assertThat(h.engine.positionSize(EngineHarness.FUND, x)).isZero();
    }

    /** Floor 0 and no one to deleverage against: the deficit of 100 is reported, then the order for all 10. */
    @Test
    void withNoOneToDeleverageTheOrderFollowsTheDeficitForAllOfIt()
    {
        engine(new EngineSettings().fundFloor(0));

        final List<OutputRecord> out = h.mark(x, "80");

        assertThat(types(out)).containsExactly("CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver",
            "InsuranceFundDeficit", "LiquidationOrder");
        assertThat(out.get(3).get("amount")).isEqualTo(amount("100"));
        assertFundOrder(out.get(4), Side.SELL, "10", "90");
    }

    /**
     * No floor: no ADL can run, so the order is sent right after the takeover for all 10 at 90, as before, though
     * the same shorts are there to deleverage against.
     */
    @Test
    void withoutAFloorTheOrderFollowsTheTakeoverForAllOfIt()
    {
        engine(new EngineSettings());
        crossShort(2, "100", "6");
        crossShort(4, "50", "4");

        final List<OutputRecord> out = h.mark(x, "80");

        assertThat(types(out)).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertFundOrder(out.get(3), Side.SELL, "10", "90");
        assertThat(h.engine.positionSize(EngineHarness.FUND, x)).isEqualTo(h.quantity(x, "10"));
    }

    private void assertFundOrder(final OutputRecord order, final Side side, final String quantity, final String price)
    {
        assertThat(order.type()).isEqualTo("LiquidationOrder");
        assertThat(order.get("accountId")).isEqualTo(EngineHarness.FUND);
        assertThat(order.get("side")).isEqualTo(side.value());
        assertThat(order.get("quantity")).isEqualTo(h.quantity(x, quantity));
        assertThat(order.get("price")).isEqualTo(h.price(x, price));
        assertThat(order.get("liquidationSequence")).isZero();
    }
}
