package com.liqengine.reference;

import java.math.BigDecimal;

/**
 * One (account, instrument) slot: mode, leverage, signed size, cost basis, isolated pool, margin-call flag, and
 * whether the isolated position is in liquidation.
 */
final class RefPosition
{
    final RefInstrument instrument;
    boolean isolated;
    int leverage;
    BigDecimal size;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal pool = BigDecimal.ZERO;
    boolean marginCalled;
    /** An isolated position between its trigger and the end of its lifecycle (docs/liquidation.md, market mode). */
    boolean inLiquidation;

    RefPosition(final RefInstrument instrument, final boolean isolated, final int leverage)
    {
        this.instrument = instrument;
        this.isolated = isolated;
        this.leverage = leverage;
        this.size = BigDecimal.ZERO.setScale(instrument.qtyDecimals);
    }

    boolean isOpen()
    {
        return size.signum() != 0;
    }

    boolean isOpenCross()
    {
        return isOpen() && !isolated;
    }

    BigDecimal value(final BigDecimal price)
    {
        return instrument.value(size, price);
    }

    BigDecimal notional()
    {
        return value(instrument.mark).abs();
    }

    BigDecimal unrealizedPnl()
    {
        return isOpen() ? value(instrument.mark).subtract(cost) : BigDecimal.ZERO;
    }

    BigDecimal maintenanceMargin()
    {
        return isOpen() ? instrument.tiers.maintenanceMargin(notional()) : BigDecimal.ZERO;
    }

    BigDecimal initialMargin(final int withLeverage)
    {
        return RefMath.divideUp(notional(), BigDecimal.valueOf(withLeverage));
    }

    BigDecimal isolatedEquity()
    {
        return pool.add(unrealizedPnl());
    }

    void flatten()
    {
        size = BigDecimal.ZERO.setScale(instrument.qtyDecimals);
        cost = BigDecimal.ZERO;
        pool = BigDecimal.ZERO;
    }
}
