package com.liqengine.property;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.reference.ReferenceEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The market a generated run starts from, built from a seed: engine settings, 2 to 4 instruments with various
 * decimals, ticks, steps and tier tables (plus an alternative table and an extra instrument to define later),
 * 3 to 20 accounts, and the preamble of inputs that defines, funds and configures them.
 *
 * @param maxAccounts engine capacity, sometimes below the number of accounts.
 * @param maxInstruments engine instrument capacity.
 * @param maxPositions engine slot capacity ({@code EngineSettings.maxPositions}); 0 for the engine's default.
 * @param fundId insurance fund account id.
 * @param marginCallRatio margin call level, 8 decimals.
 * @param instruments the instruments of the run, ids from 0.
 * @param alternatives for each instrument, the same scales with another tier table and defaults.
 * @param extra an instrument with the next id, defined by a step (if the capacity allows it).
 * @param basePrices starting mark of each instrument, price units.
 * @param accounts account ids of the run.
 * @param preamble the inputs that set the market up.
 * @param liquidationMode what follows a liquidation trigger (docs/liquidation.md).
 * @param maxOpenLiquidations how many liquidation orders may be open at once.
 * @param fundFloor {@code EngineSettings.fundFloor} in amount units; null: unset, no auto-deleveraging.
 */
record MarketSetup(
    int maxAccounts,
    int maxInstruments,
    int maxPositions,
    long fundId,
    long marginCallRatio,
    List<InstrumentSpec> instruments,
    List<InstrumentSpec> alternatives,
    InstrumentSpec extra,
    List<Long> basePrices,
    List<Long> accounts,
    List<Input> preamble,
    LiquidationMode liquidationMode,
    int maxOpenLiquidations,
    Long fundFloor)
{
    static final long MONEY = 100_000_000L;
    private static final long[] TICKS = {1, 1, 2, 5, 10};
    private static final long[] STEPS = {1, 1, 2, 5, 10};
    private static final long[] MARGIN_CALL_RATIOS = {50_000_000L, 80_000_000L, 100_000_000L};

    /** A market with the engine's default slot capacity. */
    MarketSetup(
        final int maxAccounts, final int maxInstruments, final long fundId, final long marginCallRatio,
        final List<InstrumentSpec> instruments, final List<InstrumentSpec> alternatives, final InstrumentSpec extra,
        final List<Long> basePrices, final List<Long> accounts, final List<Input> preamble)
    {
        this(maxAccounts, maxInstruments, 0, fundId, marginCallRatio, instruments, alternatives, extra, basePrices,
            accounts, preamble);
    }

    /** A market in takeover mode. */
    MarketSetup(
        final int maxAccounts, final int maxInstruments, final int maxPositions, final long fundId,
        final long marginCallRatio, final List<InstrumentSpec> instruments, final List<InstrumentSpec> alternatives,
        final InstrumentSpec extra, final List<Long> basePrices, final List<Long> accounts, final List<Input> preamble)
    {
        this(maxAccounts, maxInstruments, maxPositions, fundId, marginCallRatio, instruments, alternatives, extra,
            basePrices, accounts, preamble, LiquidationMode.TAKEOVER, EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS,
            null);
    }

    /** The same market in market mode, with at most this many liquidation orders open at once. */
    MarketSetup inMarketMode(final int maxOpen)
    {
        return new MarketSetup(maxAccounts, maxInstruments, maxPositions, fundId, marginCallRatio, instruments,
            alternatives, extra, basePrices, accounts, preamble, LiquidationMode.MARKET, maxOpen, fundFloor);
    }

    /**
     * The same market with a fund floor (auto-deleveraging, docs/liquidation.md) and the fund's wallet seeded
     * with a deposit after the definitions and marks ({@code 0}: not seeded).
     */
    MarketSetup withFundFloor(final long floor, final long fundSeed)
    {
        final List<Input> seeded = new ArrayList<>(preamble);
        if (fundSeed > 0)
        {
            seeded.add(instruments.size(), new Input.Deposit(fundId, fundSeed));
        }
        return new MarketSetup(maxAccounts, maxInstruments, maxPositions, fundId, marginCallRatio, instruments,
            alternatives, extra, basePrices, accounts, List.copyOf(seeded), liquidationMode, maxOpenLiquidations,
            floor);
    }

    /**
     * Now and then (two runs in five) no floor; otherwise a floor of 0 (most), a positive floor with the fund
     * seeded sometimes above and sometimes below it, or a negative floor; the fund is seeded in some runs with a
     * floor of 0 too. Drawn from its own stream, so that the market of a seed is the same with or without it.
     */
    MarketSetup withRandomFundFloor(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 11);
        final int draw = random.nextInt(100);
        if (draw < 40)
        {
            return this;
        }
        final long amount = logUniform(random, 100, 20_000) * MONEY;
        if (draw < 75)
        {
            return withFundFloor(0, random.nextInt(4) == 0 ? amount : 0);
        }
        if (draw < 93)
        {
            // seeded between half and one and a half times the floor: often below it
            return withFundFloor(amount, amount / 2 + amount / 100 * random.nextInt(101));
        }
        return withFundFloor(-amount, 0);
    }

    /** The reference model with this market's settings (a slot capacity of 0: the engine's default, never bound). */
    ReferenceEngine reference()
    {
        return new ReferenceEngine(maxAccounts, maxInstruments, maxPositions > 0 ? maxPositions : Integer.MAX_VALUE,
            fundId, marginCallRatio, liquidationMode, maxOpenLiquidations, fundFloor);
    }

    EngineSettings settings()
    {
        final EngineSettings settings = new EngineSettings().maxAccounts(maxAccounts).maxInstruments(maxInstruments)
            .insuranceFundAccountId(fundId).marginCallRatio(marginCallRatio).liquidationMode(liquidationMode)
            .maxOpenLiquidations(maxOpenLiquidations);
        if (fundFloor != null)
        {
            settings.fundFloor(fundFloor);
        }
        return maxPositions > 0 ? settings.maxPositions(maxPositions) : settings;
    }

    InstrumentSpec spec(final int instrumentId)
    {
        return instrumentId < instruments.size() ? instruments.get(instrumentId) : extra;
    }

    long valueFactor(final int instrumentId)
    {
        final InstrumentSpec spec = spec(instrumentId);
        return pow10(8 - spec.priceDecimals() - spec.qtyDecimals());
    }

    static MarketSetup random(final long seed)
    {
        return random(seed, false);
    }

    /**
     * A random market in market mode: instruments with a liquidation fee (0 to 1%) and, now and then, partial
     * liquidation from some tier; usually room for every liquidation order, sometimes for 1 to 3 only; a fund floor
     * as {@link #withRandomFundFloor} draws it.
     */
    static MarketSetup randomMarketMode(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(~seed);
        final int maxOpen =
            random.nextInt(4) == 0 ? 1 + random.nextInt(3) : EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS;
        return random(seed, true).inMarketMode(maxOpen).withRandomFundFloor(seed);
    }

    /** {@link #random(long)} with {@link #withRandomFundFloor} (takeover mode). */
    static MarketSetup randomWithFundFloor(final long seed)
    {
        return random(seed).withRandomFundFloor(seed);
    }

    private static MarketSetup random(final long seed, final boolean liquidationSettings)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int instrumentCount = 2 + random.nextInt(3);
        final int maxInstruments = instrumentCount + random.nextInt(3);
        final int accountCount = 3 + random.nextInt(18);
        final long fundId = random.nextInt(10) < 7 ? 0 : 500;
        final int maxAccounts = random.nextInt(100) < 15 ? accountCount - 1 : accountCount + 1 + random.nextInt(4);
        final long marginCallRatio = MARGIN_CALL_RATIOS[random.nextInt(MARGIN_CALL_RATIOS.length)];

        final List<InstrumentSpec> instruments = new ArrayList<>();
        final List<InstrumentSpec> alternatives = new ArrayList<>();
        final List<Long> basePrices = new ArrayList<>();
        InstrumentSpec extra = null;
        for (int id = 0; id <= instrumentCount; id++)
        {
            final int pd = random.nextInt(5);
            final int qdMin = Math.max(0, 3 - pd);
            final int qdMax = Math.min(5, 8 - pd);
            final int qd = qdMin + random.nextInt(qdMax - qdMin + 1);
            final long factor = pow10(8 - pd - qd);
            // a quantity step stays worth at most about 100 money at the base price
            final long basePrice = logUniform(random, 1_000, Math.min(1_000_000, 10_000_000_000L / factor));
            long tick = TICKS[random.nextInt(TICKS.length)];
            if (tick * 500 > basePrice)
            {
                tick = 1;
            }
            final long step = STEPS[random.nextInt(STEPS.length)];
            final String symbol = "I" + id + "P" + pd + "Q" + qd;
            final List<TierSpec> tiers = tiers(random);
            InstrumentSpec spec = new InstrumentSpec(
                id, symbol, pd, qd, tick, step, defaultLeverage(random, tiers), mode(random), tiers);
            if (liquidationSettings)
            {
                // a fee rate up to 1%; partial from a tier in half the instruments (tier 1: the same as 2)
                spec = spec.withLiquidation(random.nextInt(1_000_001),
                    random.nextBoolean() ? 0 : 1 + random.nextInt(tiers.size()));
            }
            final List<TierSpec> otherTiers = tiers(random);
            final InstrumentSpec alternative = new InstrumentSpec(
                id, symbol, pd, qd, tick, step, defaultLeverage(random, otherTiers), mode(random), otherTiers);
            basePrices.add(basePrice);
            if (id < instrumentCount)
            {
                instruments.add(spec);
                alternatives.add(alternative);
            }
            else
            {
                extra = spec;
            }
        }

        final List<Long> accounts = new ArrayList<>();
        final List<Input> preamble = definitionsAndMarks(random, instruments, basePrices);
        for (int a = 1; a <= accountCount; a++)
        {
            accounts.add((long)a);
            preamble.add(new Input.Deposit(a, logUniform(random, 100, 100_000) * MONEY));
            for (final InstrumentSpec spec : instruments)
            {
                if (random.nextInt(100) < 50)
                {
                    preamble.add(new Input.SetMode(a, spec.instrumentId(), mode(random)));
                }
                if (random.nextInt(100) < 70)
                {
                    final int maxLeverage = spec.tiers().get(0).maxLeverage();
                    preamble.add(new Input.SetLeverage(a, spec.instrumentId(), 1 + random.nextInt(maxLeverage)));
                }
            }
        }
        return new MarketSetup(
            maxAccounts, maxInstruments, fundId, marginCallRatio, List.copyOf(instruments), List.copyOf(alternatives),
            extra, List.copyOf(basePrices), List.copyOf(accounts), List.copyOf(preamble));
    }

    /**
     * The preamble's start: every instrument defined, then most of them given their base price as mark (now and
     * then an instrument starts without a mark: funding is refused until a fill sets it).
     */
    static List<Input> definitionsAndMarks(
        final SplittableRandom random, final List<InstrumentSpec> instruments, final List<Long> basePrices)
    {
        final List<Input> preamble = new ArrayList<>();
        for (final InstrumentSpec spec : instruments)
        {
            preamble.add(new Input.Definition(spec));
        }
        for (int id = 0; id < instruments.size(); id++)
        {
            if (random.nextInt(100) < 85)
            {
                preamble.add(new Input.MarkTick(id, basePrices.get(id)));
            }
        }
        return preamble;
    }

    /** A valid table: caps growing 2 to 8 times, rates from 0.2% rising, leverage under 1 / (2 × rate). */
    private static List<TierSpec> tiers(final SplittableRandom random)
    {
        final int count = 1 + random.nextInt(5);
        final List<TierSpec> tiers = new ArrayList<>();
        long capMoney = logUniform(random, 1_000, 100_000);
        long rate = 200_000 + random.nextInt(1_800_001);
        int leverage = (int)Math.min(10 + random.nextInt(116), MONEY / (2 * rate));
        long cum = 0;
        for (int t = 0; t < count; t++)
        {
            tiers.add(new TierSpec(capMoney * MONEY, leverage, rate, cum));
            final long nextRate = Math.min(rate + random.nextInt(3_000_001), 45_000_000L);
            // cum_t = cum_{t-1} + cap_{t-1} × (mmr_t − mmr_{t-1}): exact, caps are whole money
            cum += capMoney * (nextRate - rate);
            rate = nextRate;
            capMoney *= 2 + random.nextInt(7);
            leverage = (int)Math.max(1, Math.min(leverage * (50 + random.nextInt(51)) / 100, MONEY / (2 * rate)));
        }
        return List.copyOf(tiers);
    }

    private static int defaultLeverage(final SplittableRandom random, final List<TierSpec> tiers)
    {
        return 1 + random.nextInt(Math.min(20, tiers.get(0).maxLeverage()));
    }

    private static MarginMode mode(final SplittableRandom random)
    {
        return random.nextBoolean() ? MarginMode.ISOLATED : MarginMode.CROSS;
    }

    static long logUniform(final SplittableRandom random, final long low, final long high)
    {
        final double exponent = Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low));
        return Math.max(low, Math.min(high, Math.round(Math.exp(exponent))));
    }

    static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }
}
