package com.liqengine.tools.demo;

import com.liqengine.api.InputEncoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.pipeline.InputPublisher;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A deterministic, realistic-looking market for the demo: random-walk marks with occasional crashes and
 * squeezes, thousands of accounts of mixed isolated and cross margin with varied leverage trading with each
 * other at the mark, periodic funding, and top-ups after losses. The same seed gives the same inputs.
 */
public final class DemoMarket
{
    private static final long AMOUNT = 100_000_000L;
    /** The insurance fund's account (the engine's default). */
    static final long FUND_ACCOUNT = 0;
    private static final int[] LEVERAGES = {2, 3, 5, 10, 20, 25, 50, 75};

    private final SplittableRandom random;
    private final MarketRegime regime;
    private final List<DemoInstrument> instruments;
    private final MarkSource markSource;
    private final int accounts;
    private final long[] marks;
    private final long[] deposits;
    private final int[][] leverage;
    private final int[] traded;
    private final AtomicIntegerArray liquidated;
    private final int[] crashTicksLeft;
    private final long[] crashStep;
    /** The price each walk drifts back toward: the start price, or where a flash crash left it. */
    private final long[] anchors;
    private long tradeId = 1;
    private long eventTime;
    private int pendingSellAccount = -1;
    private int pendingInstrument;
    private long pendingQuantity;
    private long pendingPrice;
    private long pendingTradeId;
    private long marketEvents;
    private long gapAt;
    private int gapPercent;
    private int gapped;

    public DemoMarket(final long seed, final int accounts)
    {
        this(seed, accounts, MarketRegime.CRASHES);
    }

    public DemoMarket(final long seed, final int accounts, final MarketRegime regime)
    {
        this(seed, accounts, regime, DemoInstrument.market(), null);
    }

    /**
     * A market on given instruments whose marks come from a source (real history) instead of the random walk.
     *
     * @param seed the seed of accounts, trades, funding and top-ups.
     * @param accounts accounts.
     * @param regime leverage choices of the accounts (its volatility and crashes are the source's).
     * @param instruments the instruments, their start prices the source's first marks.
     * @param markSource the marks, or null for the random walk.
     */
    public DemoMarket(
        final long seed, final int accounts, final MarketRegime regime, final List<DemoInstrument> instruments,
        final MarkSource markSource)
    {
        this.instruments = instruments;
        this.markSource = markSource;
        this.random = new SplittableRandom(seed);
        this.regime = regime;
        this.accounts = accounts;
        this.marks = new long[instruments.size()];
        this.deposits = new long[accounts + 1];
        this.leverage = new int[accounts + 1][instruments.size()];
        this.traded = new int[accounts + 1];
        for (int a = 1; a <= accounts; a++)
        {
            // one to three instruments each, BTC and ETH the most popular
            final int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++)
            {
                traded[a] |= 1 << Math.min(instruments.size() - 1, (int)(Math.abs(random.nextGaussian()) * 2));
            }
        }
        this.liquidated = new AtomicIntegerArray(accounts + 1);
        this.crashTicksLeft = new int[instruments.size()];
        this.crashStep = new long[instruments.size()];
        this.anchors = new long[instruments.size()];
        for (int i = 0; i < marks.length; i++)
        {
            marks[i] = instruments.get(i).startPrice();
            anchors[i] = marks[i];
        }
    }

    /**
     * Has every instrument gap down in one tick each (in a row, in instrument order) after {@code afterEvents}
     * market events: a market-wide flash crash, the marks jumping past the bankruptcy prices of the most levered
     * longs at once, so that no liquidation order can be filled at its limit, and the fund takes over at a loss.
     * Each walk then goes on from its gapped mark, and drifts toward it instead of the start price: the market
     * stays down.
     *
     * @param afterEvents market events before the gap; 0: no gap.
     * @param percent how far the mark falls, 1 to 90 percent.
     * @return this market.
     */
    public DemoMarket gapDown(final long afterEvents, final int percent)
    {
        if (afterEvents < 0 || percent < 1 || percent > 90)
        {
            throw new IllegalArgumentException("a gap after " + afterEvents + " events of " + percent + "%");
        }
        gapAt = afterEvents;
        gapPercent = percent;
        return this;
    }

    public List<DemoInstrument> instruments()
    {
        return instruments;
    }

    public int accounts()
    {
        return accounts;
    }

    /** Number of set-up inputs: definitions, marks, the fund, and per account a deposit, modes and leverage. */
    public int setUpCount()
    {
        return instruments.size() * 2 + 1 + accounts * (1 + 2 * instruments.size());
    }

    /**
     * Publishes every set-up input, in order, straight into the publisher's ring slots.
     *
     * @param publisher where to publish.
     */
    public void publishSetUp(final InputPublisher publisher)
    {
        for (int i = 0; i < setUpCount(); i++)
        {
            publisher.commit(setUp(publisher.claim(), i));
        }
    }

    /**
     * Encodes set-up input {@code n} (0 ≤ n < {@link #setUpCount()}).
     *
     * @return encoded length.
     */
    public int setUp(final InputEncoder encoder, final int n)
    {
        final int defined = instruments.size();
        if (n < defined)
        {
            return encoder.instrumentDefinition(n, eventTime, instruments.get(n).spec());
        }
        if (n < 2 * defined)
        {
            return encoder.markPriceTick(n, eventTime, n - defined, marks[n - defined]);
        }
        if (n == 2 * defined)
        {
            return encoder.deposit(n, eventTime, FUND_ACCOUNT, 1_000_000 * AMOUNT);
        }
        final int perAccount = 1 + 2 * defined;
        final int index = n - 2 * defined - 1;
        final long account = 1 + index / perAccount;
        final int step = index % perAccount;
        if (step == 0)
        {
            // wallets from a hundred to a million USDT, most of them small
            final double size = Math.exp(4.6 + random.nextDouble() * 9.2);
            deposits[(int)account] = (long)(size * AMOUNT);
            return encoder.deposit(n, eventTime, account, deposits[(int)account]);
        }
        final int instrument = (step - 1) / 2;
        if ((step - 1) % 2 == 0)
        {
            final MarginMode mode = random.nextInt(2) == 0 ? MarginMode.ISOLATED : MarginMode.CROSS;
            return encoder.setMarginMode(n, eventTime, account, instrument, mode);
        }
        final int maxLeverage = instruments.get(instrument).spec().tiers().get(0).maxLeverage();
        final int chosen = Math.min(maxLeverage, LEVERAGES[random.nextInt(regime.leverageChoices(LEVERAGES.length))]);
        leverage[(int)account][instrument] = chosen;
        return encoder.setLeverage(n, eventTime, account, instrument, chosen);
    }

    /**
     * Encodes the next market event: a tick, one side of a trade (the other side follows), funding or a
     * top-up.
     *
     * @return encoded length.
     */
    public int next(final InputEncoder encoder, final long correlationId)
    {
        eventTime += 1_000_000;
        marketEvents++;
        if (pendingSellAccount >= 0)
        {
            final long account = pendingSellAccount;
            pendingSellAccount = -1;
            return encoder.fill(correlationId, eventTime, account, pendingInstrument, Side.SELL, pendingQuantity,
                pendingPrice, fee(pendingInstrument, pendingQuantity, pendingPrice), pendingTradeId);
        }
        if (marketEvents >= gapAt && gapAt > 0)
        {
            final int gapping = gapped++;
            if (gapped == instruments.size())
            {
                gapAt = 0;
            }
            final long start = instruments.get(gapping).startPrice();
            marks[gapping] = Math.max(start / 4, marks[gapping] - marks[gapping] / 100 * gapPercent);
            anchors[gapping] = marks[gapping];
            return encoder.markPriceTick(correlationId, eventTime, gapping, marks[gapping]);
        }
        final int roll = random.nextInt(1000);
        final int instrument = random.nextInt(instruments.size());
        if (roll < 450 && markSource != null)
        {
            final int marked = markSource.next(random);
            marks[marked] = markSource.price();
            return encoder.markPriceTick(correlationId, eventTime, marked, marks[marked]);
        }
        if (roll < 450)
        {
            return encoder.markPriceTick(correlationId, eventTime, instrument, moveMark(instrument));
        }
        if (roll < 995)
        {
            return trade(encoder, correlationId, instrument);
        }
        if (random.nextInt(100) == 0)
        {
            // funding settles every position of the instrument: rare, as on an exchange (every few hours)
            final long rate = random.nextInt(201) - 100;
            return encoder.fundingRate(correlationId, eventTime, instrument, rate * 100);
        }
        final int account = 1 + random.nextInt(accounts);
        return encoder.deposit(correlationId, eventTime, account, Math.max(AMOUNT, deposits[account] / 4));
    }

    private long moveMark(final int instrument)
    {
        final DemoInstrument definition = instruments.get(instrument);
        final long start = definition.startPrice();
        long mark = marks[instrument];
        if (crashTicksLeft[instrument] > 0)
        {
            crashTicksLeft[instrument]--;
            mark += crashStep[instrument];
        }
        else if (regime.crashes() && random.nextInt(3_000) == 0)
        {
            // a crash (or a squeeze) of 8% to 20% over a few dozen ticks
            final long move = mark * (8 + random.nextInt(13)) / 100 * (random.nextInt(3) == 0 ? 1 : -1);
            crashTicksLeft[instrument] = 20 + random.nextInt(30);
            crashStep[instrument] = move / crashTicksLeft[instrument];
        }
        else
        {
            final double shock =
                random.nextGaussian() * definition.volatilityBasisPoints() / 10_000.0 * regime.volatilityScale();
            mark += (long)(mark * shock) + (anchors[instrument] - mark) / 500;
        }
        mark = Math.max(start / 4, Math.min(start * 4, mark));
        marks[instrument] = mark;
        return mark;
    }

    /**
     * @param instrument an instrument.
     * @return its current mark, in price units (publishing thread).
     */
    public long mark(final int instrument)
    {
        return marks[instrument];
    }

    /**
     * @return the event time of the last market event, ns.
     */
    public long eventTime()
    {
        return eventTime;
    }

    /**
     * @return true unless the next event is the second side of a trade (whose trade id is already given): other
     *     inputs with trade ids may go in now without coming below it.
     */
    public boolean betweenTrades()
    {
        return pendingSellAccount < 0;
    }

    /**
     * @return a new trade id, above every one given before (publishing thread).
     */
    public long nextTradeId()
    {
        return tradeId++;
    }

    /**
     * Tells the market that an account was liquidated (from any thread): like a real trader, it deposits again
     * before its next trade.
     *
     * @param account the account.
     */
    public void accountLiquidated(final long account)
    {
        if (account > 0 && account <= accounts)
        {
            liquidated.lazySet((int)account, 1);
        }
    }

    /** An account that trades the instrument (most accounts trade one to three), other than {@code not}. */
    private int trader(final int instrument, final int not)
    {
        int account = 1 + random.nextInt(accounts);
        for (int tries = 0; tries < 20 && (account == not || (traded[account] & (1 << instrument)) == 0); tries++)
        {
            account = 1 + random.nextInt(accounts);
        }
        return account == not ? account % accounts + 1 : account;
    }

    private int trade(final InputEncoder encoder, final long correlationId, final int instrument)
    {
        final int buyer = trader(instrument, 0);
        final int seller = trader(instrument, buyer);
        final int topUp = liquidated.get(buyer) == 1 ? buyer : liquidated.get(seller) == 1 ? seller : 0;
        if (topUp != 0)
        {
            liquidated.lazySet(topUp, 0);
            return encoder.deposit(correlationId, eventTime, topUp, deposits[topUp]);
        }
        final DemoInstrument definition = instruments.get(instrument);
        final long price = marks[instrument];
        // a trade worth 2% to 20% of what the smaller side could open at its leverage: most accounts stay well
        // margined, the most leveraged ones are the first to go in a crash
        final long capacity = Math.min(deposits[buyer] * leverage[buyer][instrument],
            deposits[seller] * leverage[seller][instrument]);
        final long budget = capacity / 100 * (2 + random.nextInt(19));
        final long quantity = Math.max(1, budget / Math.max(1, price * definition.valueFactor()));
        final long id = nextTradeId();
        pendingSellAccount = seller;
        pendingInstrument = instrument;
        pendingQuantity = quantity;
        pendingPrice = price;
        pendingTradeId = id;
        return encoder.fill(correlationId, eventTime, buyer, instrument, Side.BUY, quantity, price,
            fee(instrument, quantity, price), id);
    }

    private long fee(final int instrument, final long quantity, final long price)
    {
        // 4 basis points of the notional
        return quantity * price * instruments.get(instrument).valueFactor() / 2_500;
    }
}
