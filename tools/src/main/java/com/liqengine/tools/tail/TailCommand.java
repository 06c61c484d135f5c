package com.liqengine.tools.tail;

import com.liqengine.api.OutputRecord;
import com.liqengine.journal.JournalCorruptedException;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.engine.EngineConfigFile;
import com.liqengine.tools.engine.InstrumentBook;
import com.liqengine.tools.simulate.EventView;
import com.liqengine.tools.simulate.Json;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq tail}: prints an engine's output queue as JSON lines, from another process, in the format of
 * {@code liq simulate --json} (docs/simulate.md). Symbols and decimals come from the instrument definitions in
 * the engine's journal.
 */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    description = "Prints the engine's outputs (liquidations, takeovers, margin calls, acknowledgements) as JSON "
        + "lines, as 'liq simulate --json' does; --follow keeps printing new ones.")
public final class TailCommand implements Callable<Integer>
{
    @Option(names = "--config", defaultValue = "config/engine.yaml",
        description = "The engine configuration naming the output queue and journal (default: ${DEFAULT-VALUE}).")
    private java.nio.file.Path configFile;

    @Option(names = "--follow", description = "Keep waiting for new outputs until interrupted.")
    private boolean follow;

    @Option(names = "--type", description = "Only outputs of this type, e.g. LiquidationTriggered.")
    private String type;

    private final PrintStream out;
    private final PrintStream err;
    private MarginStateMachine instruments;

    /** A command printing to standard output and error. */
    public TailCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where outputs go.
     * @param err where problems go.
     */
    public TailCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final EngineConfig config = EngineConfigFile.readForCommand(configFile, false, err);
        if (config == null)
        {
            return 2;
        }
        if (!Files.isDirectory(config.outputs()))
        {
            err.println("liq tail: no output queue at " + config.outputs() + " (has the engine run?)");
            return 2;
        }
        learnInstruments(config);
        try (OutputQueueReader reader = OutputQueueReader.open(config.outputs(), true))
        {
            reader.toStart();
            do
            {
                if (reader.poll((position, buffer, offset, length) -> print(config, buffer, offset, length), 1_000)
                    == 0)
                {
                    if (!follow)
                    {
                        break;
                    }
                    LockSupport.parkNanos(10_000_000);
                }
            }
            while (!Thread.currentThread().isInterrupted());
        }
        catch (final JournalCorruptedException ex)
        {
            out.flush();
            err.println("liq tail: " + ex.getMessage());
            return 3;
        }
        return 0;
    }

    private void print(final EngineConfig config, final DirectBuffer buffer, final int offset, final int length)
    {
        final OutputRecord record = OutputRecord.decode(buffer, offset, length);
        if (type != null && !type.equals(record.type()))
        {
            return;
        }
        final Long instrument = record.fields().get("instrumentId");
        if (instrument != null && instrument >= 0 && !instruments.hasInstrument(instrument.intValue()))
        {
            learnInstruments(config);
        }
        if (instrument != null && instrument >= 0 && !instruments.hasInstrument(instrument.intValue()))
        {
            out.println(Json.write(record.fields()));
            return;
        }
        out.println(Json.write(EventView.of(record, instruments)));
    }

    /** Symbols and scales from the journal's instrument definitions. */
    private void learnInstruments(final EngineConfig config)
    {
        instruments = InstrumentBook.of(config.journal(), config.maxInstruments()).instruments();
    }
}
