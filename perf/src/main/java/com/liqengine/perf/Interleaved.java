package com.liqengine.perf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two or more builds of the engine in one JVM and one time window: each benchmarks jar in its own class loader, its
 * own {@link StateMachineBenchmark} building the same book, blocks of one operation alternating between them (A B,
 * then B A, ...), each block timed by the thread's CPU time. On a shared machine the load then falls on all alike,
 * and the ratio of each block to the first jar's block beside it is the figure to read (JMH runs, one JVM after
 * the other, move by more than the differences sought: docs/performance.md).
 */
public final class Interleaved
{
    private static final String USAGE = String.join("\n",
        "usage: java -cp perf/target/benchmarks.jar com.liqengine.perf.Interleaved [options] JAR JAR...",
        "  Runs one StateMachineBenchmark operation of each benchmarks jar (perf/target/benchmarks.jar of a build,",
        "  from this version on) in its own class loader, in alternating blocks, and prints per jar the median and",
        "  minimum thread CPU ns per operation and the per-block ratio to the first jar (median and quartiles).",
        "options:",
        "  --benchmark NAME    fill (default), fillCrossFiftyPositions, fillAfterTick, fillOpenClose,",
        "                      tickLiquidatingNobody, tickLiquidatingOne, funding",
        "  --positions N       open positions in the book (default 1000000)",
        "  --instruments N     instruments defined (default 1024)",
        "  --book ORDER        account (default) or scattered: the order the book's positions are opened in",
        "  --fund-floor        with a fund floor of 0 (the ADL queues kept)",
        "  --blocks N          measured blocks per jar (default 100)",
        "  --ops N             operations per block (default 20000)",
        "  --warmup N          blocks per jar before the measured ones (default 30)");

    private final Options options;
    private final List<Engine> engines = new ArrayList<>();

    private Interleaved(final Options options)
    {
        this.options = options;
    }

    public static void main(final String[] args) throws Exception
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException e)
        {
            System.err.println("Interleaved: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help)
        {
            System.out.println(USAGE);
            return;
        }
        try
        {
            new Interleaved(options).run();
        }
        catch (final IllegalArgumentException | IllegalStateException e)
        {
            // a jar that cannot run the benchmark, or a block that failed its check: the reason, not a trace
            System.err.println("Interleaved: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Exception
    {
        System.out.printf("%s, %,d positions, %d instruments, book %s%s: %d blocks of %,d after %d warm-up blocks%n",
            options.benchmark, options.positions, options.instruments, options.book,
            options.fundFloor ? ", fund floor" : "", options.blocks, options.ops, options.warmup);
        System.out.println("load before: " + load());
        for (final Path jar : options.jars)
        {
            System.out.println("building the book of " + jar + " ...");
            engines.add(new Engine(jar, options));
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final int n = engines.size();
        final double[][] cpu = new double[n][options.blocks];
        for (int b = -options.warmup; b < options.blocks; b++)
        {
            for (int k = 0; k < n; k++)
            {
                // every other round in reverse, so that no jar always runs right after another
                final int j = (b & 1) == 0 ? k : n - 1 - k;
                final double ns = engines.get(j).block(threads, options.ops);
                if (b >= 0)
                {
                    cpu[j][b] = ns;
                }
            }
        }
        System.out.println("load after: " + load());
        for (int j = 0; j < n; j++)
        {
            final double[] ratio = new double[options.blocks];
            for (int b = 0; b < options.blocks; b++)
            {
                ratio[b] = cpu[j][b] / cpu[0][b];
            }
            final double[] sorted = cpu[j].clone();
            Arrays.sort(sorted);
            Arrays.sort(ratio);
            System.out.printf("  %-40s cpu ns/op median %7.1f min %7.1f | to the first: median %.3f (quartiles %.3f"
                + " to %.3f)%n", options.jars.get(j), quantile(sorted, 0.5), sorted[0], quantile(ratio, 0.5),
                quantile(ratio, 0.25), quantile(ratio, 0.75));
        }
    }

    /** The value at fraction {@code q} of a sorted array (the lower one of two middles). */
    static double quantile(final double[] sorted, final double q)
    {
        return sorted[(int)Math.floor(q * (sorted.length - 1))];
    }

    private static String load()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (final java.io.IOException e)
        {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** One jar's benchmark state, reached by reflection: its classes are not this class loader's. */
    private static final class Engine
    {
        private final Object state;
        private final Method before;
        private final Method repeat;
        private final Method check;

        Engine(final Path jar, final Options options) throws Exception
        {
            final URLClassLoader loader = new URLClassLoader(
                new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            final Class<?> type = loader.loadClass(StateMachineBenchmark.class.getName());
            state = type.getConstructor().newInstance();
            type.getField("positions").setInt(state, options.positions);
            type.getField("instruments").setInt(state, options.instruments);
            type.getField("indexed").setBoolean(state, true);
            type.getField("fundFloor").setBoolean(state, options.fundFloor);
            final Method setUp;
            try
            {
                type.getField("book").set(state, options.book);
                setUp = type.getMethod("setUp", String.class);
                repeat = type.getMethod("repeat", int.class);
            }
            catch (final NoSuchFieldException | NoSuchMethodException e)
            {
                throw new IllegalArgumentException(jar + " is a benchmarks jar from before Interleaved (no " +
                    e.getMessage() + "): build one from this version on", e);
            }
            before = type.getMethod("beforeIteration");
            check = type.getMethod("checkIteration");
            invoke(setUp, options.benchmark);
        }

        /** Thread CPU ns per operation over one block; the block is checked as a JMH iteration would be. */
        double block(final ThreadMXBean threads, final int ops) throws Exception
        {
            invoke(before);
            final long start = threads.getCurrentThreadCpuTime();
            invoke(repeat, ops);
            final long cpu = threads.getCurrentThreadCpuTime() - start;
            invoke(check);
            return cpu / (double)ops;
        }

        private void invoke(final Method method, final Object... args) throws Exception
        {
            try
            {
                method.invoke(state, args);
            }
            catch (final InvocationTargetException e)
            {
                throw e.getCause() instanceof Exception ? (Exception)e.getCause() : e;
            }
        }
    }

    /** The command line, checked. */
    static final class Options
    {
        String benchmark = "fill";
        int positions = 1_000_000;
        int instruments = 1024;
        String book = "account";
        boolean fundFloor;
        int blocks = 100;
        int ops = 20_000;
        int warmup = 30;
        boolean help;
        final List<Path> jars = new ArrayList<>();

        static Options parse(final String[] args)
        {
            final Options o = new Options();
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                switch (arg)
                {
                    case "--help", "-h" -> o.help = true;
                    case "--fund-floor" -> o.fundFloor = true;
                    case "--benchmark" -> o.benchmark = value(args, ++i, arg);
                    case "--book" -> o.book = value(args, ++i, arg);
                    case "--positions" -> o.positions = count(args, ++i, arg, 1);
                    case "--instruments" -> o.instruments = count(args, ++i, arg, 1);
                    case "--blocks" -> o.blocks = count(args, ++i, arg, 1);
                    case "--ops" -> o.ops = count(args, ++i, arg, 1);
                    case "--warmup" -> o.warmup = count(args, ++i, arg, 0);
                    default ->
                    {
                        if (arg.startsWith("-"))
                        {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        final Path jar = Path.of(arg);
                        if (!Files.isRegularFile(jar))
                        {
                            throw new IllegalArgumentException("no jar at " + arg);
                        }
                        o.jars.add(jar);
                    }
                }
            }
            if (!o.help && o.jars.isEmpty())
            {
                throw new IllegalArgumentException("give at least one benchmarks jar");
            }
            if (!"account".equals(o.book) && !"scattered".equals(o.book))
            {
                throw new IllegalArgumentException("--book is account or scattered, not " + o.book);
            }
            return o;
        }

        private static String value(final String[] args, final int i, final String option)
        {
            if (i >= args.length)
            {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int count(final String[] args, final int i, final String option, final int least)
        {
            final String text = value(args, i, option);
            try
            {
                final int v = Integer.parseInt(text);
                if (v >= least)
                {
                    return v;
                }
            }
            catch (final NumberFormatException ignored)
            {
                // reported below, as a value out of range is
            }
            throw new IllegalArgumentException(option + " is a whole number of at least " + least + ", not " + text);
        }
    }
}
