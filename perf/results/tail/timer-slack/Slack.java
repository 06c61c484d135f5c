import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

public class Slack {
    public interface C extends Library { int prctl(int option, long a2, long a3, long a4, long a5); }
    static void idleCost(String label) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime(), n = 0;
        while (System.nanoTime() - t0 < 2_000_000_000L) { LockSupport.parkNanos(100); n++; }
        System.out.printf("%s: parking 2 s in parkNanos(100): %,d wake-ups/s, %.1f%% of a core%n", label,
            n / 2, 100.0 * (mx.getCurrentThreadCpuTime() - cpu0) / (System.nanoTime() - t0));
    }
    static void measure(String label) {
        long[] d = new long[20000];
        for (int i = 0; i < d.length; i++) { long t = System.nanoTime(); LockSupport.parkNanos(100); d[i] = System.nanoTime() - t; }
        Arrays.sort(d);
        System.out.printf("%s: parkNanos(100) took p50 %.1f us, p90 %.1f us, p99 %.1f us%n", label, d[d.length/2]/1e3, d[d.length*9/10]/1e3, d[d.length*99/100]/1e3);
    }
    public static void main(String[] a) {
        C c = Native.load("c", C.class);
        System.out.println("timer slack ns: " + c.prctl(30, 0,0,0,0));
        measure("default slack");
        idleCost("default slack");
        System.out.println("set: " + c.prctl(29, 1000, 0,0,0) + ", now " + c.prctl(30,0,0,0,0));
        measure("slack 1 us");
        idleCost("slack 1 us");
    }
}
