package com.liqengine.tools.demo;

import com.liqengine.runtime.EngineConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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
            final MarketRegime value = EngineConfig.parseWord(MarketRegime.class, text);
            if (value == null)
            {
                throw new TypeConversionException("'" + text + "' is not one of "
                    + EngineConfig.words(MarketRegime.class));
            }
            return value;
        }
    }
}
