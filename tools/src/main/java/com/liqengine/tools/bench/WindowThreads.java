package com.liqengine.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The threads of one measured window: the handler that applies (or passes through) the events, the publishing
 * thread, and the other threads of the JVM that took a core meanwhile (the JIT compilers, GC, Chronicle's), each
 * as the kernel accounted it (see {@link ThreadUsage}).
 *
 * @param handler the ring's last handler, or null when not found.
 * @param publisher the thread that published, or null when not found.
 * @param others every other thread with CPU time in the window, busiest first.
 */
record WindowThreads(ThreadUsage handler, ThreadUsage publisher, List<ThreadUsage> others)
{
    /** The handler name of a window whose work is done on the publishing thread (the bare Chronicle appends). */
    static final String NO_HANDLER = "";

    /** Threads using less than this in a window are left out of the report. */
    private static final long NOTABLE_CPU_NANOS = 1_000_000;

    /** A reading at the start of a window. */
    record Start(Map<String, ThreadUsage> threads, String publisherId)
    {
        /** Reads every thread now; call it on the publishing thread. */
        static Start now()
        {
            return new Start(ThreadAccounting.all(), currentThreadId());
        }

        /**
         * @param handlerName the handler thread's name (or its first 15 characters, which the kernel keeps).
         * @return what happened since this reading.
         */
        WindowThreads end(final String handlerName)
        {
            ThreadUsage handler = null;
            ThreadUsage publisher = null;
            final List<ThreadUsage> others = new ArrayList<>();
            final Map<String, ThreadUsage> after = ThreadAccounting.all();
            for (final Map.Entry<String, ThreadUsage> e : after.entrySet())
            {
                final ThreadUsage earlier = threads.get(e.getKey());
                final ThreadUsage used = earlier == null ? e.getValue() : e.getValue().since(earlier);
                if (e.getKey().equals(publisherId))
                {
                    publisher = used;
                }
                else if (!handlerName.isEmpty() && handlerName.startsWith(used.name()) && handler == null)
                {
                    handler = used;
                }
                else if (used.cpuNanos() >= NOTABLE_CPU_NANOS)
                {
                    others.add(used);
                }
            }
            others.sort((a, b) -> Long.compare(b.cpuNanos(), a.cpuNanos()));
            return new WindowThreads(handler, publisher, others);
        }
    }

    /** A table row's cells for one thread: CPU, run-queue wait, switches, faults. */
    static String cells(final ThreadUsage t)
    {
        if (t == null)
        {
            return " | | | | |";
        }
        return String.format(Locale.ROOT, " %.0f | %.1f | %,d / %,d | %,d |", t.cpuNanos() / 1e6,
            t.runQueueNanos() / 1e6, t.involuntarySwitches(), t.voluntarySwitches(), t.minorFaults() + t.majorFaults());
    }

    /** The busiest other threads, "name ms" each. */
    String othersCell(final int count)
    {
        final StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(count, others.size()); i++)
        {
            final ThreadUsage t = others.get(i);
            s.append(i == 0 ? "" : ", ").append(t.name()).append(' ')
                .append(String.format(Locale.ROOT, "%.0f", t.cpuNanos() / 1e6));
        }
        return s.toString();
    }

    private static String currentThreadId()
    {
        try
        {
            // "PID/task/TID"
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            return "";
        }
    }
}
