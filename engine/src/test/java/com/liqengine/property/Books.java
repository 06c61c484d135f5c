package com.liqengine.property;

import com.liqengine.codec.MarginMode;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.reference.ReferenceEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongBiFunction;

/**
 * Invariant checks read from the engine's own views (or the reference model's): the ledger identity
 * (docs/margin.md, section 8) and which positions are liquidatable (section 3).
 */
final class Books
{
    private Books()
    {
    }

    /** Σ W + Σ B − (deposits − withdrawals + realized − fees + funding): zero when every unit is accounted for. */
    static long ledgerGap(final MarginStateMachine engine, final List<Integer> instruments)
    {
        return ledgerGap(engine.accountCount(), engine::accountIdAt, engine::crossWallet, engine::isolatedMargin,
            instruments, engine.totalDeposits() - engine.totalWithdrawals() + engine.totalRealizedPnl() -
            engine.totalFees() + engine.totalFunding());
    }

    /** The same gap in the reference model. */
    static long ledgerGap(final ReferenceEngine reference, final List<Integer> instruments)
    {
        return ledgerGap(reference.accountCount(), reference::accountIdAt, reference::crossWallet,
            reference::isolatedMargin, instruments, reference.totalDeposits() - reference.totalWithdrawals() +
            reference.totalRealizedPnl() - reference.totalFees() + reference.totalFunding());
    }

    private static long ledgerGap(
        final int accounts, final IntToLongFunction accountIdAt, final LongUnaryOperator crossWallet,
        final ToLongBiFunction<Long, Integer> isolatedMargin, final List<Integer> instruments, final long flows)
    {
        long books = 0;
        for (int a = 0; a < accounts; a++)
        {
            final long id = accountIdAt.applyAsLong(a);
            books += crossWallet.applyAsLong(id);
            for (final int i : instruments)
            {
                books += isolatedMargin.applyAsLong(id, i);
            }
        }
        return books - flows;
    }

    /**
     * Every position of an account other than the fund that is liquidatable now: an isolated one with
     * {@code B + U ≤ MM}, or each open cross one of an account with {@code W + ΣU ≤ ΣMM}.
     *
     * @return "account/instrument MODE" for each.
     */
    static List<String> liquidatable(final MarginStateMachine engine, final List<Integer> instruments)
    {
        final List<String> positions = new ArrayList<>();
        for (int a = 0; a < engine.accountCount(); a++)
        {
            final long id = engine.accountIdAt(a);
            if (id == engine.insuranceFundAccountId())
            {
                continue;
            }
            long crossEquity = engine.crossWallet(id);
            long crossMaintenance = 0;
            final List<String> cross = new ArrayList<>();
            for (final int i : instruments)
            {
                if (engine.positionSize(id, i) == 0)
                {
                    continue;
                }
                final long unrealized = engine.unrealizedPnl(id, i);
                final long maintenance = engine.maintenanceMargin(id, i);
                if (engine.marginMode(id, i) == MarginMode.ISOLATED)
                {
                    if (engine.isolatedMargin(id, i) + unrealized <= maintenance)
                    {
                        positions.add(id + "/" + i + " ISOLATED");
                    }
                }
                else
                {
                    crossEquity += unrealized;
                    crossMaintenance += maintenance;
                    cross.add(id + "/" + i + " CROSS");
                }
            }
            if (!cross.isEmpty() && crossEquity <= crossMaintenance)
            {
                positions.addAll(cross);
            }
        }
        return positions;
    }

    /**
     * The positions a tick of one instrument to a price should liquidate, predicted before it is applied: those of
     * the accounts holding the instrument whose equity at the new mark is at or below their maintenance margin.
     *
     * @return "account/instrument MODE" for each, or null when the tick is out of range (the engine refuses it).
     */
    static List<String> liquidatableAt(
        final MarginStateMachine engine, final List<Integer> instruments, final int ticked, final long price)
    {
        if (!engine.hasInstrument(ticked) || price <= 0)
        {
            return null;
        }
        try
        {
            return liquidatableAtKnownPrice(engine, instruments, ticked, price);
        }
        catch (final ArithmeticException ex)
        {
            return null;
        }
    }

    private static List<String> liquidatableAtKnownPrice(
        final MarginStateMachine engine, final List<Integer> instruments, final int ticked, final long price)
    {
        final List<String> positions = new ArrayList<>();
        for (int a = 0; a < engine.accountCount(); a++)
        {
            final long id = engine.accountIdAt(a);
            if (id == engine.insuranceFundAccountId() || engine.positionSize(id, ticked) == 0)
            {
                continue;
            }
            if (engine.marginMode(id, ticked) == MarginMode.ISOLATED)
            {
                final long value = value(engine, id, ticked, price);
                if (engine.isolatedMargin(id, ticked) + value - engine.costBasis(id, ticked) <=
                    maintenance(engine, ticked, value))
                {
                    positions.add(id + "/" + ticked + " ISOLATED");
                }
                continue;
            }
            long equity = engine.crossWallet(id);
            long maintenance = 0;
            final List<String> cross = new ArrayList<>();
            for (final int i : instruments)
            {
                if (engine.positionSize(id, i) != 0 && engine.marginMode(id, i) == MarginMode.CROSS)
                {
                    final long value = value(engine, id, i, i == ticked ? price : engine.markPrice(i));
                    equity += value - engine.costBasis(id, i);
                    maintenance += maintenance(engine, i, value);
                    cross.add(id + "/" + i + " CROSS");
                }
            }
            if (equity <= maintenance)
            {
                positions.addAll(cross);
            }
        }
        return positions;
    }

    private static long value(
        final MarginStateMachine engine, final long account, final int instrument, final long price)
    {
        return engine.instrument(instrument).value(engine.positionSize(account, instrument), price);
    }

    private static long maintenance(final MarginStateMachine engine, final int instrument, final long value)
    {
        return engine.instrument(instrument).tiers().maintenanceMargin(Math.abs(value));
    }
}
