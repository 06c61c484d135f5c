import com.liqengine.codec.FillDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.replay.JournalReplay;
import com.liqengine.replay.ReplayListener;
import com.liqengine.tools.engine.EngineConfigFile;
import org.agrona.DirectBuffer;
import java.nio.file.Path;

/** Counts, over a journal's replay, the fills that store a slot (open) and the inputs that release slots. */
public final class OpenCount
{
    public static void main(final String[] args) throws Exception
    {
        final var config = EngineConfigFile.readForCommand(Path.of(args.length > 1 ? args[1] : "/nonexistent/engine.yaml"), true, System.err);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final long[] c = new long[8];
        final long[] flat = new long[3];
        final long[] before = new long[2];
        final FillDecoder fd = new FillDecoder();
        final ReplayListener l = new ReplayListener()
        {
            public void beforeInput(long s, DirectBuffer b, int o, int len, MarginStateMachine e)
            {
                before[0] = e.storedSlotCount();
                header.wrap(b, o);
                if (header.templateId() == FillDecoder.TEMPLATE_ID) { fd.wrapAndApplyHeader(b, o, header); before[1] = e.positionSize(fd.accountId(), fd.instrumentId()); }
            }
            public void afterInput(long s, DirectBuffer b, int o, int len, MarginStateMachine e)
            {
                header.wrap(b, o);
                final boolean fill = header.templateId() == FillDecoder.TEMPLATE_ID;
                final long d = e.storedSlotCount() - before[0];
                c[fill ? 0 : 4]++;
                if (d > 0) c[fill ? 1 : 5] += d;
                if (d < 0) c[fill ? 2 : 6] -= d;
                if (d != 0) c[fill ? 3 : 7]++;
                if (fill) { fd.wrapAndApplyHeader(b, o, header); final long after = e.positionSize(fd.accountId(), fd.instrumentId()); if (before[1] == 0 && after != 0) flat[0]++; if (before[1] != 0 && after == 0) flat[1]++; if (before[1] != 0 && after != 0 && Long.signum(before[1]) != Long.signum(after)) flat[2]++; }
            }
        };
        new JournalReplay(config.engineSettings()).listener(l).run(Path.of(args[0]));
        System.out.printf("fills %d: slots stored %d, released %d, fills changing the count %d%n", c[0], c[1], c[2], c[3]);
        System.out.printf("fills from flat %d, to flat %d, flips %d%n", flat[0], flat[1], flat[2]);
        System.out.printf("other inputs %d: slots stored %d, released %d, inputs changing the count %d%n", c[4], c[5], c[6], c[7]);
    }
}
