package com.liqengine.account;

import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.math.FixedPoint;

/**
 * One perpetual instrument: its scales, risk tiers, defaults for new accounts, mark price and the last trade
 * id seen per side (docs/margin.md, sections 2 and 3).
 */
public final class Instrument
{
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L
    };

    public final int id;
    public final RiskTiers tiers = new RiskTiers();
    public boolean defined;
    public final byte[] symbol = new byte[16];
    public int symbolLength;
    public int priceDecimals;
    public int qtyDecimals;
    public long tickSize;
    public long stepSize;
    /** Written only by {@link #setValueFactor}, which keeps {@link InstrumentMarks} in step. */
    public long valueFactor;
    public int defaultLeverage;
    public MarginMode defaultMode;
    /** Rate of a liquidation order's filled notional charged to the fund (docs/liquidation.md). */
    public long liquidationFeeRate;
    /** 1-based tier from which a liquidation order steps the position down one tier; 0: always in full. */
    public int partialFromTier;
    /** Written only by {@link #setMarkPrice}, which keeps {@link InstrumentMarks} in step. */
    public long markPrice;
    public long lastBuyTradeId;
    public long lastSellTradeId;
    private final InstrumentMarks marks;

    public Instrument(final int id, final InstrumentMarks marks)
    {
        this.id = id;
        this.marks = marks;
    }

    /** An instrument alone (tests). */
    public Instrument(final int id)
    {
        this(id, new InstrumentMarks(id + 1));
    }

    public void setMarkPrice(final long price)
    {
        markPrice = price;
        marks.markPrice[id] = price;
    }

    public void setValueFactor(final long factor)
    {
        valueFactor = factor;
        marks.valueFactor[id] = factor;
    }

    /**
     * The checks every trade of this instrument passes, ordinary or of a liquidation order (docs/margin.md
     * section 4, docs/liquidation.md): quantity on the step, price on the tick, trade id above the last of its side.
     *
     * @return null when it passes, else why it is rejected.
     */
    public RejectReason checkTrade(final boolean buy, final long quantity, final long price, final long tradeId)
    {
        if (quantity % stepSize != 0 || price % tickSize != 0)
        {
            return RejectReason.NOT_ON_TICK_OR_STEP;
        }
        return tradeId <= (buy ? lastBuyTradeId : lastSellTradeId) ? RejectReason.DUPLICATE_TRADE_ID : null;
    }

    /** A trade applied: its id is now the last of its side. */
    public void recordTrade(final boolean buy, final long tradeId)
    {
        if (buy)
        {
            lastBuyTradeId = tradeId;
        }
        else
        {
            lastSellTradeId = tradeId;
        }
    }

    public static long powerOfTen(final int exponent)
    {
        return POWERS_OF_TEN[exponent];
    }

    /**
     * Exact value {@code q * P * f} of a signed quantity at a price, in amount units.
     *
     * @param quantity signed quantity, qtyDecimals.
     * @param price price, priceDecimals.
     * @return signed value, amount.
     */
    public long value(final long quantity, final long price)
    {
        return Math.multiplyExact(Math.multiplyExact(quantity, price), valueFactor);
    }

    /**
     * The value {@code q * P * f}, clamped to {@code ±2^62}: the insurance fund's position, which takeovers may
     * grow past the bounds a fill keeps, is valued this way where funding and the views use it
     * (docs/margin.md, section 1). Never throws.
     *
     * @param quantity signed quantity, qtyDecimals.
     * @param price price, priceDecimals, not negative.
     * @return signed value, amount, clamped.
     */
    public long valueClamped(final long quantity, final long price)
    {
        final long limit = FixedPoint.FUND_SATURATION;
        if (FixedPoint.productAtMost(quantity, price, valueFactor, limit))
        {
            return quantity * price * valueFactor;
        }
        return quantity < 0 ? -limit : limit;
    }

    /**
     * The instrument's risk tiers.
     *
     * @return the tiers.
     */
    public RiskTiers tiers()
    {
        return tiers;
    }

    /**
     * Current mark price (0 until known).
     *
     * @return mark price, priceDecimals.
     */
    public long markPrice()
    {
        return markPrice;
    }

    /**
     * Symbol as text (cold path: allocates).
     *
     * @return the symbol.
     */
    public String symbol()
    {
        return new String(symbol, 0, symbolLength, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
