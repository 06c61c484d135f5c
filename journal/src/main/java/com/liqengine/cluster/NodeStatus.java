package com.liqengine.cluster;

import com.liqengine.runtime.EngineConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node last reported of itself, in {@code node-status.txt} beside its counters file: {@code key=value} lines
 * that {@code liq cluster status} reads from every node's folder. The clustered service writes it (atomically: a
 * temporary file renamed over it) when a STATUS envelope reaches it, after each snapshot, on a role change, at
 * start and on terminate. A STATUS envelope is in the replicated log, so every node computes its state hash at the
 * same log position: equal hashes at equal {@code stateHashSequence} mean equal states.
 *
 * @param memberId the node's cluster member id, -1 while not known (before it joins the log).
 * @param role leader, follower or candidate.
 * @param engineSequence the engine sequence (inputs applied).
 * @param stateHash the state hash ({@link com.liqengine.state.StateCodec#stateHash}).
 * @param stateHashSequence the engine sequence the hash was computed at.
 * @param logPosition the log position of the last message the service saw.
 * @param duplicatesIgnored envelopes ignored as resends (replicated: the same on every node at a log position).
 * @param envelopesRefused envelopes refused as malformed or over the sources capacity (replicated).
 * @param event what made the node write it: start, status, snapshot, role-change, terminate.
 */
public record NodeStatus(
    int memberId,
    String role,
    long engineSequence,
    long stateHash,
    long stateHashSequence,
    long logPosition,
    long duplicatesIgnored,
    long envelopesRefused,
    String event)
{
    /** The file's name, in the folder of the node's counters file. */
    public static final String FILE_NAME = "node-status.txt";

    private static final List<String> KEYS = List.of("memberId", "role", "engineSequence", "stateHash",
        "stateHashSequence", "logPosition", "duplicatesIgnored", "envelopesRefused", "event");

    /**
     * Where a node's status file is: beside its counters file (beside its journal when it has none).
     *
     * @param config the node's own configuration.
     * @return the file.
     */
    public static Path file(final EngineConfig config)
    {
        final Path beside = config.counters() != null ? config.counters() : config.journal();
        final Path folder = beside.toAbsolutePath().getParent();
        return folder.resolve(FILE_NAME);
    }

    /**
     * Writes the file atomically: readers see the previous one or this one, whole.
     *
     * @param file where.
     * @throws UncheckedIOException when it cannot be written.
     */
    public void write(final Path file)
    {
        final String text = "memberId=" + memberId + "\n"
            + "role=" + role + "\n"
            + "engineSequence=" + engineSequence + "\n"
            + "stateHash=" + ClusterSnapshot.hex(stateHash) + "\n"
            + "stateHashSequence=" + stateHashSequence + "\n"
            + "logPosition=" + logPosition + "\n"
            + "duplicatesIgnored=" + duplicatesIgnored + "\n"
            + "envelopesRefused=" + envelopesRefused + "\n"
            + "event=" + event + "\n";
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try
            {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the node status file " + file, ex);
        }
    }

    /**
     * Reads a status file.
     *
     * @param file the file.
     * @return what it holds.
     * @throws IllegalStateException when it is missing or malformed (the message names the file, and the line and
     *     field when one is wrong).
     */
    public static NodeStatus read(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IllegalStateException("no node status file " + file + ": the node has not started there yet "
                + "(or its folder is another)");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the node status file " + file + ": " + ex.getMessage(), ex);
        }
        final Map<String, String> values = new HashMap<>();
        final Map<String, Integer> lineOf = new HashMap<>();
        for (int n = 0; n < lines.size(); n++)
        {
            final String line = lines.get(n).strip();
            if (line.isEmpty())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalStateException(file + " line " + (n + 1) + ": '" + line + "' is not key=value");
            }
            final String key = line.substring(0, equals);
            if (!KEYS.contains(key))
            {
                throw new IllegalStateException(file + " line " + (n + 1) + ": unknown field '" + key + "'");
            }
            values.put(key, line.substring(equals + 1));
            lineOf.put(key, n + 1);
        }
        for (final String key : KEYS)
        {
            if (!values.containsKey(key))
            {
                throw new IllegalStateException(file + ": field " + key + " is missing");
            }
        }
        final Fields fields = new Fields(file, values, lineOf);
        return new NodeStatus((int)fields.decimal("memberId"), values.get("role"), fields.decimal("engineSequence"),
            fields.hex("stateHash"), fields.decimal("stateHashSequence"), fields.decimal("logPosition"),
            fields.decimal("duplicatesIgnored"), fields.decimal("envelopesRefused"), values.get("event"));
    }

    /** Parses the fields, naming file, line and field in a failure. */
    private record Fields(Path file, Map<String, String> values, Map<String, Integer> lineOf)
    {
        long decimal(final String key)
        {
            try
            {
                return Long.parseLong(values.get(key));
            }
            catch (final NumberFormatException ex)
            {
                throw wrong(key, "a decimal number");
            }
        }

        long hex(final String key)
        {
            final String value = values.get(key);
            if (value.length() != 16)
            {
                throw wrong(key, "16 hex digits");
            }
            try
            {
                return Long.parseUnsignedLong(value, 16);
            }
            catch (final NumberFormatException ex)
            {
                throw wrong(key, "16 hex digits");
            }
        }

        private IllegalStateException wrong(final String key, final String expected)
        {
            return new IllegalStateException(file + " line " + lineOf.get(key) + ": field " + key + " is '"
                + values.get(key) + "', not " + expected);
        }
    }
}
