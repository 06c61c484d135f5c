package com.liqengine.tools;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle") || flag.startsWith("--enable-native")
                || flag.startsWith("--sun-misc"))
            {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Liq.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
