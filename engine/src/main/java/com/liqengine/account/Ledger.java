package com.liqengine.account;

import com.liqengine.math.WideSum;

/**
 * Running totals of every flow of money in and out of the engine's books, for the ledger identity
 * (docs/margin.md, section 8): {@code Σ W + Σ B = deposits − withdrawals + realized − fees + funding}. They are
 * what happened since the engine started, so they are exact in 128 bits: they never refuse an input and never wrap.
 */
public final class Ledger
{
    public final WideSum deposits = new WideSum();
    public final WideSum withdrawals = new WideSum();
    public final WideSum realizedPnl = new WideSum();
    public final WideSum fees = new WideSum();
    public final WideSum funding = new WideSum();

    void clear()
    {
        deposits.set(0);
        withdrawals.set(0);
        realizedPnl.set(0);
        fees.set(0);
        funding.set(0);
    }
}
