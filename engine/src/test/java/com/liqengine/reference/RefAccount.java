package com.liqengine.reference;

import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.TreeMap;

/**
 * One account: its cross wallet, the cross margin-call flag and a slot per defined instrument, visited in
 * instrument id order (docs/margin.md, section 3). The engine stores only the slots that are not at their
 * defaults; the model keeps every slot and gives the ones at their defaults the instrument's new defaults when a
 * redefinition changes them, which reads the same. {@link #atDefaults} tells which slots the engine stores.
 */
final class RefAccount
{
    final long id;
    final boolean fund;
    BigDecimal wallet = BigDecimal.ZERO;
    boolean crossMarginCalled;
    /** The cross account between its trigger and the end of its lifecycle (docs/liquidation.md, market mode). */
    boolean crossInLiquidation;
    private final TreeMap<Integer, RefPosition> slots = new TreeMap<>();

    RefAccount(final long id, final boolean fund)
    {
        this.id = id;
        this.fund = fund;
    }

    /** A new slot takes the instrument's defaults; the fund's slots are always cross. */
    void openSlot(final RefInstrument instrument)
    {
        slots.put(instrument.id, new RefPosition(instrument, defaultIsolated(instrument), instrument.defaultLeverage));
    }

    /** The mode a slot at its defaults has: the instrument's default mode, but always cross for the fund. */
    boolean defaultIsolated(final RefInstrument instrument)
    {
        return !fund && instrument.defaultMode == MarginMode.ISOLATED;
    }

    /**
     * Whether a slot is at its defaults (docs/margin.md, section 3): {@code q = 0}, {@code B = 0}, its flag clear,
     * its mode and leverage the instrument's current default mode and leverage, and not in liquidation (a flag of
     * the state, docs/liquidation.md, "In the state"). Such a slot is not stored by
     * the engine and reads as the instrument's current defaults.
     */
    boolean atDefaults(final RefPosition slot)
    {
        return !slot.isOpen() && slot.pool.signum() == 0 && !slot.marginCalled && !slot.inLiquidation &&
            slot.isolated == defaultIsolated(slot.instrument) && slot.leverage == slot.instrument.defaultLeverage;
    }

    /** A slot at its (old) defaults takes the instrument's new defaults. */
    void takeDefaults(final RefPosition slot)
    {
        slot.isolated = defaultIsolated(slot.instrument);
        slot.leverage = slot.instrument.defaultLeverage;
    }

    /** How many of the account's slots are stored by the engine: those not at their defaults. */
    int storedSlots()
    {
        int stored = 0;
        for (final RefPosition position : slots.values())
        {
            if (!atDefaults(position))
            {
                stored++;
            }
        }
        return stored;
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
                // the fund's value is clamped to ±2^62 where its available balance uses it (section 1)
                final BigDecimal value = fund ? RefMath.saturateFund(position.value(position.instrument.mark)) :
                    position.value(position.instrument.mark);
                final int slotLeverage = position == replaced ? leverage : position.leverage;
                available = available.add(RefMath.min(value.subtract(position.cost), BigDecimal.ZERO))
                    .subtract(RefMath.divideUp(value.abs(), BigDecimal.valueOf(slotLeverage)));
            }
        }
        return available;
    }

    BigDecimal crossAvailable()
    {
        return crossAvailable(null, 0);
    }
}
