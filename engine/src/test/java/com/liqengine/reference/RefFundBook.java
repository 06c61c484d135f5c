package com.liqengine.reference;

import java.math.BigDecimal;

/**
 * The insurance fund books a taken-over position (docs/margin.md, section 6): added on the same side, or closed
 * against its opposite position with the value share rounded down, the rest opened. Its size and cost saturate
 * at {@code ±2^62} at every change (section 1); the caller saturates the wallet when it adds the realized PnL.
 */
final class RefFundBook
{
    private RefFundBook()
    {
    }

    /**
     * Books signed size {@code size} at exact signed cost {@code value} into the fund's slot.
     *
     * @return the PnL the fund realizes.
     */
    static BigDecimal book(final RefPosition slot, final BigDecimal size, final BigDecimal value)
    {
        if (!slot.isOpen() || slot.size.signum() == size.signum())
        {
            slot.size = slot.instrument.saturateFundSize(slot.size.add(size));
            slot.cost = RefMath.saturateFund(slot.cost.add(value));
            return BigDecimal.ZERO;
        }
        final BigDecimal held = slot.size.abs();
        final BigDecimal closed = RefMath.min(size.abs(), held);
        final BigDecimal closedValue = RefMath.divideDown(value.multiply(closed), size.abs());
        final BigDecimal remainingCost = RefMath.divideDown(slot.cost.multiply(held.subtract(closed)), held);
        final BigDecimal realized = closedValue.negate().subtract(slot.cost.subtract(remainingCost));
        slot.size = slot.size.subtract(closed.multiply(BigDecimal.valueOf(slot.size.signum())));
        slot.cost = remainingCost;
        final BigDecimal rest = size.abs().subtract(closed);
        if (rest.signum() > 0)
        {
            final BigDecimal opened = rest.multiply(BigDecimal.valueOf(size.signum()));
            slot.size = slot.instrument.saturateFundSize(slot.size.add(opened));
            slot.cost = RefMath.saturateFund(slot.cost.add(value.subtract(closedValue)));
        }
        return realized;
    }
}
