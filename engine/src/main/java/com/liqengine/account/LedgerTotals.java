package com.liqengine.account;

import java.math.BigInteger;

/**
 * The engine's ledger totals, exact (docs/margin.md, section 8): a read-only copy for audits and tests.
 *
 * @param deposits total deposited.
 * @param withdrawals total withdrawn.
 * @param realizedPnl total realized PnL, the fund's and takeovers' included.
 * @param fees total fees charged (rebates negative).
 * @param funding net funding received by all positions.
 */
public record LedgerTotals(
    BigInteger deposits, BigInteger withdrawals, BigInteger realizedPnl, BigInteger fees, BigInteger funding)
{
}
