package com.liqengine.tools.launch;

import com.liqengine.tools.Liq;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code liq} in a new JVM, with this JVM's Java, class path and the flags Chronicle and Agrona need: how
 * {@code liq demo --cluster} runs its three nodes, and how tests run {@code liq} as a separate process.
 */
public final class LiqJvm
{
    private LiqJvm()
    {
    }

    /**
     * @param log file that receives the process's standard output and error.
     * @param args the command and its options.
     * @return the process.
     * @throws IOException when it cannot start.
     */
    public static Process start(final Path log, final List<String> args) throws IOException
    {
        return new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * @param args the command and its options.
     * @return the whole command line.
     */
    public static List<String> command(final List<String> args)
    {
        return command(List.of(), args);
    }

    /**
     * @param jvmOptions options for the new JVM (a heap size, say), before the flags of this one.
     * @param args the command and its options.
     * @return the whole command line.
     */
    public static List<String> command(final List<String> jvmOptions, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // the module openings and switches of liq.jvm.flags (pom.xml), not a debugger's or a test runner's
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle") || flag.startsWith("--enable-native")
                || flag.startsWith("--sun-misc") || flag.startsWith("-Dagrona") || flag.startsWith("-Daeron"))
            {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Liq.class.getName());
        command.addAll(args);
        return command;
    }
}
