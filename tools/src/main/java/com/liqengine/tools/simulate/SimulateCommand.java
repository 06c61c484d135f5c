package com.liqengine.tools.simulate;

import com.liqengine.tools.yaml.YamlFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code liq simulate SCENARIO.yaml}: runs a scenario through the margin state machine and shows what happened.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a scenario (instruments, accounts, a list of marks, fills and requests) through the margin state "
            + "machine and prints a timeline of what happened and a table of every account and position.",
        "Scenario format and outputs: docs/simulate.md. Examples: config/scenarios/."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the scenario ran", "2:the scenario file is missing or wrong (FILE:LINE: what is wrong)"})
public final class SimulateCommand implements Callable<Integer>
{
    /** Exit code of a missing or malformed scenario. */
    public static final int BAD_SCENARIO = 2;

    @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
    private Path file;

    @Option(names = "--json", description = "Print one JSON object per line: every output event, then the final "
        + "State (decimals as strings).")
    private boolean json;

    @Option(names = "--compare-modes", description = "Run the scenario twice, every position isolated and every "
        + "position cross, and show side by side what each mode lost and which positions survived.")
    private boolean compareModes;

    private final PrintStream out;
    private final PrintStream err;

    /** A command printing to standard output and error. */
    public SimulateCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where results go.
     * @param err where problems go.
     */
    public SimulateCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final Scenario scenario;
        try
        {
            scenario = ScenarioLoader.load(file);
            if (compareModes)
            {
                final ModeComparison comparison = ModeComparison.run(scenario);
                if (json)
                {
                    JsonReport.print(comparison.isolated(), "isolated", out);
                    JsonReport.print(comparison.cross(), "cross", out);
                }
                else
                {
                    comparison.print(out);
                }
                return 0;
            }
            final Simulation simulation = ScenarioRunner.run(scenario, ModePolicy.AS_WRITTEN);
            if (json)
            {
                JsonReport.print(simulation, null, out);
            }
            else
            {
                TimelineReport.print(simulation, out);
            }
            return 0;
        }
        catch (final YamlFileException ex)
        {
            err.println(ex.getMessage());
            return BAD_SCENARIO;
        }
    }
}
