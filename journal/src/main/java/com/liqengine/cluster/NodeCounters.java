package com.liqengine.cluster;

import com.liqengine.pipeline.EngineCounters;
import io.aeron.cluster.service.Cluster;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A member's counters file, the one {@code liq run} keeps ({@link EngineCounters}) so that {@code liq stat} reads a
 * member as it reads a single process: inputs and outputs by type, liquidations, rejections, journal copy; then the
 * member's own counters (labels {@code cluster ...}). Created anew at each start of the service: the engine's
 * counts cover what this process applied, the log replayed after the snapshot included; the engine sequence,
 * duplicates and refusals are the replicated totals (restored from the snapshot). Written from the service thread
 * only, with ordered writes, without allocation.
 */
public final class NodeCounters implements AutoCloseable
{
    /** A counter's label. */
    public static final String ENGINE_SEQUENCE = "cluster engine sequence";
    /** A counter's label. */
    public static final String DUPLICATES_IGNORED = "cluster duplicates ignored";
    /** A counter's label. */
    public static final String ENVELOPES_REFUSED = "cluster envelopes refused";
    /** A counter's label. */
    public static final String LOG_POSITION = "cluster log position";
    /** A counter's label. */
    public static final String SNAPSHOTS_TAKEN = "cluster snapshots taken";
    /** A counter's label. */
    public static final String ROLE = "cluster role (0 follower 1 candidate 2 leader)";

    private final EngineCounters engine;
    private final AtomicCounter engineSequence;
    private final AtomicCounter duplicatesIgnored;
    private final AtomicCounter envelopesRefused;
    private final AtomicCounter logPosition;
    private final AtomicCounter snapshotsTaken;
    private final AtomicCounter role;

    private NodeCounters(final EngineCounters engine)
    {
        this.engine = engine;
        this.engineSequence = engine.newCounter(ENGINE_SEQUENCE);
        this.duplicatesIgnored = engine.newCounter(DUPLICATES_IGNORED);
        this.envelopesRefused = engine.newCounter(ENVELOPES_REFUSED);
        this.logPosition = engine.newCounter(LOG_POSITION);
        this.snapshotsTaken = engine.newCounter(SNAPSHOTS_TAKEN);
        this.role = engine.newCounter(ROLE);
    }

    /**
     * @param file the counters file (replaced), or null to count in memory only.
     * @return the counters.
     */
    static NodeCounters create(final Path file)
    {
        if (file == null)
        {
            return new NodeCounters(EngineCounters.inMemory());
        }
        final Path folder = file.toAbsolutePath().getParent();
        try
        {
            Files.createDirectories(folder);
            // a new file, not the old one rewritten: a liq stat still reading the old one keeps its own copy
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the counters file " + file, ex);
        }
        return new NodeCounters(EngineCounters.create(file.toFile()));
    }

    /** An input applied: by type; the engine sequence and the journal copy follow it. */
    void applied(final DirectBuffer buffer, final int offset, final long sequence)
    {
        engine.onInput(buffer, offset);
        engineSequence.setRelease(sequence);
        engine.journalAppended(sequence);
    }

    /** The replicated totals, at the start (from the snapshot) and after each change. */
    void totals(final long sequence, final long duplicates, final long refused)
    {
        engineSequence.setRelease(sequence);
        engine.journalAppended(sequence);
        duplicatesIgnored.setRelease(duplicates);
        envelopesRefused.setRelease(refused);
    }

    void duplicateIgnored()
    {
        duplicatesIgnored.incrementRelease();
    }

    void envelopeRefused()
    {
        envelopesRefused.incrementRelease();
    }

    void logPosition(final long position)
    {
        logPosition.setRelease(position);
    }

    void snapshotTaken()
    {
        snapshotsTaken.incrementRelease();
    }

    void role(final Cluster.Role newRole)
    {
        role.setRelease(newRole.code());
    }

    /**
     * @return the engine's counters (the output channel counts into them).
     */
    EngineCounters engine()
    {
        return engine;
    }

    /** Unmaps the file; it stays for {@code liq stat --count 1}. */
    @Override
    public void close()
    {
        engine.close();
    }
}
