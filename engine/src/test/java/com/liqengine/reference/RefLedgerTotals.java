package com.liqengine.reference;

import java.math.BigInteger;

/**
 * The five ledger totals of docs/margin.md, section 8, exactly, in amount units (8 decimals): what happened
 * since the engine started, never refused and never wrapped.
 *
 * @param totalDeposits sum of accepted deposits.
 * @param totalWithdrawals sum of accepted withdrawals.
 * @param totalRealizedPnl realized PnL, the insurance fund's own and the takeovers' included.
 * @param totalFees fees charged (rebates negative).
 * @param totalFunding net funding received.
 */
public record RefLedgerTotals(
    BigInteger totalDeposits,
    BigInteger totalWithdrawals,
    BigInteger totalRealizedPnl,
    BigInteger totalFees,
    BigInteger totalFunding)
{
}
