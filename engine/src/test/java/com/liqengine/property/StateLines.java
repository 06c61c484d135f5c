package com.liqengine.property;

import com.liqengine.liquidation.adl.AdlIndicators;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.reference.ReferenceEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * Every observable value of the engine or of the reference model as text lines in one format (ledger totals,
 * marks, wallets, and per slot mode, leverage, size, cost, pool, unrealized PnL, MM, margin ratio, liquidation
 * and bankruptcy price, ADL indicator, whether it is in liquidation), and the open liquidation orders, so that the
 * two compare line by line.
 */
final class StateLines
{
    private StateLines()
    {
    }

    static List<String> of(final MarginStateMachine engine, final List<Integer> instruments)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("sequence " + engine.lastSequence());
        lines.add(ledger(engine.totalDeposits(), engine.totalWithdrawals(), engine.totalRealizedPnl(),
            engine.totalFees(), engine.totalFunding(), engine.insuranceFundBalance()));
        for (final int i : instruments)
        {
            lines.add("instrument " + i + " mark " + engine.markPrice(i));
        }
        // every side ranked once (the whole-state view), compared with the reference's ranking per position
        final AdlIndicators adl = engine.adlIndicators();
        for (int a = 0; a < engine.accountCount(); a++)
        {
            final long id = engine.accountIdAt(a);
            lines.add("account " + id + " wallet " + engine.crossWallet(id));
            for (final int i : instruments)
            {
                lines.add(slot(id, i, engine.marginMode(id, i).name(), engine.leverage(id, i),
                    engine.positionSize(id, i), engine.costBasis(id, i), engine.isolatedMargin(id, i),
                    engine.unrealizedPnl(id, i), engine.maintenanceMargin(id, i), engine.marginRatio(id, i),
                    engine.liquidationPrice(id, i), engine.bankruptcyPrice(id, i), engine.isInLiquidation(id, i),
                    Integer.toString(adl.ranked(id, i))));
            }
        }
        for (final com.liqengine.liquidation.OpenLiquidation o : engine.openLiquidations())
        {
            lines.add(order(o.liquidationSequence(), o.liquidationIndex(), o.accountId(), o.instrumentId(), o.sells(),
                !o.isolated(), o.quantity(), o.limitPrice(), o.filledQuantity()));
        }
        return lines;
    }

    static List<String> of(final ReferenceEngine reference, final List<Integer> instruments)
    {
        final List<String> lines = new ArrayList<>();
        lines.add("sequence " + reference.lastSequence());
        lines.add(ledger(reference.totalDeposits(), reference.totalWithdrawals(), reference.totalRealizedPnl(),
            reference.totalFees(), reference.totalFunding(), reference.insuranceFundBalance()));
        for (final int i : instruments)
        {
            lines.add("instrument " + i + " mark " + reference.markPrice(i));
        }
        for (int a = 0; a < reference.accountCount(); a++)
        {
            final long id = reference.accountIdAt(a);
            lines.add("account " + id + " wallet " + reference.crossWallet(id));
            for (final int i : instruments)
            {
                lines.add(slot(id, i, reference.marginMode(id, i).name(), reference.leverage(id, i),
                    reference.positionSize(id, i), reference.costBasis(id, i), reference.isolatedMargin(id, i),
                    reference.unrealizedPnl(id, i), reference.maintenanceMargin(id, i), reference.marginRatio(id, i),
                    reference.liquidationPrice(id, i), reference.bankruptcyPrice(id, i),
                    reference.isInLiquidation(id, i),
                    Integer.toString(reference.adlIndicator(id, i))));
            }
        }
        for (final com.liqengine.reference.RefOpenLiquidation o : reference.openLiquidations())
        {
            lines.add(order(o.liquidationSequence(), o.liquidationIndex(), o.accountId(), o.instrumentId(), o.sell(),
                o.cross(), o.quantity(), o.limitPrice(), o.filledQuantity()));
        }
        return lines;
    }

    private static String ledger(
        final long deposits, final long withdrawals, final long realized, final long fees, final long funding,
        final long fund)
    {
        return "ledger deposits " + deposits + " withdrawals " + withdrawals + " realized " + realized + " fees " +
            fees + " funding " + funding + " insuranceFund " + fund;
    }

    private static String slot(
        final long account, final int instrument, final String mode, final int leverage, final long size,
        final long cost, final long pool, final long unrealized, final long maintenance, final long ratio,
        final long liquidationPrice, final long bankruptcyPrice, final boolean inLiquidation, final String adlIndicator)
    {
        return "  slot " + account + "/" + instrument + " " + mode + " x" + leverage + " size " + size + " cost " +
            cost + " pool " + pool + " upnl " + unrealized + " mm " + maintenance + " ratio " + ratio + " liq " +
            liquidationPrice + " bk " + bankruptcyPrice + " adl " + adlIndicator +
            (inLiquidation ? " in liquidation" : "");
    }

    private static String order(
        final long sequence, final int index, final long account, final int instrument, final boolean sells,
        final boolean cross, final long quantity, final long limit, final long filled)
    {
        return "order " + sequence + "/" + index + " account " + account + " instrument " + instrument +
            (sells ? " sell " : " buy ") + quantity + " at " + limit + " filled " + filled + (cross ? " cross" : "");
    }
}
