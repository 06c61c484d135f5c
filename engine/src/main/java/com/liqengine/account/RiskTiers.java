package com.liqengine.account;

import com.liqengine.math.FixedPoint;

import static com.liqengine.math.FixedPoint.SCALE;

/**
 * The risk tiers (brackets) of one instrument: notional cap, maximum leverage, maintenance margin rate and
 * maintenance amount per tier (docs/margin.md, section 2). Pre-sized, reused when an instrument is redefined.
 */
public final class RiskTiers
{
    /** Most tiers an instrument may have. */
    public static final int MAX_TIERS = 16;

    private final long[] maxNotional = new long[MAX_TIERS];
    private final int[] maxLeverage = new int[MAX_TIERS];
    private final long[] maintenanceMarginRate = new long[MAX_TIERS];
    private final long[] maintenanceAmount = new long[MAX_TIERS];
    private int count;

    /**
     * Number of tiers.
     *
     * @return the number of tiers.
     */
    public int count()
    {
        return count;
    }

    public void clear()
    {
        count = 0;
    }

    public void add(final long cap, final int leverage, final long mmr, final long cum)
    {
        maxNotional[count] = cap;
        maxLeverage[count] = leverage;
        maintenanceMarginRate[count] = mmr;
        maintenanceAmount[count] = cum;
        count++;
    }

    public void copyFrom(final RiskTiers other)
    {
        count = other.count;
        System.arraycopy(other.maxNotional, 0, maxNotional, 0, count);
        System.arraycopy(other.maxLeverage, 0, maxLeverage, 0, count);
        System.arraycopy(other.maintenanceMarginRate, 0, maintenanceMarginRate, 0, count);
        System.arraycopy(other.maintenanceAmount, 0, maintenanceAmount, 0, count);
    }

    /**
     * Whether the table is consistent: caps positive and increasing, rates in (0, 1) and non-decreasing,
     * leverage at least 1 and non-increasing, and each maintenance amount exactly
     * {@code cum_{t-1} + floor_t * (mmr_t - mmr_{t-1})} so that maintenance margin is continuous.
     *
     * @return true when the table may be used.
     */
    public boolean isValid()
    {
        if (count < 1)
        {
            return false;
        }
        for (int t = 0; t < count; t++)
        {
            if (maxNotional[t] <= 0 || maxNotional[t] > FixedPoint.MAX_AMOUNT || maxLeverage[t] < 1 ||
                maintenanceMarginRate[t] <= 0 || maintenanceMarginRate[t] >= SCALE)
            {
                return false;
            }
            if (t == 0)
            {
                if (maintenanceAmount[0] != 0)
                {
                    return false;
                }
                continue;
            }
            if (maxNotional[t] <= maxNotional[t - 1] || maintenanceMarginRate[t] < maintenanceMarginRate[t - 1] ||
                maxLeverage[t] > maxLeverage[t - 1])
            {
                return false;
            }
            final long rateStep = maintenanceMarginRate[t] - maintenanceMarginRate[t - 1];
            final long added = FixedPoint.mulDivFloor(maxNotional[t - 1], rateStep, SCALE);
            if (added != FixedPoint.mulDivCeil(maxNotional[t - 1], rateStep, SCALE))
            {
                return false;
            }
            final long expected = maintenanceAmount[t - 1] + added;
            if (maintenanceAmount[t] != expected)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The tier whose bracket holds a notional: the first with {@code notional <= cap}, else the last.
     *
     * @param notional absolute notional, amount.
     * @return the tier index.
     */
    public int tierOf(final long notional)
    {
        final int last = count - 1;
        for (int t = 0; t < last; t++)
        {
            if (notional <= maxNotional[t])
            {
                return t;
            }
        }
        return last;
    }

    /**
     * Maintenance margin {@code ceil(N * mmr) - cum} of the notional's tier.
     *
     * @param notional absolute notional, amount.
     * @return maintenance margin, amount.
     */
    public long maintenanceMargin(final long notional)
    {
        final int t = tierOf(notional);
        return FixedPoint.mulRateCeil(notional, maintenanceMarginRate[t]) - maintenanceAmount[t];
    }

    /**
     * Maximum leverage allowed at a notional.
     *
     * @param notional absolute notional, amount.
     * @return the tier's maximum leverage.
     */
    public int maxLeverage(final long notional)
    {
        return maxLeverage[tierOf(notional)];
    }

    /**
     * Notional cap of a tier.
     *
     * @param tier tier index.
     * @return the cap, amount.
     */
    public long maxNotional(final int tier)
    {
        return maxNotional[tier];
    }

    /**
     * Maintenance margin rate of a tier.
     *
     * @param tier tier index.
     * @return the rate.
     */
    public long maintenanceMarginRate(final int tier)
    {
        return maintenanceMarginRate[tier];
    }

    /**
     * Maintenance amount of a tier.
     *
     * @param tier tier index.
     * @return the amount.
     */
    public long maintenanceAmount(final int tier)
    {
        return maintenanceAmount[tier];
    }

    /**
     * Maximum leverage of a tier.
     *
     * @param tier tier index.
     * @return the leverage.
     */
    public int maxLeverageOfTier(final int tier)
    {
        return maxLeverage[tier];
    }
}
