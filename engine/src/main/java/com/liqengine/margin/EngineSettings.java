package com.liqengine.margin;

import com.liqengine.math.FixedPoint;

/**
 * Settings of the margin state machine, as a context: fluent setters, then {@link #conclude()} checks them.
 * Defaults are documented on each setter.
 */
public final class EngineSettings
{
    /** Most instruments the engine can hold. */
    public static final int MAX_INSTRUMENTS_LIMIT = 1024;

    /** Most slots an engine may store: per-slot arrays of two longs a slot keep their lengths within an int. */
    public static final int MAX_SLOTS = 1 << 30;

    /** Most accounts: the account hash's table (two longs an entry, load 0.65) stays within an int's reach. */
    public static final int MAX_ACCOUNTS = 1 << 28;

    /** Default of {@link #maxPositions(int)} when not set: one slot per account and instrument, at most this. */
    public static final int DEFAULT_MAX_POSITIONS_LIMIT = 1 << 24;

    private static final int POSITIONS_NOT_SET = -1;
    /** Default of {@link #maxOpenLiquidations(int)}. */
    public static final int DEFAULT_MAX_OPEN_LIQUIDATIONS = 1 << 16;
    /** The most liquidation orders that may be open at once: their ids' counters within an input fit an int. */
    public static final int MAX_OPEN_LIQUIDATIONS_LIMIT = 1 << 24;

    private int maxAccounts = 10_000;
    private int maxInstruments = 8;
    private int maxPositions = POSITIONS_NOT_SET;
    private long insuranceFundAccountId = 0;
    private long marginCallRatio = 80_000_000L;
    private boolean indexedChecks = true;
    private LiquidationMode liquidationMode = LiquidationMode.TAKEOVER;
    private int maxOpenLiquidations = DEFAULT_MAX_OPEN_LIQUIDATIONS;
    private boolean hasFundFloor;
    private long fundFloor;
    private boolean concluded;

    /**
     * Most accounts, the insurance fund included (default 10,000).
     *
     * @param maxAccounts capacity.
     * @return this.
     */
    public EngineSettings maxAccounts(final int maxAccounts)
    {
        this.maxAccounts = maxAccounts;
        return this;
    }

    /**
     * Most stored slots: open positions plus (account, instrument) pairs whose mode or leverage differs from the
     * instrument's default, the insurance fund's not counted (docs/margin.md, section 1). Memory grows with this,
     * not with accounts × instruments. Default: maxAccounts × maxInstruments, at most 2^24.
     *
     * @param maxPositions capacity.
     * @return this.
     */
    public EngineSettings maxPositions(final int maxPositions)
    {
        this.maxPositions = maxPositions;
        return this;
    }

    /**
     * Instrument ids run from 0 to this minus one (default 8, at most 1,024).
     *
     * @param maxInstruments capacity.
     * @return this.
     */
    public EngineSettings maxInstruments(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        return this;
    }

    /**
     * Account id of the insurance fund (default 0).
     *
     * @param accountId account id.
     * @return this.
     */
    public EngineSettings insuranceFundAccountId(final long accountId)
    {
        this.insuranceFundAccountId = accountId;
        return this;
    }

    /**
     * Margin ratio (8 decimals) at which a margin call is emitted (default 0.8).
     *
     * @param ratio rate.
     * @return this.
     */
    public EngineSettings marginCallRatio(final long ratio)
    {
        this.marginCallRatio = ratio;
        return this;
    }

    /**
     * Whether a mark tick checks only the accounts the liquidation index finds outside their price band
     * (default true), or scans every account holding the instrument. Both give the same outputs in the same
     * order (docs/index.md); the scan is kept for tests that compare the two and for benchmarks' baselines.
     *
     * @param indexed false for the full scan.
     * @return this.
     */
    public EngineSettings indexedChecks(final boolean indexed)
    {
        this.indexedChecks = indexed;
        return this;
    }

    /**
     * What follows a liquidation trigger (docs/liquidation.md).
     *
     * @param mode takeover (the default) or market.
     * @return this.
     */
    public EngineSettings liquidationMode(final LiquidationMode mode)
    {
        this.liquidationMode = mode;
        return this;
    }

    /**
     * How many liquidation orders may be open at once; a trigger beyond them is taken over at once. With a fund
     * floor, also how many positions taken over one round of auto-deleveraging records (docs/liquidation.md).
     *
     * @param orders from 1 to {@link #MAX_OPEN_LIQUIDATIONS_LIMIT}.
     * @return this.
     */
    public EngineSettings maxOpenLiquidations(final int orders)
    {
        this.maxOpenLiquidations = orders;
        return this;
    }

    /**
     * The insurance fund's floor: when set, a takeover that leaves the fund's equity below it is followed by
     * auto-deleveraging (docs/liquidation.md).
     *
     * @param floor amount, 8 decimals, within {@code ±2^58}.
     * @return this.
     */
    public EngineSettings fundFloor(final long floor)
    {
        this.hasFundFloor = true;
        this.fundFloor = floor;
        return this;
    }

    /**
     * Checks the settings.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting that is out of range.
     */
    public EngineSettings conclude()
    {
        if (maxAccounts < 1 || maxAccounts > MAX_ACCOUNTS)
        {
            throw new IllegalArgumentException("maxAccounts must be from 1 to " + MAX_ACCOUNTS + ": " + maxAccounts);
        }
        if (maxInstruments < 1 || maxInstruments > MAX_INSTRUMENTS_LIMIT)
        {
            throw new IllegalArgumentException(
                "maxInstruments must be from 1 to " + MAX_INSTRUMENTS_LIMIT + ": " + maxInstruments);
        }
        if (maxPositions == POSITIONS_NOT_SET)
        {
            maxPositions = (int)Math.min(DEFAULT_MAX_POSITIONS_LIMIT, (long)maxAccounts * maxInstruments);
        }
        // per-slot arrays hold two longs a slot (the index's bands, the margin cache), and the fund has a slot per
        // instrument besides: 2^30 slots keep their lengths within an int
        if (maxPositions < 1 || (long)maxPositions + maxInstruments > MAX_SLOTS)
        {
            throw new IllegalArgumentException("maxPositions must be from 1 to " + (MAX_SLOTS - maxInstruments) +
                ": " + maxPositions);
        }
        if (marginCallRatio <= 0 || marginCallRatio > FixedPoint.SCALE)
        {
            throw new IllegalArgumentException("marginCallRatio must be in (0, 1]: " + marginCallRatio);
        }
        if (liquidationMode == null)
        {
            throw new IllegalArgumentException("liquidationMode must be takeover or market");
        }
        if (maxOpenLiquidations < 1 || maxOpenLiquidations > MAX_OPEN_LIQUIDATIONS_LIMIT)
        {
            throw new IllegalArgumentException(
                "maxOpenLiquidations must be from 1 to " + MAX_OPEN_LIQUIDATIONS_LIMIT + ": " + maxOpenLiquidations);
        }
        if (hasFundFloor && Math.abs(fundFloor) > FixedPoint.MAX_AMOUNT)
        {
            throw new IllegalArgumentException("fundFloor must be within ±" + FixedPoint.MAX_AMOUNT + ": " + fundFloor);
        }
        concluded = true;
        return this;
    }

    boolean isConcluded()
    {
        return concluded;
    }

    /**
     * Account capacity.
     *
     * @return most accounts.
     */
    public int maxAccounts()
    {
        return maxAccounts;
    }

    /**
     * Slot capacity (after {@link #conclude()}).
     *
     * @return most stored slots, the fund's not counted.
     */
    public int maxPositions()
    {
        return maxPositions;
    }

    /**
     * Instrument capacity.
     *
     * @return most instruments.
     */
    public int maxInstruments()
    {
        return maxInstruments;
    }

    /**
     * Insurance fund account id.
     *
     * @return the id.
     */
    public long insuranceFundAccountId()
    {
        return insuranceFundAccountId;
    }

    /**
     * Whether ticks use the liquidation index.
     *
     * @return true unless the full scan was asked for.
     */
    public boolean indexedChecks()
    {
        return indexedChecks;
    }

    /**
     * Margin call ratio.
     *
     * @return the ratio, 8 decimals.
     */
    public long marginCallRatio()
    {
        return marginCallRatio;
    }

    /**
     * What follows a liquidation trigger.
     *
     * @return takeover or market.
     */
    public LiquidationMode liquidationMode()
    {
        return liquidationMode;
    }

    /**
     * How many liquidation orders may be open at once.
     *
     * @return the capacity.
     */
    public int maxOpenLiquidations()
    {
        return maxOpenLiquidations;
    }

    /**
     * Whether auto-deleveraging runs.
     *
     * @return true when a fund floor is set.
     */
    public boolean hasFundFloor()
    {
        return hasFundFloor;
    }

    /**
     * The insurance fund's floor.
     *
     * @return the floor, amount (0 when not set).
     */
    public long fundFloor()
    {
        return fundFloor;
    }
}
