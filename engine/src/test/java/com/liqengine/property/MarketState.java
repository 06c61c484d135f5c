package com.liqengine.property;

import com.liqengine.margin.MarginStateMachine;
import com.liqengine.reference.RefOpenLiquidation;
import com.liqengine.reference.ReferenceEngine;

import java.util.List;
import java.util.function.Supplier;

/**
 * What {@link StepResolver} reads of a model to make a step concrete: the engine's state or the reference
 * model's, and the liquidation orders open in it.
 */
interface MarketState
{
    boolean hasAccount(long accountId);

    long markPrice(int instrumentId);

    long positionSize(long accountId, int instrumentId);

    long crossWallet(long accountId);

    int leverage(long accountId, int instrumentId);

    long isolatedMargin(long accountId, int instrumentId);

    /** The open liquidation orders, oldest first. */
    List<RefOpenLiquidation> openLiquidations();

    /** The engine's state, with the open orders known elsewhere (the reference model, or the engine's outputs). */
    static MarketState of(final MarginStateMachine engine, final Supplier<List<RefOpenLiquidation>> orders)
    {
        return new MarketState()
        {
            @Override
            public boolean hasAccount(final long accountId)
            {
                return engine.hasAccount(accountId);
            }

            @Override
            public long markPrice(final int instrumentId)
            {
                return engine.markPrice(instrumentId);
            }

            @Override
            public long positionSize(final long accountId, final int instrumentId)
            {
                return engine.positionSize(accountId, instrumentId);
            }

            @Override
            public long crossWallet(final long accountId)
            {
                return engine.crossWallet(accountId);
            }

            @Override
            public int leverage(final long accountId, final int instrumentId)
            {
                return engine.leverage(accountId, instrumentId);
            }

            @Override
            public long isolatedMargin(final long accountId, final int instrumentId)
            {
                return engine.isolatedMargin(accountId, instrumentId);
            }

            @Override
            public List<RefOpenLiquidation> openLiquidations()
            {
                return orders.get();
            }
        };
    }

    /** The reference model's state and open orders. */
    static MarketState of(final ReferenceEngine reference)
    {
        return new MarketState()
        {
            @Override
            public boolean hasAccount(final long accountId)
            {
                return reference.hasAccount(accountId);
            }

            @Override
            public long markPrice(final int instrumentId)
            {
                return reference.markPrice(instrumentId);
            }

            @Override
            public long positionSize(final long accountId, final int instrumentId)
            {
                return reference.positionSize(accountId, instrumentId);
            }

            @Override
            public long crossWallet(final long accountId)
            {
                return reference.crossWallet(accountId);
            }

            @Override
            public int leverage(final long accountId, final int instrumentId)
            {
                return reference.leverage(accountId, instrumentId);
            }

            @Override
            public long isolatedMargin(final long accountId, final int instrumentId)
            {
                return reference.isolatedMargin(accountId, instrumentId);
            }

            @Override
            public List<RefOpenLiquidation> openLiquidations()
            {
                return reference.openLiquidations();
            }
        };
    }
}
