package com.liqengine.cluster;

import java.io.PrintStream;

/**
 * Reports envelopes the service did not apply, one line per run of alike ones (same source, and the same verdict:
 * resent, or refused for the same reason) rather than one per envelope: a failover makes a source resend dozens.
 * A run is reported when another kind of envelope ends it, and before a snapshot, a status and on terminate.
 * Allocation-free until a run ends (the line is the cold path).
 */
final class IgnoredRuns
{
    private static final int NONE = 0;
    private static final int DUPLICATES = 1;
    private static final int REFUSALS = 2;

    private final PrintStream out;
    private int kind = NONE;
    private RefusalReason reason;
    private int sourceId;
    private long firstSequence;
    private long lastSequence;
    private long lastApplied;
    private long count;

    IgnoredRuns(final PrintStream out)
    {
        this.out = out;
    }

    void duplicate(final int source, final long sequence, final long applied)
    {
        if (kind != DUPLICATES || sourceId != source)
        {
            start(DUPLICATES, null, source, sequence);
        }
        extend(sequence);
        lastApplied = applied;
    }

    void refused(final RefusalReason why, final int source, final long sequence)
    {
        if (kind != REFUSALS || reason != why || sourceId != source)
        {
            start(REFUSALS, why, source, sequence);
        }
        extend(sequence);
    }

    /** An envelope of another kind: the open run, if any, is over. */
    void end()
    {
        if (kind == DUPLICATES)
        {
            out.println("liq cluster: source " + sourceId + " resent " + count + " envelope(s) already applied "
                + "(sequences " + firstSequence + " to " + lastSequence + ", last applied " + lastApplied
                + "): ignored");
        }
        else if (kind == REFUSALS)
        {
            out.println("liq cluster: refused " + count + " envelope(s) (source " + sourceId + ", sequences "
                + firstSequence + " to " + lastSequence + "): " + reason.description() + "; nothing applied");
        }
        kind = NONE;
    }

    private void start(final int newKind, final RefusalReason why, final int source, final long sequence)
    {
        end();
        kind = newKind;
        reason = why;
        sourceId = source;
        firstSequence = sequence;
        count = 0;
    }

    private void extend(final long sequence)
    {
        lastSequence = sequence;
        count++;
    }
}
