package com.liqengine.tools.replay;

import com.liqengine.journal.JournalCorruptedException;
import com.liqengine.journal.JournalSettingsException;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.replay.JournalReplay;
import com.liqengine.replay.ReplayListener;
import com.liqengine.replay.ReplayResult;
import com.liqengine.replay.ReplaySettings;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.snapshot.SettingDifference;
import com.liqengine.snapshot.Snapshot;
import com.liqengine.snapshot.SnapshotCorruptedException;
import com.liqengine.snapshot.SnapshotFile;
import com.liqengine.tools.engine.EngineConfigFile;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code liq replay}: replays an input journal through a fresh engine (docs/replay.md). With the recorded output
 * queue it reports "identical" or the first divergence; with {@code --until} it stops at a sequence; with
 * {@code --account} it prints that account's history and state, every number of its liquidations included.
 * Progress goes to standard error on long journals; throughput and the state hash end the report.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replays an input journal through a fresh engine with the settings the journal's folder records (those of "
            + "the configuration for a journal written before the records). With --outputs, "
            + "compares every replayed output with the recorded output queue and reports 'identical: N inputs, M "
            + "outputs' or the first divergence (input sequence, output type, field, recorded and replayed values).",
        "--until SEQ stops after that input; --account ID prints that account's history (inputs naming it, outputs "
            + "about it, the ticks that moved it, every number of its liquidations) and its state at the end."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:replayed (identical when compared)", "1:the replay diverges from the recorded outputs",
        "2:bad options or configuration", "3:a damaged journal, snapshot or settings record"})
public final class ReplayCommand implements Callable<Integer>
{
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Option(names = "--config", defaultValue = "config/engine.yaml",
        description = "The engine configuration: the default journal, and the settings of a journal without a "
            + "settings record (default: ${DEFAULT-VALUE}; its defaults when the file is missing).")
    private Path configFile;

    @Option(names = "--journal", paramLabel = "DIR", description = "The input journal (default: the configuration's).")
    private Path journal;

    @Option(names = "--outputs", paramLabel = "DIR", description = "The recorded output queue to compare with.")
    private Path outputs;

    @Option(names = "--until", paramLabel = "SEQ", description = "Stop after the input with this sequence.")
    private Long until;

    @Option(names = "--account", paramLabel = "ID", description = "Print this account's history and final state.")
    private Long account;

    @Option(names = "--snapshot", paramLabel = "FILE",
        description = "Start from this snapshot instead of the journal's start.")
    private Path snapshot;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public ReplayCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where the report goes.
     * @param err where progress and problems go.
     */
    public ReplayCommand(final PrintStream out, final PrintStream err)
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
        final Path journalPath = journal != null ? journal : config.journal();
        if (!Files.isDirectory(journalPath))
        {
            err.println("liq replay: no journal at " + journalPath);
            return 2;
        }
        // the settings decide the outputs and the state hash: an auditor must see which ones this replay used
        final ReplaySettings settings;
        try
        {
            settings = ReplaySettings.of(journalPath, config.engineSettings());
        }
        catch (final JournalSettingsException ex)
        {
            err.println("liq replay: " + ex.getMessage());
            return 3;
        }
        reportSettings(settings);
        if (outputs != null && !Files.isDirectory(outputs))
        {
            err.println("liq replay: no output queue at " + outputs);
            return 2;
        }
        final AccountHistory history = account == null ? null : new AccountHistory(account, out);
        final JournalReplay replay = new JournalReplay(settings.settings()).compareWith(outputs)
            .listener(new Progress(history));
        if (until != null)
        {
            replay.until(until);
        }
        final ReplayResult result;
        try
        {
            if (snapshot != null)
            {
                final Snapshot start = SnapshotFile.read(snapshot);
                final String mismatch = start.settingsMismatch(settings.settings());
                if (mismatch != null)
                {
                    err.println("liq replay: snapshot " + snapshot + " was taken with " + mismatch + ": it is not a "
                        + "snapshot of this journal's engine");
                    return 2;
                }
                replay.from(start);
            }
            result = replay.run(journalPath);
        }
        catch (final JournalCorruptedException | SnapshotCorruptedException | JournalSettingsException ex)
        {
            out.flush();
            err.println("liq replay: " + ex.getMessage());
            return 3;
        }
        if (history != null)
        {
            history.finish(result.engine());
            out.println();
        }
        out.println(String.format(Locale.ROOT, "liq replay: %,d inputs replayed from %s%s in %.3f s (%.3f s of them "
                + "from the first input to the last: %,.0f inputs/s; %.3f s of the thread's CPU: %,.0f inputs per CPU "
                + "second), %,d outputs", result.inputs(), journalPath,
            snapshot == null ? "" : " after snapshot " + snapshot, result.nanos() / 1e9, result.inputNanos() / 1e9,
            result.inputsPerSecond(), result.inputCpuNanos() / 1e9, result.inputsPerCpuSecond(), result.outputs()));
        int exitCode = 0;
        if (outputs != null)
        {
            if (result.divergence() == null)
            {
                out.println("identical: " + result.inputs() + " inputs, " + result.outputs() + " outputs");
            }
            else
            {
                out.println(result.divergence().describe());
                exitCode = 1;
            }
        }
        out.println("state hash " + SnapshotFile.hex(result.stateHash()) + " at sequence " + result.sequence());
        return exitCode;
    }

    /**
     * Which settings the replay uses: the journal's record (and how the configuration differs from it), or, for a
     * journal without one, the configuration's.
     */
    private void reportSettings(final ReplaySettings settings)
    {
        final String configured = Files.isRegularFile(configFile) ? configFile.toString() :
            "the defaults (no " + configFile + ")";
        if (settings.record() == null)
        {
            out.println(Files.isRegularFile(configFile) ? "liq replay: engine settings from " + configFile :
                "liq replay: engine settings: the defaults (no " + configFile + "); give --config the configuration "
                    + "the journal was written with");
            return;
        }
        out.println("liq replay: engine settings from the journal's record " + settings.record() + ": "
            + settings.recorded());
        if (!settings.configuredDiffers().isEmpty())
        {
            final List<String> differences = new ArrayList<>();
            for (final SettingDifference difference : settings.configuredDiffers())
            {
                differences.add(difference.name() + " " + difference.other() + " (the record has "
                    + difference.recorded() + ")");
            }
            out.println("liq replay: " + configured + " differs from the journal's record, which is used (the journal "
                + "was written with it): " + String.join("; ", differences));
        }
    }

    /** Progress on standard error every two seconds, and the account's history when asked. */
    private final class Progress implements ReplayListener
    {
        private final AccountHistory history;
        private final long start = System.nanoTime();
        private long next = start + PROGRESS_NANOS;

        Progress(final AccountHistory history)
        {
            this.history = history;
        }

        @Override
        public void beforeInput(
            final long sequence, final DirectBuffer buffer, final int offset, final int length,
            final MarginStateMachine engine)
        {
            if (history != null)
            {
                history.beforeInput(sequence, buffer, offset, length, engine);
            }
        }

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            if (history != null)
            {
                history.onOutput(buffer, offset, length);
            }
        }

        @Override
        public void afterInput(
            final long sequence, final DirectBuffer buffer, final int offset, final int length,
            final MarginStateMachine engine)
        {
            if (history != null)
            {
                history.afterInput(sequence, buffer, offset, length, engine);
            }
            if ((sequence & 0xFFFF) == 0)
            {
                final long now = System.nanoTime();
                if (now >= next)
                {
                    next = now + PROGRESS_NANOS;
                    err.println(String.format(Locale.ROOT, "liq replay: at sequence %,d (%,.0f inputs/s)", sequence,
                        sequence * 1e9 / (now - start)));
                }
            }
        }
    }
}
