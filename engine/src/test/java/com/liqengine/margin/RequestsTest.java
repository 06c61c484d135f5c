package com.liqengine.margin;

import static com.liqengine.margin.EngineHarness.afterCancels;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static com.liqengine.margin.EngineHarness.FUND;
import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.types;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checked requests (docs/margin.md, section 4): deposit, withdrawal against the cross available balance,
 * margin mode, leverage, isolated margin transfers; and, for every reject reason an input can cause, the
 * reason and an unchanged state ({@link EngineHarness#assertRejected}: wallets, pools, positions, marks,
 * trade ids, ledger totals). Malformed-message reasons are in {@link MalformedInputTest}.
 *
 * <p>Instrument X: 2 price and 2 quantity decimals, tiers {@link EngineHarness#simpleTiers()} (1%, 50x up to
 * 10,000; 2.5%, 20x up to 100,000), default leverage 20, cross.
 */
class RequestsTest
{
    /** 2^58 units = 2,882,303,761.51711744. */
    private static final long MAX_AMOUNT = 1L << 58;

    private final EngineHarness h = new EngineHarness();
    private final int x = h.define("X", 2, 2, EngineHarness.simpleTiers());

    // ------------------------------------------------------------------ deposits and withdrawals

    @Test
    void aDepositOpensTheAccountAndIsAcknowledged()
    {
        assertThat(h.engine.hasAccount(1)).isFalse();
        final List<OutputRecord> out = afterCancels(h.deposit(1, "250.5"));
        assertThat(types(out)).containsExactly("RequestAccepted");
        assertThat(out.get(0).get("requestTemplateId")).isEqualTo(3);
        assertThat(out.get(0).get("accountId")).isEqualTo(1);
        assertThat(out.get(0).get("instrumentId")).isEqualTo(-1);
        assertThat(h.engine.hasAccount(1)).isTrue();
        assertThat(h.wallet(1)).isEqualByComparingTo("250.5");
        h.deposit(1, "0.00000001");
        assertThat(h.wallet(1)).isEqualByComparingTo("250.50000001");
        assertThat(h.engine.totalDeposits()).isEqualTo(amount("250.50000001"));
        // a new account's slot takes the instrument's defaults
        assertThat(h.engine.marginMode(1, x)).isEqualTo(MarginMode.CROSS);
        assertThat(h.engine.leverage(1, x)).isEqualTo(20);
    }

    @Test
    void depositAmountsMustBePositiveAndAtMostTwoToThe58()
    {
        h.deposit(1, "100");
        h.assertRejected(RejectReason.NON_POSITIVE_AMOUNT, () -> h.deposit(1, "0"));
        h.assertRejected(RejectReason.NON_POSITIVE_AMOUNT, () -> h.deposit(1, "-1"));
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.send(h.encoder.deposit(0, 0, 1, MAX_AMOUNT + 1)));
        // a rejected deposit to an unknown account does not open it
        h.assertRejected(RejectReason.NON_POSITIVE_AMOUNT, () -> h.deposit(2, "0"));
        assertThat(h.engine.hasAccount(2)).isFalse();
        assertThat(types(h.send(h.encoder.deposit(0, 0, 1, MAX_AMOUNT)))).containsExactly("RequestAccepted");
    }

    @Test
    void depositsPastNinetyTwoBillionAreTakenAndAWalletIsBoundedByTwoToThe60()
    {
        // 40 deposits of 2^58 (2,882,303,761.51711744 each) total 40 × 2^58 > 2^63: no lifetime total refuses them
        for (long account = 1; account <= 40; account++)
        {
            assertThat(types(h.send(h.encoder.deposit(0, 0, account, MAX_AMOUNT)))).containsExactly("RequestAccepted");
        }
        assertThat(h.engine.ledgerTotals().deposits()).isEqualTo(BigInteger.valueOf(MAX_AMOUNT).multiply(
            BigInteger.valueOf(40)));
        assertThat(h.engine.totalDeposits()).isEqualTo(Long.MAX_VALUE);
        // one wallet takes up to 2^60: three more deposits of 2^58 into account 1 make exactly 2^60
        for (int n = 0; n < 3; n++)
        {
            h.send(h.encoder.deposit(0, 0, 1, MAX_AMOUNT));
        }
        assertThat(h.engine.crossWallet(1)).isEqualTo(1L << 60);
        final long hash = h.engine.stateHash();
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.deposit(0, 0, 1, 1)));
        assertThat(h.engine.stateHash()).isEqualTo(hash);
    }

    @Test
    void capacityExceededWhenEveryAccountIsTaken()
    {
        // capacity 2: the fund and account 1
        final EngineHarness small = new EngineHarness(new EngineSettings().maxAccounts(2));
        small.deposit(1, "10");
        final OutputRecord rejection =
            small.assertRejected(RejectReason.CAPACITY_EXCEEDED, () -> small.deposit(2, "10"));
        assertThat(rejection.get("accountId")).isEqualTo(2);
        assertThat(small.engine.hasAccount(2)).isFalse();
        // existing accounts still take deposits
        assertThat(types(small.deposit(1, "10"))).containsExactly("RequestAccepted");
    }

    @Test
    void withdrawalUpToTheCrossAvailableBalance()
    {
        h.deposit(1, "1000");
        h.buy(1, x, "2", "100");
        h.mark(x, "90");
        // available = W + min(U, 0) − IM = 1000 − 20 − ceil(180 / 20) = 1000 − 20 − 9 = 971
        h.assertRejected(RejectReason.INSUFFICIENT_AVAILABLE, () -> h.withdraw(1, "971.00000001"));
        final List<OutputRecord> out = afterCancels(h.withdraw(1, "971"));
        assertThat(types(out)).containsExactly("RequestAccepted");
        assertThat(out.get(0).get("requestTemplateId")).isEqualTo(4);
        assertThat(h.wallet(1)).isEqualByComparingTo("29");
        assertThat(h.engine.totalWithdrawals()).isEqualTo(amount("971"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void anUnrealizedProfitIsNotAvailable()
    {
        h.deposit(1, "1000");
        h.buy(1, x, "2", "100");
        h.mark(x, "110");
        // U = +20 counts as 0: available = 1000 − ceil(220 / 20) = 989
        h.assertRejected(RejectReason.INSUFFICIENT_AVAILABLE, () -> h.withdraw(1, "989.00000001"));
        assertThat(types(h.withdraw(1, "989"))).containsExactly("RequestAccepted");
    }

    @Test
    void isolatedPositionsDoNotReduceTheCrossAvailableBalance()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "2", "100");
        h.mark(x, "95");
        // only W = 980 counts; the pool (20) and the isolated loss (−10) do not
        h.assertRejected(RejectReason.INSUFFICIENT_AVAILABLE, () -> h.withdraw(1, "980.00000001"));
        assertThat(types(h.withdraw(1, "980"))).containsExactly("RequestAccepted");
        assertThat(h.wallet(1)).isEqualByComparingTo("0");
    }

    @Test
    void withdrawalChecks()
    {
        h.deposit(1, "100");
        h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.withdraw(2, "1"));
        h.assertRejected(RejectReason.NON_POSITIVE_AMOUNT, () -> h.withdraw(1, "0"));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.withdrawal(0, 0, 1, MAX_AMOUNT + 1)));
        h.assertRejected(RejectReason.INSUFFICIENT_AVAILABLE, () -> h.withdraw(1, "100.00000001"));
    }

    // ------------------------------------------------------------------ margin mode and leverage

    @Test
    void marginModeChangesOnlyWhileFlat()
    {
        h.deposit(1, "1000");
        final List<OutputRecord> out = afterCancels(h.isolated(1, x));
        assertThat(types(out)).containsExactly("RequestAccepted");
        assertThat(out.get(0).get("requestTemplateId")).isEqualTo(5);
        assertThat(out.get(0).get("instrumentId")).isEqualTo(x);
        assertThat(h.engine.marginMode(1, x)).isEqualTo(MarginMode.ISOLATED);
        h.buy(1, x, "1", "100");
        h.assertRejected(RejectReason.POSITION_OPEN, () -> h.cross(1, x));
        // setting the mode it already has is still refused with a position open
        h.assertRejected(RejectReason.POSITION_OPEN, () -> h.isolated(1, x));
        h.sell(1, x, "1", "100");
        assertThat(types(h.cross(1, x))).containsExactly("RequestAccepted");
        assertThat(h.engine.marginMode(1, x)).isEqualTo(MarginMode.CROSS);
    }

    @Test
    void leverageChecks()
    {
        h.deposit(1, "1000");
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.leverage(1, x, 0));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.leverage(1, x, -3));
        // flat: tier 0 allows 50x
        h.assertRejected(RejectReason.LEVERAGE_ABOVE_TIER_LIMIT, () -> h.leverage(1, x, 51));
        final List<OutputRecord> out = afterCancels(h.leverage(1, x, 50));
        assertThat(types(out)).containsExactly("RequestAccepted");
        assertThat(out.get(0).get("requestTemplateId")).isEqualTo(6);
        assertThat(h.engine.leverage(1, x)).isEqualTo(50);
    }

    @Test
    void isolatedLeverageMustStillBeCoveredByThePool()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "2", "100");
        // B + min(U, 0) = 20; at 9x IM = ceil(200 / 9) = 22.22222223 > 20
        h.assertRejected(RejectReason.INSUFFICIENT_MARGIN, () -> h.leverage(1, x, 9));
        // at 10x IM = 20 ≤ 20 still holds; at 20x IM = 10
        assertThat(types(h.leverage(1, x, 20))).containsExactly("RequestAccepted");
        // a loss counts: mark 95, U = −10, 20 − 10 = 10 ≥ ceil(190 / 19) = 10, but 10 < ceil(190 / 18) = 10.55…
        h.mark(x, "95");
        h.assertRejected(RejectReason.INSUFFICIENT_MARGIN, () -> h.leverage(1, x, 18));
        assertThat(types(h.leverage(1, x, 19))).containsExactly("RequestAccepted");
    }

    @Test
    void crossLeverageMustKeepTheAvailableBalanceNonNegative()
    {
        h.deposit(1, "10");
        // long 2 at 100 cross at 20x: available = 10 − ceil(200 / 20) = 0
        h.buy(1, x, "2", "100");
        // at 19x: 10 − ceil(200 / 19) = 10 − 10.52631579 < 0
        h.assertRejected(RejectReason.INSUFFICIENT_MARGIN, () -> h.leverage(1, x, 19));
        assertThat(types(h.leverage(1, x, 25))).containsExactly("RequestAccepted");
        assertThat(types(h.leverage(1, x, 20))).containsExactly("RequestAccepted");
    }

    // ------------------------------------------------------------------ isolated margin transfers

    @Test
    void addAndRemoveIsolatedMargin()
    {
        h.deposit(1, "1000");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        h.buy(1, x, "2", "100");
        final List<OutputRecord> added = h.addMargin(1, x, "30");
        assertThat(types(added)).containsExactly("RequestAccepted");
        assertThat(added.get(0).get("requestTemplateId")).isEqualTo(7);
        assertThat(h.pool(1, x)).isEqualByComparingTo("50");
        assertThat(h.wallet(1)).isEqualByComparingTo("950");
        h.mark(x, "95");
        // removable = max(0, B + min(U, 0) − IM) = 50 − 10 − ceil(190 / 10) = 21
        h.assertRejected(RejectReason.INSUFFICIENT_MARGIN, () -> h.removeMargin(1, x, "21.00000001"));
        final List<OutputRecord> removed = h.removeMargin(1, x, "21");
        assertThat(types(removed)).containsExactly("RequestAccepted");
        assertThat(removed.get(0).get("requestTemplateId")).isEqualTo(8);
        assertThat(h.pool(1, x)).isEqualByComparingTo("29");
        assertThat(h.wallet(1)).isEqualByComparingTo("971");
        // nothing more is removable (29 − 10 − 19 = 0)
        h.assertRejected(RejectReason.INSUFFICIENT_MARGIN, () -> h.removeMargin(1, x, "0.00000001"));
        assertThat(h.ledgerGap()).isZero();
    }

    @Test
    void addingIsolatedMarginIsLimitedByTheCrossAvailableBalance()
    {
        h.deposit(1, "100");
        h.isolated(1, x);
        h.leverage(1, x, 10);
        // the isolated long: W = 100 − 20 = 80
        h.buy(1, x, "2", "100");
        // no cross position: available = W = 80
        h.assertRejected(RejectReason.INSUFFICIENT_AVAILABLE, () -> h.addMargin(1, x, "80.00000001"));
        assertThat(types(h.addMargin(1, x, "80"))).containsExactly("RequestAccepted");
        assertThat(h.pool(1, x)).isEqualByComparingTo("100");
    }

    @Test
    void transferChecksInTheDocumentedOrder()
    {
        h.deposit(1, "100");
        h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.addMargin(2, x, "1"));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT, () -> h.addMargin(1, 3, "1"));
        h.assertRejected(RejectReason.INSURANCE_FUND_ACCOUNT, () -> h.addMargin(FUND, x, "1"));
        // the amount comes before the mode: a cross slot with a zero amount is NON_POSITIVE_AMOUNT
        h.assertRejected(RejectReason.NON_POSITIVE_AMOUNT, () -> h.addMargin(1, x, "0"));
        h.assertRejected(RejectReason.NON_POSITIVE_AMOUNT, () -> h.removeMargin(1, x, "-1"));
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.send(h.encoder.addIsolatedMargin(0, 0, 1, x, MAX_AMOUNT + 1)));
        h.assertRejected(RejectReason.NOT_ISOLATED, () -> h.addMargin(1, x, "1"));
        h.assertRejected(RejectReason.NOT_ISOLATED, () -> h.removeMargin(1, x, "1"));
        h.isolated(1, x);
        h.assertRejected(RejectReason.NO_POSITION, () -> h.addMargin(1, x, "1"));
        h.assertRejected(RejectReason.NO_POSITION, () -> h.removeMargin(1, x, "1"));
    }

    // ------------------------------------------------------------------ every other reason from inputs

    @Test
    void unknownAccountForEveryAccountInput()
    {
        h.mark(x, "100");
        for (final OutputRecord rejection : List.of(
            h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.withdraw(9, "1")),
            h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.buy(9, x, "1", "100")),
            h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.isolated(9, x)),
            h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.leverage(9, x, 5)),
            h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.addMargin(9, x, "1")),
            h.assertRejected(RejectReason.UNKNOWN_ACCOUNT, () -> h.removeMargin(9, x, "1"))))
        {
            assertThat(rejection.get("accountId")).isEqualTo(9);
        }
        assertThat(h.engine.hasAccount(9)).isFalse();
    }

    @Test
    void unknownInstrumentForEveryInstrumentInput()
    {
        h.deposit(1, "100");
        // 3 is a valid id but not defined; 8 is beyond maxInstruments; −1 is never an id
        for (final int id : new int[] {3, 8, -1})
        {
            final OutputRecord rejection =
                h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT, () -> h.send(h.encoder.markPriceTick(0, 0, id, 1)));
            assertThat(rejection.get("instrumentId")).isEqualTo(id);
        }
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT,
            () -> h.send(h.encoder.fill(0, 0, 1, 3, Side.BUY, 1, 1, 0, 1)));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT,
            () -> h.send(h.encoder.setMarginMode(0, 0, 1, 3, MarginMode.ISOLATED)));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT, () -> h.send(h.encoder.setLeverage(0, 0, 1, 3, 5)));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT, () -> h.send(h.encoder.fundingRate(0, 0, 3, 1)));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT, () -> h.send(h.encoder.removeIsolatedMargin(0, 0, 1, 3, 1)));
    }

    @Test
    void theInsuranceFundCannotChangeModeLeverageOrMoveIsolatedMargin()
    {
        h.deposit(FUND, "100");
        h.assertRejected(RejectReason.INSURANCE_FUND_ACCOUNT, () -> h.isolated(FUND, x));
        h.assertRejected(RejectReason.INSURANCE_FUND_ACCOUNT, () -> h.leverage(FUND, x, 5));
        // checked before the leverage itself
        h.assertRejected(RejectReason.INSURANCE_FUND_ACCOUNT, () -> h.leverage(FUND, x, 0));
        h.assertRejected(RejectReason.INSURANCE_FUND_ACCOUNT, () -> h.addMargin(FUND, x, "1"));
        h.assertRejected(RejectReason.INSURANCE_FUND_ACCOUNT, () -> h.removeMargin(FUND, x, "1"));
        // but it can deposit and withdraw like any account
        assertThat(types(h.withdraw(FUND, "40"))).containsExactly("RequestAccepted");
        assertThat(h.fund()).isEqualByComparingTo("60");
    }

    @Test
    void markPriceMustBePositive()
    {
        h.mark(x, "100");
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.markPriceTick(0, 0, x, 0)));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.markPriceTick(0, 0, x, -1)));
        assertThat(h.engine.markPrice(x)).isEqualTo(h.price(x, "100"));
    }

    @Test
    void fillFieldsOutOfRange()
    {
        h.deposit(1, "100");
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.fill(0, 0, 1, x, Side.BUY, 0, 100, 0, 1)));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.fill(0, 0, 1, x, Side.BUY, -5, 100, 0, 1)));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.fill(0, 0, 1, x, Side.BUY, 5, 0, 0, 1)));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.send(h.encoder.fill(0, 0, 1, x, Side.BUY, 5, 100, 0, 0)));
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.send(h.encoder.fill(0, 0, 1, x, Side.BUY, 5, 100, MAX_AMOUNT + 1, 1)));
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.send(h.encoder.fill(0, 0, 1, x, Side.BUY, 5, 100, -MAX_AMOUNT - 1, 1)));
        // |fee| = 2^58 is allowed
        assertThat(h.send(h.encoder.fill(0, 0, 1, x, Side.BUY, 5, 100, -MAX_AMOUNT, 1))).isEmpty();
    }

    @Test
    void fillsOffTheTickOrStep()
    {
        // tick 5 (0.05), step 10 (0.10)
        final EngineHarness g = new EngineHarness();
        g.define(new InstrumentSpec(0, "Y", 2, 2, 5, 10, 10, MarginMode.CROSS, EngineHarness.simpleTiers()));
        g.deposit(1, "100");
        g.assertRejected(RejectReason.NOT_ON_TICK_OR_STEP, () -> g.buy(1, 0, "0.15", "100"));
        g.assertRejected(RejectReason.NOT_ON_TICK_OR_STEP, () -> g.buy(1, 0, "0.2", "100.02"));
        assertThat(g.buy(1, 0, "0.2", "100.05")).isEmpty();
        // mark ticks are not held to the tick size
        assertThat(g.mark(0, "100.01")).isEmpty();
    }

    @Test
    void fillsThatWouldLeaveAPositionsCapacityWorthMoreThanTwoToThe58AreOutOfRange()
    {
        // no decimals: value = q × p exactly; 2^58 units = 2,882,303,761.51711744; cap(2) = cap(3) = 3, cap(4) = 7
        final EngineHarness g = new EngineHarness();
        final int y = g.define("Y", 0, 0, EngineHarness.simpleTiers());
        g.send(g.encoder.deposit(0, 0, 1, MAX_AMOUNT));
        // 3 × 960,767,921 = 2,882,303,763 > 2^58
        final long hash = g.engine.stateHash();
        g.assertRejected(RejectReason.OUT_OF_RANGE, () -> g.buy(1, y, "2", "960767921"));
        assertThat(g.engine.stateHash()).isEqualTo(hash);
        // 3 × 960,767,920 = 2,882,303,760 fits
        assertThat(g.buy(1, y, "2", "960767920")).isEmpty();
        // a tick at which that capacity would be worth more than 2^58 is refused too
        g.assertRejected(RejectReason.OUT_OF_RANGE, () -> g.mark(y, "960767921"));
        // a third at price 1 keeps the capacity (3); a fourth makes it 7, worth 6,725,375,440 at the mark
        assertThat(g.buy(1, y, "1", "1")).isEmpty();
        g.assertRejected(RejectReason.OUT_OF_RANGE, () -> g.buy(1, y, "1", "1"));
        assertThat(g.engine.markPrice(y)).isEqualTo(960_767_920L);
        assertThat(g.engine.positionSize(1, y)).isEqualTo(3);
    }

    @Test
    void aPositionTheFundTookOverBoundsLaterMarksAtTwoToThe61()
    {
        // no decimals: value = q × p; 2^58 units = 2,882,303,761.51711744
        final EngineHarness g = new EngineHarness();
        final int y = g.define("Y", 0, 0, EngineHarness.simpleTiers());
        for (long account = 1; account <= 2; account++)
        {
            g.deposit(account, "100000000");
            g.isolated(account, y);
            g.leverage(account, y, 10);
            assertThat(g.buy(account, y, "1000000", "1000")).isEmpty();
        }
        // each pool 100,000,000 is gone below about 947: both go to the fund, which then holds 2,000,000
        assertThat(types(afterCancels(g.mark(y, "900")))).containsOnly("LiquidationTriggered", "PositionTakenOver",
            "LiquidationOrder").hasSize(6);
        assertThat(g.engine.positionSize(EngineHarness.FUND, y)).isEqualTo(2_000_000L);
        // the fund's position is bounded at 2^61 (23,058,430,092.13693952): 2,000,000 × 11,530 = 23,060,000,000
        g.assertRejected(RejectReason.OUT_OF_RANGE, () -> g.mark(y, "11530"));
        assertThat(g.engine.markPrice(y)).isEqualTo(900L);
        // 2,000,000 × 11,529 = 23,058,000,000 fits
        assertThat(g.mark(y, "11529")).isEmpty();
    }

    @Test
    void noMarkPriceForFunding()
    {
        h.assertRejected(RejectReason.NO_MARK_PRICE, () -> h.funding(x, "0.0001"));
    }

    @Test
    void definitionsOutOfRange()
    {
        // price + quantity decimals above 8
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.define(new InstrumentSpec(1, "Y", 5, 4, 1, 1, 10, MarginMode.CROSS, EngineHarness.simpleTiers())));
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.define(new InstrumentSpec(1, "Y", 2, 2, 0, 1, 10, MarginMode.CROSS, EngineHarness.simpleTiers())));
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.define(new InstrumentSpec(1, "Y", 2, 2, 1, -1, 10, MarginMode.CROSS, EngineHarness.simpleTiers())));
        // ids run from 0 to maxInstruments − 1 (8 by default)
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.define(new InstrumentSpec(8, "Y", 2, 2, 1, 1, 10, MarginMode.CROSS, EngineHarness.simpleTiers())));
        h.assertRejected(RejectReason.OUT_OF_RANGE,
            () -> h.define(new InstrumentSpec(-1, "Y", 2, 2, 1, 1, 10, MarginMode.CROSS, EngineHarness.simpleTiers())));
        assertThat(h.engine.hasInstrument(1)).isFalse();
    }

    @Test
    void redefiningAnInstrumentMayOnlyChangeTiersAndDefaults()
    {
        h.deposit(1, "100");
        h.assertRejected(RejectReason.INSTRUMENT_REDEFINED,
            () -> h.define(new InstrumentSpec(x, "Z", 2, 2, 1, 1, 20, MarginMode.CROSS, EngineHarness.simpleTiers())));
        h.assertRejected(RejectReason.INSTRUMENT_REDEFINED,
            () -> h.define(new InstrumentSpec(x, "X", 3, 2, 1, 1, 20, MarginMode.CROSS, EngineHarness.simpleTiers())));
        h.assertRejected(RejectReason.INSTRUMENT_REDEFINED,
            () -> h.define(new InstrumentSpec(x, "X", 2, 2, 5, 1, 20, MarginMode.CROSS, EngineHarness.simpleTiers())));
        h.assertRejected(RejectReason.INSTRUMENT_REDEFINED,
            () -> h.define(new InstrumentSpec(x, "X", 2, 2, 1, 5, 20, MarginMode.CROSS, EngineHarness.simpleTiers())));
        // new defaults apply to every slot at its defaults (account 1 never touched x), not to one with its own
        // leverage (account 3)
        h.deposit(3, "100");
        h.leverage(3, x, 10);
        final List<OutputRecord> out =
            h.define(new InstrumentSpec(x, "X", 2, 2, 1, 1, 5, MarginMode.ISOLATED, EngineHarness.simpleTiers()));
        assertThat(types(out)).containsExactly("RequestAccepted");
        assertThat(out.get(0).get("requestTemplateId")).isEqualTo(10);
        h.deposit(2, "100");
        assertThat(h.engine.marginMode(1, x)).isEqualTo(MarginMode.ISOLATED);
        assertThat(h.engine.leverage(1, x)).isEqualTo(5);
        assertThat(h.engine.marginMode(2, x)).isEqualTo(MarginMode.ISOLATED);
        assertThat(h.engine.leverage(2, x)).isEqualTo(5);
        assertThat(h.engine.marginMode(3, x)).isEqualTo(MarginMode.CROSS);
        assertThat(h.engine.leverage(3, x)).isEqualTo(10);
    }

    @Test
    void aSnapshotRequestIsAcknowledgedAndChangesNothing()
    {
        h.deposit(1, "100");
        final String before = h.state();
        final List<OutputRecord> out = afterCancels(h.send(h.encoder.snapshotRequest(42, 7)));
        assertThat(types(out)).containsExactly("RequestAccepted");
        assertThat(out.get(0).get("requestTemplateId")).isEqualTo(11);
        assertThat(out.get(0).get("correlationId")).isEqualTo(42);
        assertThat(out.get(0).get("eventTime")).isEqualTo(7);
        assertThat(h.state()).isEqualTo(before);
    }

    @Test
    void everyInputTakesTheNextSequenceAndEchoesItsIds()
    {
        final long before = h.engine.lastSequence();
        final List<OutputRecord> rejected = h.send(h.encoder.withdrawal(17, 99, 5, 1));
        assertThat(rejected.get(0).get("sequence")).isEqualTo(before + 1);
        assertThat(rejected.get(0).get("correlationId")).isEqualTo(17);
        assertThat(rejected.get(0).get("eventTime")).isEqualTo(99);
        final List<OutputRecord> accepted = h.send(h.encoder.deposit(18, 100, 5, 1));
        assertThat(accepted.get(0).get("sequence")).isEqualTo(before + 2);
        assertThat(accepted.get(0).get("correlationId")).isEqualTo(18);
        // a tick takes a sequence number without any output
        assertThat(h.mark(x, "100")).isEmpty();
        assertThat(h.engine.lastSequence()).isEqualTo(before + 3);
    }
}
