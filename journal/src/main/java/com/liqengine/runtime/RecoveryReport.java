package com.liqengine.runtime;

import com.liqengine.snapshot.SnapshotFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a recovery did (docs/replay.md), for the operator and for the ingress to resume its input queue.
 *
 * @param snapshot the snapshot restored, or null when the state was rebuilt from the journal's start.
 * @param snapshotSequence the sequence it covers (0 without one).
 * @param rejectedSnapshots each snapshot passed over, with why.
 * @param journalInputs inputs in the journal.
 * @param replayed inputs applied from the journal after the snapshot.
 * @param journalRead journal inputs the recovery read: the snapshot's request and the ones after it (the whole
 *     journal without a snapshot, or with one of format 1).
 * @param injectedRequests snapshot requests the engine itself journaled (not from the input queue).
 * @param lastInputInjected whether the journal's last input is such a request.
 * @param outputsAlreadyWritten replayed outputs the output queue already held (not written again).
 * @param outputsWritten replayed outputs that were missing from the output queue and were written.
 * @param snapshotsWritten snapshots written for requests found in the replayed tail.
 * @param tailSourceIndex the input queue's index of the last input read (the snapshot's request and the tail) that
 *     came from the input queue, or {@link com.liqengine.pipeline.InputSlot#NO_SOURCE} when none of them did (the
 *     journal before the snapshot may still hold one: {@link InputQueueIngress} looks there then).
 * @param stateHash the state hash after recovery.
 * @param millis how long it took.
 */
public record RecoveryReport(
    Path snapshot,
    long snapshotSequence,
    List<String> rejectedSnapshots,
    long journalInputs,
    long replayed,
    long journalRead,
    long injectedRequests,
    boolean lastInputInjected,
    long outputsAlreadyWritten,
    long outputsWritten,
    long snapshotsWritten,
    long tailSourceIndex,
    long stateHash,
    long millis)
{
    /**
     * @return inputs of the journal that came from outside (the input queue or a publisher).
     */
    public long externalInputs()
    {
        return journalInputs - injectedRequests;
    }

    /**
     * @return one line per fact, for the log.
     */
    public List<String> lines()
    {
        final StringBuilder summary = new StringBuilder("recovered ");
        if (snapshot == null)
        {
            summary.append("from the journal's start (no usable snapshot)");
        }
        else
        {
            summary.append("from snapshot ").append(snapshot).append(" at sequence ").append(snapshotSequence);
        }
        summary.append(", then replayed ").append(replayed).append(" journaled inputs (journal holds ")
            .append(journalInputs).append(", ").append(journalRead).append(" read) in ").append(millis).append(" ms");
        final String outputs = "outputs: " + outputsAlreadyWritten + " replayed outputs were already in the output"
            + " queue and were not written again; " + outputsWritten + " missing ones were written";
        final String hash = "state hash " + SnapshotFile.hex(stateHash) + " at sequence " + journalInputs;
        final List<String> lines = new ArrayList<>(rejectedSnapshots);
        lines.add(summary.toString());
        lines.add(outputs);
        lines.add(hash);
        return lines;
    }
}
