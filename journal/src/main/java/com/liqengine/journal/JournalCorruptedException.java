package com.liqengine.journal;

/**
 * A journal or an output queue could not be read to its end: a document is incomplete (its writer died while writing
 * it and no writer has recovered it since), fails its checks (checksum, entries, numbering), is of another format,
 * or the queue files are damaged. Says where: the last index read well.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final long lastGoodIndex;

    JournalCorruptedException(final String message, final long lastGoodIndex, final Throwable cause)
    {
        super(message, cause);
        this.lastGoodIndex = lastGoodIndex;
    }

    /**
     * The last document read well; the damage is after it.
     *
     * @return its index, or {@link JournalReader#NO_INDEX} when the first document could not be read.
     */
    public long lastGoodIndex()
    {
        return lastGoodIndex;
    }
}
