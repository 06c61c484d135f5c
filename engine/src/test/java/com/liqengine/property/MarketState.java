package com.liqengine.property;

import com.liqengine.margin.MarginStateMachine;
import com.liqengine.reference.RefOpenLiquidation;
import com.liqengine.reference.ReferenceEngine;

import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.function.ToIntBiFunction;
import java.util.function.ToLongBiFunction;

/**
 * What {@link StepResolver} reads of a model to make a step concrete: the engine's views or the reference
 * model's (which have the same names and units), and the liquidation orders open in it.
 *
 * @param accounts whether an account is open.
 * @param marks mark price by instrument.
 * @param sizes signed size by account and instrument.
 * @param wallets cross wallet by account.
 * @param leverages leverage by account and instrument.
 * @param pools isolated pool by account and instrument.
 * @param orders the open liquidation orders, oldest first.
 */
record MarketState(
    LongPredicate accounts,
    IntToLongFunction marks,
    ToLongBiFunction<Long, Integer> sizes,
    LongUnaryOperator wallets,
    ToIntBiFunction<Long, Integer> leverages,
    ToLongBiFunction<Long, Integer> pools,
    Supplier<List<RefOpenLiquidation>> orders)
{
    /** The engine's state, with the open orders known elsewhere (the reference model, or the engine's outputs). */
    static MarketState of(final MarginStateMachine engine, final Supplier<List<RefOpenLiquidation>> orders)
    {
        return new MarketState(engine::hasAccount, engine::markPrice, engine::positionSize, engine::crossWallet,
            engine::leverage, engine::isolatedMargin, orders);
    }

    /** The reference model's state and open orders. */
    static MarketState of(final ReferenceEngine reference)
    {
        return new MarketState(reference::hasAccount, reference::markPrice, reference::positionSize,
            reference::crossWallet, reference::leverage, reference::isolatedMargin, reference::openLiquidations);
    }

    boolean hasAccount(final long accountId)
    {
        return accounts.test(accountId);
    }

    long markPrice(final int instrumentId)
    {
        return marks.applyAsLong(instrumentId);
    }

    long positionSize(final long accountId, final int instrumentId)
    {
        return sizes.applyAsLong(accountId, instrumentId);
    }

    long crossWallet(final long accountId)
    {
        return wallets.applyAsLong(accountId);
    }

    int leverage(final long accountId, final int instrumentId)
    {
        return leverages.applyAsInt(accountId, instrumentId);
    }

    long isolatedMargin(final long accountId, final int instrumentId)
    {
        return pools.applyAsLong(accountId, instrumentId);
    }

    List<RefOpenLiquidation> openLiquidations()
    {
        return orders.get();
    }
}
