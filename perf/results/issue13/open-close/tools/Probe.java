import java.util.SplittableRandom;
public final class Probe
{
    static int mask;
    static int home(long a, int i) { long h = a * 0x9E3779B97F4A7C15L + i * 0xC2B2AE3D27D4EB4FL; h ^= h >>> 31; h *= 0xBF58476D1CE4E5B9L; h ^= h >>> 29; return (int)h & mask; }
    public static void main(String[] x)
    {
        for (int positions : new int[] {1000, 100000})
        for (int instruments : new int[] {16, 1024})
        {
            int capacity = positions + 115 + instruments;
            long wanted = (long)(capacity / 0.65f) + 1; int size = 8; while (size < wanted) size <<= 1; mask = size - 1;
            boolean[] used = new boolean[size];
            SplittableRandom r = new SplittableRandom(7);
            int accounts = positions / 4; int n = 0;
            for (int a = 1; a <= accounts; a++) { java.util.Set<Integer> s = new java.util.HashSet<>(); while (s.size() < 4) s.add(r.nextInt(instruments));
                for (int i : s) { int h = home(a, i); while (used[h]) h = (h + 1) & mask; used[h] = true; n++; } }
            // average unsuccessful probe length from a random key's home
            long probes = 0; int trials = 100000;
            for (int t = 0; t < trials; t++) { int h = home(1 + r.nextInt(accounts), r.nextInt(instruments) + 100000); int p = 1; while (used[h]) { h = (h + 1) & mask; p++; } probes += p; }
            System.out.printf("positions %d instruments %d table %d load %.2f: mean unsuccessful probe %.2f%n", positions, instruments, size, n / (double)size, probes / (double)trials);
        }
    }
}
