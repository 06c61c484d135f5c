package com.liqengine.pipeline;

import com.liqengine.api.MessageType;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.RequestRejectedDecoder;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;

/**
 * The engine's counters, Agrona counters in a memory-mapped file that {@code liq stat} reads from another
 * process: inputs and outputs by message type, liquidations, rejections, ring remaining capacity, publisher
 * waits and journal appends. Updated with ordered writes from the engine's threads; no allocation.
 * File layout: a 64-byte header (magic, version, metadata length, values length), then the counters'
 * metadata and values buffers.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Marks a counters file. */
    public static final int MAGIC = 0x4C495143;
    /** Layout version. */
    public static final int VERSION = 1;

    private static final int INPUTS_INDEX = 0;
    private static final int OUTPUTS_INDEX = 1;
    private static final int LIQUIDATIONS_INDEX = 2;
    private static final int REJECTIONS_INDEX = 3;
    private static final int PUBLISHERWAITS_INDEX = 4;
    private static final int JOURNALAPPENDED_INDEX = 5;

    static final int HEADER_LENGTH = 64;
    private static final int MAX_COUNTERS = 64;
    private static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
    private static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    private static final int TEMPLATES = 64;

    private final MappedByteBuffer mapped;
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
    private final long[] finalValues = new long[6];
    private volatile boolean closed;

    private EngineCounters(final AtomicBuffer header, final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        this.memory = header;
        header.putInt(4, VERSION);
        header.putInt(8, METADATA_LENGTH);
        header.putInt(12, VALUES_LENGTH);
        final CountersManager manager = new CountersManager(
            new UnsafeBuffer(header.addressOffset() + HEADER_LENGTH, METADATA_LENGTH),
            new UnsafeBuffer(header.addressOffset() + HEADER_LENGTH + METADATA_LENGTH, VALUES_LENGTH));
        inputs = new AtomicCounter(manager.valuesBuffer(), manager.allocate("inputs"));
        outputs = new AtomicCounter(manager.valuesBuffer(), manager.allocate("outputs"));
        liquidations = new AtomicCounter(manager.valuesBuffer(), manager.allocate("liquidations"));
        rejections = new AtomicCounter(manager.valuesBuffer(), manager.allocate("rejections"));
        ringRemaining = new AtomicCounter(manager.valuesBuffer(), manager.allocate("ring remaining capacity"));
        publisherWaits = new AtomicCounter(manager.valuesBuffer(), manager.allocate("publisher waits"));
        journalAppended = new AtomicCounter(manager.valuesBuffer(), manager.allocate("journal appended"));
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
        // written last: a reader that sees the magic sees a complete layout
        header.putIntVolatile(0, MAGIC);
    }

    /**
     * Counters in a new memory-mapped file (replacing any old one).
     *
     * @param file the counters file.
     * @return the counters.
     */
    public static EngineCounters create(final File file)
    {
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH);
        return new EngineCounters(new UnsafeBuffer(mapped), mapped);
    }

    /**
     * Counters in memory only (for tests and embedded use without {@code liq stat}).
     *
     * @return the counters.
     */
    public static EngineCounters inMemory()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(
            java.nio.ByteBuffer.allocateDirect(HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH));
        return new EngineCounters(buffer, null);
    }

    /**
     * Opens a counters file written by another process, for reading.
     *
     * @param file the counters file.
     * @return a reader of the counters.
     * @throws IllegalStateException when the file is not a counters file of this version.
     */
    public static CountersReader openReader(final File file)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "counters");
        final UnsafeBuffer header = new UnsafeBuffer(mapped);
        if (header.capacity() < HEADER_LENGTH || header.getIntVolatile(0) != MAGIC)
        {
            throw new IllegalStateException(file + " is not a liq counters file (or the engine has not started)");
        }
        if (header.getInt(4) != VERSION)
        {
            throw new IllegalStateException(file + " has counters layout version " + header.getInt(4) +
                ", this build reads version " + VERSION);
        }
        final int metadata = header.getInt(8);
        final int values = header.getInt(12);
        return new CountersReader(
            new UnsafeBuffer(header.addressOffset() + HEADER_LENGTH, metadata),
            new UnsafeBuffer(header.addressOffset() + HEADER_LENGTH + metadata, values));
    }

    void onInput(final DirectBuffer buffer, final int offset)
    {
        inputs.incrementRelease();
        final int template = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (template < inputsByTemplate.length && inputsByTemplate[template] != null)
        {
            inputsByTemplate[template].incrementRelease();
        }
    }

    void onOutput(final DirectBuffer buffer, final int offset)
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

    void journalAppended(final long appended)
    {
        journalAppended.setRelease(appended);
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
     * Unmaps the file. The totals stay readable from the thread that closed: they are copied first, because
     * reading an unmapped counter would crash the JVM.
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
        closed = true;
        if (mapped != null)
        {
            IoUtil.unmap(mapped);
        }
    }
}
