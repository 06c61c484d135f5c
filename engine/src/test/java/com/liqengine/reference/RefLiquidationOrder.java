package com.liqengine.reference;

import java.math.BigDecimal;

/**
 * One open liquidation order of market mode (docs/liquidation.md, "The order"): its id, the liquidated account
 * and slot, the side closing the position, quantity, limit, and what its fills added up to.
 */
final class RefLiquidationOrder
{
    final long liquidationSequence;
    final int liquidationIndex;
    final RefAccount account;
    final RefPosition slot;
    /**
     * Whether it is an isolated position's order, as the position was when the order was emitted: a cross order
     * stays one even when its flat slot later reads as an isolated default (an instrument redefined).
     */
    final boolean isolated;
    /** A sell closes a long. */
    final boolean sell;
    final BigDecimal quantity;
    /** Limit price, price units. */
    final long limit;
    BigDecimal filled = BigDecimal.ZERO;
    /** {@code Σ|value(Δ, p)|} over the fills: the base of the liquidation fee. */
    BigDecimal filledNotional = BigDecimal.ZERO;

    RefLiquidationOrder(
        final long liquidationSequence, final int liquidationIndex, final RefAccount account, final RefPosition slot,
        final boolean sell, final BigDecimal quantity, final long limit)
    {
        this.liquidationSequence = liquidationSequence;
        this.liquidationIndex = liquidationIndex;
        this.account = account;
        this.slot = slot;
        this.isolated = slot.isolated;
        this.sell = sell;
        this.quantity = quantity;
        this.limit = limit;
    }

    boolean hasId(final long sequence, final int index)
    {
        return liquidationSequence == sequence && liquidationIndex == index;
    }

    BigDecimal remaining()
    {
        return quantity.subtract(filled);
    }

    /** The order as the tests see it, in the engine's units. */
    RefOpenLiquidation view()
    {
        final RefInstrument instrument = slot.instrument;
        return new RefOpenLiquidation(liquidationSequence, liquidationIndex, account.id, instrument.id, sell,
            instrument.quantityUnits(quantity), limit, instrument.quantityUnits(filled), !isolated);
    }
}
