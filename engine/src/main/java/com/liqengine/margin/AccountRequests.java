package com.liqengine.margin;

import com.liqengine.codec.RejectReason;

/**
 * Checked account requests (docs/margin.md, section 4): deposits, withdrawals, margin mode, leverage and
 * isolated margin transfers. Each returns null when applied or the reason it was refused, with nothing changed.
 * The caller has already resolved the account and instrument.
 */
final class AccountRequests
{
    private final Accounts accounts;
    private final MarginMath math;
    private final Ledger ledger;

    AccountRequests(final Accounts accounts, final MarginMath math, final Ledger ledger)
    {
        this.accounts = accounts;
        this.math = math;
        this.ledger = ledger;
    }

    RejectReason deposit(final int accountIndex, final long amount)
    {
        final long wallet = Math.addExact(accounts.crossWallet[accountIndex], amount);
        final long total = Math.addExact(ledger.deposits, amount);
        accounts.crossWallet[accountIndex] = wallet;
        ledger.deposits = total;
        return null;
    }

    RejectReason withdraw(final int accountIndex, final long amount)
    {
        final RejectReason reason = checkAmount(amount);
        if (reason != null)
        {
            return reason;
        }
        if (amount > math.crossAvailable(accountIndex) || amount > accounts.crossWallet[accountIndex])
        {
            return RejectReason.INSUFFICIENT_AVAILABLE;
        }
        final long total = Math.addExact(ledger.withdrawals, amount);
        accounts.crossWallet[accountIndex] -= amount;
        ledger.withdrawals = total;
        return null;
    }

    RejectReason setMarginMode(final int accountIndex, final Instrument instrument, final boolean isolated)
    {
        final int slot = accounts.slot(accountIndex, instrument.id);
        if (accounts.size[slot] != 0)
        {
            return RejectReason.POSITION_OPEN;
        }
        accounts.isolated[slot] = isolated;
        return null;
    }

    RejectReason setLeverage(final int accountIndex, final Instrument instrument, final int leverage)
    {
        if (leverage < 1)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        final int slot = accounts.slot(accountIndex, instrument.id);
        final long notional = accounts.size[slot] == 0 ? 0 : math.notional(slot, instrument);
        if (leverage > instrument.tiers.maxLeverage(notional))
        {
            return RejectReason.LEVERAGE_ABOVE_TIER_LIMIT;
        }
        if (accounts.size[slot] != 0)
        {
            final boolean holds;
            if (accounts.isolated[slot])
            {
                final long backing = accounts.pool[slot] + Math.min(math.unrealizedPnl(slot, instrument), 0);
                holds = backing >= math.initialMargin(notional, leverage);
            }
            else
            {
                holds = math.crossAvailable(accountIndex, instrument.id, leverage) >= 0;
            }
            if (!holds)
            {
                return RejectReason.INSUFFICIENT_MARGIN;
            }
        }
        accounts.leverage[slot] = leverage;
        return null;
    }

    RejectReason addIsolatedMargin(final int accountIndex, final Instrument instrument, final long amount)
    {
        final int slot = accounts.slot(accountIndex, instrument.id);
        final RejectReason reason = checkTransfer(slot, amount);
        if (reason != null)
        {
            return reason;
        }
        if (amount > math.crossAvailable(accountIndex) || amount > accounts.crossWallet[accountIndex])
        {
            return RejectReason.INSUFFICIENT_AVAILABLE;
        }
        final long pool = Math.addExact(accounts.pool[slot], amount);
        accounts.crossWallet[accountIndex] -= amount;
        accounts.pool[slot] = pool;
        return null;
    }

    RejectReason removeIsolatedMargin(final int accountIndex, final Instrument instrument, final long amount)
    {
        final int slot = accounts.slot(accountIndex, instrument.id);
        final RejectReason reason = checkTransfer(slot, amount);
        if (reason != null)
        {
            return reason;
        }
        if (amount > math.removableIsolatedMargin(slot, instrument))
        {
            return RejectReason.INSUFFICIENT_MARGIN;
        }
        final long wallet = Math.addExact(accounts.crossWallet[accountIndex], amount);
        accounts.pool[slot] -= amount;
        accounts.crossWallet[accountIndex] = wallet;
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

    private RejectReason checkTransfer(final int slot, final long amount)
    {
        final RejectReason reason = checkAmount(amount);
        if (reason != null)
        {
            return reason;
        }
        if (!accounts.isolated[slot])
        {
            return RejectReason.NOT_ISOLATED;
        }
        return accounts.size[slot] == 0 ? RejectReason.NO_POSITION : null;
    }
}
