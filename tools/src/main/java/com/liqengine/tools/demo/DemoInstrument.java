package com.liqengine.tools.demo;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An instrument of the demo market: its definition, starting price and how wildly it moves.
 *
 * @param spec the definition sent to the engine.
 * @param startPrice starting mark, in price units.
 * @param volatilityBasisPoints typical move per tick, in hundredths of a percent.
 */
public record DemoInstrument(InstrumentSpec spec, long startPrice, int volatilityBasisPoints)
{
    private static final long SCALE = 100_000_000L;
    private static final long[] CAP_MULTIPLES = {1, 5, 20, 100, 500, 2_000};
    private static final String[] RATE_MULTIPLES = {"1", "1.25", "2.5", "5", "10", "20"};

    /** The demo's five instruments, from deep BTC to a thin small-cap. */
    static List<DemoInstrument> market()
    {
        return List.of(
            of(0, "BTCUSDT", 1, 3, "65000", 50_000, "0.004", 125, 3).liquidation("0.005", 2),
            of(1, "ETHUSDT", 2, 3, "3500", 20_000, "0.005", 100, 4).liquidation("0.005", 2),
            of(2, "SOLUSDT", 2, 2, "150", 10_000, "0.01", 50, 6).liquidation("0.0075", 3),
            of(3, "LINKUSDT", 3, 2, "15", 5_000, "0.01", 50, 7).liquidation("0.01", 0),
            of(4, "WIFUSDT", 4, 1, "2.5", 2_000, "0.02", 25, 12).liquidation("0.015", 0));
    }

    /**
     * The same instrument with a liquidation fee and partial liquidation (docs/liquidation.md).
     *
     * @param feeRate liquidation fee rate.
     * @param partialFromTier 1-based tier from which a liquidation steps down one tier; 0: never.
     */
    private DemoInstrument liquidation(final String feeRate, final int partialFromTier)
    {
        return new DemoInstrument(spec.withLiquidation(fixed(new BigDecimal(feeRate)), partialFromTier), startPrice,
            volatilityBasisPoints);
    }

    private static DemoInstrument of(
        final int id, final String symbol, final int priceDecimals, final int qtyDecimals, final String price,
        final long firstCap, final String firstRate, final int firstLeverage, final int volatility)
    {
        final List<TierSpec> tiers = new ArrayList<>();
        final BigDecimal rate0 = new BigDecimal(firstRate);
        BigDecimal previousRate = BigDecimal.ZERO;
        BigDecimal previousCap = BigDecimal.ZERO;
        BigDecimal cum = BigDecimal.ZERO;
        int leverage = firstLeverage;
        for (int t = 0; t < CAP_MULTIPLES.length; t++)
        {
            final BigDecimal cap = BigDecimal.valueOf(firstCap * CAP_MULTIPLES[t]);
            final BigDecimal rate = rate0.multiply(new BigDecimal(RATE_MULTIPLES[t]));
            // the maintenance amount that keeps maintenance margin continuous at the tier's floor
            cum = t == 0 ? BigDecimal.ZERO : cum.add(previousCap.multiply(rate.subtract(previousRate)));
            tiers.add(new TierSpec(fixed(cap), leverage, fixed(rate), fixed(cum)));
            previousRate = rate;
            previousCap = cap;
            leverage = Math.max(1, leverage / 2);
        }
        final long priceUnits = new BigDecimal(price).movePointRight(priceDecimals).longValueExact();
        return new DemoInstrument(
            new InstrumentSpec(id, symbol, priceDecimals, qtyDecimals, 1, 1, Math.min(20, firstLeverage),
                MarginMode.CROSS, tiers),
            priceUnits, volatility);
    }

    private static long fixed(final BigDecimal value)
    {
        return value.multiply(BigDecimal.valueOf(SCALE)).longValueExact();
    }

    /** Value in amount units (8 decimals) of one quantity unit at one price unit. */
    long valueFactor()
    {
        return BigDecimal.ONE.movePointRight(8 - spec.priceDecimals() - spec.qtyDecimals()).longValueExact();
    }
}
