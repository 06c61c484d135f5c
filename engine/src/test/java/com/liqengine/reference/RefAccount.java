package com.liqengine.reference;

import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.TreeMap;

/**
 * One account: its cross wallet, the cross margin-call flag and a slot per defined instrument, visited in
 * instrument id order (docs/margin.md, section 3).
 */
final class RefAccount
{
    final long id;
    final boolean fund;
    BigDecimal wallet = BigDecimal.ZERO;
    boolean crossMarginCalled;
    private final TreeMap<Integer, RefPosition> slots = new TreeMap<>();

    RefAccount(final long id, final boolean fund)
    {
        this.id = id;
        this.fund = fund;
    }

    /** A new slot takes the instrument's defaults; the fund's slots are always cross. */
    void openSlot(final RefInstrument instrument)
    {
        final boolean isolated = !fund && instrument.defaultMode == MarginMode.ISOLATED;
        slots.put(instrument.id, new RefPosition(instrument, isolated, instrument.defaultLeverage));
    }

    RefPosition slot(final int instrumentId)
    {
        return slots.get(instrumentId);
    }

    Collection<RefPosition> slots()
    {
        return slots.values();
    }

    boolean hasOpenCross()
    {
        for (final RefPosition position : slots.values())
        {
            if (position.isOpenCross())
            {
                return true;
            }
        }
        return false;
    }

    BigDecimal crossEquity()
    {
        BigDecimal equity = wallet;
        for (final RefPosition position : slots.values())
        {
            if (position.isOpenCross())
            {
                equity = equity.add(position.unrealizedPnl());
            }
        }
        return equity;
    }

    BigDecimal crossMaintenanceMargin()
    {
        BigDecimal total = BigDecimal.ZERO;
        for (final RefPosition position : slots.values())
        {
            if (position.isOpenCross())
            {
                total = total.add(position.maintenanceMargin());
            }
        }
        return total;
    }

    /** {@code W + Σcross min(U, 0) − Σcross IM}, with one slot's leverage replaced (or none: {@code null}). */
    BigDecimal crossAvailable(final RefPosition replaced, final int leverage)
    {
        BigDecimal available = wallet;
        for (final RefPosition position : slots.values())
        {
            if (position.isOpenCross())
            {
                available = available.add(RefMath.min(position.unrealizedPnl(), BigDecimal.ZERO))
                    .subtract(position.initialMargin(position == replaced ? leverage : position.leverage));
            }
        }
        return available;
    }

    BigDecimal crossAvailable()
    {
        return crossAvailable(null, 0);
    }
}
