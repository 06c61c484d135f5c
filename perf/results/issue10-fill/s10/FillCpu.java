import java.util.Arrays;

/**
 * One engine in this JVM: CpuTimeFill's book (../../issue10-records/CpuTimeFill.java, StateMachineBenchmark's book)
 * and its fill or 50-position fill, timed per block by the thread's CPU time, after a warm-up. Prints the minimum,
 * the quartiles and the median ns per fill over the blocks. For flags that differ per JVM (large pages), where the
 * one-JVM interleaving of Interleave.java cannot be used: run it alternately with and without the flag.
 * Usage: java -cp benchmarks.jar:<CpuTimeFill classes>:. FillCpu positions instruments fill|cross50 warmupS blocks opsPerBlock
 */
public final class FillCpu
{
    public static void main(final String[] args) throws Exception
    {
        final long started = System.nanoTime();
        CpuTimeFill.setup(Integer.parseInt(args[0]), Integer.parseInt(args[1]), "cross50".equals(args[2]));
        final long built = System.nanoTime();
        final long warmupEnd = built + Long.parseLong(args[3]) * 1_000_000_000L;
        final int blocks = Integer.parseInt(args[4]);
        final int ops = Integer.parseInt(args[5]);
        while (System.nanoTime() < warmupEnd)
        {
            CpuTimeFill.block(ops);
        }
        final double[] cpu = new double[blocks];
        for (int b = 0; b < blocks; b++)
        {
            cpu[b] = CpuTimeFill.block(ops)[1] / (double)ops;
        }
        Arrays.sort(cpu);
        System.out.printf("%s positions=%s instruments=%s: book built in %.0f s; %d blocks of %d: cpu ns per fill min %.0f"
            + " q1 %.0f median %.0f q3 %.0f; load %s; outputs %s%n", args[2], args[0], args[1], (built - started) / 1e9,
            blocks, ops, cpu[0], cpu[blocks / 4], cpu[blocks / 2], cpu[3 * blocks / 4],
            new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim(),
            CpuTimeFill.outputs());
    }
}
