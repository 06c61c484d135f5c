import com.liqengine.api.OutputSink;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.replay.JournalReplay;
import com.liqengine.replay.ReplayListener;
import com.liqengine.tools.engine.EngineConfigFile;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * One jar's engine fed a journal's inputs in blocks (loaded in a class loader of its own by ReplayInterleave):
 * setup reads every input of the journal into memory (by a replay with a listener), then each block applies the
 * next inputs to a fresh engine of the same settings and returns the thread's CPU and wall nanoseconds.
 */
public final class ReplayBlocks
{
    static byte[] bytes;
    static int[] offsets;
    static int[] lengths;
    static int count;
    static MarginStateMachine engine;
    static EngineSettings settings;
    static long outputs;
    static final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    static final OutputSink sink = (DirectBuffer buffer, int offset, int length) -> outputs++;

    public static int setup(final String journal) throws Exception
    {
        // the demo's journal is replayed with the defaults (no configuration file), as liq replay does outside a checkout
        settings = EngineConfigFile.readForCommand(Path.of("/nonexistent/engine.yaml"), true, System.err).engineSettings();
        final byte[][] into = {new byte[1 << 28]};
        final int[][] offs = {new int[1 << 22]};
        final int[][] lens = {new int[1 << 22]};
        final int[] at = {0};
        final ReplayListener copy = new ReplayListener()
        {
            @Override
            public void beforeInput(final long s, final DirectBuffer b, final int o, final int len, final MarginStateMachine e)
            {
                b.getBytes(o, into[0], at[0], len);
                offs[0][count] = at[0];
                lens[0][count] = len;
                at[0] += len;
                count++;
            }
        };
        new JournalReplay(settings).listener(copy).run(Path.of(journal));
        bytes = into[0];
        offsets = offs[0];
        lengths = lens[0];
        view.wrap(bytes);
        restart();
        return count;
    }

    public static void restart()
    {
        engine = new MarginStateMachine(settings, sink);
        outputs = 0;
    }

    /** Applies inputs [from, to); returns {wall ns, cpu ns}. */
    public static long[] block(final int from, final int to)
    {
        final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        final long c0 = bean.getCurrentThreadCpuTime();
        final long w0 = System.nanoTime();
        for (int n = from; n < to; n++)
        {
            engine.onInput(view, offsets[n], lengths[n]);
        }
        return new long[] {System.nanoTime() - w0, bean.getCurrentThreadCpuTime() - c0};
    }

    public static String result()
    {
        return "outputs " + outputs + " hash " + Long.toHexString(engine.stateHash());
    }
}
