import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Old against new in one JVM and one time window: each jar's engine in its own class loader, blocks of fills
 * alternating between them (A B A B ...), so that the machine's load falls on both alike. Prints, per jar, the
 * median and min wall and CPU ns per fill over the measured blocks, and the median of the per-pair ratios.
 * Usage: InterleaveMixed positions instruments fill|cross50 blocks opsPerBlock warmupBlocks jar...
 * where a jar may be given as jar@harness-classes@instruments: its own CpuTimeFill build and number of instruments
 * (the dense engine a813d1b: its CpuTimeFill without maxPositions, 4 instruments).
 */
public final class InterleaveMixed
{
    public static void main(final String[] args) throws Exception
    {
        final int positions = Integer.parseInt(args[0]);
        final int instruments = Integer.parseInt(args[1]);
        final boolean cross = "cross50".equals(args[2]);
        final int blocks = Integer.parseInt(args[3]);
        final int ops = Integer.parseInt(args[4]);
        final int warmup = Integer.parseInt(args[5]);
        final int n = args.length - 6;
        final Method[] block = new Method[n];
        final Method[] outputs = new Method[n];
        final String[] names = new String[n];
        for (int j = 0; j < n; j++)
        {
            final String[] spec = args[6 + j].split("@");
            final String harness = spec.length > 1 ? spec[1] : System.getProperty("harness", "/work/harness/h/");
            final int ownInstruments = spec.length > 2 ? Integer.parseInt(spec[2]) : instruments;
            names[j] = Path.of(spec[0]).getFileName().toString() + "@" + ownInstruments;
            final URLClassLoader loader = new URLClassLoader(new URL[] {
                Path.of(harness).toUri().toURL(), Path.of(spec[0]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
            final Class<?> c = loader.loadClass("CpuTimeFill");
            c.getMethod("setup", int.class, int.class, boolean.class).invoke(null, positions, ownInstruments, cross);
            block[j] = c.getMethod("block", int.class);
            outputs[j] = c.getMethod("outputs");
        }
        final double[][] wall = new double[n][blocks];
        final double[][] cpu = new double[n][blocks];
        for (int b = -warmup; b < blocks; b++)
        {
            for (int jj = 0; jj < n; jj++)
            {
                // alternate which goes first
                final int j = (b & 1) == 0 ? jj : n - 1 - jj;
                final long[] r = (long[])block[j].invoke(null, ops);
                if (b >= 0)
                {
                    wall[j][b] = r[0] / (double)ops;
                    cpu[j][b] = r[1] / (double)ops;
                }
            }
        }
        System.out.printf("%s positions=%d instruments=%d, %d blocks of %d after %d warm-up blocks, load %s%n",
            cross ? "cross50" : "fill", positions, instruments, blocks, ops, warmup,
            new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).trim());
        for (int j = 0; j < n; j++)
        {
            final double[] w = wall[j].clone();
            final double[] c = cpu[j].clone();
            Arrays.sort(w);
            Arrays.sort(c);
            final double[] ratio = new double[blocks];
            for (int b = 0; b < blocks; b++)
            {
                ratio[b] = wall[j][b] / wall[0][b];
            }
            Arrays.sort(ratio);
            System.out.printf("  %-22s wall median %6.0f min %6.0f | cpu median %6.0f min %6.0f | wall/first: median %.3f"
                + " (quartiles %.3f %.3f) | outputs %s%n", names[j], w[blocks / 2], w[0], c[blocks / 2], c[0],
                ratio[blocks / 2], ratio[blocks / 4], ratio[3 * blocks / 4], outputs[j].invoke(null));
        }
    }
}
