package com.liqengine.tools.simulate;

import com.liqengine.margin.MarginStateMachine;
import com.liqengine.liquidation.OpenLiquidation;
import com.liqengine.liquidation.adl.AdlIndicators;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Every account and open position of an engine, in decimals (cold path): what {@code liq simulate} prints at the
 * end and {@code --json} writes as its {@code State} object.
 *
 * @param accounts in the order they were opened, the insurance fund excluded.
 * @param insuranceFund the fund's wallet.
 * @param insuranceFundPositions positions the fund took over and has not yet unwound.
 * @param openOrders liquidation orders still open (docs/liquidation.md), oldest first.
 * @param autoDeleveraging whether ADL runs (a fund floor is set): without it no position has an ADL indicator.
 */
public record FinalState(
    List<AccountState> accounts,
    BigDecimal insuranceFund,
    List<PositionState> insuranceFundPositions,
    List<OrderState> openOrders,
    boolean autoDeleveraging)
{
    /** Extra decimals of an average entry price beyond its tick: enough to show where between ticks it is. */
    private static final int ENTRY_EXTRA_DECIMALS = 4;

    /**
     * One account.
     *
     * @param id account id.
     * @param wallet cross wallet.
     * @param positions open positions, by instrument id.
     */
    public record AccountState(long id, BigDecimal wallet, List<PositionState> positions)
    {
        /**
         * @return wallet + isolated margin + unrealized PnL of every position: what the account is worth now.
         */
        public BigDecimal equity()
        {
            BigDecimal equity = wallet;
            for (final PositionState p : positions)
            {
                equity = equity.add(p.isolatedMargin()).add(p.unrealizedPnl());
            }
            return equity;
        }
    }

    /**
     * One open position. Null prices mean none exists; a null margin ratio means equity ≤ 0 (infinite).
     *
     * @param symbol instrument.
     * @param mode isolated or cross.
     * @param size signed: positive long, negative short.
     * @param entryPrice cost basis ÷ size.
     * @param isolatedMargin the position's pool (0 for cross).
     * @param mark mark price.
     * @param unrealizedPnl at the mark.
     * @param maintenanceMargin at the mark.
     * @param marginRatio the position's (isolated) or its account's (cross).
     * @param liquidationPrice mark at or beyond which it is liquidated.
     * @param bankruptcyPrice mark at which its margin is gone.
     * @param inLiquidation true while a liquidation order of it (or of its cross account) is open.
     * @param adlIndicator its ADL indicator, 1 to 5 (5: first in its queue to be deleveraged, docs/liquidation.md);
     *     null without a fund floor (no ADL), for the fund's positions, and for a position in liquidation (not in a
     *     queue).
     */
    public record PositionState(
        String symbol,
        String mode,
        BigDecimal size,
        BigDecimal entryPrice,
        BigDecimal isolatedMargin,
        BigDecimal mark,
        BigDecimal unrealizedPnl,
        BigDecimal maintenanceMargin,
        BigDecimal marginRatio,
        BigDecimal liquidationPrice,
        BigDecimal bankruptcyPrice,
        boolean inLiquidation,
        Integer adlIndicator)
    {
    }

    /**
     * An open liquidation order.
     *
     * @param id {@code liquidationSequence/liquidationIndex}.
     * @param account the liquidated account.
     * @param symbol instrument.
     * @param mode of the liquidated position.
     * @param side {@code buy} or {@code sell}.
     * @param quantity the order's quantity.
     * @param limitPrice its limit.
     * @param filled what its fills added up to so far.
     */
    public record OrderState(
        String id, long account, String symbol, String mode, String side, BigDecimal quantity, BigDecimal limitPrice,
        BigDecimal filled)
    {
    }

    /**
     * Reads the state of an engine.
     *
     * @param engine the engine.
     * @return its accounts and positions.
     */
    public static FinalState of(final MarginStateMachine engine)
    {
        final List<AccountState> accounts = new ArrayList<>();
        final long fund = engine.insuranceFundAccountId();
        // every side ranked once, then looked up: O(n log n) a side where ranking per position costs n²
        final AdlIndicators adl = engine.settings().hasFundFloor() ? engine.adlIndicators() : null;
        for (int i = 0; i < engine.accountCount(); i++)
        {
            final long id = engine.accountIdAt(i);
            if (id != fund)
            {
                accounts.add(new AccountState(id, Units.decimal(engine.crossWallet(id), Units.AMOUNT_DECIMALS),
                    positions(engine, id, adl)));
            }
        }
        final List<OrderState> orders = new ArrayList<>();
        for (final OpenLiquidation o : engine.openLiquidations())
        {
            final int i = o.instrumentId();
            final int qd = engine.qtyDecimals(i);
            orders.add(new OrderState(o.liquidationSequence() + "/" + o.liquidationIndex(), o.accountId(),
                engine.symbol(i), o.isolated() ? "isolated" : "cross", o.sells() ? "sell" : "buy",
                Units.decimal(o.quantity(), qd), Units.decimal(o.limitPrice(), engine.priceDecimals(i)),
                Units.decimal(o.filledQuantity(), qd)));
        }
        return new FinalState(List.copyOf(accounts), Units.decimal(engine.insuranceFundBalance(),
            Units.AMOUNT_DECIMALS), positions(engine, fund, null), List.copyOf(orders),
            engine.settings().hasFundFloor());
    }

    /** The account's open positions; {@code adl} null for the fund's (no risk columns) and without a fund floor. */
    private static List<PositionState> positions(final MarginStateMachine engine, final long id,
        final AdlIndicators adl)
    {
        final boolean risk = id != engine.insuranceFundAccountId();
        final List<PositionState> positions = new ArrayList<>();
        for (int i = 0; i < engine.settings().maxInstruments(); i++)
        {
            if (!engine.hasInstrument(i) || engine.positionSize(id, i) == 0)
            {
                continue;
            }
            final int pd = engine.priceDecimals(i);
            final int qd = engine.qtyDecimals(i);
            final BigDecimal size = Units.decimal(engine.positionSize(id, i), qd);
            final BigDecimal cost = Units.decimal(engine.costBasis(id, i), Units.AMOUNT_DECIMALS);
            final BigDecimal entry = cost.divide(size, pd + ENTRY_EXTRA_DECIMALS, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
            final long ratio = engine.marginRatio(id, i);
            positions.add(new PositionState(
                engine.symbol(i),
                Describe.mode(engine.marginMode(id, i)),
                size,
                entry.scale() < 0 ? entry.setScale(0) : entry,
                Units.decimal(engine.isolatedMargin(id, i), Units.AMOUNT_DECIMALS),
                Units.decimal(engine.markPrice(i), pd),
                Units.decimal(engine.unrealizedPnl(id, i), Units.AMOUNT_DECIMALS),
                Units.decimal(engine.maintenanceMargin(id, i), Units.AMOUNT_DECIMALS),
                ratio == Long.MAX_VALUE ? null : Units.decimal(ratio, Units.AMOUNT_DECIMALS),
                risk ? price(engine.liquidationPrice(id, i), pd) : null,
                risk ? price(engine.bankruptcyPrice(id, i), pd) : null,
                risk && engine.isInLiquidation(id, i),
                risk && adl != null ? shown(adl.ranked(id, i)) : null));
        }
        return List.copyOf(positions);
    }

    /**
     * One position's ADL indicator, or null when ADL is off (no fund floor) or it is in no queue: ranks the
     * instrument's holders on its side (cold path, O(n); {@link #of} ranks each side once for all its positions).
     *
     * @param engine the engine.
     * @param id account id.
     * @param instrument instrument id.
     * @return 1 to 5, or null.
     */
    public static Integer adlIndicator(final MarginStateMachine engine, final long id, final int instrument)
    {
        return shown(engine.settings().hasFundFloor() ? engine.adlIndicator(id, instrument) : 0);
    }

    /** An indicator as shown: null for 0 (in no queue). */
    private static Integer shown(final int indicator)
    {
        return indicator == 0 ? null : indicator;
    }

    private static BigDecimal price(final long units, final int decimals)
    {
        return units == 0 ? null : Units.decimal(units, decimals);
    }
}
