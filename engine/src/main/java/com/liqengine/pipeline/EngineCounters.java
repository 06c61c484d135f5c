package com.liqengine.pipeline;

import com.liqengine.api.MessageType;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.RequestRejectedDecoder;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * The engine's counters, Agrona counters in a memory-mapped file that {@code liq stat} reads from another
 * process ({@link CountersFile}): inputs and outputs by message type, liquidations, rejections, ring remaining
 * capacity, publisher waits, journal appends and errors; and the engine's error log ({@link EngineErrorLog}), a
 * distinct error log in the same file, as Aeron keeps its errors in its CnC file. Counters are updated with ordered
 * writes from the engine's threads, without allocation. The last interval's latency percentiles
 * ({@link LatencyCounters}, type {@link LatencyValue#TYPE_ID}) are set by the metrics thread.
 * File layout (version 2): a 64-byte header (int magic at 0, int version at 4, int metadata length at 8, int values
 * length at 12, int error log length at 16), then the counters' metadata and values buffers, then the error log.
 * Version 1 had no error log.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Marks a counters file. */
    public static final int MAGIC = 0x4C495143;
    /** Layout version. */
    public static final int VERSION = 2;
    /** Label of the counter of errors, recorded in the error log or not. */
    public static final String ERRORS_LABEL = "errors";

    private static final int INPUTS_INDEX = 0;
    private static final int OUTPUTS_INDEX = 1;
    private static final int LIQUIDATIONS_INDEX = 2;
    private static final int REJECTIONS_INDEX = 3;
    private static final int PUBLISHERWAITS_INDEX = 4;
    private static final int JOURNALAPPENDED_INDEX = 5;

    static final int HEADER_LENGTH = 64;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int METADATA_LENGTH_OFFSET = 8;
    static final int VALUES_LENGTH_OFFSET = 12;
    static final int ERROR_LOG_LENGTH_OFFSET = 16;
    private static final int MAX_COUNTERS = 64;
    private static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
    private static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    /** Room for the distinct errors: a few hundred stack traces; a repeat only updates its count and time. */
    private static final int ERROR_LOG_LENGTH = 1024 * 1024;
    private static final int FILE_LENGTH = HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH + ERROR_LOG_LENGTH;
    private static final int TEMPLATES = 64;

    private final MappedByteBuffer mapped;
    private final CountersManager manager;
    // keeps the memory under the counters reachable: they address it directly, so a direct buffer that only
    // they used would be freed by its cleaner at the next GC while they still write to it
    private final AtomicBuffer memory;
    private final AtomicCounter[] inputsByTemplate = new AtomicCounter[TEMPLATES];
    private final AtomicCounter[] outputsByTemplate = new AtomicCounter[TEMPLATES * 2];
    private final AtomicCounter inputs;
    private final AtomicCounter outputs;
    private final AtomicCounter liquidations;
    private final AtomicCounter rejections;
    private final AtomicCounter ringRemaining;
    private final AtomicCounter publisherWaits;
    private final AtomicCounter journalAppended;
    private final EngineErrorLog errorLog;
    private final LatencyCounters[] latency = new LatencyCounters[LatencyStage.values().length];
    private final long[] finalValues = new long[6];
    private volatile boolean closed;

    private EngineCounters(final AtomicBuffer header, final MappedByteBuffer mapped, final EpochClock clock)
    {
        this.mapped = mapped;
        this.memory = header;
        header.putInt(VERSION_OFFSET, VERSION);
        header.putInt(METADATA_LENGTH_OFFSET, METADATA_LENGTH);
        header.putInt(VALUES_LENGTH_OFFSET, VALUES_LENGTH);
        header.putInt(ERROR_LOG_LENGTH_OFFSET, ERROR_LOG_LENGTH);
        manager = new CountersManager(
            new UnsafeBuffer(header.addressOffset() + HEADER_LENGTH, METADATA_LENGTH),
            new UnsafeBuffer(header.addressOffset() + HEADER_LENGTH + METADATA_LENGTH, VALUES_LENGTH));
        inputs = new AtomicCounter(manager.valuesBuffer(), manager.allocate("inputs"));
        outputs = new AtomicCounter(manager.valuesBuffer(), manager.allocate("outputs"));
        liquidations = new AtomicCounter(manager.valuesBuffer(), manager.allocate("liquidations"));
        rejections = new AtomicCounter(manager.valuesBuffer(), manager.allocate("rejections"));
        ringRemaining = new AtomicCounter(manager.valuesBuffer(), manager.allocate("ring remaining capacity"));
        publisherWaits = new AtomicCounter(manager.valuesBuffer(), manager.allocate("publisher waits"));
        journalAppended = new AtomicCounter(manager.valuesBuffer(), manager.allocate("journal appended"));
        final long errorLogAddress = header.addressOffset() + HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH;
        errorLog = new EngineErrorLog(new UnsafeBuffer(errorLogAddress, ERROR_LOG_LENGTH), clock,
            new AtomicCounter(manager.valuesBuffer(), manager.allocate(ERRORS_LABEL)));
        for (final MessageType type : MessageType.values())
        {
            final AtomicCounter counter = new AtomicCounter(
                manager.valuesBuffer(), manager.allocate((type.isInput() ? "in " : "out ") + type.label()));
            if (type.isInput())
            {
                inputsByTemplate[type.templateId()] = counter;
            }
            else
            {
                outputsByTemplate[type.templateId()] = counter;
            }
        }
        for (final LatencyStage stage : LatencyStage.values())
        {
            latency[stage.ordinal()] = new LatencyCounters(manager, stage);
        }
        // written last: a reader that sees the magic sees a complete layout
        header.putIntVolatile(MAGIC_OFFSET, MAGIC);
    }

    /**
     * Counters in a new memory-mapped file (replacing any old one).
     *
     * @param file the counters file.
     * @return the counters.
     */
    public static EngineCounters create(final File file)
    {
        return create(file, SystemEpochClock.INSTANCE);
    }

    /**
     * Counters in a new memory-mapped file (replacing any old one), with the clock of the error log's times.
     *
     * @param file the counters file.
     * @param clock the time of each error, in ms since the epoch.
     * @return the counters.
     */
    public static EngineCounters create(final File file, final EpochClock clock)
    {
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, FILE_LENGTH);
        return new EngineCounters(new UnsafeBuffer(mapped), mapped, clock);
    }

    /**
     * Counters in memory only (for tests and embedded use without {@code liq stat}).
     *
     * @return the counters.
     */
    public static EngineCounters inMemory()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(FILE_LENGTH));
        return new EngineCounters(buffer, null, SystemEpochClock.INSTANCE);
    }

    /**
     * Counts an applied input, by its SBE template (allocation-free).
     *
     * @param buffer the input.
     * @param offset where its SBE message header starts.
     */
    public void onInput(final DirectBuffer buffer, final int offset)
    {
        inputs.incrementRelease();
        final int template = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (template < inputsByTemplate.length && inputsByTemplate[template] != null)
        {
            inputsByTemplate[template].incrementRelease();
        }
    }

    /**
     * Counts an output written, by its SBE template; liquidations and rejections also on their own
     * (allocation-free).
     *
     * @param buffer the output.
     * @param offset where its SBE message header starts.
     */
    public void onOutput(final DirectBuffer buffer, final int offset)
    {
        outputs.incrementRelease();
        final int template = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (template < outputsByTemplate.length && outputsByTemplate[template] != null)
        {
            outputsByTemplate[template].incrementRelease();
        }
        if (template == LiquidationTriggeredDecoder.TEMPLATE_ID)
        {
            liquidations.incrementRelease();
        }
        else if (template == RequestRejectedDecoder.TEMPLATE_ID)
        {
            rejections.incrementRelease();
        }
    }

    void ringRemaining(final long remaining)
    {
        ringRemaining.setRelease(remaining);
    }

    void onPublisherWait()
    {
        publisherWaits.incrementRelease();
    }

    /**
     * @param appended inputs journaled so far.
     */
    public void journalAppended(final long appended)
    {
        journalAppended.setRelease(appended);
    }

    /**
     * Adds a counter of the embedding program's own (e.g. a cluster member's) to the file, shown by {@code liq stat}
     * after the engine's. Cold path: call it before the counters are in use, not after {@link #close()}.
     *
     * @param label its label.
     * @return the counter, written with ordered writes from one thread.
     * @throws IllegalStateException when the file has no room left for another counter.
     */
    public AtomicCounter newCounter(final String label)
    {
        return new AtomicCounter(manager.valuesBuffer(), manager.allocate(label));
    }

    /** @return inputs applied. */
    public long inputs()
    {
        return closed ? finalValues[INPUTS_INDEX] : inputs.get();
    }

    /** @return outputs written. */
    public long outputs()
    {
        return closed ? finalValues[OUTPUTS_INDEX] : outputs.get();
    }

    /** @return liquidations triggered. */
    public long liquidations()
    {
        return closed ? finalValues[LIQUIDATIONS_INDEX] : liquidations.get();
    }

    /** @return inputs rejected. */
    public long rejections()
    {
        return closed ? finalValues[REJECTIONS_INDEX] : rejections.get();
    }

    /** @return times a publisher found the ring full and waited. */
    public long publisherWaits()
    {
        return closed ? finalValues[PUBLISHERWAITS_INDEX] : publisherWaits.get();
    }

    /** @return inputs journaled. */
    public long journalAppended()
    {
        return closed ? finalValues[JOURNALAPPENDED_INDEX] : journalAppended.get();
    }

    /**
     * The counters of one latency, set by the metrics thread (not readable after close).
     *
     * @param stage which latency.
     * @return its counters.
     */
    public LatencyCounters latency(final LatencyStage stage)
    {
        return latency[stage.ordinal()];
    }

    /**
     * The engine's error handler, recording into this file's error log and counting in its {@code errors}
     * counter.
     *
     * @return the error log.
     */
    public EngineErrorLog errorLog()
    {
        return errorLog;
    }

    /** @return unexpected errors of the pipeline's threads (readable after close). */
    public long errors()
    {
        return errorLog.errors();
    }

    /**
     * Unmaps the file. The totals stay readable from the thread that closed: they are copied first, because
     * reading an unmapped counter would crash the JVM. The file stays, with its counters and errors, for
     * {@code liq stat} to read.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        finalValues[INPUTS_INDEX] = inputs.get();
        finalValues[OUTPUTS_INDEX] = outputs.get();
        finalValues[LIQUIDATIONS_INDEX] = liquidations.get();
        finalValues[REJECTIONS_INDEX] = rejections.get();
        finalValues[PUBLISHERWAITS_INDEX] = publisherWaits.get();
        finalValues[JOURNALAPPENDED_INDEX] = journalAppended.get();
        // before the unmap: an error arriving later from a thread still running is then only counted in memory
        errorLog.close();
        closed = true;
        if (mapped != null)
        {
            IoUtil.unmap(mapped);
        }
    }
}
