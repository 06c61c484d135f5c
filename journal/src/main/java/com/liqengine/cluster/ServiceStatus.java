package com.liqengine.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node's clustered service last wrote to {@code node-status.txt} beside its counters file: {@code key=value}
 * lines (memberId, role, engineSequence, stateHash, hashAtSequence, logPosition, duplicatesIgnored,
 * envelopesRefused), written on a STATUS envelope, after a snapshot, on a role change and on termination. Read by
 * {@code liq cluster status} and the tests; unknown keys are kept, so the service may add fields.
 *
 * @param fields the values by key, in the file's order.
 */
public record ServiceStatus(Map<String, String> fields)
{
    /** The file's name, beside the node's counters file. */
    public static final String FILE_NAME = "node-status.txt";

    /**
     * Reads a status file.
     *
     * @param file the file.
     * @return its fields, or null when there is no such file (the service has not written it yet).
     * @throws IOException when it cannot be read.
     */
    public static ServiceStatus read(final Path file) throws IOException
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String line : text.split("\n"))
        {
            final int equals = line.indexOf('=');
            if (equals > 0)
            {
                fields.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return new ServiceStatus(Collections.unmodifiableMap(fields));
    }

    /**
     * @param key a field.
     * @return its value, or null.
     */
    public String get(final String key)
    {
        return fields.get(key);
    }

    /**
     * @param key a field holding a whole number.
     * @param otherwise the value when it is missing or not a number.
     * @return the value.
     */
    public long number(final String key, final long otherwise)
    {
        final String value = fields.get(key);
        if (value == null)
        {
            return otherwise;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return otherwise;
        }
    }
}
