package com.liqengine.journal;

import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.snapshot.RecordedSettings;
import com.liqengine.snapshot.SnapshotFile;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The engine settings a journal is written with, recorded in its folder ({@link #FILE_NAME}, docs/journal.md): the
 * journal holds only inputs, and the outputs and state hash they give depend on these settings, so an engine
 * restarted on the journal must have them ({@link #check}) and a replay uses them. A fixed-length binary
 * file, little endian, written once (temporary file, forced, renamed):
 *
 * <pre>
 *  0  long  magic "LIQSETS1"
 *  8  int   format version ({@link #FORMAT_VERSION})
 * 12  int   maxAccounts
 * 16  int   maxInstruments
 * 20  int   maxPositions
 * 24  long  insurance fund account id
 * 32  long  margin call ratio (8 decimals)
 * 40  int   liquidation mode (0 takeover, 1 market: the ordinal, as in a snapshot's header)
 * 44  int   maxOpenLiquidations
 * 48  long  fund floor (8 decimals; 0 without one)
 * 56  int   1 with a fund floor, 0 without
 * 60  int   CRC32C of bytes 0 to 59
 * </pre>
 *
 * Chronicle Queue ignores a file of another name in the queue's folder.
 */
public final class JournalSettings
{
    /** The record's file name in the journal's folder. */
    public static final String FILE_NAME = "engine-settings.rec";
    /** "LIQSETS1" read as a little-endian long. */
    public static final long MAGIC = 0x315354455351494CL;
    /** Version of this file format. */
    public static final int FORMAT_VERSION = 1;
    /** The file's length. */
    public static final int LENGTH = 64;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int CHECKSUM_OFFSET = 60;

    private JournalSettings()
    {
    }

    /**
     * @param journal the journal's folder.
     * @return where its settings record is.
     */
    public static Path file(final Path journal)
    {
        return journal.resolve(FILE_NAME);
    }

    /**
     * Reads and checks a journal's settings record.
     *
     * @param journal the journal's folder.
     * @return the settings, or null when the folder has no record (a new journal, or one written before records).
     * @throws JournalSettingsException when the record is damaged, naming the file and what is wrong.
     */
    public static RecordedSettings read(final Path journal)
    {
        final Path file = file(journal);
        if (!Files.exists(file))
        {
            return null;
        }
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw damaged(file, "cannot be read: " + ex);
        }
        if (bytes.length != LENGTH)
        {
            throw damaged(file, (bytes.length < LENGTH ? "truncated: " : "wrong length: ") + bytes.length
                + " bytes, a record has " + LENGTH);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        if (buffer.getLong(0, ORDER) != MAGIC)
        {
            throw damaged(file, "not a settings record (its first 8 bytes are not LIQSETS1)");
        }
        final int format = buffer.getInt(8, ORDER);
        if (format != FORMAT_VERSION)
        {
            throw damaged(file, "format version " + format + "; this engine reads format " + FORMAT_VERSION);
        }
        final int stored = buffer.getInt(CHECKSUM_OFFSET, ORDER);
        final int computed = crc(bytes);
        if (stored != computed)
        {
            throw damaged(file, String.format(
                "checksum mismatch: the file records CRC32C %08x, its bytes give %08x (damaged bytes)", stored,
                computed));
        }
        final int mode = buffer.getInt(40, ORDER);
        final int hasFloor = buffer.getInt(56, ORDER);
        if (mode < 0 || mode >= LiquidationMode.values().length || (hasFloor != 0 && hasFloor != 1))
        {
            throw damaged(file, "liquidation settings not valid (mode " + mode + ", fund floor flag " + hasFloor + ")");
        }
        final RecordedSettings settings = new RecordedSettings(buffer.getInt(12, ORDER), buffer.getInt(16, ORDER),
            buffer.getInt(20, ORDER), buffer.getLong(24, ORDER), buffer.getLong(32, ORDER),
            LiquidationMode.values()[mode], buffer.getInt(44, ORDER), hasFloor == 1, buffer.getLong(48, ORDER));
        try
        {
            settings.engineSettings();
        }
        catch (final IllegalArgumentException ex)
        {
            throw damaged(file, "a setting out of range: " + ex.getMessage());
        }
        if (settings.maxPositions() == RecordedSettings.NOT_RECORDED)
        {
            throw damaged(file, "a setting out of range: maxPositions 0");
        }
        return settings;
    }

    /**
     * Writes a journal's settings record atomically (temporary file, forced, renamed), replacing any.
     *
     * @param journal the journal's folder (created when missing).
     * @param settings the engine's settings, concluded.
     * @return the file.
     * @throws UncheckedIOException when it cannot be written.
     */
    public static Path write(final Path journal, final EngineSettings settings)
    {
        final RecordedSettings recorded = RecordedSettings.of(settings);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LENGTH]);
        buffer.putLong(0, MAGIC, ORDER);
        buffer.putInt(8, FORMAT_VERSION, ORDER);
        buffer.putInt(12, recorded.maxAccounts(), ORDER);
        buffer.putInt(16, recorded.maxInstruments(), ORDER);
        buffer.putInt(20, recorded.maxPositions(), ORDER);
        buffer.putLong(24, recorded.insuranceFundAccountId(), ORDER);
        buffer.putLong(32, recorded.marginCallRatio(), ORDER);
        buffer.putInt(40, recorded.liquidationMode().ordinal(), ORDER);
        buffer.putInt(44, recorded.maxOpenLiquidations(), ORDER);
        buffer.putLong(48, recorded.fundFloor(), ORDER);
        buffer.putInt(56, recorded.hasFundFloor() ? 1 : 0, ORDER);
        buffer.putInt(CHECKSUM_OFFSET, crc(buffer.byteArray()), ORDER);
        try
        {
            return SnapshotFile.writeAtomically(journal, FILE_NAME, buffer.byteArray(), LENGTH);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the journal's settings record " + file(journal), ex);
        }
    }

    /**
     * Checks that an engine may start on a journal with its settings, before anything is opened or written: with
     * a record, its settings must be the engine's (else {@link JournalSettingsException} naming each difference);
     * without one, the caller records the engine's settings with {@link #write} once the engine has started.
     *
     * @param journal the journal's folder.
     * @param settings the engine's settings, concluded.
     * @return true when the folder has a matching record, false when it has none.
     * @throws JournalSettingsException when the record is damaged or records other settings.
     */
    public static boolean check(final Path journal, final EngineSettings settings)
    {
        final RecordedSettings recorded = read(journal);
        if (recorded == null)
        {
            return false;
        }
        final String mismatch = recorded.mismatch(settings);
        if (mismatch != null)
        {
            throw new JournalSettingsException(file(journal), "the journal at " + journal + " was written with "
                + mismatch + " (its settings record " + file(journal) + "): start with the journal's settings, or "
                + "start a new journal folder (docs/operations.md, \"Changing an engine setting\")");
        }
        return true;
    }

    private static JournalSettingsException damaged(final Path file, final String reason)
    {
        return new JournalSettingsException(file, "the journal's settings record " + file + " is unusable: " + reason
            + ". Nothing was started. Restore the file from a copy of the journal's folder (another cluster member's "
            + "is the same), or delete it to record the settings of the next start: only when they are the ones the "
            + "journal was written with");
    }

    private static int crc(final byte[] bytes)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, CHECKSUM_OFFSET);
        return (int)crc.getValue();
    }
}
