package com.liqengine.margin;

/**
 * Running totals of every flow of money in and out of the engine's books, for the ledger identity
 * (docs/margin.md, section 8): {@code Σ W + Σ B = deposits − withdrawals + realized − fees + funding}.
 */
final class Ledger
{
    long deposits;
    long withdrawals;
    long realizedPnl;
    long fees;
    long funding;
}
