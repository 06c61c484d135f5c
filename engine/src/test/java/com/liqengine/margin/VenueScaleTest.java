package com.liqengine.margin;

import static com.liqengine.margin.EngineHarness.afterCancels;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.margin.EngineHarness.FUND;
import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.only;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the venue-scale issue, by hand: a fill is a fact and is applied with all its consequences
 * whatever its arithmetic; no bound comes from history; slots are stored sparsely and counted against
 * {@code maxPositions}; an instrument id up to 1,023 works. BTC here: 2 price decimals, 3 quantity decimals
 * (f = 1,000), Binance's first five BTCUSDT brackets.
 */
class VenueScaleTest
{
    @Test
    void aFiveBitcoinFillIntoADustWalletIsAppliedAndLiquidatedAtTheFill()
    {
        final EngineHarness h = new EngineHarness();
        final int btc = h.define("BTC", 2, 3, EngineHarness.btcTiers());
        h.deposit(1, "0.00000001");
        h.isolated(1, btc);
        h.leverage(1, btc, 20);

        final List<OutputRecord> out = afterCancels(h.buy(1, btc, "5", "60000"));

        // the fill needs 300,000 / 20 = 15,000 in the pool and finds 0.00000001; nothing is rejected
        assertThat(types(out)).containsExactly(
            "UnderMarginedFill", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        final OutputRecord underMargined = only(out, "UnderMarginedFill");
        assertThat(underMargined.get("required")).isEqualTo(amount("15000"));
        assertThat(underMargined.get("moved")).isEqualTo(1L);
        // equity B + U = 0.00000001; MM = 300,000 × 1% − 1,300 = 1,700 (third bracket); the ratio 1,700 / 1e-8
        // does not fit a long: it saturates
        final OutputRecord triggered = only(out, "LiquidationTriggered");
        assertThat(triggered.get("equity")).isEqualTo(1L);
        assertThat(triggered.get("maintenanceMargin")).isEqualTo(amount("1700"));
        assertThat(triggered.get("marginRatio")).isEqualTo(Long.MAX_VALUE);
        // bankrupt at the last price where 5 × P ≤ 300,000 − 0.00000001: 59,999.99
        assertThat(triggered.get("bankruptcyPrice")).isEqualTo(5_999_999L);
        assertThat(h.engine.positionSize(1, btc)).isZero();
        assertThat(h.engine.positionSize(FUND, btc)).isEqualTo(5_000L);
        assertThat(h.engine.storedSlotCount()).as("the account's slot keeps only its settings, the fund's 5 BTC")
            .isEqualTo(2);
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void marksAreBoundedByWhatIsOpenNowNotByWhatWasEverHeld()
    {
        final EngineHarness h = new EngineHarness();
        final int btc = h.define("BTC", 2, 3, EngineHarness.btcTiers());
        h.deposit(1, "100000000");
        h.deposit(2, "100000000");
        // 20,000 BTC at 60,000 = 1.2 billion; its capacity 2^25 − 1 = 33,554.431 BTC is worth 2.01e9 ≤ 2^58
        assertThat(h.buy(1, btc, "20000", "60000")).isEmpty();
        assertThat(h.sell(2, btc, "20000", "60000")).isEmpty();
        // while it is open, 150,000 would value that capacity at 5.03e9 > 2^58 (2,882,303,761.52)
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.mark(btc, "150000"));
        // both sides close it
        assertThat(h.sell(1, btc, "20000", "60000")).isEmpty();
        assertThat(h.buy(2, btc, "20000", "60000")).isEmpty();
        assertThat(h.engine.storedSlotCount()).as("nothing open, no settings: no slot").isZero();
        // and now nothing bounds the mark any more
        assertThat(h.mark(btc, "150000")).isEmpty();
        assertThat(h.mark(btc, "1000000")).isEmpty();
        assertThat(h.engine.markPrice(btc)).isEqualTo(100_000_000L);
    }

    @Test
    void slotsAreCountedAgainstMaxPositionsAndFreedWhenBackAtTheirDefaults()
    {
        final EngineHarness h = new EngineHarness(new EngineSettings().maxInstruments(4).maxPositions(2));
        final int a = h.define("A", 2, 3, EngineHarness.simpleTiers());
        final int b = h.define("B", 2, 3, EngineHarness.simpleTiers());
        final int c = h.define("C", 2, 3, EngineHarness.simpleTiers());
        h.deposit(1, "100000");
        assertThat(h.buy(1, a, "1", "100")).isEmpty();
        assertThat(types(h.leverage(1, b, 5))).containsExactly("RequestAccepted");
        // a third slot: by a fill, a leverage or a mode
        h.assertRejected(RejectReason.CAPACITY_EXCEEDED, () -> h.buy(1, c, "1", "100"));
        h.assertRejected(RejectReason.CAPACITY_EXCEEDED, () -> h.leverage(1, c, 5));
        h.assertRejected(RejectReason.CAPACITY_EXCEEDED, () -> h.isolated(1, c));
        // the default needs no slot
        assertThat(types(h.leverage(1, c, 20))).containsExactly("RequestAccepted");
        // the fund's slots are reserved apart: a takeover never waits for room (checked by the fund's fill here)
        h.deposit(FUND, "100000");
        assertThat(h.sell(FUND, c, "1", "100")).isEmpty();
        // putting b's leverage back frees its slot, and the fill on c goes in
        assertThat(types(h.leverage(1, b, 20))).containsExactly("RequestAccepted");
        assertThat(h.buy(1, c, "1", "100")).isEmpty();
        assertThat(h.engine.leverage(1, b)).isEqualTo(20);
        assertThat(h.engine.marginMode(1, b)).isEqualTo(MarginMode.CROSS);
    }

    @Test
    void instrumentIdsRunUpTo1023AndAnAccountMayHoldManyOfThem()
    {
        final EngineHarness h = new EngineHarness(new EngineSettings().maxInstruments(1024).maxAccounts(4));
        int last = -1;
        for (int i = 0; i < 1024; i++)
        {
            last = h.define("I" + i, 2, 3, EngineHarness.simpleTiers());
        }
        assertThat(last).isEqualTo(1023);
        h.deposit(1, "1000000");
        h.deposit(2, "1000000");
        // a cross account long 0.1 at 100 in 600 instruments (1,023 down to 424), against a short
        for (int i = 1023; i > 1023 - 600; i--)
        {
            assertThat(h.buy(1, i, "0.1", "100")).isEmpty();
            assertThat(h.sell(2, i, "0.1", "100")).isEmpty();
        }
        // a crash of one instrument moves only its unrealized PnL: 0.1 × (100 − 1) = 9.9
        assertThat(h.mark(1023, "1")).isEmpty();
        assertThat(h.engine.unrealizedPnl(1, 1023)).isEqualTo(amount("-9.9"));
        assertThat(h.engine.leverage(1, 5)).isEqualTo(20);
        assertThat(h.engine.storedSlotCount()).as("600 a side, no fund slot").isEqualTo(1200);
        assertThat(h.ledgerGap()).isZero();
    }
}
