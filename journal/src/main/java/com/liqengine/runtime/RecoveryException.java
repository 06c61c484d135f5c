package com.liqengine.runtime;

/**
 * The engine's state cannot be recovered without losing or inventing inputs: a journal that does not continue
 * the snapshot it would start from, an output queue ahead of the journal, a snapshot taken with other settings.
 * The engine does not start; the message says what was found and where.
 */
public final class RecoveryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was found and where.
     */
    public RecoveryException(final String message)
    {
        super(message);
    }
}
