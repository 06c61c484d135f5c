package com.liqengine.liquidation.adl;

import com.liqengine.account.AccountList;
import com.liqengine.account.Accounts;
import com.liqengine.account.Instrument;
import com.liqengine.account.Ledger;
import com.liqengine.account.MarginMath;
import com.liqengine.account.Slots;
import com.liqengine.liquidation.FundBook;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.OutputEmitter;
import com.liqengine.math.FixedPoint;
import com.liqengine.math.WideSum;

/**
 * Auto-deleveraging (docs/liquidation.md, "Auto-deleveraging"): when a takeover cost the fund money (a gap through
 * the bankruptcy price) and, once the input's checks are done, the fund's equity is below {@code fundFloor}, the
 * fund's positions from those takeovers are closed against opposite positions of other accounts, highest rank
 * first, at ADL prices that recover what the fund lost. Nothing here runs without a floor.
 *
 * <p>Ranks are doubles computed the same way on every JVM (Java's double arithmetic is exact IEEE 754), so the order is
 * deterministic and the reference model reproduces it. With the liquidation index (bands) the counterparties are found
 * by a {@link CounterpartySearch} of the side's {@link AdlQueues}, which reads the positions whose keys could still
 * beat the best rank; without it, or when a search reads more than {@link #READ_LIMIT}, by walking the instrument's
 * holders once per {@link #TOP} closes. The two give the same counterparties in the same order; with the system
 * property {@code liqengine.adl.verifySearch=true} (the tests) every counterparty the search gives is checked against
 * the walk's.
 *
 * <p>With a floor, the fund's own {@code LiquidationOrder} for each position a takeover gave it waits here too, and is
 * sent after the round's ADL for what ADL left of that position (docs/liquidation.md, "The fund's unwind order"): an
 * order sent at the takeover would be stale once ADL closed part of what it unwinds.
 */
public final class Deleveraging
{
    /** How many counterparties one walk of the holders ranks; more are found by walking again. */
    static final int TOP = 256;
    /**
     * Positions one search may read before the walk takes over for the rest of that close; the system
     * property {@code liqengine.adl.readLimit} lowers it (a test setting: the hand-over to the walk).
     */
    static final int READ_LIMIT = 1 << 16;
    /** Checks every counterparty of a search against a full ranking (a test setting: O(holders) per close). */
    private static final boolean VERIFY = Boolean.getBoolean("liqengine.adl.verifySearch");

    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Slots slots;
    private final MarginMath math;
    private final FundBook fundBook;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final long fundAccountId;
    private final int fundIndex;
    private final boolean enabled;
    private final long fundFloor;

    /**
     * The positions this round's takeovers gave the fund, in takeover order: instrument, the fund's signed size
     * taken, its ADL price (0: the takeover did not cost the fund, no ADL), and the price of the fund's order.
     */
    private final int[] pendingInstrument;
    private final long[] pendingSize;
    private final long[] pendingPrice;
    private final long[] pendingOrderPrice;
    private int pending;
    /** The first entry of the takeover being recorded, whose ADL price waits for its D and N. */
    private int groupStart;
    private final WideSum groupNotional = new WideSum();

    /** The best candidates of one walk: slot and rank, ordered by rank descending then account id ascending. */
    private final int[] topSlot = new int[TOP];
    private final double[] topRank = new double[TOP];
    private final long[] topId = new long[TOP];
    private int topCount;
    private final WideSum fundEquity = new WideSum();
    private final WideSum crossEquity = new WideSum();
    /** The entries {@link #run} works through, moved out of the pending ones so that checks may add new ones. */
    private final int[] activeInstrument;
    private final long[] activeSize;
    private final long[] activePrice;
    private final long[] activeOrderPrice;
    /** What ADL closed of each active entry. */
    private final long[] activeClosed;
    /** The accounts the last {@link #run} closed positions of, in the order of their first close. */
    private final AccountList touched;
    /**
     * The accounts closed against for the recorded position being worked off: ranks are those from before its
     * first close, so a later walk must not rank them again (their rank moved with the close).
     */
    private final AccountList closed;
    /** The ranked queues and their search; null without a floor or without the liquidation index. */
    private final AdlQueues queues;
    private final CounterpartySearch search;
    /** Positions ranked to find counterparties, searched or walked, since the engine was built. */
    private long ranked;
    /** The ADL indicators of the state views (off the event path). */
    private final AdlIndicators indicators;

    public Deleveraging(
        final Instrument[] instruments,
        final Accounts accounts,
        final Slots slots,
        final MarginMath math,
        final FundBook fundBook,
        final Ledger ledger,
        final OutputEmitter emitter,
        final EngineSettings settings,
        final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.slots = slots;
        this.math = math;
        this.fundBook = fundBook;
        this.ledger = ledger;
        this.emitter = emitter;
        this.fundAccountId = settings.insuranceFundAccountId();
        this.fundIndex = fundIndex;
        this.enabled = settings.hasFundFloor();
        this.fundFloor = settings.fundFloor();
        final int capacity = enabled ? settings.maxOpenLiquidations() : 0;
        this.pendingInstrument = new int[capacity];
        this.pendingSize = new long[capacity];
        this.pendingPrice = new long[capacity];
        this.pendingOrderPrice = new long[capacity];
        this.activeInstrument = new int[capacity];
        this.activeSize = new long[capacity];
        this.activePrice = new long[capacity];
        this.activeOrderPrice = new long[capacity];
        this.activeClosed = new long[capacity];
        this.touched = new AccountList(enabled ? accounts.maxAccounts() : 0);
        this.closed = new AccountList(enabled ? accounts.maxAccounts() : 0);
        // liqengine.adl.search=false: the walk only (a comparison setting for the benchmark)
        if (enabled && settings.indexedChecks() &&
            Boolean.parseBoolean(System.getProperty("liqengine.adl.search", "true")))
        {
            final int slotCount = slots.capacity();
            this.queues = new AdlQueues(slots, accounts, math.marks, slotCount, instruments.length, fundIndex);
            this.search = new CounterpartySearch(queues, slots, accounts, this, fundIndex,
                Math.max(1, Math.min(Integer.getInteger("liqengine.adl.readLimit", READ_LIMIT), slotCount + 1)));
        }
        else
        {
            this.queues = null;
            this.search = null;
        }
        this.indicators = new AdlIndicators(instruments, accounts, slots, this, fundIndex);
    }

    /** The ADL indicators of positions, for the state views (off the event path). */
    public AdlIndicators indicators()
    {
        return indicators;
    }

    /** The queues {@link com.liqengine.liquidation.PriceBands} keeps, or null when there are none. */
    public AdlQueues queues()
    {
        return queues;
    }

    /** Positions ranked to find ADL counterparties since the engine was built (searched or walked). */
    public long ranked()
    {
        return ranked + (search == null ? 0 : search.reads());
    }

    /** A takeover begins: its positions follow through {@link #taken}, then {@link #takeoverEnded}. */
    public void takeoverBegins()
    {
        groupStart = pending;
        groupNotional.set(0);
    }

    /**
     * The fund took {@code size} (signed, the fund's side) of an instrument over, and would unwind it with an order at
     * {@code orderPrice}.
     *
     * @return whether that order waits for the round's ADL (a floor is set and the position was recorded); if not,
     *     the caller sends it now, and ADL never closes this position.
     */
    public boolean taken(final int instrumentId, final long size, final long orderPrice)
    {
        if (!enabled)
        {
            return false;
        }
        final Instrument instrument = instruments[instrumentId];
        groupNotional.add(Math.abs(instrument.value(size, instrument.markPrice)));
        if (pending == pendingSize.length)
        {
            return false;
        }
        pendingInstrument[pending] = instrumentId;
        pendingSize[pending] = size;
        pendingPrice[pending] = 0;
        pendingOrderPrice[pending] = orderPrice;
        pending++;
        return true;
    }

    /**
     * The takeover ended having cost the fund {@code loss} (D: what it paid beyond the positions' worth at the
     * marks). With {@code D ≤ 0} its positions need no ADL; otherwise each gets its ADL price: the mark moved
     * against the counterparties by {@code D / N}, on the tick in the fund's favour, at least one tick.
     */
    public void takeoverEnded(final long loss)
    {
        if (!enabled)
        {
            return;
        }
        if (loss <= 0)
        {
            // kept for their orders, with no ADL price
            return;
        }
        // N and D beyond 2^62 only in books far past any venue's; clamped, the price stays on the fund's side
        final long notional = Math.max(1, groupNotional.clamped(FixedPoint.FUND_SATURATION));
        final long deficit = Math.min(loss, FixedPoint.FUND_SATURATION);
        for (int e = groupStart; e < pending; e++)
        {
            final Instrument instrument = instruments[pendingInstrument[e]];
            final long mark = instrument.markPrice;
            final long tick = instrument.tickSize;
            final long move = FixedPoint.mulDivCeil(mark, deficit, notional);
            final long price = pendingSize[e] > 0 ?
                FixedPoint.ceilDiv(mark + move, tick) * tick :
                Math.floorDiv(mark - move, tick) * tick;
            pendingPrice[e] = Math.max(tick, price);
        }
    }

    /** Whether positions taken over in this round wait for ADL or for their orders. */
    public boolean hasPending()
    {
        return pending > 0;
    }

    /**
     * After the input's checks: while the fund's equity is below the floor, closes the fund's positions from this
     * input's takeovers against ranked counterparties; {@code InsuranceFundDeficit} when it stays below. The
     * accounts closed against are then {@link #touched()}: the caller checks them again (which may take more
     * over), then empties the list.
     */
    public void run()
    {
        final int entries = pending;
        System.arraycopy(pendingInstrument, 0, activeInstrument, 0, entries);
        System.arraycopy(pendingSize, 0, activeSize, 0, entries);
        System.arraycopy(pendingPrice, 0, activePrice, 0, entries);
        System.arraycopy(pendingOrderPrice, 0, activeOrderPrice, 0, entries);
        pending = 0;
        boolean costly = false;
        for (int e = 0; e < entries; e++)
        {
            activeClosed[e] = 0;
            costly |= activePrice[e] != 0;
        }
        if (costly)
        {
            long shortfall = shortfall();
            for (int e = 0; e < entries && shortfall > 0; e++)
            {
                if (activePrice[e] != 0)
                {
                    shortfall = deleverage(e, shortfall);
                }
            }
            if (shortfall > 0)
            {
                emitter.insuranceFundDeficit(shortfall, fundFloor - shortfall);
            }
        }
        // the fund's orders, in takeover order, for what ADL left of each position: none when nothing is left
        for (int e = 0; e < entries; e++)
        {
            final long rest = Math.abs(activeSize[e]) - activeClosed[e];
            if (rest > 0)
            {
                emitter.liquidationOrder(
                    fundAccountId, activeInstrument[e], Long.signum(activeSize[e]) * rest, activeOrderPrice[e]);
            }
        }
    }

    /** The accounts the last run closed positions of, in the order of their first close. */
    public AccountList touched()
    {
        return touched;
    }

    /** {@code fundFloor − fund equity} (the fund's wallet plus its positions' unrealized PnL), or ≤ 0. */
    private long shortfall()
    {
        final WideSum equity = fundEquity.set(accounts.crossWallet(fundIndex));
        for (int s = slots.firstOf(fundIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (slots.size(s) != 0)
            {
                final Instrument instrument = instruments[slots.instrument(s)];
                equity.add(instrument.valueClamped(slots.size(s), instrument.markPrice));
                equity.add(-slots.cost(s));
            }
        }
        return fundFloor - equity.clamped(FixedPoint.FUND_SATURATION);
    }

    /**
     * Closes up to the active entry's taken size of the fund's position at its ADL price, adding what it closed to
     * {@link #activeClosed}; returns the shortfall left.
     */
    private long deleverage(final int entry, final long startShortfall)
    {
        final int instrumentId = activeInstrument[entry];
        final long taken = activeSize[entry];
        final long price = activePrice[entry];
        final Instrument instrument = instruments[instrumentId];
        final long mark = instrument.markPrice;
        // per quantity unit the fund gains, and a counterparty gives up, |price − mark| × f against the mark
        final long perUnit = Math.abs(price - mark) * instrument.valueFactor;
        final long step = instrument.stepSize;
        final boolean fundLong = taken > 0;
        long left = Math.abs(taken);
        long closedQuantity = 0;
        long shortfall = startShortfall;
        double afterRank = Double.POSITIVE_INFINITY;
        long afterAccount = Long.MIN_VALUE;
        boolean searching = search != null;
        if (searching)
        {
            search.start(instrumentId, fundLong, mark);
        }
        // the walk's next in its ranked top, and its end: the walk ranks again once it has gone through them all
        int walked = 0;
        int walkEnd = 0;
        while (left > 0 && shortfall > 0)
        {
            final int fundSlot = slots.fundSlot(instrumentId);
            final long fundSize = fundSlot == Slots.NONE ? 0 : slots.size(fundSlot);
            left = Math.min(left, fundLong ? Math.max(0, fundSize) : Math.max(0, -fundSize));
            if (left == 0)
            {
                break;
            }
            final int s;
            if (searching)
            {
                s = search.next(closed);
                if (search.overflowed())
                {
                    // read too many: the walk goes on from the last counterparty the search gave
                    searching = false;
                    continue;
                }
                if (VERIFY)
                {
                    verify(s, instrumentId, fundLong, afterRank, afterAccount);
                }
                if (s == Slots.NONE)
                {
                    break;
                }
                afterRank = search.lastRank();
                afterAccount = search.lastId();
            }
            else
            {
                if (walked == walkEnd)
                {
                    if (!rankTop(instrumentId, fundLong, afterRank, afterAccount))
                    {
                        break;
                    }
                    walked = 0;
                    walkEnd = topCount;
                }
                s = topSlot[walked];
                afterRank = topRank[walked];
                afterAccount = topId[walked];
                walked++;
            }
            final long quantity = quantity(s, left, shortfall, perUnit, step);
            if (quantity > 0)
            {
                touched.add(slots.account[s]);
                closed.add(slots.account[s]);
                close(s, quantity, price, instrument);
                left -= quantity;
                closedQuantity += quantity;
                shortfall -= quantity * perUnit;
            }
        }
        if (queues != null)
        {
            // the searches' views did not move during the closes; the accounts closed are keyed again now
            for (int a = closed.first(); a != AccountList.NONE; a = closed.next(a))
            {
                queues.accountChanged(a);
            }
        }
        closed.clear();
        activeClosed[entry] = closedQuantity;
        return shortfall;
    }

    /**
     * The least of: the position's size, what is left of the fund's, what brings the fund back to its floor
     * (rounded up to the step), and what the counterparty's equity covers; 0 or less for none.
     */
    private long quantity(final int s, final long left, final long shortfall, final long perUnit, final long step)
    {
        long quantity = Math.min(Math.abs(slots.size(s)), left);
        if (perUnit > 0)
        {
            final long toFloor = FixedPoint.ceilDiv(FixedPoint.ceilDiv(shortfall, perUnit), step) * step;
            final long covered = Math.floorDiv(Math.floorDiv(equityOf(s), perUnit), step) * step;
            quantity = Math.min(quantity, Math.min(toFloor, covered));
        }
        return quantity;
    }

    /** The search's counterparty against the walk's first after the last one handed out (a test setting). */
    private void verify(final int found, final int instrumentId, final boolean fundLong, final double afterRank,
        final long afterAccount)
    {
        final long rankedBefore = ranked;
        final int expected = rankTop(instrumentId, fundLong, afterRank, afterAccount) ? topSlot[0] : Slots.NONE;
        ranked = rankedBefore;
        if (found != expected)
        {
            throw new IllegalStateException("ADL search gave slot " + found + " where ranking all holders gives " +
                expected + " (instrument " + instrumentId + ", after rank " + afterRank + " of account " +
                afterAccount + (found == Slots.NONE ? "" : ", found rank " + rank(found)) +
                (expected == Slots.NONE ? "" : ", expected rank " + rank(expected)) + ")");
        }
    }

    /**
     * Fills {@link #topSlot} with the best-ranked opposite positions that come after {@code (afterRank,
     * afterAccount)} in rank order: rank descending, then account id ascending.
     *
     * @return whether any was found.
     */
    private boolean rankTop(final int instrumentId, final boolean fundLong, final double afterRank,
        final long afterAccount)
    {
        topCount = 0;
        for (int s = slots.firstHolder(instrumentId); s != Slots.NONE; s = slots.nextHolder(s))
        {
            final long size = slots.size(s);
            final int account = slots.account[s];
            if (account == fundIndex || (fundLong ? size >= 0 : size <= 0) || slots.isInLiquidation(s) ||
                closed.contains(account))
            {
                continue;
            }
            final double rank = rank(s);
            ranked++;
            final long id = accounts.idAt(account);
            if (!before(afterRank, afterAccount, rank, id))
            {
                continue;
            }
            insert(s, rank, id);
        }
        sortTop();
        return topCount > 0;
    }

    /**
     * Whether (rank1, id1) comes strictly before (rank2, id2) in the ADL order: higher rank first ({@link
     * Double#compare}'s), then the lower account id. The order of the search, the walk and the indicators.
     */
    static boolean before(final double rank1, final long id1, final double rank2, final long id2)
    {
        final int byRank = Double.compare(rank2, rank1);
        return byRank < 0 || byRank == 0 && id1 < id2;
    }

    /**
     * Keeps the {@link #TOP} best seen in a heap whose root is the worst of them, so a candidate that does not make
     * it costs one comparison; {@link #sortTop()} orders them once the walk is done.
     */
    private void insert(final int slot, final double rank, final long id)
    {
        if (topCount < TOP)
        {
            int at = topCount++;
            while (at > 0)
            {
                final int parent = (at - 1) >>> 1;
                if (!before(topRank[parent], topId[parent], rank, id))
                {
                    break;
                }
                put(at, topSlot[parent], topRank[parent], topId[parent]);
                at = parent;
            }
            put(at, slot, rank, id);
        }
        else if (before(rank, id, topRank[0], topId[0]))
        {
            siftDown(slot, rank, id, topCount);
        }
    }

    /** Places an entry at the root of the heap of the first {@code size} entries and moves it down to its place. */
    private void siftDown(final int slot, final double rank, final long id, final int size)
    {
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= size)
            {
                break;
            }
            // the worse child: the one the other comes before
            if (child + 1 < size && before(topRank[child], topId[child], topRank[child + 1], topId[child + 1]))
            {
                child++;
            }
            // the worse child moves up while it is worse than the entry
            if (!before(rank, id, topRank[child], topId[child]))
            {
                break;
            }
            put(at, topSlot[child], topRank[child], topId[child]);
            at = child;
        }
        put(at, slot, rank, id);
    }

    /** Heap sort: the worst goes to the end, one at a time, leaving the best first. */
    private void sortTop()
    {
        for (int end = topCount - 1; end > 0; end--)
        {
            final int slot = topSlot[end];
            final double rank = topRank[end];
            final long id = topId[end];
            put(end, topSlot[0], topRank[0], topId[0]);
            siftDown(slot, rank, id, end);
        }
    }

    private void put(final int at, final int slot, final double rank, final long id)
    {
        topSlot[at] = slot;
        topRank[at] = rank;
        topId[at] = id;
    }

    /**
     * The ADL rank: with {@code PnL% = U / |C|} and effective leverage {@code |value at mark| / equity}, PnL% times
     * the leverage when in profit, else PnL% divided by it; a position whose equity is not positive ranks last.
     */
    public double rank(final int slot)
    {
        final long equity = equityOf(slot);
        if (equity <= 0)
        {
            return Double.NEGATIVE_INFINITY;
        }
        final long unrealized = math.unrealizedPnl(slot);
        final double pnl = (double)unrealized / (double)Math.abs(slots.cost(slot));
        final double leverage = (double)math.notional(slot) / (double)equity;
        return unrealized > 0 ? pnl * leverage : pnl / leverage;
    }

    /** The equity of the position's pool: {@code B + U} isolated, the account's cross equity otherwise. */
    private long equityOf(final int slot)
    {
        if (slots.isolated(slot))
        {
            return math.isolatedEquity(slot);
        }
        return math.crossEquity(slots.account[slot], Slots.NONE, crossEquity).clamped(FixedPoint.FUND_SATURATION);
    }

    /**
     * Closes {@code quantity} of the counterparty's position at the ADL price by the reduce rule of docs/margin.md
     * section 4 (no fee), and the same of the fund's opposite position; an {@code AutoDeleveraged} for each.
     */
    private void close(final int slot, final long quantity, final long price, final Instrument instrument)
    {
        final int account = slots.account[slot];
        final long size = slots.size(slot);
        final long held = Math.abs(size);
        final long cost = slots.cost(slot);
        final long remainingCost = FixedPoint.mulDivFloor(cost, held - quantity, held);
        final long closedSize = Long.signum(size) * quantity;
        final long realized = instrument.value(closedSize, price) - (cost - remainingCost);
        if (slots.isolated(slot))
        {
            final long released = FixedPoint.mulDivFloor(slots.pool(slot), quantity, held);
            final long returned = released + realized;
            slots.setPool(slot, slots.pool(slot) - released);
            if (returned >= 0)
            {
                accounts.setCrossWallet(account, accounts.crossWallet(account) + returned);
            }
            else
            {
                // as for a fill: the rest of the pool pays the loss, the fund what the pool cannot
                slots.setPool(slot, slots.pool(slot) + returned);
                if (slots.pool(slot) < 0)
                {
                    accounts.payFund(fundIndex, slots.pool(slot));
                    slots.setPool(slot, 0);
                }
            }
        }
        else
        {
            accounts.setCrossWallet(account, accounts.crossWallet(account) + realized);
        }
        slots.setSize(slot, size - closedSize);
        slots.setCost(slot, remainingCost);
        if (size == closedSize)
        {
            slots.setMarginCall(slot, false);
        }
        ledger.realizedPnl.add(realized);
        emitter.autoDeleveraged(accounts.idAt(account), instrument.id, -closedSize, price, realized);
        // the fund closes the opposite side at the same price
        final long walletBefore = accounts.crossWallet(fundIndex);
        fundBook.book(instrument.id, closedSize, instrument.value(closedSize, price));
        emitter.autoDeleveraged(fundAccountId, instrument.id, closedSize, price,
            accounts.crossWallet(fundIndex) - walletBefore);
    }
}
