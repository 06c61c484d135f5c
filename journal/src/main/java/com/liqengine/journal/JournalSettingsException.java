package com.liqengine.journal;

import java.nio.file.Path;

/**
 * A journal's settings record stops an engine's start or a replay: it is damaged (truncated, another format, a
 * checksum that does not match its bytes, a setting out of range), or it records other settings than the engine's.
 * Nothing has been started or written; the message names the file, what is wrong and what to do.
 */
public final class JournalSettingsException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the settings record.
     * @param message what is wrong and what to do.
     */
    public JournalSettingsException(final Path file, final String message)
    {
        super(message);
        this.file = file;
    }

    /**
     * @return the settings record.
     */
    public Path file()
    {
        return file;
    }
}
