package com.liqengine.reference;

import com.liqengine.codec.RejectReason;

/**
 * Thrown while an input is checked or computed: it is rejected with this reason and nothing is committed. A
 * rejection of a {@code LiquidationOrderDone} may name the order's account and instrument (docs/liquidation.md).
 */
final class RefRejected extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    final RejectReason reason;
    final long accountId;
    final int instrumentId;

    RefRejected(final RejectReason reason)
    {
        this(reason, 0, -1);
    }

    RefRejected(final RejectReason reason, final long accountId, final int instrumentId)
    {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.accountId = accountId;
        this.instrumentId = instrumentId;
    }
}
