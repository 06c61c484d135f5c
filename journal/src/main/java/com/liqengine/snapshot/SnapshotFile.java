package com.liqengine.snapshot;

import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.SnapshotRequestDecoder;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.state.StateCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The snapshot file format (docs/replay.md): a fixed header (magic, format version, state layout version, the
 * sequence and the request it answers, the engine settings, the state hash, the state's length, the count of
 * snapshot requests the engine injected up to the sequence), the canonical state bytes, then a CRC32C of
 * everything before it. All little endian. Encoded in two steps: {@link #encode} on the engine's thread (the
 * state, at the deterministic point), {@link #seal} on the writing thread (state hash and checksum, pure
 * functions of those bytes). Written to a temporary file, forced to disk, then renamed atomically over the final
 * name, so a reader sees a whole snapshot or none.
 */
public final class SnapshotFile
{
    /** "LIQSNAP1" read as a little-endian long. */
    public static final long MAGIC = 0x3150414E5351494CL;
    /** Version of this file format: 3 adds the liquidation settings (docs/liquidation.md) to the header. */
    public static final int FORMAT_VERSION = 3;
    /** Bytes before the state. */
    public static final int HEADER_LENGTH = 112;
    /** The second format: no liquidation settings, the state at {@link #V2_HEADER_LENGTH}; still read. */
    public static final int FORMAT_VERSION_2 = 2;
    /** Bytes before the state in format 2. */
    public static final int V2_HEADER_LENGTH = 88;
    /** The first format: no count of injected requests, the state at {@link #V1_HEADER_LENGTH}; still read. */
    public static final int FORMAT_VERSION_1 = 1;
    /** Bytes before the state in format 1. */
    public static final int V1_HEADER_LENGTH = 80;
    /** {@link Snapshot#injectedRequests()} of a format 1 file: not recorded. */
    public static final long UNKNOWN = -1;
    /** Bytes after the state: the checksum. */
    public static final int TRAILER_LENGTH = 4;
    /** Extension of snapshot files. */
    public static final String SUFFIX = ".snap";
    /** Start of snapshot file names. */
    public static final String PREFIX = "snapshot-";

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private SnapshotFile()
    {
    }

    /**
     * The file name of the snapshot at a sequence: zero-padded so names sort as sequences do.
     *
     * @param sequence the input sequence.
     * @return the name.
     */
    public static String name(final long sequence)
    {
        return String.format("%s%020d%s", PREFIX, sequence, SUFFIX);
    }

    /**
     * The sequence a snapshot file name stands for.
     *
     * @param name a file name.
     * @return the sequence, or -1 when the name is not a snapshot's.
     */
    public static long sequenceOf(final String name)
    {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) || name.length() != name(0).length())
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * Encodes a snapshot file of the state machine's current state into a buffer, all but the state hash and the
     * checksum: call {@link #seal} before writing it. On the engine's thread; allocation-free once the buffer
     * has grown to the state's size.
     *
     * @param engine the state machine (on its thread).
     * @param request the buffer holding the {@code SnapshotRequest} just applied.
     * @param offset of the request's header.
     * @param length of the request.
     * @param injectedRequests snapshot requests the engine injected in the journal up to this one, included.
     * @param out where to encode (grows as needed).
     * @return the file's length.
     */
    public static int encode(
        final MarginStateMachine engine,
        final DirectBuffer request,
        final int offset,
        final int length,
        final long injectedRequests,
        final ExpandableArrayBuffer out)
    {
        final int stateLength = StateCodec.length(engine);
        out.checkLimit(HEADER_LENGTH + stateLength + TRAILER_LENGTH);
        final int written = StateCodec.write(engine, out, HEADER_LENGTH);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final boolean hasIds = length >= MessageHeaderDecoder.ENCODED_LENGTH + SnapshotRequestDecoder.BLOCK_LENGTH;
        out.putLong(0, MAGIC, ORDER);
        out.putInt(8, FORMAT_VERSION, ORDER);
        out.putInt(12, StateCodec.LAYOUT_VERSION, ORDER);
        out.putLong(16, engine.lastSequence(), ORDER);
        out.putLong(24, hasIds ? request.getLong(body, ORDER) : 0, ORDER);
        out.putLong(32, hasIds ? request.getLong(body + 8, ORDER) : 0, ORDER);
        out.putInt(40, engine.settings().maxAccounts(), ORDER);
        out.putInt(44, engine.settings().maxInstruments(), ORDER);
        out.putLong(48, engine.settings().insuranceFundAccountId(), ORDER);
        out.putLong(56, engine.settings().marginCallRatio(), ORDER);
        out.putLong(64, 0, ORDER);
        out.putInt(72, written, ORDER);
        out.putInt(76, 0, ORDER);
        out.putLong(80, injectedRequests, ORDER);
        final EngineSettings settings = engine.settings();
        out.putInt(88, settings.liquidationMode().ordinal(), ORDER);
        out.putInt(92, settings.maxOpenLiquidations(), ORDER);
        out.putLong(96, settings.hasFundFloor() ? settings.fundFloor() : 0, ORDER);
        out.putInt(104, settings.hasFundFloor() ? 1 : 0, ORDER);
        out.putInt(108, 0, ORDER);
        return HEADER_LENGTH + written + TRAILER_LENGTH;
    }

    /**
     * Completes an {@link #encode encoded} file: the state hash and the checksum, computed from its bytes (so on
     * any thread, once the engine has moved on).
     *
     * @param file the encoded file's bytes.
     * @param fileLength its length, as {@link #encode} returned it.
     * @param checksum a reusable CRC32C.
     */
    public static void seal(final ExpandableArrayBuffer file, final int fileLength, final CRC32C checksum)
    {
        final int end = fileLength - TRAILER_LENGTH;
        file.putLong(64, StateCodec.stateHash(file, HEADER_LENGTH, end - HEADER_LENGTH), ORDER);
        checksum.reset();
        checksum.update(file.byteArray(), 0, end);
        file.putInt(end, (int)checksum.getValue(), ORDER);
    }

    /**
     * The sequence of an {@link #encode encoded} file.
     *
     * @param file the encoded file's bytes.
     * @return the input sequence it covers.
     */
    public static long sequenceOf(final DirectBuffer file)
    {
        return file.getLong(16, ORDER);
    }

    /**
     * Writes file bytes atomically: to {@code name.tmp}, forced, renamed over {@code name}, folder forced.
     *
     * @param folder the snapshot folder (created when missing).
     * @param name the file name.
     * @param bytes the file's bytes.
     * @param length how many of them.
     * @return the file written.
     * @throws IOException when it cannot be written.
     */
    public static Path writeAtomically(final Path folder, final String name, final byte[] bytes, final int length)
        throws IOException
    {
        return writeAtomically(folder, name, bytes, length, WriteHook.NONE);
    }

    static Path writeAtomically(
        final Path folder, final String name, final byte[] bytes, final int length, final WriteHook hook)
        throws IOException
    {
        Files.createDirectories(folder);
        final Path temporary = folder.resolve(name + ".tmp");
        final Path target = folder.resolve(name);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            final ByteBuffer content = ByteBuffer.wrap(bytes, 0, length);
            while (content.hasRemaining())
            {
                channel.write(content);
            }
            channel.force(true);
        }
        hook.beforeRename(temporary, target);
        try
        {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException ex)
        {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceFolder(folder);
        return target;
    }

    /**
     * Reads and checks a snapshot file: length, magic, versions, checksum. The state itself is checked when it
     * is restored ({@link Snapshot#restoreInto}).
     *
     * @param file the file.
     * @return the snapshot.
     * @throws SnapshotCorruptedException naming what is wrong.
     */
    public static Snapshot read(final Path file)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptedException(file, "cannot be read: " + ex);
        }
        if (bytes.length < V1_HEADER_LENGTH + TRAILER_LENGTH)
        {
            throw new SnapshotCorruptedException(file, "truncated: " + bytes.length + " bytes, shorter than the "
                + (V1_HEADER_LENGTH + TRAILER_LENGTH) + " bytes of header and checksum");
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (buffer.getLong(0, ORDER) != MAGIC)
        {
            throw new SnapshotCorruptedException(file, "not a snapshot file (its first 8 bytes are not LIQSNAP1)");
        }
        final int format = buffer.getInt(8, ORDER);
        final int layout = buffer.getInt(12, ORDER);
        if (format < FORMAT_VERSION_1 || format > FORMAT_VERSION || layout != StateCodec.LAYOUT_VERSION)
        {
            throw new SnapshotCorruptedException(file, "format version " + format + " with state layout " + layout
                + "; this engine reads formats " + FORMAT_VERSION_1 + " to " + FORMAT_VERSION + " with layout "
                + StateCodec.LAYOUT_VERSION);
        }
        final int header = format == FORMAT_VERSION ? HEADER_LENGTH :
            format == FORMAT_VERSION_2 ? V2_HEADER_LENGTH : V1_HEADER_LENGTH;
        if (bytes.length < header + TRAILER_LENGTH)
        {
            throw new SnapshotCorruptedException(file, "truncated: " + bytes.length + " bytes, shorter than the "
                + (header + TRAILER_LENGTH) + " bytes of header and checksum");
        }
        final int stateLength = buffer.getInt(72, ORDER);
        final long expected = (long)header + stateLength + TRAILER_LENGTH;
        if (stateLength < 0 || expected != bytes.length)
        {
            throw new SnapshotCorruptedException(file, (expected > bytes.length ? "truncated: " : "wrong length: ")
                + "the header announces " + stateLength + " state bytes, a file of " + expected
                + " bytes; the file has " + bytes.length);
        }
        final int end = header + stateLength;
        final int stored = buffer.getInt(end, ORDER);
        final int computed = crc(bytes, end);
        if (stored != computed)
        {
            throw new SnapshotCorruptedException(file, String.format(
                "checksum mismatch: the file records CRC32C %08x, its bytes give %08x (damaged bytes)",
                stored, computed));
        }
        final byte[] state = new byte[stateLength];
        buffer.getBytes(header, state);
        return new Snapshot(file, buffer.getLong(16, ORDER), buffer.getLong(24, ORDER), buffer.getLong(32, ORDER),
            buffer.getInt(40, ORDER), buffer.getInt(44, ORDER), buffer.getLong(48, ORDER), buffer.getLong(56, ORDER),
            buffer.getLong(64, ORDER), format == FORMAT_VERSION_1 ? UNKNOWN : buffer.getLong(80, ORDER), state, format,
            format == FORMAT_VERSION ? liquidation(file, buffer) : Snapshot.LiquidationSettings.BEFORE_THE_LIFECYCLE);
    }

    /** The liquidation settings of a format 3 header, checked. */
    private static Snapshot.LiquidationSettings liquidation(final Path file, final UnsafeBuffer buffer)
    {
        final int mode = buffer.getInt(88, ORDER);
        final int hasFloor = buffer.getInt(104, ORDER);
        if (mode < 0 || mode >= LiquidationMode.values().length || (hasFloor != 0 && hasFloor != 1))
        {
            throw new SnapshotCorruptedException(file, "liquidation settings in the header are not valid (mode "
                + mode + ", fund floor flag " + hasFloor + ")");
        }
        return new Snapshot.LiquidationSettings(LiquidationMode.values()[mode], buffer.getInt(92, ORDER),
            hasFloor == 1, buffer.getLong(96, ORDER));
    }

    /**
     * A hash as printed everywhere: 16 hex digits.
     *
     * @param hash the hash.
     * @return its text.
     */
    public static String hex(final long hash)
    {
        return String.format("%016x", hash);
    }

    private static int crc(final byte[] bytes, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }

    private static void forceFolder(final Path folder)
    {
        // makes the rename durable; not every platform can open a folder, and then the OS decides when
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // best effort
        }
    }
}
