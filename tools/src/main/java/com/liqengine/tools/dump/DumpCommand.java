package com.liqengine.tools.dump;

import com.liqengine.api.OutputRecord;
import com.liqengine.journal.JournalCorruptedException;
import com.liqengine.journal.JournalReader;
import com.liqengine.pipeline.InputSlot;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.snapshot.Snapshot;
import com.liqengine.snapshot.SnapshotCorruptedException;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.tools.engine.EngineConfigFile;
import com.liqengine.tools.engine.InstrumentBook;
import com.liqengine.tools.simulate.EventView;
import com.liqengine.tools.simulate.FinalState;
import com.liqengine.tools.simulate.Json;
import com.liqengine.tools.simulate.JsonReport;
import com.liqengine.tools.simulate.TimelineReport;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code liq dump}: prints an input journal or an output queue as text or JSON lines, with filters by type,
 * account, instrument and sequence range, and shows what a snapshot file holds (docs/replay.md).
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
        "Prints an input journal (--journal) or an output queue (--outputs) one message a line, as text or JSON "
            + "lines (--json), or a snapshot file (--snapshot). Symbols and decimals come from the journal's "
            + "instrument definitions.",
        "Without --journal, --outputs or --snapshot, dumps the journal of the configuration."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:bad options or nothing to read", "3:a damaged journal or snapshot"})
public final class DumpCommand implements Callable<Integer>
{
    @Option(names = "--config", defaultValue = "config/engine.yaml",
        description = "The engine configuration, for the default journal and the settings (default: "
            + "${DEFAULT-VALUE}; its defaults when the file is missing).")
    private Path configFile;

    @Option(names = "--journal", paramLabel = "DIR", description = "The input journal to print, or with --outputs "
        + "the journal whose instrument definitions give symbols and decimals.")
    private Path journal;

    @Option(names = "--outputs", paramLabel = "DIR", description = "Print this output queue.")
    private Path outputs;

    @Option(names = "--snapshot", paramLabel = "FILE", description = "Print this snapshot file: its header, whether "
        + "its checksum holds, and the state it holds.")
    private Path snapshot;

    @Option(names = "--json", description = "One JSON object a line.")
    private boolean json;

    @Option(names = "--type", split = ",", paramLabel = "TYPE",
        description = "Only these message types (e.g. Fill,LiquidationTriggered).")
    private List<String> types;

    @Option(names = "--account", paramLabel = "ID", description = "Only messages about this account.")
    private Long account;

    @Option(names = "--instrument", paramLabel = "ID|SYMBOL", description = "Only messages about this instrument.")
    private String instrument;

    @Option(names = "--from", paramLabel = "SEQ", defaultValue = "1",
        description = "From this input sequence (default 1).")
    private long from;

    @Option(names = "--to", paramLabel = "SEQ", defaultValue = "" + Long.MAX_VALUE,
        description = "To this input sequence, included (default: the end).")
    private long to;

    private final PrintStream out;
    private final PrintStream err;
    private InstrumentBook book;
    private MarginStateMachine instruments;
    private Set<String> typeSet;
    private long printed;

    /** A command printing to standard output and error. */
    public DumpCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where messages go.
     * @param err where problems go.
     */
    public DumpCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final EngineConfig config = EngineConfigFile.readForCommand(configFile, true, err);
        if (config == null)
        {
            return 2;
        }
        typeSet = types == null ? null : new HashSet<>(types);
        book = new InstrumentBook(config.maxInstruments());
        instruments = book.instruments();
        try
        {
            if (snapshot != null)
            {
                return snapshot(config);
            }
            final Path journalPath = journal != null ? journal : config.journal();
            if (outputs != null)
            {
                return outputs(journalFor(outputs, config));
            }
            if (!Files.isDirectory(journalPath))
            {
                err.println("liq dump: no journal at " + journalPath);
                return 2;
            }
            try (JournalReader reader = JournalReader.open(journalPath))
            {
                reader.readAll(this::input);
            }
            return 0;
        }
        catch (final JournalCorruptedException | SnapshotCorruptedException ex)
        {
            out.flush();
            err.println("liq dump: " + ex.getMessage());
            return 3;
        }
    }

    private void input(
        final long sequence, final long sourceIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        book.learn(buffer, offset, length);
        if (sequence < from || sequence > to)
        {
            return;
        }
        final Map<String, Object> view = InputView.of(sequence, buffer, offset, length, instruments);
        if (sourceIndex != InputSlot.NO_SOURCE)
        {
            // where it came from: the input queue's index, as the journal records it (docs/journal.md)
            view.put("inputQueueIndex", sourceIndex);
        }
        final Long instrumentId = (Long)view.get("instrumentId");
        if (matches((String)view.get("type"), InputView.account(view), instrumentId))
        {
            print(view);
        }
    }

    /**
     * The journal whose instrument definitions give an output queue its symbols and decimals: the one named
     * with --journal, else the {@code journal} folder beside the output queue, else the configuration's when
     * the output queue is the configuration's. Another engine's journal would label the outputs wrongly.
     */
    private Path journalFor(final Path outputQueue, final EngineConfig config)
    {
        if (journal != null)
        {
            return journal;
        }
        final Path sibling = outputQueue.toAbsolutePath().resolveSibling("journal");
        if (Files.isDirectory(sibling))
        {
            return sibling;
        }
        return outputQueue.toAbsolutePath().equals(config.outputs().toAbsolutePath()) ? config.journal() : null;
    }

    private int outputs(final Path journalPath)
    {
        if (!Files.isDirectory(outputs))
        {
            err.println("liq dump: no output queue at " + outputs);
            return 2;
        }
        if (journalPath != null && Files.isDirectory(journalPath))
        {
            try (JournalReader reader = JournalReader.open(journalPath))
            {
                reader.readAll((sequence, source, buffer, offset, length) -> book.learn(buffer, offset, length));
            }
        }
        try (OutputQueueReader reader = OutputQueueReader.open(outputs, true))
        {
            reader.toStart();
            while (reader.poll((index, buffer, offset, length) -> output(buffer, offset, length), 1_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return 0;
    }

    private void output(final DirectBuffer buffer, final int offset, final int length)
    {
        final OutputRecord record;
        try
        {
            record = OutputRecord.decode(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            final Map<String, Object> view = new LinkedHashMap<>();
            view.put("sequence", null);
            view.put("type", "Malformed");
            view.put("length", (long)length);
            print(view);
            return;
        }
        final long sequence = record.get("sequence");
        final Long instrumentId = record.fields().get("instrumentId");
        if (sequence < from || sequence > to || !matches(record.type(), record.fields().get("accountId"),
            instrumentId))
        {
            return;
        }
        final boolean known = instrumentId == null || instrumentId < 0
            || instruments.hasInstrument(instrumentId.intValue());
        final Map<String, Object> view = new LinkedHashMap<>();
        if (known)
        {
            view.putAll(EventView.of(record, instruments));
        }
        else
        {
            // no definition of the instrument: the raw fixed-point fields, named as in the schema
            view.put("type", record.type());
            view.putAll(record.fields());
        }
        print(view);
    }

    private int snapshot(final EngineConfig config)
    {
        final Snapshot read = SnapshotFile.read(snapshot);
        final Map<String, Object> header = new LinkedHashMap<>();
        header.put("type", "Snapshot");
        header.put("file", snapshot.toString());
        header.put("formatVersion", (long)read.formatVersion());
        header.put("sequence", read.sequence());
        header.put("requestCorrelationId", read.requestCorrelationId());
        header.put("requestEventTime", read.requestEventTime());
        if (read.injectedRequests() != SnapshotFile.UNKNOWN)
        {
            header.put("injectedRequests", read.injectedRequests());
        }
        header.put("maxAccounts", (long)read.maxAccounts());
        header.put("maxInstruments", (long)read.maxInstruments());
        header.put("insuranceFundAccount", read.insuranceFundAccountId());
        header.put("liquidation", read.liquidation().toString());
        header.put("settings", read.recordedSettings().toString());
        header.put("stateHash", SnapshotFile.hex(read.stateHash()));
        header.put("stateBytes", (long)read.state().length);
        header.put("checksum", "ok");
        final EngineSettings settings = read.recordedSettings().engineSettings();
        final MarginStateMachine state = new MarginStateMachine(settings, (b, o, l) ->
            {
            });
        read.restoreInto(state);
        header.put("accounts", (long)state.accountCount());
        final FinalState positions = FinalState.of(state);
        if (json)
        {
            out.println(Json.write(header));
            out.println(Json.write(JsonReport.state(positions)));
        }
        else
        {
            header.forEach((key, value) -> out.println(key + ": " + value));
            TimelineReport.printState(positions, out);
        }
        return 0;
    }

    private boolean matches(final String type, final Long accountId, final Long instrumentId)
    {
        if (typeSet != null && !typeSet.contains(type))
        {
            return false;
        }
        if (account != null && !account.equals(accountId))
        {
            return false;
        }
        if (instrument != null)
        {
            if (instrumentId == null || instrumentId < 0)
            {
                return false;
            }
            final int id = instrumentId.intValue();
            return instrument.equals(String.valueOf(id))
                || instruments.hasInstrument(id) && instrument.equalsIgnoreCase(instruments.symbol(id));
        }
        return true;
    }

    private void print(final Map<String, Object> view)
    {
        out.println(json ? Json.write(view) : InputView.text(view));
        printed++;
    }

    /**
     * @return messages printed by the last call.
     */
    public long printed()
    {
        return printed;
    }
}
