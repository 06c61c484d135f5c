package com.liqengine.margin;

import com.liqengine.codec.RejectReason;

/**
 * Checked account requests (docs/margin.md, section 4): deposits, withdrawals, margin mode, leverage and
 * isolated margin transfers. Each returns null when applied or the reason it was refused, with nothing changed.
 * The caller has already resolved the account, the instrument and the slot ({@link Slots#NONE} when it is not
 * stored: it then reads as the instrument's defaults).
 */
final class AccountRequests
{
    private final Accounts accounts;
    private final Slots slots;
    private final MarginMath math;
    private final Ledger ledger;
    private int appliedSlot = Slots.NONE;

    AccountRequests(final Accounts accounts, final Slots slots, final MarginMath math, final Ledger ledger)
    {
        this.accounts = accounts;
        this.slots = slots;
        this.math = math;
        this.ledger = ledger;
    }

    /** The slot the last applied mode or leverage request changed ({@link Slots#NONE} when none is stored). */
    int appliedSlot()
    {
        return appliedSlot;
    }

    /** Whether a deposit of the amount keeps the wallet within its bound (docs/margin.md, section 1). */
    boolean fitsDeposit(final int accountIndex, final long amount)
    {
        final long wallet = accountIndex == Accounts.MISSING ? 0 : accounts.crossWallet(accountIndex);
        return wallet + amount <= FixedPoint.MAX_BALANCE;
    }

    void deposit(final int accountIndex, final long amount)
    {
        accounts.setCrossWallet(accountIndex, accounts.crossWallet(accountIndex) + amount);
        ledger.deposits.add(amount);
    }

    RejectReason withdraw(final int accountIndex, final long amount)
    {
        if (accounts.crossInLiquidation(accountIndex))
        {
            return RejectReason.IN_LIQUIDATION;
        }
        final RejectReason reason = checkAmount(amount);
        if (reason != null)
        {
            return reason;
        }
        if (math.crossAvailable(accountIndex).compareTo(amount) < 0 || amount > accounts.crossWallet(accountIndex))
        {
            return RejectReason.INSUFFICIENT_AVAILABLE;
        }
        accounts.setCrossWallet(accountIndex, accounts.crossWallet(accountIndex) - amount);
        ledger.withdrawals.add(amount);
        return null;
    }

    RejectReason setMarginMode(
        final int accountIndex, final int slot, final Instrument instrument, final boolean isolated)
    {
        appliedSlot = slot;
        if (slots.isInLiquidation(accountIndex, slot, instrument))
        {
            return RejectReason.IN_LIQUIDATION;
        }
        if (slot != Slots.NONE && slots.size(slot) != 0)
        {
            return RejectReason.POSITION_OPEN;
        }
        if (slot == Slots.NONE)
        {
            if (isolated == slots.isDefaultIsolated(accountIndex, instrument))
            {
                return null;
            }
            if (!slots.hasRoom(accountIndex))
            {
                return RejectReason.CAPACITY_EXCEEDED;
            }
            appliedSlot = slots.open(accountIndex, instrument);
        }
        slots.setIsolated(appliedSlot, isolated);
        return null;
    }

    RejectReason setLeverage(final int accountIndex, final int slot, final Instrument instrument, final int leverage)
    {
        appliedSlot = slot;
        if (slots.isInLiquidation(accountIndex, slot, instrument))
        {
            return RejectReason.IN_LIQUIDATION;
        }
        if (leverage < 1)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        final boolean open = slot != Slots.NONE && slots.size(slot) != 0;
        final long notional = open ? math.notional(slot) : 0;
        if (leverage > instrument.tiers.maxLeverage(notional))
        {
            return RejectReason.LEVERAGE_ABOVE_TIER_LIMIT;
        }
        if (open)
        {
            final boolean holds;
            if (slots.isolated(slot))
            {
                final long backing = slots.pool(slot) + Math.min(math.unrealizedPnl(slot), 0);
                holds = backing >= MarginMath.initialMargin(notional, leverage);
            }
            else
            {
                holds = math.crossAvailable(accountIndex, slot, leverage).signum() >= 0;
            }
            if (!holds)
            {
                return RejectReason.INSUFFICIENT_MARGIN;
            }
        }
        if (slot == Slots.NONE)
        {
            if (leverage == instrument.defaultLeverage)
            {
                return null;
            }
            if (!slots.hasRoom(accountIndex))
            {
                return RejectReason.CAPACITY_EXCEEDED;
            }
            appliedSlot = slots.open(accountIndex, instrument);
        }
        slots.leverage[appliedSlot] = leverage;
        return null;
    }

    RejectReason addIsolatedMargin(
        final int accountIndex, final int slot, final Instrument instrument, final long amount)
    {
        // the margin comes out of the cross wallet
        if (accounts.crossInLiquidation(accountIndex))
        {
            return RejectReason.IN_LIQUIDATION;
        }
        final RejectReason reason = checkTransfer(accountIndex, slot, instrument, amount);
        if (reason != null)
        {
            return reason;
        }
        if (math.crossAvailable(accountIndex).compareTo(amount) < 0 || amount > accounts.crossWallet(accountIndex))
        {
            return RejectReason.INSUFFICIENT_AVAILABLE;
        }
        if (slots.pool(slot) + amount > FixedPoint.MAX_BALANCE)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        accounts.setCrossWallet(accountIndex, accounts.crossWallet(accountIndex) - amount);
        slots.setPool(slot, slots.pool(slot) + amount);
        return null;
    }

    RejectReason removeIsolatedMargin(
        final int accountIndex, final int slot, final Instrument instrument, final long amount)
    {
        if (slot != Slots.NONE && slots.inLiquidation(slot))
        {
            return RejectReason.IN_LIQUIDATION;
        }
        final RejectReason reason = checkTransfer(accountIndex, slot, instrument, amount);
        if (reason != null)
        {
            return reason;
        }
        if (amount > math.removableIsolatedMargin(slot))
        {
            return RejectReason.INSUFFICIENT_MARGIN;
        }
        if (accounts.crossWallet(accountIndex) + amount > FixedPoint.MAX_BALANCE)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        slots.setPool(slot, slots.pool(slot) - amount);
        accounts.setCrossWallet(accountIndex, accounts.crossWallet(accountIndex) + amount);
        return null;
    }

    static RejectReason checkAmount(final long amount)
    {
        if (amount <= 0)
        {
            return RejectReason.NON_POSITIVE_AMOUNT;
        }
        return amount > FixedPoint.MAX_AMOUNT ? RejectReason.OUT_OF_RANGE : null;
    }

    private RejectReason checkTransfer(
        final int accountIndex, final int slot, final Instrument instrument, final long amount)
    {
        final RejectReason reason = checkAmount(amount);
        if (reason != null)
        {
            return reason;
        }
        // a slot that is not stored has the default mode and no position
        if (slot == Slots.NONE ? !slots.isDefaultIsolated(accountIndex, instrument) : !slots.isolated(slot))
        {
            return RejectReason.NOT_ISOLATED;
        }
        return slot == Slots.NONE || slots.size(slot) == 0 ? RejectReason.NO_POSITION : null;
    }
}
