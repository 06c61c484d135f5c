import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Old against new on a journal in one JVM: each jar's engine in its own class loader, the journal's inputs applied
 * in blocks alternating between the jars (A B, then B A), several passes (a fresh engine each; the first passes are
 * warm-up), so that the machine's load falls on all alike. Prints per jar the total thread CPU of the measured
 * passes, per input, and the median and quartiles of the per-block CPU ratio to the first jar.
 * Usage: ReplayInterleave journal blockInputs warmupPasses passes jar...
 */
public final class ReplayInterleave
{
    public static void main(final String[] args) throws Exception
    {
        final String journal = args[0];
        final int blockInputs = Integer.parseInt(args[1]);
        final int warmup = Integer.parseInt(args[2]);
        final int passes = Integer.parseInt(args[3]);
        final int n = args.length - 4;
        final Method[] block = new Method[n];
        final Method[] restart = new Method[n];
        final Method[] result = new Method[n];
        int count = 0;
        for (int j = 0; j < n; j++)
        {
            final URLClassLoader loader = new URLClassLoader(new URL[] {
                Path.of("/tmp/open/h/").toUri().toURL(), Path.of(args[4 + j]).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
            final Class<?> c = loader.loadClass("ReplayBlocks");
            count = (Integer)c.getMethod("setup", String.class).invoke(null, journal);
            block[j] = c.getMethod("block", int.class, int.class);
            restart[j] = c.getMethod("restart");
            result[j] = c.getMethod("result");
        }
        final int blocks = (count + blockInputs - 1) / blockInputs;
        final double[][] cpu = new double[n][blocks * passes];
        final double[] total = new double[n];
        for (int p = -warmup; p < passes; p++)
        {
            for (int j = 0; j < n; j++)
            {
                restart[j].invoke(null);
            }
            for (int b = 0; b < blocks; b++)
            {
                final int from = b * blockInputs;
                final int to = Math.min(count, from + blockInputs);
                for (int jj = 0; jj < n; jj++)
                {
                    final int j = ((b + p) & 1) == 0 ? jj : n - 1 - jj;
                    final long[] r = (long[])block[j].invoke(null, from, to);
                    if (p >= 0)
                    {
                        cpu[j][p * blocks + b] = r[1];
                        total[j] += r[1];
                    }
                }
            }
        }
        System.out.printf("%s: %d inputs, blocks of %d, %d warm-up passes, %d measured, load %s%n", journal, count,
            blockInputs, warmup, passes, new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).trim());
        for (int j = 0; j < n; j++)
        {
            final double[] ratio = new double[blocks * passes];
            for (int b = 0; b < ratio.length; b++)
            {
                ratio[b] = cpu[j][b] / cpu[0][b];
            }
            Arrays.sort(ratio);
            System.out.printf("  %-16s cpu %.0f ns per input (total of the measured passes / inputs) | cpu/first per block:"
                + " median %.3f (quartiles %.3f %.3f) | total/first %.3f | %s%n", Path.of(args[4 + j]).getFileName(),
                total[j] / ((double)count * passes), ratio[ratio.length / 2], ratio[ratio.length / 4],
                ratio[3 * ratio.length / 4], total[j] / total[0], result[j].invoke(null));
        }
    }
}
