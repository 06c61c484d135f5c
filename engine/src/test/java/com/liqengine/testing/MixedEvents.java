package com.liqengine.testing;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;

import java.util.List;

/**
 * A seeded, allocation-free stream of mixed inputs for load and allocation tests: two instruments (BTC-like and
 * ETH-like tiers), accounts half isolated and half cross at 50x, then ticks that random-walk with occasional
 * 4% crashes (so positions get liquidated in both modes), fills of both sides, funding of both signs and
 * deposits. Encodes into whatever buffer the given encoder targets.
 */
public final class MixedEvents
{
    private static final long BTC_START = 5_000_000L;
    private static final long ETH_START = 300_000L;

    private final int accounts;
    private final long[] marks = {BTC_START, ETH_START};
    private long random;
    private long tradeId = 1;
    private long liquidationFeeRate;
    private int partialFromTier;

    /**
     * @param accounts accounts 1..accounts are used.
     * @param seed random seed (non-zero).
     */
    public MixedEvents(final int accounts, final long seed)
    {
        this.accounts = accounts;
        this.random = seed;
    }

    /**
     * Gives both instruments a liquidation fee and partial liquidation (docs/liquidation.md); without it they have
     * neither.
     *
     * @param feeRate liquidation fee rate, 8 decimals.
     * @param fromTier 1-based tier from which a liquidation is partial; 0: never.
     * @return this.
     */
    public MixedEvents liquidationSettings(final long feeRate, final int fromTier)
    {
        this.liquidationFeeRate = feeRate;
        this.partialFromTier = fromTier;
        return this;
    }

    /**
     * @return how many set-up inputs {@link #setUp} encodes.
     */
    public int setUpCount()
    {
        return 4 + accounts * 5;
    }

    /**
     * Encodes the i-th set-up input: instruments, their first marks, then per account a deposit, the margin
     * modes and leverage.
     *
     * @param i from 0 to {@link #setUpCount()} - 1.
     * @param encoder where to encode.
     * @return the encoded length.
     */
    public int setUp(final int i, final InputEncoder encoder)
    {
        switch (i)
        {
            case 0:
                return encoder.instrumentDefinition(0, 0, new InstrumentSpec(
                    0, "BTCUSDT", 1, 3, 1, 1, 20, MarginMode.CROSS, btcTiers())
                    .withLiquidation(liquidationFeeRate, partialFromTier));
            case 1:
                return encoder.instrumentDefinition(0, 0, new InstrumentSpec(
                    1, "ETHUSDT", 2, 3, 1, 1, 20, MarginMode.CROSS, ethTiers())
                    .withLiquidation(liquidationFeeRate, partialFromTier));
            case 2:
            case 3:
                return encoder.markPriceTick(0, 0, i - 2, marks[i - 2]);
            default:
                final int a = 1 + (i - 4) / 5;
                final int step = (i - 4) % 5;
                final MarginMode mode = a % 2 == 0 ? MarginMode.ISOLATED : MarginMode.CROSS;
                return switch (step)
                {
                    case 0 -> encoder.deposit(0, 0, a, 1_000_000_000_000L);
                    case 1 -> encoder.setMarginMode(0, 0, a, 0, mode);
                    case 2 -> encoder.setMarginMode(0, 0, a, 1, mode);
                    case 3 -> encoder.setLeverage(0, 0, a, 0, 50);
                    default -> encoder.setLeverage(0, 0, a, 1, 50);
                };
        }
    }

    /**
     * Encodes the next mixed input.
     *
     * @param n its correlation id and event time.
     * @param encoder where to encode.
     * @return the encoded length.
     */
    public int next(final long n, final InputEncoder encoder)
    {
        final long r = nextRandom();
        final int instrument = (int)(r & 1);
        final int kind = (int)((r >>> 1) % 100);
        if (kind < 45)
        {
            // random walk with fat tails, pulled back towards the start so the run stays in range
            final long start = instrument == 0 ? BTC_START : ETH_START;
            long step = ((r >>> 8) % 21 - 10) * marks[instrument] / 2_000;
            if ((r >>> 40) % 200 == 0)
            {
                step = -marks[instrument] / 25;
            }
            marks[instrument] = Math.max(start / 2, Math.min(start * 2,
                marks[instrument] + step + (start - marks[instrument]) / 50));
            return encoder.markPriceTick(n, n, instrument, marks[instrument]);
        }
        if (kind < 95)
        {
            final long account = 1 + (r >>> 12) % accounts;
            final Side side = ((r >>> 30) & 1) == 0 ? Side.BUY : Side.SELL;
            return encoder.fill(n, n, account, instrument, side, 1 + (r >>> 33) % 500, marks[instrument], 1_000,
                tradeId++);
        }
        if (kind < 97)
        {
            return encoder.fundingRate(n, n, instrument, ((r >>> 20) % 201) - 100);
        }
        return encoder.deposit(n, n, 1 + (r >>> 12) % accounts, 10_000_000_000L);
    }

    /**
     * Takes the next trade id, for a fill made outside this stream (a liquidation fill), so the ids stay increasing.
     *
     * @return the id.
     */
    public long nextTradeId()
    {
        return tradeId++;
    }

    /**
     * @return Binance's first five BTCUSDT brackets, amounts and rates in 8 decimals.
     */
    public static List<TierSpec> btcTiers()
    {
        return List.of(
            tier(50_000, 125, 400_000L, 0),
            tier(250_000, 100, 500_000L, 50),
            tier(1_000_000, 50, 1_000_000L, 1_300),
            tier(10_000_000, 20, 2_500_000L, 16_300),
            tier(20_000_000, 10, 5_000_000L, 266_300));
    }

    /**
     * @return ETHUSDT-like brackets, consistent.
     */
    public static List<TierSpec> ethTiers()
    {
        return List.of(
            tier(10_000, 100, 500_000L, 0),
            tier(100_000, 75, 650_000L, 15),
            tier(500_000, 50, 1_000_000L, 365),
            tier(1_000_000, 25, 2_000_000L, 5_365));
    }

    private static TierSpec tier(final long cap, final int leverage, final long mmr, final long cum)
    {
        return new TierSpec(cap * 100_000_000L, leverage, mmr, cum * 100_000_000L);
    }

    private long nextRandom()
    {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return random & Long.MAX_VALUE;
    }
}
