package com.liqengine.cluster;

import com.liqengine.journal.ChronicleInputJournal;
import org.agrona.DirectBuffer;

/**
 * The node's Chronicle input journal as a copy of the committed log (the Raft log is the journal of record; the
 * service only sees committed entries, so nothing is copied before consensus). After a restart the log is replayed
 * from the snapshot, and the inputs the copy already holds (engine sequences up to its count) are not written again.
 * Journal format 2 records an input-queue index with each input: the copy records the envelope's source sequence
 * there (the ingress client uses its input-queue index as the sequence, so for one source they are the same).
 */
final class CommittedInputCopy implements AutoCloseable
{
    private final ChronicleInputJournal journal;
    private final long journaledBefore;
    private long skipped;

    /**
     * @param journal the copy, open.
     * @param journaledBefore inputs it held when opened.
     */
    CommittedInputCopy(final ChronicleInputJournal journal, final long journaledBefore)
    {
        this.journal = journal;
        this.journaledBefore = journaledBefore;
    }

    /**
     * Copies an applied input, unless the copy holds it already.
     *
     * @param engineSequence the input's engine sequence.
     * @param buffer holding the input.
     * @param offset of the input.
     * @param length of the input.
     * @param sourceSequence the envelope's source sequence.
     */
    void append(
        final long engineSequence, final DirectBuffer buffer, final int offset, final int length,
        final long sourceSequence)
    {
        if (engineSequence <= journaledBefore)
        {
            skipped++;
            return;
        }
        journal.append(buffer, offset, length, sourceSequence);
    }

    /** Completes the inputs copied since the last call (readers see them from now on). */
    void endOfBatch()
    {
        journal.endOfBatch();
    }

    /**
     * @return inputs not copied because the copy held them.
     */
    long skipped()
    {
        return skipped;
    }

    /**
     * @return inputs copied since the copy was opened.
     */
    long appended()
    {
        return journal.appended();
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
