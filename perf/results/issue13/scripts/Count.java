import com.liqengine.journal.JournalReader;
import java.nio.file.Path;
public class Count { public static void main(String[] a){ for (String p : a) { try (JournalReader r = JournalReader.open(Path.of(p))) { long d=r.documentCount(), i=r.inputCount(); System.out.printf("%s: %,d inputs in %,d documents (%.1f inputs per document)%n", p, i, d, (double)i/d);} } } }
