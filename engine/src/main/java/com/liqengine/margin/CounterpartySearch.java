package com.liqengine.margin;

/**
 * Finds the counterparties of one ADL close in rank order (rank descending, then account id ascending) by reading
 * the side's three {@link AdlQueues} views best-first and ranking only what it reads: every position not yet read
 * has keys no better than the next ones of the views, so its rank is at most what those keys allow (a threshold:
 * the lower of the bounds from the entry price with {@code a}, and from the entry price with the base equity). A
 * read position is handed out once its rank is above that threshold (beyond the rounding of the doubles), so the
 * order is exactly that of ranking all holders. The cost is the positions read: those whose keys are near the best
 * ones, in proportion to how many are handed out, not to the holders. The views must not change during a search
 * (the caller keys the accounts it closed afterwards).
 */
final class CounterpartySearch
{
    /** Relative allowance for the rounding of keys and ranks: positions this close to a tie are read too. */
    private static final double SLACK = 1e-9;
    /** How much more the entry view must hold the threshold up to be read next (see {@link #viewToRead}). */
    private static final double PREFERENCE = 1e-6;
    /** Reads between two computations of the threshold (and of the view to read): each costs several divisions. */
    private static final int RECOMPUTE_EVERY = 16;

    private final AdlQueues queues;
    private final AdlHeapWalk entryWalk;
    private final AdlHeapWalk equityWalk;
    private final AdlHeapWalk baseWalk;
    private final Slots slots;
    private final Accounts accounts;
    private final Deleveraging ranks;
    private final int fundIndex;
    /** Per slot, the search that read it: a slot is in both views and is ranked once. */
    private final int[] readIn;
    private int search;

    /** The positions read but not handed out: a binary heap, best (rank descending, id ascending) first. */
    private final int[] candidateSlot;
    private final double[] candidateRank;
    private final long[] candidateId;
    private int candidates;

    private int instrumentId;
    private boolean shorts;
    private double mark;
    /** The view being read: 0 entry, 1 equity, 2 base. */
    private int view;
    /** The threshold and the view to read, as computed {@link #sinceThreshold} reads ago. */
    private double threshold;
    private int sinceThreshold;
    private int reads;
    private boolean overflowed;
    private double lastRank;
    private long lastId;

    CounterpartySearch(final AdlQueues queues, final Slots slots, final Accounts accounts, final Deleveraging ranks,
        final int fundIndex, final int maxSlots, final int readLimit)
    {
        this.queues = queues;
        this.slots = slots;
        this.accounts = accounts;
        this.ranks = ranks;
        this.fundIndex = fundIndex;
        this.entryWalk = new AdlHeapWalk(queues.entryView, readLimit);
        this.equityWalk = new AdlHeapWalk(queues.equityView, readLimit);
        this.baseWalk = new AdlHeapWalk(queues.baseView, readLimit);
        this.readIn = new int[maxSlots];
        this.candidateSlot = new int[2 * readLimit + 2];
        this.candidateRank = new double[2 * readLimit + 2];
        this.candidateId = new long[2 * readLimit + 2];
    }

    /** Begins a search of the positions opposite the fund's: shorts when the fund is long. */
    void start(final int instrument, final boolean fundLong, final long markPrice)
    {
        instrumentId = instrument;
        shorts = fundLong;
        mark = markPrice;
        final int heap = AdlQueues.heap(instrument, !fundLong);
        entryWalk.start(heap);
        equityWalk.start(heap);
        baseWalk.start(heap);
        candidates = 0;
        view = 0;
        threshold = Double.POSITIVE_INFINITY;
        sinceThreshold = RECOMPUTE_EVERY;
        overflowed = false;
        if (++search == Integer.MAX_VALUE)
        {
            java.util.Arrays.fill(readIn, 0);
            search = 1;
        }
    }

    /** Positions ranked by every search so far. */
    int reads()
    {
        return reads;
    }

    /** The rank of the last position {@link #next} handed out. */
    double lastRank()
    {
        return lastRank;
    }

    /** The account id of the last position {@link #next} handed out. */
    long lastId()
    {
        return lastId;
    }

    /** Whether the last {@link #next} gave up: a walk read its limit (the caller ranks all holders instead). */
    boolean overflowed()
    {
        return overflowed;
    }

    /**
     * The next counterparty in rank order among the positions not in {@code closed}, or {@link Slots#NONE} when
     * none is left or the search {@link #overflowed()}.
     */
    int next(final AccountList closed)
    {
        while (true)
        {
            if (entryWalk.exhausted() || equityWalk.exhausted() || baseWalk.exhausted())
            {
                // every position read: the candidates are all there is
                return candidates > 0 ? take() : Slots.NONE;
            }
            if (candidates > 0 && candidateRank[0] > threshold)
            {
                return take();
            }
            if (candidates > 0 && sinceThreshold >= RECOMPUTE_EVERY)
            {
                // the threshold only falls as the views are read: one computed a few reads ago is still a bound
                threshold = threshold();
                view = viewToRead();
                sinceThreshold = 0;
                if (candidateRank[0] > threshold)
                {
                    return take();
                }
            }
            if (entryWalk.full() || equityWalk.full() || baseWalk.full() || candidates + 3 > candidateSlot.length)
            {
                overflowed = true;
                return Slots.NONE;
            }
            if (candidates == 0)
            {
                view = view == 2 ? 0 : view + 1;
            }
            sinceThreshold++;
            final AdlHeapWalk walk = view == 0 ? entryWalk : view == 1 ? equityWalk : baseWalk;
            read(walk.next(), closed);
        }
    }

    /**
     * Which view to read next (0 entry, 1 equity, 2 base): of the pair whose bound is the threshold, the one whose
     * next key holds it up most, judged against the best candidate (the bound with the other view's next key as
     * good as the candidate's); the equity or base view when they hold it up alike (positions at one entry price:
     * the entry view cannot lower it); in turn when there is no candidate or a key is not known.
     */
    private int viewToRead()
    {
        final long entryKey = entryWalk.nextKey();
        final long equityKey = equityWalk.nextKey();
        final long baseKey = baseWalk.nextKey();
        if (candidates == 0 || entryKey == AdlQueues.UNKNOWN || equityKey == AdlQueues.UNKNOWN ||
            baseKey == AdlQueues.UNKNOWN)
        {
            return view == 2 ? 0 : view + 1;
        }
        if (byEquity(entryKey, equityKey) <= byBase(entryKey, baseKey))
        {
            final int best = candidateSlot[0];
            final int heap = queues.heapOf(best);
            final long bestEntry = queues.entryView.key(best, heap);
            final long bestEquity = queues.equityView.key(best, heap);
            if (bestEntry == AdlQueues.UNKNOWN || bestEquity == AdlQueues.UNKNOWN)
            {
                return view == 0 ? 1 : 0;
            }
            // the entry view only when it clearly holds the threshold up more: near ties are rounding, not a reason
            return byEquity(entryKey, bestEquity) > byEquity(bestEntry, equityKey) * (1 + PREFERENCE) ? 0 : 1;
        }
        // the base view while its bucket holds the threshold up; else the later buckets, through the entry price
        // (the entry view lowers that) or their floor (the base view gets there): both in turn
        final int bucket = AdlQueues.bucketOf(baseKey);
        final double entry = entryPrice(entryKey);
        final double inBucket = AdlQueues.bucketEntryBound(baseKey, shorts);
        final double within = rankBound(shorts ? Math.min(entry, inBucket) : Math.max(entry, inBucket),
            AdlQueues.bucketFloor(bucket));
        if (within >= rankBound(entry, AdlQueues.bucketFloor(bucket + 1)))
        {
            return 2;
        }
        return view == 2 ? 0 : 2;
    }

    private void read(final int slot, final AccountList closed)
    {
        if (readIn[slot] == search)
        {
            return;
        }
        readIn[slot] = search;
        final long size = slots.size(slot);
        final int account = slots.account[slot];
        // entries of released or re-used slots are stale until their next key: they are skipped here
        if (slots.instrument(slot) != instrumentId || (shorts ? size >= 0 : size <= 0) || account == fundIndex ||
            slots.isInLiquidation(slot) || closed.contains(account))
        {
            return;
        }
        reads++;
        add(slot, ranks.rank(slot), accounts.idAt(account));
    }

    /**
     * The highest rank a position not yet read can have: that of a position with the next entry key and the next
     * equity key, widened by the rounding allowance; infinite while a position without a known bound is unread.
     */
    private double threshold()
    {
        final long entryKey = entryWalk.nextKey();
        final long equityKey = equityWalk.nextKey();
        final long baseKey = baseWalk.nextKey();
        if (entryKey == AdlQueues.UNKNOWN || equityKey == AdlQueues.UNKNOWN || baseKey == AdlQueues.UNKNOWN)
        {
            return Double.POSITIVE_INFINITY;
        }
        return Math.min(byEquity(entryKey, equityKey), byBase(entryKey, baseKey));
    }

    private double entryPrice(final long entryKey)
    {
        return shorts ? -AdlQueues.unsortable(entryKey) : AdlQueues.unsortable(entryKey);
    }

    /**
     * The highest rank of a position with an entry key and an equity key no better than these two: the PnL% at
     * that entry price times the leverage at that least equity (over it when the PnL% is not positive).
     */
    private double byEquity(final long entryKey, final long equityKey)
    {
        final double entry = entryPrice(entryKey);
        final double a = shorts ? AdlQueues.unsortable(equityKey) : -AdlQueues.unsortable(equityKey);
        final double m = mark;
        // per unit: the least equity and the highest PnL% of anything unread
        final double equity = (shorts ? a - m : m - a) - SLACK * (Math.abs(a) + m);
        if (!(equity > 0))
        {
            return Double.POSITIVE_INFINITY;
        }
        final double pnl = (shorts ? 1 - m / (entry * (1 + SLACK)) : m / (entry * (1 - SLACK)) - 1) + SLACK;
        final double rank = pnl > 0 ? pnl * m / equity : pnl * equity / m;
        return rank + Math.abs(rank) * SLACK;
    }

    /**
     * The highest rank of a position not yet read, from the entry view's next key and the base view's: one in the
     * base view's next bucket has an entry price no better than that key's, one in a later bucket has a base equity
     * of at least that bucket's floor.
     */
    private double byBase(final long entryKey, final long baseKey)
    {
        final double entry = entryPrice(entryKey);
        final int bucket = AdlQueues.bucketOf(baseKey);
        final double inBucket = AdlQueues.bucketEntryBound(baseKey, shorts);
        final double within = rankBound(shorts ? Math.min(entry, inBucket) : Math.max(entry, inBucket),
            AdlQueues.bucketFloor(bucket));
        return Math.max(within, rankBound(entry, AdlQueues.bucketFloor(bucket + 1)));
    }

    /**
     * The highest rank of a position with an entry price no better than {@code entry} and a base equity of at least
     * {@code b}. In profit by {@code x} a unit, the rank is {@code x m / (P (b + x))}: for a long ({@code P = m − x})
     * it rises with {@code x}, for a short ({@code P = m + x}) up to {@code x = √(m b)}, then falls; out of profit it
     * is at most 0.
     */
    private double rankBound(final double entry, final double b)
    {
        final double m = mark;
        final double base = b - SLACK * (Math.abs(b) + m);
        if (!(base > 0))
        {
            // equity near zero with a small profit: no bound
            return Double.POSITIVE_INFINITY;
        }
        final double profit = (shorts ? entry - m : m - entry) + SLACK * (entry + m);
        if (profit <= 0)
        {
            return 0;
        }
        final double x = shorts ? Math.min(profit, Math.sqrt(m * base)) : profit;
        final double price = shorts ? m + x : m - x;
        if (!(price > 0))
        {
            return Double.POSITIVE_INFINITY;
        }
        final double rank = x * m / (price * (base + x));
        return rank + rank * SLACK;
    }

    /** Whether (rank1, id1) comes before (rank2, id2): higher rank first, then the lower account id. */
    private static boolean before(final double rank1, final long id1, final double rank2, final long id2)
    {
        final int byRank = Double.compare(rank2, rank1);
        return byRank < 0 || byRank == 0 && id1 < id2;
    }

    private void add(final int slot, final double rank, final long id)
    {
        int at = candidates++;
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (!before(rank, id, candidateRank[parent], candidateId[parent]))
            {
                break;
            }
            put(at, candidateSlot[parent], candidateRank[parent], candidateId[parent]);
            at = parent;
        }
        put(at, slot, rank, id);
    }

    private int take()
    {
        final int best = candidateSlot[0];
        lastRank = candidateRank[0];
        lastId = candidateId[0];
        final int last = --candidates;
        final int slot = candidateSlot[last];
        final double rank = candidateRank[last];
        final long id = candidateId[last];
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= candidates)
            {
                break;
            }
            if (child + 1 < candidates &&
                before(candidateRank[child + 1], candidateId[child + 1], candidateRank[child], candidateId[child]))
            {
                child++;
            }
            if (!before(candidateRank[child], candidateId[child], rank, id))
            {
                break;
            }
            put(at, candidateSlot[child], candidateRank[child], candidateId[child]);
            at = child;
        }
        if (candidates > 0)
        {
            put(at, slot, rank, id);
        }
        return best;
    }

    private void put(final int at, final int slot, final double rank, final long id)
    {
        candidateSlot[at] = slot;
        candidateRank[at] = rank;
        candidateId[at] = id;
    }
}
