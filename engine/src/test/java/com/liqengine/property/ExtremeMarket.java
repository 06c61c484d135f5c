package com.liqengine.property;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The market of an extremes run, built from a seed (docs/testing.md): 2 to 24 instruments (a cross account can
 * hold a position in each; {@code maxInstruments} sometimes 64) with every scale {@code pd + qd} from 0 to 8,
 * tier tables whose caps reach {@code 2^58}, leverage up to {@code 2^31 - 1} now and then, 3 to 6 accounts with
 * dust wallets (a few units), ordinary ones and huge ones (deposits of exactly {@code 2^58}, up to {@code 2^60}
 * and {@code 2^60 - 1}), and now and then a small {@code maxPositions} or a {@code maxAccounts} one short.
 */
final class ExtremeMarket
{
    static final long MAX_AMOUNT = 1L << 58;
    private static final long MONEY = MarketSetup.MONEY;
    private static final long[] TICKS = {1, 1, 1, 1, 2, 5, 10, 100};
    private static final long[] STEPS = {1, 1, 1, 1, 2, 5, 10, 1_000};
    private static final long[] MARGIN_CALL_RATIOS = {1, 50_000_000L, 80_000_000L, 100_000_000L};
    private static final int MAX_INSTRUMENTS = 64;
    private static final long[] FUND_IDS = {0, 0, 0, 0, 500, -1, Long.MIN_VALUE, Long.MAX_VALUE};

    private ExtremeMarket()
    {
    }

    static MarketSetup random(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int instrumentCount = 2 + random.nextInt(23);
        final int maxInstruments = random.nextInt(100) < 20 ? MAX_INSTRUMENTS : instrumentCount + random.nextInt(3);
        final int accountCount = 3 + random.nextInt(4);
        final long fundId = FUND_IDS[random.nextInt(FUND_IDS.length)];
        // the fund is an account: accountCount + 1 opens every account, accountCount leaves the last one out
        final int maxAccounts = random.nextInt(100) < 15 ? accountCount : accountCount + 1 + random.nextInt(3);
        final int maxPositions = random.nextInt(100) < 35 ? 1 + random.nextInt(6) : 0;
        final long marginCallRatio = MARGIN_CALL_RATIOS[random.nextInt(MARGIN_CALL_RATIOS.length)];

        final List<InstrumentSpec> instruments = new ArrayList<>();
        final List<InstrumentSpec> alternatives = new ArrayList<>();
        final List<Long> basePrices = new ArrayList<>();
        InstrumentSpec extra = null;
        for (int id = 0; id <= instrumentCount; id++)
        {
            final int scale = random.nextInt(9);
            final int pd = random.nextInt(scale + 1);
            final int qd = scale - pd;
            long tick = TICKS[random.nextInt(TICKS.length)];
            final long basePrice = Math.max(tick, MarketSetup.logUniform(random, 1, 1_000_000_000L) / tick * tick);
            if (tick * 10 > basePrice)
            {
                tick = 1;
            }
            final long step = STEPS[random.nextInt(STEPS.length)];
            final String symbol = "X" + id + "P" + pd + "Q" + qd;
            final List<TierSpec> tiers = tiers(random);
            final MarginMode mode = random.nextBoolean() ? MarginMode.ISOLATED : MarginMode.CROSS;
            final InstrumentSpec spec = new InstrumentSpec(
                id, symbol, pd, qd, tick, step, defaultLeverage(random, tiers), mode, tiers);
            // the alternative changes the tiers and both defaults: slots at their defaults follow it
            final List<TierSpec> otherTiers = tiers(random);
            final InstrumentSpec alternative = new InstrumentSpec(id, symbol, pd, qd, tick, step,
                defaultLeverage(random, otherTiers), mode == MarginMode.CROSS ? MarginMode.ISOLATED : MarginMode.CROSS,
                otherTiers);
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
        final List<Input> preamble = MarketSetup.definitionsAndMarks(random, instruments, basePrices);
        for (int a = 1; a <= accountCount; a++)
        {
            accounts.add((long)a);
            deposits(random, a, preamble);
            for (int settings = random.nextInt(4); settings > 0; settings--)
            {
                final InstrumentSpec spec = instruments.get(random.nextInt(instrumentCount));
                if (random.nextBoolean())
                {
                    preamble.add(new Input.SetMode(
                        a, spec.instrumentId(), random.nextBoolean() ? MarginMode.ISOLATED : MarginMode.CROSS));
                }
                else
                {
                    final int maxLeverage = Math.min(spec.tiers().get(0).maxLeverage(), 200);
                    preamble.add(new Input.SetLeverage(a, spec.instrumentId(), 1 + random.nextInt(maxLeverage)));
                }
            }
        }
        return new MarketSetup(maxAccounts, maxInstruments, maxPositions, fundId, marginCallRatio,
            List.copyOf(instruments), List.copyOf(alternatives), extra, List.copyOf(basePrices),
            List.copyOf(accounts), List.copyOf(preamble));
    }

    /** A dust wallet (1 to 3 units), an ordinary one, or a huge one of deposits of exactly 2^58. */
    private static void deposits(final SplittableRandom random, final long account, final List<Input> preamble)
    {
        final int kind = random.nextInt(100);
        if (kind < 30)
        {
            preamble.add(new Input.Deposit(account, 1 + random.nextInt(3)));
        }
        else if (kind < 60)
        {
            preamble.add(new Input.Deposit(account, MarketSetup.logUniform(random, 100, 10_000_000) * MONEY));
        }
        else
        {
            // 1 to 4 times 2^58 (2^60 exactly at 4), or 2^60 - 1
            final int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++)
            {
                preamble.add(new Input.Deposit(account, MAX_AMOUNT));
            }
            if (count == 3 && random.nextBoolean())
            {
                preamble.add(new Input.Deposit(account, MAX_AMOUNT - 1));
            }
        }
    }

    /**
     * A valid table of 1 to 6 tiers: caps in whole money growing 2 to 64 times up to {@code 2^58} (the last one
     * sometimes exactly {@code 2^58}), rates from 1 unit or 0.01% to under 100%, leverage from 1 to 125 or
     * {@code 2^31 - 1}, non-increasing.
     */
    static List<TierSpec> tiers(final SplittableRandom random)
    {
        final int count = 1 + random.nextInt(6);
        final List<TierSpec> tiers = new ArrayList<>();
        long capMoney = MarketSetup.logUniform(random, 1, 1_000_000);
        long rate = random.nextInt(10) == 0 ? 1 : 10_000 + random.nextInt(5_000_000);
        int leverage = random.nextInt(10) == 0 ? Integer.MAX_VALUE : 1 + random.nextInt(125);
        long cum = 0;
        for (int t = 0; t < count; t++)
        {
            final boolean last = t == count - 1 || capMoney > MAX_AMOUNT / MONEY / 64;
            final long cap = last && random.nextInt(3) == 0 ? MAX_AMOUNT : capMoney * MONEY;
            tiers.add(new TierSpec(cap, leverage, rate, cum));
            if (last)
            {
                break;
            }
            final long nextRate = Math.min(rate + random.nextInt(20_000_000), 99_999_999L);
            // cum_t = cum_{t-1} + cap_{t-1} × (mmr_t − mmr_{t-1}) / R: exact, caps are whole money
            cum += capMoney * (nextRate - rate);
            rate = nextRate;
            capMoney *= 2 + random.nextInt(63);
            leverage = Math.max(1, leverage == Integer.MAX_VALUE && random.nextBoolean() ?
                leverage : (int)Math.min(125, (long)leverage * (30 + random.nextInt(71)) / 100));
        }
        return List.copyOf(tiers);
    }

    private static int defaultLeverage(final SplittableRandom random, final List<TierSpec> tiers)
    {
        final int max = tiers.get(0).maxLeverage();
        final int pick = random.nextInt(4);
        return pick == 0 ? max : pick == 1 ? 1 : 1 + random.nextInt(Math.min(50, max));
    }
}
