package com.liqengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Fills the format 2 documents ({@link BatchLayout}) of the input journal or the output queue in a
 * {@link QueueWriter}'s queue: the header on the first entry, each entry's header and bytes copied straight from
 * their arrays into the mapped file with the CRC32C taken from the same arrays on the way, then the entry count and
 * the checksum, and only then is the document complete (visible to readers, safe from a crash). Entries are
 * numbered on from the queue's last document. Allocation-free in steady state; the queue writer's one thread.
 */
final class BatchDocumentWriter
{
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final QueueWriter writer;
    private final BatchLayout layout;
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[BatchLayout.HEADER_LENGTH]);
    private final UnsafeBuffer entryHeader;
    private final UnsafeBuffer offHeapCopy;
    /** Wraps the mapped bytes being written, to copy into them. */
    private final UnsafeBuffer target = new UnsafeBuffer(0, 0);
    private DocumentContext document;
    private Bytes<?> bytes;
    private long documentStart;
    private int entries;
    private long nextNumber;
    /** The number of the first entry written through this writer. */
    private final long firstNumber;

    /**
     * @param entriesBefore entries the queue holds already: the next is numbered one more.
     */
    BatchDocumentWriter(final QueueWriter writer, final BatchLayout layout, final long entriesBefore)
    {
        this.writer = writer;
        this.layout = layout;
        this.entryHeader = new UnsafeBuffer(new byte[layout.entryHeaderLength]);
        this.offHeapCopy = new UnsafeBuffer(new byte[layout.maxEntryLength]);
        this.nextNumber = entriesBefore + 1;
        this.firstNumber = nextNumber;
    }

    /** Where an entry's header is put before {@link #writeEntry}: little endian, its length first. */
    UnsafeBuffer entryHeader()
    {
        return entryHeader;
    }

    /**
     * Writes one entry: the header put in {@link #entryHeader()}, then the entry's bytes; opens a document first
     * when none is open, and closes it once it passes the target size. When the write fails (an entry longer than
     * the layout allows, or Chronicle's failure), the open document is discarded, none of its entries will be read,
     * and the failure is thrown.
     */
    void writeEntry(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            if (length < 0 || length > layout.maxEntryLength)
            {
                throw new IllegalArgumentException("an " + layout.entryName + " of " + length + " bytes: the "
                    + layout.queueName + " holds at most " + layout.maxEntryLength);
            }
            if (document == null)
            {
                open();
            }
            write(entryHeader.byteArray(), 0, layout.entryHeaderLength);
            final byte[] array = buffer.byteArray();
            if (array != null)
            {
                write(array, buffer.wrapAdjustment() + offset, length);
            }
            else
            {
                // an off-heap buffer: one copy, so the checksum is taken over array bytes as for the others
                offHeapCopy.putBytes(0, buffer, offset, length);
                write(offHeapCopy.byteArray(), 0, length);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            if (document != null)
            {
                abandon();
            }
            throw ex;
        }
        entries++;
        if (bytes.writePosition() - documentStart >= BatchLayout.DOCUMENT_TARGET_LENGTH)
        {
            close();
        }
    }

    private void open()
    {
        document = writer.writingDocument();
        bytes = document.wire().bytes();
        documentStart = bytes.writePosition();
        entries = 0;
        crc.reset();
        final byte[] header = scratch.byteArray();
        System.arraycopy(layout.magic, 0, header, 0, BatchLayout.MAGIC_LENGTH);
        header[BatchLayout.VERSION_OFFSET] = (byte)layout.version;
        scratch.putLong(BatchLayout.FIRST_NUMBER_OFFSET, nextNumber, ByteOrder.LITTLE_ENDIAN);
        write(header, 0, BatchLayout.HEADER_LENGTH);
    }

    private void write(final byte[] array, final int offset, final int length)
    {
        crc.update(array, offset, length);
        if (bytes.isDirectMemory())
        {
            // as Chronicle's own unsafeWriteObject: writeSkip makes room (mapping the next chunk when needed), then
            // one Unsafe.copyMemory into the mapping; Bytes.write(byte[]) copies short arrays in a Java loop, which
            // was most of the output queue's time on the engine's thread (perf/results/issue13/output-batches)
            final long position = bytes.writePosition();
            bytes.writeSkip(length);
            target.wrap(bytes.addressForWrite(position), length);
            target.putBytes(0, array, offset, length);
        }
        else
        {
            bytes.write(array, offset, length);
        }
    }

    /**
     * Entries written through this writer: those of completed documents and of the open one, not those of a
     * discarded document.
     */
    long entriesWritten()
    {
        return nextNumber - firstNumber + (document != null ? entries : 0);
    }

    /**
     * Completes a document the writing thread left open, from the thread closing the queue once the writing thread
     * is done with the appender.
     */
    void completeLeftOpen()
    {
        if (document != null && writer.takeOver())
        {
            close();
        }
    }

    /** Completes the open document, if an entry was written since the last. */
    void endOfBatch()
    {
        if (document != null)
        {
            close();
        }
    }

    /** Completes the open document: entry count and checksum, then Chronicle marks it complete. */
    private void close()
    {
        scratch.putInt(0, entries, ByteOrder.LITTLE_ENDIAN);
        crc.update(scratch.byteArray(), 0, Integer.BYTES);
        bytes.writeInt(littleEndian(entries));
        bytes.writeInt(littleEndian((int)crc.getValue()));
        document.close();
        document = null;
        bytes = null;
        nextNumber += entries;
        writer.documentWritten();
    }

    /** Discards the open document: Chronicle rolls it back, none of its entries is numbered. */
    void abandon()
    {
        final DocumentContext abandoned = document;
        document = null;
        bytes = null;
        abandoned.rollbackOnClose();
        abandoned.close();
    }

    /** Chronicle writes in the platform's order; the documents are little endian everywhere. */
    private static int littleEndian(final int value)
    {
        return LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
    }
}
