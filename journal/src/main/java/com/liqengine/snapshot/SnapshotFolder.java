package com.liqengine.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The snapshot files in a folder, by name (docs/replay.md): listed newest (highest sequence) first, and the
 * retention that deletes all but the newest few. Files are judged by name only, not read: a damaged newest
 * snapshot still counts as one of those kept, which is why keeping at least two leaves recovery a predecessor.
 */
public final class SnapshotFolder
{
    private static final String TEMPORARY_SUFFIX = SnapshotFile.SUFFIX + ".tmp";

    private SnapshotFolder()
    {
    }

    /**
     * Snapshot files in a folder, newest first; unchecked. Anything else (a leftover {@code .tmp}) is left out.
     *
     * @param folder the folder (may not exist).
     * @return the files.
     */
    public static List<Path> list(final Path folder)
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder))
        {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, SnapshotFile.PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                if (SnapshotFile.sequenceOf(entry.getFileName().toString()) >= 0)
                {
                    files.add(entry);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the snapshot folder " + folder, ex);
        }
        files.sort(Comparator.comparingLong((Path p) -> SnapshotFile.sequenceOf(p.getFileName().toString()))
            .reversed());
        return files;
    }

    /**
     * Deletes every snapshot but the {@code keep} newest, and the temporary files of writes that never finished
     * (a process killed while writing) for sequences no newer than the newest kept.
     *
     * @param folder the folder.
     * @param keep snapshots to keep; 0 keeps them all.
     * @return snapshot files deleted.
     * @throws IOException when a file cannot be deleted.
     */
    public static int keepNewest(final Path folder, final int keep) throws IOException
    {
        if (keep <= 0)
        {
            return 0;
        }
        final List<Path> files = list(folder);
        int deleted = 0;
        for (int i = keep; i < files.size(); i++)
        {
            if (Files.deleteIfExists(files.get(i)))
            {
                deleted++;
            }
        }
        if (!files.isEmpty())
        {
            deleteUnfinished(folder, SnapshotFile.sequenceOf(files.get(0).getFileName().toString()));
        }
        return deleted;
    }

    private static void deleteUnfinished(final Path folder, final long newest) throws IOException
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, SnapshotFile.PREFIX + "*" +
            TEMPORARY_SUFFIX))
        {
            for (final Path entry : entries)
            {
                final String name = entry.getFileName().toString();
                final long sequence = SnapshotFile.sequenceOf(name.substring(0, name.length() - ".tmp".length()));
                if (sequence >= 0 && sequence <= newest)
                {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }
}
