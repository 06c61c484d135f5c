package com.liqengine.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Interns every string literal of the classes that hold a given class (a classes directory or a jar), for
 * allocation tests. HotSpot resolves a class's string constants lazily, on the application thread, when C2 is
 * first asked to compile one of its methods; a literal not yet interned is allocated then (a String and its
 * bytes, once per literal). When that first request comes depends on the JIT's queue, so on a busy machine it
 * can land inside a measured window long after warm-up. Interned beforehand, the resolution finds every literal
 * in the string table and allocates nothing. The engine's own code is not involved.
 */
public final class StringConstants
{
    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    private StringConstants()
    {
    }

    /**
     * Interns the string literals of every class beside each given class (same directory tree or jar).
     *
     * @param anchors one class from each code source.
     * @return how many literals were interned.
     */
    public static int intern(final Class<?>... anchors)
    {
        int count = 0;
        for (final Class<?> anchor : anchors)
        {
            try
            {
                final Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
                for (final byte[] classFile : classFiles(source))
                {
                    for (final String literal : literals(classFile))
                    {
                        literal.intern();
                        count++;
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final URISyntaxException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return count;
    }

    private static List<byte[]> classFiles(final Path source) throws IOException
    {
        final List<byte[]> files = new ArrayList<>();
        if (Files.isDirectory(source))
        {
            try (Stream<Path> paths = Files.walk(source))
            {
                for (final Path path : (Iterable<Path>)paths::iterator)
                {
                    if (path.toString().endsWith(".class"))
                    {
                        files.add(Files.readAllBytes(path));
                    }
                }
            }
            return files;
        }
        try (ZipFile jar = new ZipFile(source.toFile()))
        {
            final Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements())
            {
                final ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/"))
                {
                    try (InputStream in = jar.getInputStream(entry))
                    {
                        files.add(in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    /** The CONSTANT_String entries of a class file's constant pool (JVMS 4.4). */
    private static List<String> literals(final byte[] classFile) throws IOException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        final int count = in.readUnsignedShort();
        final String[] utf8 = new String[count];
        final int[] strings = new int[count];
        int stringCount = 0;
        for (int i = 1; i < count; i++)
        {
            final int tag = in.readUnsignedByte();
            switch (tag)
            {
                case UTF8 -> utf8[i] = in.readUTF();
                case INTEGER, FLOAT -> in.readInt();
                case LONG, DOUBLE ->
                {
                    in.readLong();
                    i++;
                }
                case CLASS, METHOD_TYPE, MODULE, PACKAGE -> in.readUnsignedShort();
                case STRING -> strings[stringCount++] = in.readUnsignedShort();
                case METHOD_HANDLE ->
                {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> in.readInt();
            }
        }
        final List<String> literals = new ArrayList<>(stringCount);
        for (int s = 0; s < stringCount; s++)
        {
            literals.add(utf8[strings[s]]);
        }
        return literals;
    }
}
