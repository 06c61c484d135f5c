package com.liqengine.tools.stress;

import com.liqengine.tools.yaml.YamlFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code liq stress PORTFOLIO.yaml --history FILE...}: holds a portfolio through real market history three times
 * (as given, all isolated, all cross) through the margin state machine and tells what each mode would have cost.
 */
@Command(
    name = "stress",
    mixinStandardHelpOptions = true,
    description = {
        "Holds a portfolio through real market history (Binance kline CSV files) three times through the margin "
            + "state machine: as given, every position isolated, every position cross; prints every liquidation with "
            + "its time, each trader's worst margin ratio and end, and what isolated saved and cross cost.",
        "Each position opens at its symbol's first open; every bar then gives four marks: open, low and high (high "
            + "first if the bar fell), close. Format and examples: docs/stress.md, config/portfolios/."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the runs ran", "1:the --out folder cannot be written",
        "2:a file is missing or wrong (FILE:LINE: what is wrong)"})
public final class StressCommand implements Callable<Integer>
{
    /** Exit code of a missing or malformed input file. */
    public static final int BAD_INPUT = 2;
    /** Exit code when the --out folder cannot be written. */
    public static final int CANNOT_WRITE = 1;
    /** Histories with more marks than this show progress: about two days of one-minute bars of four symbols. */
    private static final long PROGRESS_ABOVE_MARKS = 50_000;
    private static final int SWEEP_PROGRESS_EVERY = 20;

    @Parameters(index = "0", paramLabel = "PORTFOLIO.yaml", description = "The portfolio: name, wallet, positions "
        + "(or traders: a list of them).")
    private Path portfolioFile;

    @Option(names = "--history", arity = "1..*", required = true, paramLabel = "FILE",
        description = "Price files (kline CSV), FILE or SYMBOL=FILE; the symbol is otherwise the first upper-case "
            + "word of the file name. Several symbols and several consecutive days may be given.")
    private List<String> history = new ArrayList<>();

    @Mixin
    private InstrumentsOption instruments;

    @Option(names = "--funding", arity = "1..*", paramLabel = "FILE",
        description = "Funding files (funding_time,funding_rate), FILE or SYMBOL=FILE: each settlement applied at its "
            + "time.")
    private List<String> funding = new ArrayList<>();

    @Option(names = "--json", description = "One JSON object per line: every LiquidationTriggered with its run and "
        + "time, one StressRun object per run and trader, and with --sweep one LeverageSweep object per position.")
    private boolean json;

    @Option(names = "--sweep", description = "For every position and run, find the highest whole leverage (up to its "
        + "first tier's maximum) at which it would have survived, the others unchanged (bisection, a full run each).")
    private boolean sweep;

    @Option(names = "--out", paramLabel = "DIR", description = "Write PNG charts (each symbol's price with the "
        + "liquidations of each run, each run's margin ratio over time) and summary.md into DIR.")
    private Path outDir;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public StressCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where results go.
     * @param err where problems and progress go.
     */
    public StressCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    private LeverageSweep sweep(final StressInputs inputs)
    {
        final long started = System.nanoTime();
        final LeverageSweep swept = LeverageSweep.run(inputs, runs ->
        {
            if (runs % SWEEP_PROGRESS_EVERY == 0)
            {
                err.printf(Locale.ROOT, "liq stress: sweep, %d runs%n", runs);
            }
        });
        err.printf(Locale.ROOT, "liq stress: sweep done in %.1f s (%d runs)%n", (System.nanoTime() - started) / 1e9,
            swept.runs());
        return swept;
    }

    @Override
    public Integer call()
    {
        final StressInputs inputs;
        final List<RunOutcome> outcomes = new ArrayList<>();
        try
        {
            inputs = StressInputs.load(portfolioFile, history, instruments.file(), funding);
            final boolean showProgress = inputs.path().markCount() > PROGRESS_ABOVE_MARKS;
            final long started = System.nanoTime();
            // three independent engines: the runs share no state, so they use both cores
            outcomes.addAll(Arrays.stream(StressRun.values()).parallel().map(run -> StressRunner.run(inputs,
                inputs.portfolio(), run, showProgress ? fraction -> err.printf(Locale.ROOT,
                    "liq stress: run %s %3.0f%%%n", run.label(), fraction * 100) : null)).toList());
            err.printf(Locale.ROOT, "liq stress: 3 runs of %,d marks in %.0f ms%n", inputs.path().markCount(),
                (System.nanoTime() - started) / 1e6);
        }
        catch (final YamlFileException ex)
        {
            err.println(ex.getMessage());
            return BAD_INPUT;
        }
        if (json)
        {
            StressJson.print(outcomes, out);
        }
        else
        {
            StressReport.print(inputs, outcomes, out);
        }
        final LeverageSweep swept = sweep ? sweep(inputs) : null;
        if (swept != null && json)
        {
            StressJson.print(swept, out);
        }
        else if (swept != null)
        {
            out.println();
            swept.print(out);
        }
        if (outDir != null)
        {
            try
            {
                Files.createDirectories(outDir);
                final List<String> charts = StressCharts.write(outDir, inputs, outcomes);
                StressSummary.write(outDir, inputs, outcomes, swept, charts);
                err.println("liq stress: " + charts.size() + " charts and summary.md in " + outDir);
            }
            catch (final IOException ex)
            {
                err.println("liq stress: cannot write into " + outDir + ": " + ex);
                return CANNOT_WRITE;
            }
        }
        return 0;
    }
}
