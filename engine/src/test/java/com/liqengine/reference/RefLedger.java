package com.liqengine.reference;

import java.math.BigDecimal;

/** Running totals of money in and out of the books (docs/margin.md, section 8). */
final class RefLedger
{
    BigDecimal deposits = BigDecimal.ZERO;
    BigDecimal withdrawals = BigDecimal.ZERO;
    BigDecimal realizedPnl = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    BigDecimal funding = BigDecimal.ZERO;
}
