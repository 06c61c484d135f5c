package com.liqengine.tools.demo;

/**
 * How wild the generated market is. {@link #CRASHES} is the demo's: crashes and squeezes of 8% to 20% every few
 * thousand ticks and leverage up to 75x, so a few percent of all events liquidate someone, far more than on an
 * exchange; {@link #CALM} has no crash or squeeze, a quarter of the volatility and leverage up to 10x, for
 * measuring the engine on the mix an exchange mostly sees (ticks and fills, rare liquidations).
 */
public enum MarketRegime
{
    /** Random walks with crashes and squeezes (the demo's default). */
    CRASHES(true, 1.0, Integer.MAX_VALUE),
    /** Random walks at a quarter of the volatility, no crashes or squeezes, leverage up to 10x. */
    CALM(false, 0.25, 4);

    private final boolean crashes;
    private final double volatilityScale;
    private final int leverageChoices;

    MarketRegime(final boolean crashes, final double volatilityScale, final int leverageChoices)
    {
        this.crashes = crashes;
        this.volatilityScale = volatilityScale;
        this.leverageChoices = leverageChoices;
    }

    /** How many of the market's leverages, lowest first, traders choose from. */
    int leverageChoices(final int offered)
    {
        return Math.min(offered, leverageChoices);
    }

    boolean crashes()
    {
        return crashes;
    }

    double volatilityScale()
    {
        return volatilityScale;
    }
}
