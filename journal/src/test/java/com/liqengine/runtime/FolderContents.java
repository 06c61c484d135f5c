package com.liqengine.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a folder holds, file by file, for tests that check a refused start wrote nothing.
 */
public final class FolderContents
{
    private FolderContents()
    {
    }

    /**
     * @param folder a folder.
     * @return every file under it (its path relative to the folder) with the SHA-256 of its bytes, sorted.
     */
    public static Map<String, String> of(final Path folder)
    {
        final Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                contents.put(folder.relativize(file).toString(),
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        return contents;
    }
}
