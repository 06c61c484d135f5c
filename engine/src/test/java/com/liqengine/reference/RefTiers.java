package com.liqengine.reference;

import com.liqengine.api.TierSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static com.liqengine.reference.RefMath.amount;

/**
 * The risk tiers of one instrument (docs/margin.md, section 2): the tier of a notional is the first whose cap
 * holds it, else the last; maintenance margin is {@code ceil(N × mmr) − cum}.
 */
final class RefTiers
{
    static final int MAX_TIERS = 16;

    /** One bracket, in decimals. */
    record Tier(BigDecimal cap, int maxLeverage, BigDecimal rate, BigDecimal cum)
    {
    }

    private final List<Tier> tiers;

    private RefTiers(final List<Tier> tiers)
    {
        this.tiers = tiers;
    }

    static RefTiers of(final List<TierSpec> specs)
    {
        final List<Tier> tiers = new ArrayList<>();
        for (final TierSpec spec : specs)
        {
            tiers.add(new Tier(
                amount(spec.maxNotional()), spec.maxLeverage(), amount(spec.maintenanceMarginRate()),
                amount(spec.maintenanceAmount())));
        }
        return new RefTiers(tiers);
    }

    /**
     * Whether the table is valid: 1 to 16 tiers, caps positive, at most 2^58 units and increasing, rates in
     * (0, 1) and non-decreasing, leverage at least 1 and non-increasing, and {@code cum} continuous and exact.
     */
    boolean isValid()
    {
        if (tiers.isEmpty() || tiers.size() > MAX_TIERS)
        {
            return false;
        }
        for (int t = 0; t < tiers.size(); t++)
        {
            final Tier tier = tiers.get(t);
            if (tier.cap.signum() <= 0 || RefMath.outOfAmountRange(tier.cap) || tier.maxLeverage < 1 ||
                tier.rate.signum() <= 0 || tier.rate.compareTo(RefMath.ONE) >= 0)
            {
                return false;
            }
            if (t == 0)
            {
                if (tier.cum.signum() != 0)
                {
                    return false;
                }
                continue;
            }
            final Tier below = tiers.get(t - 1);
            if (tier.cap.compareTo(below.cap) <= 0 || tier.rate.compareTo(below.rate) < 0 ||
                tier.maxLeverage > below.maxLeverage)
            {
                return false;
            }
            final BigDecimal step = below.cap.multiply(tier.rate.subtract(below.rate));
            // the step must be a whole number of units: no rounding allowed
            if (step.stripTrailingZeros().scale() > RefMath.AMOUNT_DECIMALS ||
                tier.cum.compareTo(below.cum.add(step)) != 0)
            {
                return false;
            }
        }
        return true;
    }

    int count()
    {
        return tiers.size();
    }

    Tier tier(final int index)
    {
        return tiers.get(index);
    }

    /** The floor of a tier: the cap of the one below, 0 for the first. */
    BigDecimal floor(final int index)
    {
        return index == 0 ? BigDecimal.ZERO : tiers.get(index - 1).cap;
    }

    Tier tierOf(final BigDecimal notional)
    {
        return tiers.get(indexOf(notional));
    }

    /** The 0-based index of the tier of a notional: the first whose cap holds it, else the last. */
    int indexOf(final BigDecimal notional)
    {
        for (int t = 0; t < tiers.size(); t++)
        {
            if (notional.compareTo(tiers.get(t).cap) <= 0)
            {
                return t;
            }
        }
        return tiers.size() - 1;
    }

    BigDecimal maintenanceMargin(final BigDecimal notional)
    {
        final Tier tier = tierOf(notional);
        return notional.multiply(tier.rate).setScale(RefMath.AMOUNT_DECIMALS, RoundingMode.CEILING).subtract(tier.cum);
    }

    int maxLeverage(final BigDecimal notional)
    {
        return tierOf(notional).maxLeverage;
    }
}
