package com.liqengine.liquidation.adl;

import com.liqengine.account.AccountList;
import com.liqengine.account.Accounts;
import com.liqengine.account.Slots;

/**
 * Finds the counterparties of one ADL close in rank order (rank descending, then account id ascending) by reading
 * the side's positions bucket by bucket of base equity per unit ({@link AdlBuckets}), each bucket from its best
 * entry price down, and ranking only what it reads. Every position not yet read is either in an opened bucket
 * behind its cursor (its entry price no better than the cursor's, its base equity at least the bucket's floor) or in
 * a bucket not opened yet (its entry price no better than the side's best, its base equity at least that bucket's
 * floor), so its rank is at most a bound computed from those two; the buckets are read best bound first. A read
 * position is handed out once its rank is above every bound (beyond the rounding of the doubles), so the order is
 * exactly that of ranking all holders. Positions of one exact class ({@link AdlQueues#exactClass}) rank exactly
 * alike and follow each other in the tree by account id, the ranking's tie-break: the first read stands for the rest,
 * which are read one at a time as each is handed out, so a tie of thousands costs what is handed out. The cost is the
 * positions read: in each bucket, those whose entry price could still beat the best rank; plus a tree descent per
 * bucket opened (and per exact class passed over). The views must not change during a search
 * (the caller keys the accounts it closed afterwards).
 */
final class CounterpartySearch
{
    /** Relative allowance for the rounding of keys and ranks: positions this close to a tie are read too. */
    private static final double SLACK = 1e-9;
    /** Buckets a side can have (see {@link AdlQueues#baseKey}), and one more. */
    private static final int MAX_BUCKETS = AdlQueues.LAST_BUCKET + 2;

    private final AdlQueues queues;
    private final AdlBuckets buckets;
    private final Slots slots;
    private final Accounts accounts;
    private final Deleveraging ranks;
    private final int fundIndex;
    private final int readLimit;

    /** The positions read but not handed out: a binary heap, best (rank descending, id ascending) first. */
    private final int[] candidateSlot;
    private final double[] candidateRank;
    private final long[] candidateId;
    /** Whether the candidate heads the rest of its exact class, unread: taking it reads the next of the class. */
    private final boolean[] candidateLeads;
    private int candidates;

    /** The opened buckets' cursors (the next slot to read) by bound, highest first: a binary heap. */
    private final int[] cursorSlot;
    private final double[] cursorBound;
    private int cursors;

    private int instrumentId;
    private int tree;
    private boolean shorts;
    private double mark;
    /** The best entry price of the side (a bound for every bucket not yet opened). */
    private double bestEntry;
    /** The first slot of the first bucket not yet opened, or {@link AdlBuckets#NONE}. */
    private int unopened;
    private int searchReads;
    private long reads;
    private boolean overflowed;
    private double lastRank;
    private long lastId;

    CounterpartySearch(final AdlQueues queues, final Slots slots, final Accounts accounts, final Deleveraging ranks,
        final int fundIndex, final int readLimit)
    {
        this.queues = queues;
        this.buckets = queues.buckets;
        this.slots = slots;
        this.accounts = accounts;
        this.ranks = ranks;
        this.fundIndex = fundIndex;
        this.readLimit = readLimit;
        this.candidateSlot = new int[readLimit + 1];
        this.candidateRank = new double[readLimit + 1];
        this.candidateId = new long[readLimit + 1];
        this.candidateLeads = new boolean[readLimit + 1];
        this.cursorSlot = new int[MAX_BUCKETS];
        this.cursorBound = new double[MAX_BUCKETS];
    }

    /** Begins a search of the positions opposite the fund's: shorts when the fund is long. */
    void start(final int instrument, final boolean fundLong, final long markPrice)
    {
        instrumentId = instrument;
        shorts = fundLong;
        mark = markPrice;
        tree = AdlQueues.heap(instrument, !fundLong);
        // the keys the refreshes since the last search left waiting, of this side
        queues.prepare(tree);
        candidates = 0;
        cursors = 0;
        searchReads = 0;
        overflowed = false;
        final long entryKey = queues.entryView.size(tree) > 0 ? queues.entryView.first(tree) : AdlQueues.UNKNOWN;
        // an entry price not known: no bound from it (every bucket is read in full)
        bestEntry = entryKey == AdlQueues.UNKNOWN ? Double.NaN :
            shorts ? -AdlQueues.unsortable(entryKey) : AdlQueues.unsortable(entryKey);
        unopened = buckets.ceiling(tree, 0);
    }

    /** Positions ranked by every search so far. */
    long reads()
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

    /** Whether the last {@link #next} gave up: it read its limit (the caller ranks all holders instead). */
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
            final double opened = cursors > 0 ? cursorBound[0] : Double.NEGATIVE_INFINITY;
            final double notOpened = unopened == AdlBuckets.NONE ? Double.NEGATIVE_INFINITY : unopenedBound();
            if (candidates > 0 && candidateRank[0] > opened && candidateRank[0] > notOpened)
            {
                return take(closed);
            }
            if (cursors == 0 && unopened == AdlBuckets.NONE)
            {
                // every position read: the candidates are all there is
                return candidates > 0 ? take(closed) : Slots.NONE;
            }
            if (notOpened >= opened)
            {
                open();
                continue;
            }
            if (searchReads >= readLimit)
            {
                overflowed = true;
                return Slots.NONE;
            }
            final int slot = cursorSlot[0];
            int after = buckets.successor(slot);
            final boolean leads = leadsClass(slot, after);
            if (read(slot, closed, leads) && leads)
            {
                // the rest of its exact class ranks exactly as it does, after it by account id: read one at a time as
                // each is handed out (take), while the cursor goes on past them
                after = buckets.higher(tree, buckets.key(slot), buckets.tie(slot));
            }
            if (after != AdlBuckets.NONE &&
                AdlQueues.bucketOf(buckets.key(after)) == AdlQueues.bucketOf(buckets.key(slot)))
            {
                replaceCursor(after, cursorBoundOf(after));
            }
            else
            {
                // the bucket is read: its cursor goes
                cursors--;
                if (cursors > 0)
                {
                    replaceCursor(cursorSlot[cursors], cursorBound[cursors]);
                }
            }
        }
    }

    /**
     * Whether the slot just read, of an exact class, is followed in the tree by more of its class (equal key and
     * tie) that rank exactly as it does at this mark ({@link AdlQueues#exactRanks}).
     */
    private boolean leadsClass(final int slot, final int after)
    {
        final long key = buckets.key(slot);
        final long tie = buckets.tie(slot);
        return tie != AdlQueues.NOT_EXACT && after != AdlBuckets.NONE && buckets.key(after) == key &&
            buckets.tie(after) == tie && queues.exactRanks(tree, key, shorts, mark);
    }

    /** Opens the first bucket not yet opened: its best entry becomes its cursor. */
    private void open()
    {
        final int first = unopened;
        final int bucket = AdlQueues.bucketOf(buckets.key(first));
        unopened = bucket >= AdlQueues.LAST_BUCKET ? AdlBuckets.NONE :
            buckets.ceiling(tree, (long)(bucket + 1) << AdlQueues.PRICE_BITS);
        pushCursor(first, cursorBoundOf(first));
    }

    /** The highest rank of a position of a bucket not yet opened. */
    private double unopenedBound()
    {
        final int bucket = AdlQueues.bucketOf(buckets.key(unopened));
        return Double.isNaN(bestEntry) ? Double.POSITIVE_INFINITY :
            rankBound(bestEntry, AdlQueues.bucketFloor(bucket));
    }

    /** The highest rank of the slot's bucket from the slot on. */
    private double cursorBoundOf(final int slot)
    {
        final long key = buckets.key(slot);
        final int bucket = AdlQueues.bucketOf(key);
        if (bucket == 0)
        {
            return Double.POSITIVE_INFINITY;
        }
        return rankBound(AdlQueues.bucketEntryBound(key, shorts), AdlQueues.bucketFloor(bucket));
    }

    /** Reads the slot: ranks it into the candidates unless skipped; whether it went in. */
    private boolean read(final int slot, final AccountList closed, final boolean leads)
    {
        searchReads++;
        final long size = slots.size(slot);
        final int account = slots.account[slot];
        // entries of released or re-used slots are stale until their next key: skipped here, and taken out of the
        // views (the order of the others stays, so the cursors, never this slot, still read on in key order)
        if (slots.instrument(slot) != instrumentId || (shorts ? size >= 0 : size <= 0) || account == fundIndex)
        {
            queues.remove(slot);
            return false;
        }
        if (slots.isInLiquidation(slot) || closed.contains(account))
        {
            return false;
        }
        reads++;
        add(slot, ranks.rank(slot), accounts.idAt(account), leads);
        return true;
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

    private void pushCursor(final int slot, final double bound)
    {
        int at = cursors++;
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (cursorBound[parent] >= bound)
            {
                break;
            }
            cursorSlot[at] = cursorSlot[parent];
            cursorBound[at] = cursorBound[parent];
            at = parent;
        }
        cursorSlot[at] = slot;
        cursorBound[at] = bound;
    }

    /** Puts a cursor in the root's place and moves it down to its place. */
    private void replaceCursor(final int slot, final double bound)
    {
        cursorSlot[0] = slot;
        cursorBound[0] = bound;
        siftCursorDown();
    }

    private void siftCursorDown()
    {
        final int slot = cursorSlot[0];
        final double bound = cursorBound[0];
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= cursors)
            {
                break;
            }
            if (child + 1 < cursors && cursorBound[child + 1] > cursorBound[child])
            {
                child++;
            }
            if (cursorBound[child] <= bound)
            {
                break;
            }
            cursorSlot[at] = cursorSlot[child];
            cursorBound[at] = cursorBound[child];
            at = child;
        }
        cursorSlot[at] = slot;
        cursorBound[at] = bound;
    }

    private void add(final int slot, final double rank, final long id, final boolean leads)
    {
        int at = candidates++;
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (!Deleveraging.before(rank, id, candidateRank[parent], candidateId[parent]))
            {
                break;
            }
            put(at, candidateSlot[parent], candidateRank[parent], candidateId[parent], candidateLeads[parent]);
            at = parent;
        }
        put(at, slot, rank, id, leads);
    }

    /**
     * Hands out the best candidate; when it heads the unread rest of its exact class, the next of them (the tree's
     * next with its key and tie, not skipped) is read into the candidates, heading the rest in turn.
     */
    private int take(final AccountList closed)
    {
        final int best = candidateSlot[0];
        final boolean leads = candidateLeads[0];
        lastRank = candidateRank[0];
        lastId = candidateId[0];
        final int last = --candidates;
        final int slot = candidateSlot[last];
        final double rank = candidateRank[last];
        final long id = candidateId[last];
        final boolean lastLeads = candidateLeads[last];
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= candidates)
            {
                break;
            }
            if (child + 1 < candidates && Deleveraging.before(
                candidateRank[child + 1], candidateId[child + 1], candidateRank[child], candidateId[child]))
            {
                child++;
            }
            if (!Deleveraging.before(candidateRank[child], candidateId[child], rank, id))
            {
                break;
            }
            put(at, candidateSlot[child], candidateRank[child], candidateId[child], candidateLeads[child]);
            at = child;
        }
        if (candidates > 0)
        {
            put(at, slot, rank, id, lastLeads);
        }
        if (leads)
        {
            final long key = buckets.key(best);
            final long tie = buckets.tie(best);
            int next = buckets.successor(best);
            while (next != AdlBuckets.NONE && buckets.key(next) == key && buckets.tie(next) == tie)
            {
                final int after = buckets.successor(next);
                if (read(next, closed, true))
                {
                    break;
                }
                next = after;
            }
        }
        return best;
    }

    private void put(final int at, final int slot, final double rank, final long id, final boolean leads)
    {
        candidateSlot[at] = slot;
        candidateRank[at] = rank;
        candidateId[at] = id;
        candidateLeads[at] = leads;
    }
}
