package com.liqengine.tools.demo;

import com.liqengine.tools.engine.WordConverter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The {@code --market} option of the commands that generate the demo market ({@code demo}, {@code bench}).
 */
public final class MarketOptions
{
    @Option(names = "--market", defaultValue = "crashes", converter = RegimeWord.class,
        description = "crashes (random walks with crashes and squeezes that liquidate a few percent of all events) "
            + "or calm (no crashes, a quarter of the volatility: mostly ticks and fills, as on an exchange) "
            + "(default ${DEFAULT-VALUE}).")
    private MarketRegime regime;

    /**
     * @return the market regime chosen.
     */
    public MarketRegime regime()
    {
        return regime;
    }

    /** Reads a regime word. */
    static final class RegimeWord implements ITypeConverter<MarketRegime>
    {
        @Override
        public MarketRegime convert(final String text)
        {
            return WordConverter.parse(MarketRegime.class, text);
        }
    }
}
