package com.liqengine.reference;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static com.liqengine.reference.ReferenceEngine.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference model on its own against the venue-scale rules of docs/margin.md (bounds on the current state,
 * sparse slots that read as the instrument's defaults, clamped reports, exact ledger totals), with numbers that
 * can be checked by hand. BTC: 2 price decimals, 3 quantity decimals (so {@code value = q × P × 1000} units),
 * Binance's tiers, default isolated at leverage 20.
 */
class ReferenceVenueScaleTest
{
    private static final int BTC = 0;
    private static final int ETH = 1;
    private static final int SOL = 2;
    private static final long FUND = 0;
    /** 60,000.00 in price units. */
    private static final long PRICE = 6_000_000L;
    private static final List<TierSpec> BINANCE_BTC = List.of(
        tier("50000", 125, "0.004", "0"), tier("250000", 100, "0.005", "50"),
        tier("1000000", 50, "0.01", "1300"), tier("10000000", 20, "0.025", "16300"),
        tier("20000000", 10, "0.05", "266300"));

    private long tradeId = 1;

    private static InstrumentSpec spec(
        final int id, final String symbol, final int defaultLeverage, final MarginMode defaultMode)
    {
        return new InstrumentSpec(id, symbol, 2, 3, 1, 1, defaultLeverage, defaultMode, BINANCE_BTC);
    }

    private static ReferenceEngine engine(final int maxAccounts, final int maxPositions, final int instruments)
    {
        final ReferenceEngine ref = new ReferenceEngine(maxAccounts, 4, maxPositions, FUND, 80_000_000L);
        final String[] symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
        for (int id = 0; id < instruments; id++)
        {
            assertThat(labels(ref.instrumentDefinition(0, 0, spec(id, symbols[id], 20, MarginMode.ISOLATED))))
                .containsExactly("RequestAccepted");
        }
        return ref;
    }

    private static List<String> labels(final List<RefOutput> outputs)
    {
        final List<String> labels = new ArrayList<>();
        for (final RefOutput output : outputs)
        {
            labels.add(output.type().label());
        }
        return labels;
    }

    private static void assertRejected(final List<RefOutput> outputs, final RejectReason reason)
    {
        assertThat(labels(outputs)).containsExactly("RequestRejected");
        assertThat(outputs.get(0).get("reason")).isEqualTo(reason.value());
    }

    private static void assertAccepted(final List<RefOutput> outputs)
    {
        assertThat(labels(outputs)).containsExactly("RequestAccepted");
    }

    private List<RefOutput> fill(
        final ReferenceEngine ref, final long account, final int instrument, final Side side, final long quantity)
    {
        return ref.fill(0, 0, account, instrument, side, quantity, PRICE, 0, tradeId++);
    }

    /** Everything a test may want unchanged: ledger, marks, wallets and every slot. */
    private static String state(final ReferenceEngine ref)
    {
        final StringBuilder text = new StringBuilder()
            .append(ref.ledgerTotals()).append(" stored ").append(ref.storedPositionSlots());
        for (int i = 0; i < 4; i++)
        {
            if (ref.hasInstrument(i))
            {
                text.append(" mark ").append(ref.markPrice(i));
            }
        }
        for (int a = 0; a < ref.accountCount(); a++)
        {
            final long id = ref.accountIdAt(a);
            text.append("\naccount ").append(id).append(" wallet ").append(ref.crossWallet(id));
            for (int i = 0; i < 4; i++)
            {
                if (ref.hasInstrument(i))
                {
                    text.append(" | ").append(ref.marginMode(id, i)).append(' ').append(ref.leverage(id, i))
                        .append(' ').append(ref.positionSize(id, i)).append(' ').append(ref.costBasis(id, i))
                        .append(' ').append(ref.isolatedMargin(id, i));
                }
            }
        }
        return text.toString();
    }

    /**
     * (a) One unit in the wallet, 5 BTC bought at 60,000 isolated at 20x: the fill is a fact, so it is applied;
     * it moves the one unit into the pool and the position is liquidated by the fill's own slot check.
     */
    @Test
    void fillWithAlmostNoMoneyIsAppliedAndLiquidatedAtOnce()
    {
        final ReferenceEngine ref = engine(10, Integer.MAX_VALUE, 1);
        assertAccepted(ref.deposit(0, 0, 1, 1));

        final List<RefOutput> outputs = fill(ref, 1, BTC, Side.BUY, 5_000);

        assertThat(labels(outputs)).containsExactly(
            "UnderMarginedFill", "CancelOpenOrders", "LiquidationTriggered", "PositionTakenOver", "LiquidationOrder");
        // value 5 × 60,000 = 300,000.00000000 = 30,000,000,000,000 units; margin ceil(value / 20)
        assertThat(outputs.get(0).get("required")).isEqualTo(1_500_000_000_000L);
        assertThat(outputs.get(0).get("moved")).isEqualTo(1);
        assertThat(outputs.get(1).get("instrumentId")).isEqualTo(BTC);
        final RefOutput triggered = outputs.get(2);
        assertThat(triggered.get("mode")).isEqualTo(RefOutputs.ISOLATED);
        assertThat(triggered.get("size")).isEqualTo(5_000);
        assertThat(triggered.get("markPrice")).isEqualTo(PRICE);
        // equity B + U = 1 + 0; MM of 300,000 in the tier to 1,000,000: 300,000 × 1% − 1,300 = 1,700.00000000
        assertThat(triggered.get("equity")).isEqualTo(1);
        assertThat(triggered.get("maintenanceMargin")).isEqualTo(170_000_000_000L);
        // ceil(170,000,000,000 × 10^8 / 1) = 1.7 × 10^19 is beyond the long range: saturated at 2^63 − 1
        assertThat(triggered.get("marginRatio")).isEqualTo(Long.MAX_VALUE);
        // liquidatable while 1 + 5,000,000 P − 3 × 10^13 ≤ 50,000 P − 1.3 × 10^11, P ≤ 6,034,343.43…
        assertThat(triggered.get("liquidationPrice")).isEqualTo(6_034_343L);
        // bankrupt while 1 + 5,000,000 P − 3 × 10^13 ≤ 0, P ≤ 5,999,999.9999998
        assertThat(triggered.get("bankruptcyPrice")).isEqualTo(5_999_999L);
        final RefOutput takenOver = outputs.get(3);
        assertThat(takenOver.get("price")).isEqualTo(5_999_999L);
        assertThat(takenOver.get("value")).isEqualTo(29_999_999_999_999L);
        assertThat(takenOver.get("realizedPnl")).isEqualTo(-1);
        assertThat(takenOver.get("clearanceFee")).isZero();
        assertThat(takenOver.get("insuranceFundBalance")).isZero();
        assertThat(outputs.get(4).get("accountId")).isEqualTo(FUND);
        assertThat(outputs.get(4).get("side")).isEqualTo(RefOutputs.SELL);
        assertThat(outputs.get(4).get("quantity")).isEqualTo(5_000);

        assertThat(ref.crossWallet(1)).isZero();
        assertThat(ref.positionSize(1, BTC)).isZero();
        assertThat(ref.isolatedMargin(1, BTC)).isZero();
        assertThat(ref.positionSize(FUND, BTC)).isEqualTo(5_000);
        assertThat(ref.costBasis(FUND, BTC)).isEqualTo(29_999_999_999_999L);
        assertThat(ref.ledgerTotals()).isEqualTo(new RefLedgerTotals(
            BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE.negate(), BigInteger.ZERO, BigInteger.ZERO));
        // the slot is back at its defaults: nothing is stored for it
        assertThat(ref.storedPositionSlots()).isZero();
    }

    /**
     * (b) 20,000 BTC: |q| = 20,000,000 units has capacity 2^25 − 1 = 33,554,431, worth 201,326,586,000,000,000
     * units at 60,000, under 2^58 = 288,230,376,151,711,744. The largest mark it allows is
     * floor(2^58 / (33,554,431 × 1000)) = 8,589,934 (85,899.34). Once closed, the bound goes with it.
     */
    @Test
    void ticksAreBoundedByWhatIsOpenNowNotByWhatWasHeld()
    {
        final ReferenceEngine ref = engine(10, Integer.MAX_VALUE, 1);
        assertAccepted(ref.deposit(0, 0, 1, 20_000_000_000_000_000L));
        assertAccepted(ref.setMarginMode(0, 0, 1, BTC, MarginMode.CROSS));
        assertThat(fill(ref, 1, BTC, Side.BUY, 20_000_000)).isEmpty();
        assertThat(ref.costBasis(1, BTC)).isEqualTo(120_000_000_000_000_000L);

        // a fill to 2^25 units (33,554.432 BTC) would have capacity 2^26 − 1, worth 4.03 × 10^17 at 60,000
        final String before = state(ref);
        assertRejected(fill(ref, 1, BTC, Side.BUY, 13_554_432), RejectReason.OUT_OF_RANGE);
        assertThat(state(ref)).isEqualTo(before);

        assertRejected(ref.markPriceTick(0, 0, BTC, 15_000_000), RejectReason.OUT_OF_RANGE);
        assertRejected(ref.markPriceTick(0, 0, BTC, 100_000_000), RejectReason.OUT_OF_RANGE);
        assertRejected(ref.markPriceTick(0, 0, BTC, 8_589_935), RejectReason.OUT_OF_RANGE);
        assertThat(ref.markPrice(BTC)).isEqualTo(PRICE);
        assertThat(ref.markPriceTick(0, 0, BTC, 8_589_934)).isEmpty();
        assertThat(ref.markPrice(BTC)).isEqualTo(8_589_934);

        // sold back at 60,000: realized 20,000 × 60,000 − 1,200,000,000 = 0
        assertThat(fill(ref, 1, BTC, Side.SELL, 20_000_000)).isEmpty();
        assertThat(ref.positionSize(1, BTC)).isZero();
        assertThat(ref.crossWallet(1)).isEqualTo(20_000_000_000_000_000L);

        assertThat(ref.markPriceTick(0, 0, BTC, 15_000_000)).isEmpty();
        assertThat(ref.markPriceTick(0, 0, BTC, 100_000_000)).isEmpty();
        assertThat(ref.markPrice(BTC)).isEqualTo(100_000_000);
    }

    /**
     * (c) 40 deposits of 2,500,000,000 (2.5 × 10^17 units, under 2^58) into 10 accounts, and 4 of 2^58 into an
     * eleventh: 111.5 billion in all, past the 92.2 billion of a long. Each wallet stays within 2^60.
     */
    @Test
    void depositsPastTheLongRangeAreAcceptedAndTotalledExactly()
    {
        final ReferenceEngine ref = engine(12, Integer.MAX_VALUE, 0);
        final long amount = 250_000_000_000_000_000L;
        for (int round = 0; round < 4; round++)
        {
            for (long account = 1; account <= 10; account++)
            {
                assertAccepted(ref.deposit(0, 0, account, amount));
            }
        }
        for (int round = 0; round < 4; round++)
        {
            assertAccepted(ref.deposit(0, 0, 11, 1L << 58));
        }
        // 2^60 exactly is allowed; one unit more is not, and neither is a wallet of 1.25 × 10^18
        assertThat(ref.crossWallet(11)).isEqualTo(1L << 60);
        assertRejected(ref.deposit(0, 0, 11, 1), RejectReason.OUT_OF_RANGE);
        assertThat(ref.crossWallet(1)).isEqualTo(1_000_000_000_000_000_000L);
        assertRejected(ref.deposit(0, 0, 1, amount), RejectReason.OUT_OF_RANGE);
        // an amount above 2^58 is refused as such, and opens no account
        assertRejected(ref.deposit(0, 0, 12, (1L << 58) + 1), RejectReason.OUT_OF_RANGE);
        assertThat(ref.accountCount()).isEqualTo(12);

        // 40 × 2.5 × 10^17 + 2^60 = 10,000,000,000,000,000,000 + 1,152,921,504,606,846,976
        assertThat(ref.ledgerTotals().totalDeposits()).isEqualTo(new BigInteger("11152921504606846976"));
        assertThat(ref.totalDeposits()).isEqualTo(Long.MAX_VALUE);
        assertThat(ref.ledgerTotals().totalWithdrawals()).isZero();
    }

    /**
     * (d) A redefinition with default leverage 10 instead of 20 changes the slots at their defaults and no other:
     * not one with its own leverage, one with its own mode, or one with a position.
     */
    @Test
    void redefinitionChangesTheDefaultsOfSlotsAtTheirDefaultsOnly()
    {
        final ReferenceEngine ref = engine(10, Integer.MAX_VALUE, 1);
        for (long account = 1; account <= 5; account++)
        {
            assertAccepted(ref.deposit(0, 0, account, 100_000_000_000L));
        }
        // 1 never touches BTC; 2 sets its own leverage; 3 holds 0.010 BTC; 4 sets the default leverage again
        // (its slot stays at its defaults); 5 sets its own mode
        assertAccepted(ref.setLeverage(0, 0, 2, BTC, 5));
        assertThat(labels(fill(ref, 3, BTC, Side.BUY, 10))).isEmpty();
        assertAccepted(ref.setLeverage(0, 0, 4, BTC, 20));
        assertAccepted(ref.setMarginMode(0, 0, 5, BTC, MarginMode.CROSS));
        assertThat(ref.storedPositionSlots()).isEqualTo(3);

        assertAccepted(ref.instrumentDefinition(0, 0, spec(BTC, "BTCUSDT", 10, MarginMode.ISOLATED)));

        assertThat(ref.leverage(1, BTC)).isEqualTo(10);
        assertThat(ref.leverage(2, BTC)).isEqualTo(5);
        assertThat(ref.leverage(3, BTC)).isEqualTo(20);
        assertThat(ref.leverage(4, BTC)).isEqualTo(10);
        assertThat(ref.leverage(5, BTC)).isEqualTo(20);
        assertThat(ref.marginMode(5, BTC)).isEqualTo(MarginMode.CROSS);
        assertThat(ref.leverage(FUND, BTC)).isEqualTo(10);
        assertAccepted(ref.deposit(0, 0, 6, 1));
        assertThat(ref.leverage(6, BTC)).isEqualTo(10);

        // closed, account 3's slot keeps leverage 20: it is not at the defaults (now 10), so it stays stored
        assertThat(labels(fill(ref, 3, BTC, Side.SELL, 10))).isEmpty();
        assertThat(ref.leverage(3, BTC)).isEqualTo(20);
        assertThat(ref.storedPositionSlots()).isEqualTo(3);

        // a new default mode: the slots at their defaults become cross, account 2's keeps isolated
        assertAccepted(ref.instrumentDefinition(0, 0, spec(BTC, "BTCUSDT", 10, MarginMode.CROSS)));
        assertThat(ref.marginMode(1, BTC)).isEqualTo(MarginMode.CROSS);
        assertThat(ref.marginMode(4, BTC)).isEqualTo(MarginMode.CROSS);
        assertThat(ref.marginMode(2, BTC)).isEqualTo(MarginMode.ISOLATED);
        assertThat(ref.marginMode(3, BTC)).isEqualTo(MarginMode.ISOLATED);
        // account 5's own cross is the default now, but its leverage 20 is not: still stored, still 20
        assertThat(ref.leverage(5, BTC)).isEqualTo(20);
        assertThat(ref.storedPositionSlots()).isEqualTo(3);
    }

    /**
     * (e) maxPositions 2 over all accounts but the fund: once two slots are not at their defaults, a third is
     * CAPACITY_EXCEEDED and nothing changes; putting a setting back frees a place.
     */
    @Test
    void aThirdSlotIsCapacityExceeded()
    {
        final ReferenceEngine ref = engine(10, 2, 3);
        assertAccepted(ref.deposit(0, 0, 1, 100_000_000_000L));
        assertAccepted(ref.deposit(0, 0, 2, 100_000_000_000L));
        assertAccepted(ref.setLeverage(0, 0, 1, BTC, 10));
        assertThat(labels(fill(ref, 1, ETH, Side.BUY, 10))).isEmpty();
        assertThat(ref.storedPositionSlots()).isEqualTo(2);

        final String before = state(ref);
        // the fill is refused after its bounds (it has none to break) and records no trade id
        assertRejected(ref.fill(0, 0, 1, SOL, Side.BUY, 10, PRICE, 0, 1), RejectReason.CAPACITY_EXCEEDED);
        assertRejected(ref.setLeverage(0, 0, 1, SOL, 10), RejectReason.CAPACITY_EXCEEDED);
        assertRejected(ref.setMarginMode(0, 0, 1, SOL, MarginMode.CROSS), RejectReason.CAPACITY_EXCEEDED);
        assertRejected(ref.setLeverage(0, 0, 2, BTC, 10), RejectReason.CAPACITY_EXCEEDED);
        assertThat(state(ref)).isEqualTo(before);
        assertThat(ref.markPrice(SOL)).isZero();

        // no new slot needed: the defaults again, or a slot already stored
        assertAccepted(ref.setMarginMode(0, 0, 1, SOL, MarginMode.ISOLATED));
        assertAccepted(ref.setLeverage(0, 0, 1, SOL, 20));
        assertAccepted(ref.setLeverage(0, 0, 1, BTC, 8));
        assertThat(ref.storedPositionSlots()).isEqualTo(2);
        // the fund's slots are reserved
        assertThat(ref.fill(0, 0, FUND, SOL, Side.SELL, 10, PRICE, 0, 1)).isEmpty();
        assertThat(ref.positionSize(FUND, SOL)).isEqualTo(-10);
        assertThat(ref.storedPositionSlots()).isEqualTo(2);

        // BTC's leverage put back to the default 20: that slot is forgotten, and the refused fill now fits
        assertAccepted(ref.setLeverage(0, 0, 1, BTC, 20));
        assertThat(ref.storedPositionSlots()).isEqualTo(1);
        assertThat(ref.fill(0, 0, 1, SOL, Side.BUY, 10, PRICE, 0, 1)).isEmpty();
        assertThat(ref.positionSize(1, SOL)).isEqualTo(10);
        assertThat(ref.storedPositionSlots()).isEqualTo(2);
    }
}
