package com.liqengine.reference;

import com.liqengine.codec.RejectReason;

/** Thrown while an input is checked or computed: it is rejected with this reason and nothing is committed. */
final class RefRejected extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    final RejectReason reason;

    RefRejected(final RejectReason reason)
    {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }
}
