package com.liqengine.tools;

import com.liqengine.tools.launch.LiqJvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For the tests that run {@code liq} as a separate process: starting it and reading its log (the queues it
 * leaves are read with the journal module's {@code Queues}).
 */
public final class LiqProcess
{
    private LiqProcess()
    {
    }

    /**
     * The {@code paths:} section of an engine configuration whose input queue, journal, output queue and counters
     * file are all in {@code dir}.
     *
     * @param dir the folder.
     * @return the section's lines, each ending in a newline.
     */
    public static String pathsIn(final Path dir)
    {
        return "paths:\n"
            + "  inputQueue: " + dir.resolve("input") + "\n"
            + "  journal: " + dir.resolve("journal") + "\n"
            + "  outputs: " + dir.resolve("outputs") + "\n"
            + "  counters: " + dir.resolve("counters.dat") + "\n";
    }

    /**
     * Starts {@code liq} in a new JVM with this JVM's class path and the flags Chronicle needs.
     *
     * @param log file that receives its standard output and error.
     * @param args the command and its options.
     * @return the process.
     * @throws IOException when it cannot start.
     */
    public static Process start(final Path log, final String... args) throws IOException
    {
        return LiqJvm.start(log, List.of(args));
    }

    /**
     * @param log a process's log file.
     * @return what it holds so far ("" before the process wrote it).
     * @throws IOException when it cannot be read.
     */
    public static String log(final Path log) throws IOException
    {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
