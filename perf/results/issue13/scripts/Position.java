import com.liqengine.journal.InputQueueReader;
import java.nio.file.Path;
/** The two ways to position an input queue reader after N documents: poll through them (main before this branch) or moveToIndex. */
public class Position {
  public static void main(String[] a) throws Exception {
    Path queue = Path.of(a[0]);
    for (int round = 1; round <= 3; round++) {
      long n, lastIndex, t0 = System.nanoTime();
      try (InputQueueReader r = InputQueueReader.open(queue, true)) {
        r.toStart(); n = 0; int c;
        while ((c = r.poll((i, b, o, l) -> { }, 256)) > 0) n += c;
        lastIndex = r.lastReadIndex();
      }
      long skip = System.nanoTime() - t0;
      long t1 = System.nanoTime();
      try (InputQueueReader r = InputQueueReader.open(queue, true)) { r.resumeAfter(lastIndex); }
      long resume = System.nanoTime() - t1;
      System.out.printf("round %d: skipping %,d documents by reading them: %,d ms; resumeAfter(the last one's index): %,d ms (both including opening the queue); load %s%n",
        round, n, skip / 1_000_000, resume / 1_000_000, new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg")).clone()).split(" ")[0]);
    }
  }
}
