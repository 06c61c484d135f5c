package com.liqengine.tools;

import com.liqengine.tools.bench.BenchCommand;
import com.liqengine.tools.cluster.ClusterCommand;
import com.liqengine.tools.demo.DemoCommand;
import com.liqengine.tools.dump.DumpCommand;
import com.liqengine.tools.feed.FeedCommand;
import com.liqengine.tools.replay.ReplayCommand;
import com.liqengine.tools.run.RunCommand;
import com.liqengine.tools.simulate.SimulateCommand;
import com.liqengine.tools.stat.StatCommand;
import com.liqengine.tools.stress.StressCommand;
import com.liqengine.tools.tail.TailCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code liq} command line: one subcommand per job.
 */
@Command(
    name = "liq",
    mixinStandardHelpOptions = true,
    version = "liq 0.1.0",
    description = "A low-latency liquidation engine for perpetual futures: isolated and cross margin, "
        + "liquidation orders to the book, insurance-fund takeover, auto-deleveraging.",
    subcommands = {
        DemoCommand.class, SimulateCommand.class, StressCommand.class, RunCommand.class, FeedCommand.class,
        TailCommand.class, StatCommand.class, ReplayCommand.class, DumpCommand.class, BenchCommand.class,
        ClusterCommand.class, CommandLine.HelpCommand.class})
public final class Liq implements Runnable
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args the command and its options.
     */
    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line, for tests.
     */
    public static CommandLine commandLine()
    {
        return new CommandLine(new Liq());
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}
