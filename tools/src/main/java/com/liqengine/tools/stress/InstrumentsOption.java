package com.liqengine.tools.stress;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --instruments FILE} option of the commands that read price history ({@code stress}, {@code feed
 * --history}, {@code demo --history}).
 */
public final class InstrumentsOption
{
    @Option(names = "--instruments", defaultValue = "config/instruments.yaml", paramLabel = "FILE",
        description = "An instruments: list as in a scenario file, defining the history's symbols (default "
            + "${DEFAULT-VALUE}: Binance USDⓈ-M tiers, docs/stress.md).")
    private Path file;

    /**
     * @return the instruments file.
     */
    public Path file()
    {
        return file;
    }
}
