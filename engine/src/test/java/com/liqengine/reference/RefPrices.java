package com.liqengine.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Liquidation and bankruptcy prices (docs/margin.md, section 7), solved the way shared/MARGIN.md writes them:
 * with every other mark held, {@code equity(P) = MM(P)} is linear in the mark within one tier, so the root is
 * {@code (ΣMM_other − cum_t − base) / (q − |q| × mmr_t)} in the tier whose bracket holds it. The root is then
 * rounded to a whole price unit and moved onto the exact boundary of the check, whose maintenance margin is
 * rounded up.
 */
final class RefPrices
{
    private static final BigInteger SEARCH_LIMIT = BigInteger.ONE.shiftLeft(60);
    private static final int MAX_ADJUSTMENT = 1_000_000;

    private RefPrices()
    {
    }

    static long liquidationPrice(final RefAccount account, final RefPosition position)
    {
        return boundary(account, position, true);
    }

    static long bankruptcyPrice(final RefAccount account, final RefPosition position)
    {
        return boundary(account, position, false);
    }

    /** What the position's equity and maintenance margin are made of besides its own value. */
    private record Base(BigDecimal equity, BigDecimal maintenance)
    {
    }

    private static long boundary(final RefAccount account, final RefPosition position, final boolean maintenance)
    {
        if (!position.isOpen())
        {
            return 0;
        }
        final RefInstrument instrument = position.instrument;
        final Base base = base(account, position, maintenance);
        final long maxPrice = maxPrice(position);
        if (maxPrice < 1)
        {
            return 0;
        }
        final boolean isLong = position.size.signum() > 0;
        // a long is liquidatable at and below its price, a short at and above it
        final long safeEnd = isLong ? maxPrice : 1;
        final long riskyEnd = isLong ? 1 : maxPrice;
        if (!liquidatable(position, base, maintenance, riskyEnd))
        {
            return 0;
        }
        if (liquidatable(position, base, maintenance, safeEnd))
        {
            return safeEnd;
        }
        final BigDecimal root = root(position, base, maintenance);
        long price = instrument.priceUnits(root.setScale(
            instrument.priceDecimals, isLong ? RoundingMode.FLOOR : RoundingMode.CEILING));
        price = Math.max(Math.min(price, maxPrice), 1);
        final long inward = isLong ? -1 : 1;
        int steps = 0;
        while (!liquidatable(position, base, maintenance, price))
        {
            price += inward;
            steps = checkSteps(steps);
        }
        while (liquidatable(position, base, maintenance, price - inward))
        {
            price -= inward;
            steps = checkSteps(steps);
        }
        return price;
    }

    /** {@code Pmax = floor(2^60 / (|q| × f))} in price units: the top of the search (and of a liquidation limit). */
    static long maxPrice(final RefPosition position)
    {
        final RefInstrument instrument = position.instrument;
        final BigInteger quantityUnits = BigInteger.valueOf(Math.abs(instrument.quantityUnits(position.size)));
        final BigInteger factor = BigInteger.TEN.pow(
            RefMath.AMOUNT_DECIMALS - instrument.priceDecimals - instrument.qtyDecimals);
        return SEARCH_LIMIT.divide(quantityUnits.multiply(factor)).longValueExact();
    }

    /**
     * {@code base} of {@code E(P) = base + value(q, P)}, the equity with this instrument's mark at {@code P}:
     * {@code B − C} (isolated) or {@code W + ΣU(other cross positions) − C} (cross).
     */
    static BigDecimal equityBase(final RefAccount account, final RefPosition position)
    {
        return base(account, position, false).equity;
    }

    /** Rounding the mark's maintenance margin up moves the boundary by a few units at most. */
    private static int checkSteps(final int steps)
    {
        if (steps > MAX_ADJUSTMENT)
        {
            throw new IllegalStateException("closed form far from the boundary of the check");
        }
        return steps + 1;
    }

    private static Base base(final RefAccount account, final RefPosition position, final boolean maintenance)
    {
        if (position.isolated)
        {
            return new Base(position.pool.subtract(position.cost), BigDecimal.ZERO);
        }
        BigDecimal equity = account.wallet.subtract(position.cost);
        BigDecimal others = BigDecimal.ZERO;
        for (final RefPosition other : account.slots())
        {
            if (other != position && other.isOpenCross())
            {
                equity = equity.add(other.unrealizedPnl());
                others = others.add(other.maintenanceMargin());
            }
        }
        return new Base(equity, maintenance ? others : BigDecimal.ZERO);
    }

    /** The check of section 7 at a whole price: equity(P) ≤ MM(P) (or ≤ 0 for the bankruptcy price). */
    private static boolean liquidatable(
        final RefPosition position, final Base base, final boolean maintenance, final long priceUnits)
    {
        final BigDecimal value = position.value(position.instrument.price(priceUnits));
        final BigDecimal equity = base.equity.add(value);
        final BigDecimal required = maintenance ?
            base.maintenance.add(position.instrument.tiers.maintenanceMargin(value.abs())) : BigDecimal.ZERO;
        return RefMath.atMost(equity, required);
    }

    /** The real root of equity = MM with MM not rounded (or of equity = 0). */
    private static BigDecimal root(final RefPosition position, final Base base, final boolean maintenance)
    {
        final BigDecimal q = position.size;
        final int scale = position.instrument.priceDecimals + 12;
        if (!maintenance)
        {
            return base.equity.negate().divide(q, scale, RoundingMode.HALF_EVEN);
        }
        final RefTiers tiers = position.instrument.tiers;
        for (int t = 0; t < tiers.count(); t++)
        {
            final RefTiers.Tier tier = tiers.tier(t);
            final boolean last = t == tiers.count() - 1;
            // the root is in this bracket when equity − MM changes sign (or is zero) across it
            if (last || gap(position, base, tier, tiers.floor(t)) != gap(position, base, tier, tier.cap()))
            {
                final BigDecimal slope = q.subtract(q.abs().multiply(tier.rate()));
                return base.maintenance.subtract(tier.cum()).subtract(base.equity).divide(
                    slope, scale, RoundingMode.HALF_EVEN);
            }
        }
        throw new IllegalStateException("no tier holds the root");
    }

    /** Sign of equity − MM (MM not rounded) at a notional, evaluated with one tier's rate and amount. */
    private static int gap(
        final RefPosition position, final Base base, final RefTiers.Tier tier, final BigDecimal notional)
    {
        final BigDecimal value = position.size.signum() > 0 ? notional : notional.negate();
        final BigDecimal maintenance = base.maintenance.add(notional.multiply(tier.rate())).subtract(tier.cum());
        return base.equity.add(value).compareTo(maintenance);
    }
}
