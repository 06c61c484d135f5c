package com.liqengine.property;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-made runs through the engine and the reference side by side, one per rule the random runs reach only
 * now and then, with numbers that can be checked by hand. Two instruments with cent prices and quantities in
 * thousandths (value = q × P × 1,000 units); tiers 1% up to 50,000 (50x) and 2.5% above (20x, cum 750).
 */
class TwinRunExamplesTest
{
    private static final long MONEY = MarketSetup.MONEY;
    private static final int BTC = 0;
    private static final int ETH = 1;
    private static final long ONE = 1_000;
    private static final List<TierSpec> TIERS = List.of(
        new TierSpec(50_000 * MONEY, 50, 1_000_000, 0),
        new TierSpec(500_000 * MONEY, 20, 2_500_000, 750 * MONEY));

    private final TwinRun twin = new TwinRun(market());
    private long tradeId;

    private static MarketSetup market()
    {
        final List<InstrumentSpec> specs = List.of(spec(BTC, "BTCUSD", TIERS), spec(ETH, "ETHUSD", TIERS));
        final List<Input> preamble = new ArrayList<>();
        specs.forEach(spec -> preamble.add(new Input.Definition(spec)));
        preamble.add(new Input.MarkTick(BTC, 4_000_000));
        preamble.add(new Input.MarkTick(ETH, 200_000));
        preamble.add(new Input.Deposit(1, 1_000 * MONEY));
        preamble.add(new Input.Deposit(2, 100_000 * MONEY));
        return new MarketSetup(10, 2, 0, 80_000_000L, specs, specs, spec(2, "SPARE", TIERS),
            List.of(4_000_000L, 200_000L, 100L), List.of(1L, 2L), preamble);
    }

    private static InstrumentSpec spec(final int id, final String symbol, final List<TierSpec> tiers)
    {
        return new InstrumentSpec(id, symbol, 2, 3, 1, 1, 10, MarginMode.CROSS, tiers);
    }

    private List<OutputRecord> apply(final Input input)
    {
        return twin.apply(input);
    }

    private void setUp()
    {
        twin.run.setup.preamble().forEach(this::apply);
    }

    private List<OutputRecord> trade(
        final long account, final int instrument, final Side side, final long quantity, final long price)
    {
        tradeId++;
        final List<OutputRecord> outputs = apply(
            new Input.Fill(account, instrument, side, quantity, price, 0, tradeId));
        apply(new Input.Fill(2, instrument, side == Side.BUY ? Side.SELL : Side.BUY, quantity, price, 0, tradeId));
        return outputs;
    }

    private static List<String> types(final List<OutputRecord> outputs)
    {
        final List<String> types = new ArrayList<>();
        outputs.forEach(output -> types.add(output.type()));
        return types;
    }

    @Test
    void aDifferenceBetweenEngineAndReferenceFailsTheRun()
    {
        setUp();
        twin.run.apply(new Input.Deposit(1, 1));

        assertThatThrownBy(() -> apply(new Input.Snapshot()))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("outputs differ")
            .hasMessageContaining("Deposit[account=1, amount=1]");
    }

    @Test
    void anIsolatedFillThatDrainsTheWalletLiquidatesTheCrossAccountAtOnce()
    {
        setUp();
        apply(new Input.SetLeverage(1, BTC, 50));
        apply(new Input.SetMode(1, ETH, MarginMode.ISOLATED));
        apply(new Input.SetLeverage(1, ETH, 1));
        // cross long 1 BTC at 40,000: MM 400, equity 1,000
        trade(1, BTC, Side.BUY, ONE, 4_000_000);
        assertThat(twin.run.engine.positionSize(1, BTC)).isEqualTo(ONE);

        // isolated 0.35 ETH at 2,000 with 1x moves 700 into the pool: cross equity 300 ≤ MM 400
        final List<OutputRecord> outputs = trade(1, ETH, Side.BUY, 350, 200_000);

        assertThat(types(outputs)).containsExactly(
            "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(outputs.get(0).get("instrumentId")).isEqualTo(-1);
        assertThat(outputs.get(1).get("equity")).isEqualTo(300 * MONEY);
        assertThat(outputs.get(1).get("maintenanceMargin")).isEqualTo(400 * MONEY);
        assertThat(twin.run.engine.positionSize(1, BTC)).isZero();
        assertThat(twin.run.engine.isolatedMargin(1, ETH)).isEqualTo(700 * MONEY);
    }

    @Test
    void tighterTiersLiquidateWhenTheyAreDefined()
    {
        setUp();
        apply(new Input.SetLeverage(1, BTC, 50));
        trade(1, BTC, Side.BUY, ONE, 4_000_000);

        // 3% up to 50,000: MM 1,200 > equity 1,000
        final List<OutputRecord> outputs = apply(new Input.Definition(spec(BTC, "BTCUSD", List.of(
            new TierSpec(50_000 * MONEY, 30, 3_000_000, 0),
            new TierSpec(500_000 * MONEY, 20, 4_000_000, 500 * MONEY)))));

        assertThat(types(outputs)).containsExactly(
            "RequestAccepted", "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        assertThat(outputs.get(2).get("maintenanceMargin")).isEqualTo(1_200 * MONEY);
    }

    @Test
    void anIsolatedLossBeyondThePoolIsPaidByTheFundNotTheWallet()
    {
        setUp();
        apply(new Input.SetMode(1, ETH, MarginMode.ISOLATED));
        // 1 ETH at 2,000 with 10x: pool 200, wallet 800
        trade(1, ETH, Side.BUY, ONE, 200_000);
        assertThat(twin.run.engine.isolatedMargin(1, ETH)).isEqualTo(200 * MONEY);

        // sold at 1,700: the pool's 200 and the realized −300 leave −100, which the fund pays
        trade(1, ETH, Side.SELL, ONE, 170_000);

        assertThat(twin.run.engine.crossWallet(1)).isEqualTo(800 * MONEY);
        assertThat(twin.run.engine.isolatedMargin(1, ETH)).isZero();
        assertThat(twin.run.engine.insuranceFundBalance()).isEqualTo(-100 * MONEY);
    }

    @Test
    void theLowestLongIsOutOfRangeAsARateAndAsAFee()
    {
        setUp();
        final List<OutputRecord> funding = apply(new Input.Funding(BTC, Long.MIN_VALUE));
        final List<OutputRecord> fill = apply(new Input.Fill(1, BTC, Side.BUY, ONE, 4_000_000, Long.MIN_VALUE, 1));

        assertThat(funding.get(0).get("reason")).isEqualTo(RejectReason.OUT_OF_RANGE.value());
        assertThat(fill.get(0).get("reason")).isEqualTo(RejectReason.OUT_OF_RANGE.value());
    }
}
