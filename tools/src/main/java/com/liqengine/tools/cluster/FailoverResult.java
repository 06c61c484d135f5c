package com.liqengine.tools.cluster;

import java.util.Locale;

/**
 * What {@code liq cluster bench --failover} measured, every time from the moment the leader's close began.
 *
 * @param oldLeader the member closed.
 * @param newLeader the member that leads after it, or -1 when none did within 30 s.
 * @param closeNanos how long the close of the old leader took.
 * @param electedNanos until another member's role counter read LEADER, or -1.
 * @param toldNanos until the client's new-leader event, or -1.
 * @param firstAckNanos until the client's first acknowledgement after that event, or -1.
 * @param resent inputs the client sent again after the new leader.
 * @param duplicates of those, the ones the cluster had applied already (acknowledged DUPLICATE, not applied again).
 * @param applied APPLIED acknowledgements in the failover run.
 * @param closedAfterNanos when in the run the close began.
 */
record FailoverResult(
    int oldLeader, int newLeader, long closeNanos, long electedNanos, long toldNanos, long firstAckNanos, long resent,
    long duplicates, long applied, long closedAfterNanos)
{
    /**
     * @return a line for the console.
     */
    String describe()
    {
        return String.format(Locale.ROOT, "leader %d closed %.2f s into the run (the close took %s); member %d "
                + "LEADER after %s, the client told after %s, its first acknowledgement from the new leader after %s; "
                + "%,d inputs resent, %,d of them duplicates, %,d applied in the run", oldLeader,
            closedAfterNanos / 1e9, millis(closeNanos), newLeader, millis(electedNanos), millis(toldNanos),
            millis(firstAckNanos), resent, duplicates, applied);
    }

    /**
     * @param nanos a duration, or -1.
     * @return it in milliseconds, or "never".
     */
    static String millis(final long nanos)
    {
        return nanos < 0 ? "never" : String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
    }
}
