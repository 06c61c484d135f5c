package com.liqengine.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, liquidation triggers, the insurance fund's takeover and margin calls (docs/margin.md, section 5), in
 * either mode of docs/liquidation.md: in takeover mode a trigger ends in the takeover at once; in market mode it
 * starts the lifecycle of {@link RefLiquidationOrders} (unless every order is already open).
 */
final class RefLiquidator
{
    private static final int CROSS_ACCOUNT = -1;
    private static final BigInteger RATE_ONE = BigInteger.TEN.pow(RefMath.AMOUNT_DECIMALS);

    private final List<RefAccount> accounts;
    private final RefLedger ledger;
    private final RefOutputs outputs;
    private final BigDecimal marginCallRatio;
    private final boolean market;
    private final RefLiquidationOrders orders;
    private final RefDeleveraging deleveraging;

    /** @param fundFloor the fund floor, null: no auto-deleveraging. */
    RefLiquidator(
        final List<RefAccount> accounts, final RefLedger ledger, final RefOutputs outputs,
        final BigDecimal marginCallRatio, final boolean market, final int maxOpenLiquidations,
        final BigDecimal fundFloor)
    {
        this.accounts = accounts;
        this.ledger = ledger;
        this.outputs = outputs;
        this.marginCallRatio = marginCallRatio;
        this.market = market;
        this.orders = new RefLiquidationOrders(this, accounts.get(0), ledger, outputs, maxOpenLiquidations);
        this.deleveraging = new RefDeleveraging(accounts, ledger, outputs, fundFloor, maxOpenLiquidations);
    }

    RefDeleveraging deleveraging()
    {
        return deleveraging;
    }

    /** The end of an input: auto-deleveraging of what its takeovers recorded (docs/liquidation.md). */
    void afterInput()
    {
        deleveraging.afterInput(this);
    }

    RefLiquidationOrders orders()
    {
        return orders;
    }

    /**
     * Margin ratio as reported (docs/margin.md, section 3): from the equity and maintenance margin clamped to
     * {@code [−2^63 + 1, 2^63 − 1]} units, {@code ceil(MM × R / equity)} saturated at {@code 2^63 − 1}, and
     * {@code 2^63 − 1} when equity ≤ 0. The margin call compares this ratio with its level.
     */
    static long marginRatio(final BigDecimal maintenance, final BigDecimal equity)
    {
        final BigInteger clampedEquity = BigInteger.valueOf(RefMath.clampedUnits(equity));
        final BigInteger clampedMaintenance = BigInteger.valueOf(RefMath.clampedUnits(maintenance));
        if (clampedEquity.signum() <= 0)
        {
            return Long.MAX_VALUE;
        }
        final BigInteger[] quotient = clampedMaintenance.multiply(RATE_ONE).divideAndRemainder(clampedEquity);
        // ceil: the quotient truncates toward zero, so a positive remainder adds one (equity is positive here)
        final BigInteger ratio = quotient[1].signum() > 0 ? quotient[0].add(BigInteger.ONE) : quotient[0];
        return ratio.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }

    private RefAccount fund()
    {
        return accounts.get(0);
    }

    /** After a tick or funding of an instrument: every account but the fund holding it, in registration order. */
    void checkInstrument(final int instrumentId)
    {
        for (final RefAccount account : accounts)
        {
            if (!account.fund && account.slot(instrumentId).isOpen())
            {
                checkSlot(account, instrumentId);
            }
        }
    }

    void checkSlot(final RefAccount account, final int instrumentId)
    {
        if (account.fund)
        {
            return;
        }
        final RefPosition slot = account.slot(instrumentId);
        if (slot.isolated)
        {
            checkIsolated(account, slot);
        }
        else
        {
            checkCross(account);
        }
    }

    /** The isolated check; a position in liquidation is not checked (docs/liquidation.md, market mode). */
    void checkIsolated(final RefAccount account, final RefPosition slot)
    {
        if (!slot.isOpen() || slot.inLiquidation)
        {
            return;
        }
        final BigDecimal equity = slot.isolatedEquity();
        final BigDecimal maintenance = slot.maintenanceMargin();
        final long ratio = marginRatio(maintenance, equity);
        if (RefMath.atMost(equity, maintenance))
        {
            triggerIsolated(account, slot, equity, maintenance, ratio);
            return;
        }
        if (isWarning(ratio))
        {
            if (!slot.marginCalled)
            {
                outputs.marginCall(account.id, slot.instrument.id, true, equity, maintenance, ratio);
            }
            slot.marginCalled = true;
        }
        else
        {
            slot.marginCalled = false;
        }
    }

    /** The cross check; a cross account in liquidation is not checked (docs/liquidation.md, market mode). */
    void checkCross(final RefAccount account)
    {
        if (account.fund || !account.hasOpenCross() || account.crossInLiquidation)
        {
            return;
        }
        final BigDecimal equity = account.crossEquity();
        final BigDecimal maintenance = account.crossMaintenanceMargin();
        final long ratio = marginRatio(maintenance, equity);
        if (RefMath.atMost(equity, maintenance))
        {
            triggerCross(account, equity, maintenance, ratio);
            return;
        }
        if (isWarning(ratio))
        {
            if (!account.crossMarginCalled)
            {
                outputs.marginCall(account.id, CROSS_ACCOUNT, false, equity, maintenance, ratio);
            }
            account.crossMarginCalled = true;
        }
        else
        {
            account.crossMarginCalled = false;
        }
    }

    /** {@code W + ΣU ≤ ΣMM} with at least one open cross position. */
    static boolean crossLiquidatable(final RefAccount account)
    {
        return account.hasOpenCross() && RefMath.atMost(account.crossEquity(), account.crossMaintenanceMargin());
    }

    private boolean isWarning(final long ratio)
    {
        return RefMath.amount(ratio).compareTo(marginCallRatio) >= 0;
    }

    /**
     * CancelOpenOrders for the instrument, LiquidationTriggered, then the order (market mode, when one may still
     * be opened) or the fund's takeover of the whole position (docs/liquidation.md, "The trigger").
     */
    private void triggerIsolated(
        final RefAccount account, final RefPosition slot, final BigDecimal equity, final BigDecimal maintenance,
        final long ratio)
    {
        outputs.cancelOpenOrders(account.id, slot.instrument.id);
        outputs.liquidationTriggered(account.id, slot, RefPrices.liquidationPrice(account, slot),
            RefPrices.bankruptcyPrice(account, slot), equity, maintenance, ratio);
        slot.marginCalled = false;
        if (market && orders.hasRoom())
        {
            slot.inLiquidation = true;
            orders.offer(account, slot);
            return;
        }
        takeOverIsolated(account, slot, slot.size.abs());
    }

    /**
     * The fund takes {@code rest} of an isolated position at its bankruptcy price with the pro-rata share of the
     * pool: {@code Cr = C − floor(C × (|q| − r) / |q|)}, {@code Br = floor(B × r / |q|)}; it pays exactly
     * {@code Cr − Br}, the account realizes {@code −Br}; the wallet is kept. With {@code r = |q|} this is the
     * takeover of docs/margin.md section 5 ({@code C − B}, realized {@code −B}); with less, the end of an order
     * (docs/liquidation.md, "The end of the order", step 2).
     */
    void takeOverIsolated(final RefAccount account, final RefPosition slot, final BigDecimal rest)
    {
        final RefInstrument instrument = slot.instrument;
        final long bankruptcyPrice = RefPrices.bankruptcyPrice(account, slot);
        final BigDecimal held = slot.size.abs();
        final BigDecimal size = rest.multiply(BigDecimal.valueOf(slot.size.signum()));
        final BigDecimal cost = slot.cost.subtract(RefMath.divideDown(slot.cost.multiply(held.subtract(rest)), held));
        final BigDecimal pool = RefMath.divideDown(slot.pool.multiply(rest), held);
        final BigDecimal value = cost.subtract(pool);
        final RefDeleveraging.Recorded recorded = deleveraging.recordIsolated(instrument, size, value);
        takeOver(instrument, size, value);
        ledger.realizedPnl = ledger.realizedPnl.subtract(pool);
        slot.size = slot.size.subtract(size);
        slot.cost = slot.cost.subtract(cost);
        slot.pool = slot.pool.subtract(pool);
        outputs.positionTakenOver(
            account.id, instrument, true, size, bankruptcyPrice, value, pool.negate(), BigDecimal.ZERO,
            fund().wallet);
        deleveraging.fundOrder(recorded, instrument, size, bankruptcyPrice);
    }

    /**
     * CancelOpenOrders for every instrument, one LiquidationTriggered per open cross position (all computed
     * before anything moves), then the order for the largest position (market mode, when one may still be
     * opened) or the fund's takeover of every cross position.
     */
    private void triggerCross(
        final RefAccount account, final BigDecimal equity, final BigDecimal maintenance, final long ratio)
    {
        outputs.cancelOpenOrders(account.id, CROSS_ACCOUNT);
        for (final RefPosition slot : openCross(account))
        {
            outputs.liquidationTriggered(
                account.id, slot, RefPrices.liquidationPrice(account, slot), RefPrices.bankruptcyPrice(account, slot),
                equity, maintenance, ratio);
        }
        account.crossMarginCalled = false;
        if (market && orders.hasRoom())
        {
            account.crossInLiquidation = true;
            orders.offer(account, RefLiquidationOrders.largestMaintenance(account));
            return;
        }
        takeOverCross(account);
    }

    private static List<RefPosition> openCross(final RefAccount account)
    {
        final List<RefPosition> open = new ArrayList<>();
        for (final RefPosition slot : account.slots())
        {
            if (slot.isOpenCross())
            {
                open.add(slot);
            }
        }
        return open;
    }

    /** Every cross position goes to the fund at its mark; what is left of the wallet is the clearance fee. */
    void takeOverCross(final RefAccount account)
    {
        final List<RefPosition> open = openCross(account);
        final List<RefInstrument> instruments = new ArrayList<>();
        final List<BigDecimal> sizes = new ArrayList<>();
        for (final RefPosition slot : open)
        {
            instruments.add(slot.instrument);
            sizes.add(slot.size);
        }
        final List<RefDeleveraging.Recorded> recorded =
            deleveraging.recordCross(instruments, sizes, account.crossEquity());
        for (int k = 0; k < open.size(); k++)
        {
            final RefPosition slot = open.get(k);
            final RefInstrument instrument = slot.instrument;
            final BigDecimal size = slot.size;
            final BigDecimal value = slot.value(instrument.mark);
            final BigDecimal unrealized = value.subtract(slot.cost);
            takeOver(instrument, size, value);
            account.wallet = account.wallet.add(unrealized);
            ledger.realizedPnl = ledger.realizedPnl.add(unrealized);
            slot.flatten();
            slot.marginCalled = false;
            BigDecimal clearanceFee = BigDecimal.ZERO;
            if (k == open.size() - 1)
            {
                // exact here; reported clamped (RefOutputs); the fund's wallet saturates
                clearanceFee = account.wallet;
                fund().wallet = RefMath.saturateFund(fund().wallet.add(clearanceFee));
                account.wallet = BigDecimal.ZERO;
            }
            final long mark = instrument.priceUnits(instrument.mark);
            outputs.positionTakenOver(
                account.id, instrument, false, size, mark, value, unrealized, clearanceFee, fund().wallet);
            deleveraging.fundOrder(recorded.get(k), instrument, size, mark);
        }
        account.crossMarginCalled = false;
    }

    private void takeOver(final RefInstrument instrument, final BigDecimal size, final BigDecimal value)
    {
        book(fund(), instrument, size, value, ledger);
    }

    /** The fund books {@code size} at cost {@code value} (section 6); its realized PnL to its (saturating) wallet. */
    static BigDecimal book(
        final RefAccount fund, final RefInstrument instrument, final BigDecimal size, final BigDecimal value,
        final RefLedger ledger)
    {
        final BigDecimal realized = RefFundBook.book(fund.slot(instrument.id), size, value);
        fund.wallet = RefMath.saturateFund(fund.wallet.add(realized));
        ledger.realizedPnl = ledger.realizedPnl.add(realized);
        return realized;
    }
}
