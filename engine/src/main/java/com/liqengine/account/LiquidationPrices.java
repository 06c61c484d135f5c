package com.liqengine.account;

import com.liqengine.math.FixedPoint;
import com.liqengine.math.WideSum;

/**
 * Liquidation and bankruptcy prices (docs/margin.md, section 7): with every other mark held, the extreme
 * mark at which the position is liquidatable (equity ≤ MM) or bankrupt (equity ≤ 0). Because equity − MM is
 * monotone in the mark, a search over whole price units finds the exact boundary of the engine's own check,
 * so {@code mark ≤ liquidationPrice} (long) holds exactly when the position is liquidatable. The search starts
 * from a floating-point solution of the tier's linear equation, so it takes a handful of checks, not sixty.
 */
public final class LiquidationPrices
{
    /** Positions are valued up to this amount while searching, far from overflow. */
    private static final long SEARCH_LIMIT = 1L << 60;
    /** The slack of the other positions is clamped here: beyond it no price of this one can change the answer. */
    private static final long BASE_LIMIT = 1L << 62;

    private final Accounts accounts;
    private final Slots slots;
    private final MarginMath math;
    private final WideSum base = new WideSum();

    public LiquidationPrices(final Accounts accounts, final Slots slots, final MarginMath math)
    {
        this.accounts = accounts;
        this.slots = slots;
        this.math = math;
    }

    public long liquidationPrice(final int slot)
    {
        return search(slot, true);
    }

    public long bankruptcyPrice(final int slot)
    {
        return search(slot, false);
    }

    private long search(final int slot, final boolean withMaintenance)
    {
        final long quantity = slot == Slots.NONE ? 0 : slots.size(slot);
        if (quantity == 0)
        {
            return 0;
        }
        final Instrument instrument = math.instrumentOf(slot);
        if (!FixedPoint.productAtMost(quantity, 1, instrument.valueFactor, SEARCH_LIMIT))
        {
            return 0;
        }
        // equity − MM at price P is base + value(q, P) − MM(P): the rest of the account, exact, then clamped
        if (slots.isolated(slot))
        {
            base.set(slots.pool(slot));
        }
        else
        {
            final int accountIndex = slots.account[slot];
            base.set(accounts.crossWallet(accountIndex));
            for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
            {
                if (s != slot && slots.size(s) != 0 && !slots.isolated(s))
                {
                    base.add(math.unrealizedPnl(s));
                    if (withMaintenance)
                    {
                        base.add(-math.maintenanceMargin(s));
                    }
                }
            }
        }
        base.add(-slots.cost(slot));
        final long rest = base.clamped(BASE_LIMIT);
        final long baseMaintenance = 0;
        final long maxPrice = SEARCH_LIMIT / (Math.abs(quantity) * instrument.valueFactor);
        if (maxPrice < 1)
        {
            return 0;
        }
        final long guess = estimate(instrument, quantity, rest, baseMaintenance, withMaintenance, maxPrice);
        if (quantity > 0)
        {
            // a long is liquidatable at every price up to its liquidation price
            if (!isBelowMargin(instrument, quantity, 1, rest, baseMaintenance, withMaintenance))
            {
                return 0;
            }
            if (isBelowMargin(instrument, quantity, maxPrice, rest, baseMaintenance, withMaintenance))
            {
                return maxPrice;
            }
            return lastBelow(instrument, quantity, rest, baseMaintenance, withMaintenance, true, maxPrice, guess);
        }
        // a short is liquidatable at every price from its liquidation price up
        if (!isBelowMargin(instrument, quantity, maxPrice, rest, baseMaintenance, withMaintenance))
        {
            return 0;
        }
        if (isBelowMargin(instrument, quantity, 1, rest, baseMaintenance, withMaintenance))
        {
            return 1;
        }
        final long lastAbove =
            lastBelow(instrument, quantity, rest, baseMaintenance, withMaintenance, false, maxPrice, guess);
        return lastAbove + 1;
    }

    /**
     * The boundary between price 1, where the check answers {@code atLow}, and {@code highest}, where it answers
     * the opposite: for a long the last price that is below margin, for a short the last one that is not. The
     * search gallops out from the guess, then bisects: exact whatever the guess, and a few checks instead of
     * sixty when the guess is close.
     */
    private static long lastBelow(
        final Instrument instrument,
        final long quantity,
        final long base,
        final long baseMaintenance,
        final boolean withMaintenance,
        final boolean atLow,
        final long highest,
        final long guess)
    {
        long low = 1;
        long high = highest;
        if (guess > low && guess < high)
        {
            if (isBelowMargin(instrument, quantity, guess, base, baseMaintenance, withMaintenance) == atLow)
            {
                low = guess;
                for (long step = 1; low + step < high; step <<= 1)
                {
                    final long probe = low + step;
                    if (isBelowMargin(instrument, quantity, probe, base, baseMaintenance, withMaintenance) != atLow)
                    {
                        high = probe;
                        break;
                    }
                    low = probe;
                }
            }
            else
            {
                high = guess;
                for (long step = 1; high - step > low; step <<= 1)
                {
                    final long probe = high - step;
                    if (isBelowMargin(instrument, quantity, probe, base, baseMaintenance, withMaintenance) == atLow)
                    {
                        low = probe;
                        break;
                    }
                    high = probe;
                }
            }
        }
        while (high - low > 1)
        {
            final long mid = (low + high) >>> 1;
            if (isBelowMargin(instrument, quantity, mid, base, baseMaintenance, withMaintenance) == atLow)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Where equity meets the margin, solved in floating point with the tier taken at the previous estimate
     * (starting from the mark): only a starting point for {@link #lastBelow}, which makes the answer exact.
     */
    private static long estimate(
        final Instrument instrument,
        final long quantity,
        final long base,
        final long baseMaintenance,
        final boolean withMaintenance,
        final long maxPrice)
    {
        final RiskTiers tiers = instrument.tiers;
        final double perPrice = (double)quantity * instrument.valueFactor;
        double price = instrument.markPrice > 0 ? instrument.markPrice : 1;
        for (int round = 0; round < 3; round++)
        {
            double rate = 0;
            double amount = 0;
            if (withMaintenance)
            {
                final int tier = tiers.tierOf((long)Math.min(Math.abs(perPrice) * price, (double)SEARCH_LIMIT));
                rate = tiers.maintenanceMarginRate(tier) / (double)FixedPoint.SCALE;
                amount = tiers.maintenanceAmount(tier);
            }
            final double slope = perPrice - rate * Math.abs(perPrice);
            if (slope == 0)
            {
                break;
            }
            price = Math.max(1, Math.min((double)maxPrice, ((double)baseMaintenance - amount - base) / slope));
        }
        return (long)price;
    }

    private static boolean isBelowMargin(
        final Instrument instrument,
        final long quantity,
        final long price,
        final long base,
        final long baseMaintenance,
        final boolean withMaintenance)
    {
        // |base| ≤ 2^62 and values up to 2^60: no wrap
        final long value = instrument.value(quantity, price);
        final long equity = base + value;
        final long maintenance = withMaintenance ?
            baseMaintenance + instrument.tiers.maintenanceMargin(Math.abs(value)) : 0;
        return equity <= maintenance;
    }
}
