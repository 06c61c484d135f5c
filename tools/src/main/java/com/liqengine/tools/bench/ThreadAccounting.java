package com.liqengine.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every thread of this JVM from {@code /proc/self/task} (Linux; elsewhere there is nothing to read and the
 * readings are empty). Read between measured windows only: it allocates.
 */
final class ThreadAccounting
{
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadAccounting()
    {
    }

    /**
     * @return every thread of the process now, by thread id; empty where /proc is not there.
     */
    static Map<String, ThreadUsage> all()
    {
        final Map<String, ThreadUsage> threads = new HashMap<>();
        if (!Files.isDirectory(TASKS))
        {
            return threads;
        }
        try (Stream<Path> tasks = Files.list(TASKS))
        {
            for (final Path task : tasks.toList())
            {
                final ThreadUsage usage = read(task);
                if (usage != null)
                {
                    threads.put(task.getFileName().toString(), usage);
                }
            }
        }
        catch (final IOException ex)
        {
            return threads;
        }
        return threads;
    }

    /** One thread's files; null when it ended while being read. */
    static ThreadUsage read(final Path task)
    {
        try
        {
            final String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            final String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            // fields after the name: state is field 3 of proc(5); minflt is 10, majflt 12
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            final String[] sched = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII).trim()
                .split(" ");
            long voluntary = 0;
            long involuntary = 0;
            for (final String line : Files.readAllLines(task.resolve("status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("voluntary_ctxt_switches:"))
                {
                    voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                else if (line.startsWith("nonvoluntary_ctxt_switches:"))
                {
                    involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return new ThreadUsage(name, Long.parseLong(sched[0]), Long.parseLong(sched[1]), voluntary, involuntary,
                Long.parseLong(fields[10 - 3]), Long.parseLong(fields[12 - 3]));
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
