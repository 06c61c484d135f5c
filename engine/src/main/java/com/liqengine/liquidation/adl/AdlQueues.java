package com.liqengine.liquidation.adl;

import com.liqengine.account.Accounts;
import com.liqengine.account.InstrumentMarks;
import com.liqengine.account.SlotRecords;
import com.liqengine.account.Slots;

/**
 * The ADL queues of every instrument's side, kept in two orders so that {@link CounterpartySearch} can read the
 * best-ranked positions first without ranking all holders (docs/liquidation.md, "Finding the counterparties"). Per
 * position, with {@code u = |q| f}, {@code P = |C| / u} its entry price and {@code E₀} a lower bound of its pool's
 * equity without its own PnL (isolated: the pool {@code B}, exact; cross: the wallet plus the other cross positions'
 * PnL at the losing ends of their price bands, valid while their marks stay inside those bands), the rank at mark
 * {@code m} is {@code x / P × m / e} when {@code x > 0}, else {@code x / P × e / m}, with per unit {@code x = side × (m
 * − P)}, base equity {@code b = E₀ / u} and equity {@code e ≥ b + x}. The orders, fixed between the account's band
 * refreshes: the entry price (a heap: the side's best PnL%), and the base equity by bucket then entry price (a tree,
 * {@link AdlBuckets}: {@link #baseKey}). {@code PriceBands} calls {@link #accountChanged} and {@link #slotChanged}
 * after it refreshes bands (after every change of an account, and when a mark leaves a band), which only mark the
 * account ({@link AdlPending}); the keys are brought up to date by {@link #prepare} when an ADL searches a side. The
 * fund is never kept. Heap and tree {@code 2 × instrument} hold shorts, {@code 2 × instrument + 1} longs.
 */
public final class AdlQueues
{
    /** Key of a position whose bound is not known (a band that does not hold its mark): read first. */
    static final long UNKNOWN = Long.MIN_VALUE;
    /**
     * A bucket of {@code b} is the top 16 bits of its double (sign 0, exponent, 5 bits of mantissa): 32 buckets an
     * octave, each 1.5% to 3% wide, found and bounded exactly from the bits. The key's 47 low bits are the entry
     * price's double less its 16 lowest bits (the price to 2^-36 of itself).
     */
    private static final int PRICE_SHIFT = 16;
    static final int PRICE_BITS = 47;
    /** The last bucket a finite {@code b} can be in. */
    static final int LAST_BUCKET = (int)(Double.doubleToRawLongBits(Double.MAX_VALUE) >>> PRICE_BITS);
    private static final long PRICE_MASK = (1L << PRICE_BITS) - 1;
    /**
     * A search keys its side anew in bulk ({@link #rebuild}) when more of its positions wait than the side's entries
     * over this; else one by one (docs/liquidation.md, "Finding the counterparties": the measured break-even).
     */
    static final int REBUILD_SHARE = 16;
    /** The tie of a position in no exact class ({@link #exactClass}): after those that are, among equal keys. */
    static final long NOT_EXACT = Long.MAX_VALUE;
    /** Magnitudes below this convert to doubles exactly. */
    static final double EXACT_DOUBLES = 0x1p53;

    private final Slots slots;
    private final Accounts accounts;
    private final InstrumentMarks marks;
    private final int fundIndex;
    /** The accounts and positions whose keys wait for the next search of their side. */
    private final AdlPending pending;
    /** Entry price: shorts highest first, longs lowest first. */
    final AdlHeaps entryView;
    /** Base equity per unit {@code b} by bucket, lowest first, then entry price, best first. */
    final AdlBuckets buckets;
    /** Per slot, the heap its entries are in, + 1; 0 when it has none. */
    private final int[] heapOf;
    /**
     * Per side, the most units ({@code |q| f}) of a position given an exact class since the side was last rebuilt (it
     * only grows between): with it a search tells whether every position of a class ranks exactly alike at its mark.
     */
    private final double[] exactUnits;
    /** The scratch of a side's rebuild. */
    private final AdlKeySort sort;
    /** Reused by {@link #keyOf}'s callers for what it computes, so that nothing is allocated. */
    private final PositionKeys keys = new PositionKeys();
    private long rebuilds;
    private long keyedOneByOne;

    AdlQueues(final Slots slots, final Accounts accounts, final InstrumentMarks marks, final int maxSlots,
        final int maxInstruments, final int fundIndex)
    {
        this.slots = slots;
        this.accounts = accounts;
        this.marks = marks;
        this.fundIndex = fundIndex;
        this.pending = new AdlPending(accounts.maxAccounts(), maxSlots, 2 * maxInstruments);
        this.entryView = new AdlHeaps(maxSlots, 2 * maxInstruments);
        this.buckets = new AdlBuckets(maxSlots, 2 * maxInstruments);
        this.heapOf = new int[maxSlots];
        this.exactUnits = new double[2 * maxInstruments];
        // a side holds at most one position an account: its rebuild's scratch, sized once here
        this.sort = new AdlKeySort(Math.min(maxSlots, accounts.maxAccounts()));
    }

    static int heap(final int instrumentId, final boolean longs)
    {
        return 2 * instrumentId + (longs ? 1 : 0);
    }

    /**
     * The base view's key: the bucket of {@code b} (about a 32nd of an octave, in price units) first, then the entry
     * price, best first (highest for a short): a bucket is read by entry price, so that its positions far from the best
     * PnL% are not read to get past it. Bucket 0 (read first, in full) when {@code b} is not known or not positive
     * (no bound on the leverage), or the entry price is not.
     */
    static long baseKey(final double base, final double entry, final boolean shorts)
    {
        if (!(base > 0) || !(entry > 0) || Double.isInfinite(base) || Double.isInfinite(entry))
        {
            return 0;
        }
        final long bucket = Double.doubleToRawLongBits(base) >>> PRICE_BITS;
        final long price = Double.doubleToRawLongBits(entry) >>> PRICE_SHIFT;
        return (bucket << PRICE_BITS) | (shorts ? PRICE_MASK - price : price);
    }

    static int bucketOf(final long baseKey)
    {
        return (int)(baseKey >>> PRICE_BITS);
    }

    /** The least {@code b} of a bucket, exactly; 0 for the first (no bound) and past the last. */
    static double bucketFloor(final int bucket)
    {
        return bucket <= 0 || bucket > LAST_BUCKET ? 0 : Double.longBitsToDouble((long)bucket << PRICE_BITS);
    }

    /**
     * The best entry price a position of the base key's bucket at or after that key can have: at most (a short) or
     * at least (a long) the key's price, whose last bits the key dropped.
     */
    static double bucketEntryBound(final long baseKey, final boolean shorts)
    {
        final long bits = shorts ? PRICE_MASK - (baseKey & PRICE_MASK) : baseKey & PRICE_MASK;
        final long low = shorts ? (1L << PRICE_SHIFT) - 1 : 0;
        return Double.longBitsToDouble((bits << PRICE_SHIFT) | low);
    }

    /** Orders doubles as longs: a lower double gives a lower long ({@code -0.0} as {@code 0.0}). */
    static long sortable(final double value)
    {
        final long bits = Double.doubleToRawLongBits(value + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double unsortable(final long key)
    {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * The account's bands were refreshed (after every change of it, and when a mark left one of its bands): its
     * positions' keys may have moved. Only marked here (O(1), the fill path); keyed by {@link #prepare}.
     */
    public void accountChanged(final int accountIndex)
    {
        pending.markAccount(accountIndex);
    }

    /** One slot's band was refreshed (of an account without open cross positions): its account is marked. */
    public void slotChanged(final int slot)
    {
        pending.markAccount(slots.account[slot]);
    }

    /**
     * Brings the keys of one side up to date before a search of it: the positions of every account marked since the
     * last search (of any side) are listed on their sides, then every position listed on this side is keyed from
     * the current state, its bands and marks (so each key is a bound at this moment, whatever moved since the
     * refresh that marked it). Cost: the marked accounts' positions (a list operation each), and a key and a tree
     * update per position of this side listed, O(log n) each, or, once more than {@code 1 / REBUILD_SHARE} of the
     * side is listed, a {@link #rebuild} (O(holders)), the rest of this side's positions then not listed (the
     * rebuild keys them all); the other sides' lists wait for their own searches.
     * Stale entries at the top of the entry view (slots released or re-used since) are taken out too, so the side's
     * best entry price is that of a position it holds.
     */
    void prepare(final int side)
    {
        // more than a sixteenth of the side waiting: it is keyed anew in bulk, so its positions need not be listed
        final int share = entryView.size(side) / REBUILD_SHARE;
        boolean bulk = pending.count(side) > share;
        final int count = pending.markedCount();
        for (int n = 0; n < count; n++)
        {
            for (int s = slots.firstOf(pending.markedAccount(n)); s != Slots.NONE; s = slots.nextOf(s))
            {
                final long size = slots.size(s);
                // a flat slot is listed on the side it is kept in, to be taken out
                final int on = size != 0 ? heap(slots.instrument(s), size > 0) : heapOf[s] - 1;
                if (on < 0)
                {
                    continue;
                }
                if (bulk && on == side)
                {
                    pending.unlistElsewhere(s, side);
                    continue;
                }
                pending.list(s, on);
                bulk |= on == side && pending.count(side) > share;
            }
        }
        pending.clearMarks();
        if (bulk)
        {
            rebuild(side);
            return;
        }
        if (pending.count(side) > 0)
        {
            keyedOneByOne++;
        }
        for (int s = pending.first(side); s != AdlPending.NONE; s = pending.first(side))
        {
            pending.unlist(s);
            key(s);
        }
        while (entryView.size(side) > 0)
        {
            final int top = entryView.members[entryView.at(side, 0)];
            if (!stale(top, side))
            {
                break;
            }
            remove(top);
        }
    }

    /**
     * Keys the whole side anew, in bulk: its entries are dropped, its list emptied, and one pass over the
     * instrument's holders keys every position of the side into the entry view and into (key, slot) pairs, which
     * {@link AdlKeySort} sorts; the tree is made from them in linear time ({@link AdlBuckets#build}), then the entry
     * view is heapified in the sort's arrays. Cost: the instrument's holders, a radix sort of the side's keys and two
     * linear passes, with sequential reads, against a tree update with cache misses per listed position one by one.
     * Nothing stale is left (every entry is a position the side holds). Nothing is allocated: the sort's arrays are
     * sized for the most positions a side can hold.
     */
    private void rebuild(final int side)
    {
        rebuilds++;
        final int held = entryView.size(side);
        for (int n = 0; n < held; n++)
        {
            final int slot = entryView.members[entryView.at(side, n)];
            buckets.detach(slot);
            heapOf[slot] = 0;
        }
        entryView.clear(side);
        final int listed = pending.count(side);
        pending.clear(side);
        sort.reset(held + listed);
        exactUnits[side] = 0;
        final int instrumentId = side >>> 1;
        final boolean longs = (side & 1) == 1;
        for (int s = slots.firstHolder(instrumentId); s != Slots.NONE; s = slots.nextHolder(s))
        {
            final long size = slots.size(s);
            if (size == 0 || size > 0 != longs || slots.account[s] == fundIndex)
            {
                continue;
            }
            // kept on the other side still (flipped since it was last keyed): out of it
            remove(s);
            heapOf[s] = side + 1;
            keyOf(s, side, keys);
            entryView.append(s, side, keys.entry);
            buckets.label(s, keys.base, keys.exactClass, accounts.idAt(slots.account[s]));
            sort.add(keys.base, s);
        }
        sort.sort(buckets.ties(), buckets.ids());
        buckets.build(side, sort.slots(), sort.size(), sort.spare());
        // the sort's arrays are free once the tree is built: the heap is ordered there
        entryView.heapify(side, sort.spareKeys(), sort.spare());
    }

    /** Sides keyed anew in bulk ({@link #rebuild}) since the engine was built. Not part of the state. */
    public long rebuilds()
    {
        return rebuilds;
    }

    /** Searches that keyed their side's waiting positions one by one since the engine was built (not state). */
    public long keyedOneByOne()
    {
        return keyedOneByOne;
    }

    /** Whether the slot, kept on {@code side}, is no longer a position of another account on that side. */
    boolean stale(final int slot, final int side)
    {
        final long size = slots.size(slot);
        return size == 0 || slots.account[slot] == fundIndex || heap(slots.instrument(slot), size > 0) != side;
    }

    /** Keys one slot from the current state: isolated from its pool, cross from the wallet and stored bands. */
    private void key(final int slot)
    {
        final int accountIndex = slots.account[slot];
        if (slots.size(slot) == 0 || accountIndex == fundIndex)
        {
            remove(slot);
            return;
        }
        final int heap = heap(slots.instrument(slot), slots.size(slot) > 0);
        if (heapOf[slot] != heap + 1)
        {
            // a new position, or one whose side flipped: out of the other side's heaps first
            remove(slot);
            heapOf[slot] = heap + 1;
        }
        keyOf(slot, heap, keys);
        entryView.set(slot, heap, keys.entry);
        buckets.set(slot, heap, keys.base, keys.exactClass, accounts.idAt(accountIndex));
    }

    /**
     * Computes the open slot's keys on {@code side} from the current state into {@code into}: its units {@code u =
     * |q| f}, entry price {@code P = |C| / u}, equity floor and, from them, its entry key, base key and exact class.
     */
    private void keyOf(final int slot, final int side, final PositionKeys into)
    {
        final long size = slots.size(slot);
        final double units = Math.abs((double)size) * (double)marks.valueFactor[slots.instrument(slot)];
        final double entry = Math.abs((double)slots.cost(slot)) / units;
        final double floor = equityFloor(slot);
        into.entry = entryKey(entry, size < 0);
        into.base = baseKey(units, entry, floor, size < 0);
        into.exactClass = exactClass(slot, side, into.base, units, entry, floor);
    }

    /**
     * The bound {@code E₀} of the open slot's pool equity without its own PnL: isolated its pool, cross the wallet when
     * it is the account's only open cross position (exact), else the account's cross floor less the slot's own term,
     * NaN when not known (a cross band that does not hold its mark).
     */
    private double equityFloor(final int slot)
    {
        if (slots.isolated(slot))
        {
            return slots.pool(slot);
        }
        final int accountIndex = slots.account[slot];
        if (slots.openCross(accountIndex) == 1)
        {
            // its only open cross position: the pool's equity without its PnL is the wallet, exactly
            return accounts.crossWallet(accountIndex);
        }
        double crossFloor = accounts.crossWallet(accountIndex);
        double magnitude = Math.abs(crossFloor);
        double own = 0;
        boolean known = true;
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (slots.size(s) != 0 && !slots.isolated(s))
            {
                final double losing = losingPnl(s);
                known &= !Double.isNaN(losing);
                crossFloor += losing;
                magnitude += Math.abs(losing);
                if (s == slot)
                {
                    own = losing;
                }
            }
        }
        // rounding of the sum: the bound is lowered by far more than the doubles can have lost
        return known ? crossFloor - own - magnitude * 1e-9 - 1 : Double.NaN;
    }

    /**
     * The position's exact class, or {@link #NOT_EXACT}: positions whose cost {@code C} and pool equity base {@code W}
     * (isolated: the pool; cross: the wallet, when it is the account's only open cross position) are whole multiples
     * of their quantity {@code q} with the same {@code C / q} and {@code W / q} rank exactly alike at any mark (their
     * PnL, notional, equity and cost are {@code q} times the same numbers, and each ratio of the rank is the one
     * correctly rounded double of the same fraction), while every one of these numbers converts to a double exactly
     * (which {@link #exactRanks} checks for the side at the search's mark). With {@code C}, {@code W} and {@code |q|
     * f} below 2^53 and {@code C / q}, {@code W / q} below 2^52, the entry price {@code C / (|q| f)} and {@code b = W
     * / (|q| f)} are those fractions correctly rounded, distinct for distinct classes: the class is their bits that the
     * key left out (the low 47 of {@code b}, the low 16 of the price). In bucket 0 (read in full) none.
     */
    private long exactClass(final int slot, final int side, final long key, final double units, final double entry,
        final double equityFloor)
    {
        final int accountIndex = slots.account[slot];
        final boolean isolated = slots.isolated(slot);
        if (bucketOf(key) == 0 || !isolated && slots.openCross(accountIndex) != 1 || !(units < EXACT_DOUBLES))
        {
            return NOT_EXACT;
        }
        final long size = slots.size(slot);
        final long cost = slots.cost(slot);
        final long base = isolated ? slots.pool(slot) : accounts.crossWallet(accountIndex);
        if (!(Math.abs((double)cost) < EXACT_DOUBLES) || !(Math.abs((double)base) < EXACT_DOUBLES))
        {
            return NOT_EXACT;
        }
        // a quotient of doubles that is not whole rules a position out without a long division (most are ruled out)
        final double costQuotient = (double)cost / (double)size;
        final double baseQuotient = (double)base / (double)size;
        if (costQuotient != Math.rint(costQuotient) || baseQuotient != Math.rint(baseQuotient))
        {
            return NOT_EXACT;
        }
        final long costPerUnit = cost / size;
        final long basePerUnit = base / size;
        if (costPerUnit * size != cost || basePerUnit * size != base || Math.abs(costPerUnit) >= 1L << 52 ||
            Math.abs(basePerUnit) >= 1L << 52)
        {
            return NOT_EXACT;
        }
        final long tie = (Double.doubleToRawLongBits(equityFloor / units) & PRICE_MASK) << PRICE_SHIFT |
            (Double.doubleToRawLongBits(entry) & ((1L << PRICE_SHIFT) - 1));
        if (tie == NOT_EXACT)
        {
            return NOT_EXACT;
        }
        exactUnits[side] = Math.max(exactUnits[side], units);
        return tie;
    }

    /**
     * Whether every position of the side in the exact class of the base key {@code key} ranks exactly alike at mark
     * {@code m}: with {@code u = |q| f} at most the side's largest exact position's, its cost {@code u P}, notional
     * {@code u m}, PnL (at most {@code u |m − P|}) and equity (at most {@code u (b + |m − P|)}) are below 2^53, so
     * they convert to doubles exactly.
     */
    boolean exactRanks(final int side, final long key, final boolean shorts, final double m)
    {
        // the entry price to within 2^-36 of itself (the key's), b below the next bucket's floor
        final double entry = bucketEntryBound(key, shorts) * (1 + 0x1p-30);
        final double base = bucketFloor(bucketOf(key) + 1);
        final double largest = Math.max(Math.max(entry, m), base + Math.abs(m - entry));
        return base > 0 && exactUnits[side] * largest * (1 + 0x1p-30) < EXACT_DOUBLES;
    }

    void remove(final int slot)
    {
        final int heap = heapOf[slot] - 1;
        if (heap >= 0)
        {
            entryView.remove(slot, heap);
            buckets.remove(slot, heap);
            heapOf[slot] = 0;
        }
    }

    /** The heap of the slot's entries (it must have some). */
    int heapOf(final int slot)
    {
        return heapOf[slot] - 1;
    }

    /**
     * The cross position's PnL with its mark at the losing end of its stored band (the low end for a long, the
     * high end for a short), a lower bound of its PnL while the mark stays inside; NaN when the band does not hold
     * the mark (none, or empty: checked every tick).
     */
    private double losingPnl(final int slot)
    {
        final int instrumentId = slots.instrument(slot);
        final long mark = marks.markPrice[instrumentId];
        final int at = SlotRecords.at(slot);
        final long low = slots.records[at + SlotRecords.BAND_LOW];
        final long high = slots.records[at + SlotRecords.BAND_HIGH];
        if (low > mark || high < mark)
        {
            return Double.NaN;
        }
        final long size = slots.size(slot);
        final double end = size > 0 ? Math.max(0, low) : high;
        return (double)size * (double)marks.valueFactor[instrumentId] * end - (double)slots.cost(slot);
    }

    /** The entry view's key of an open position: its entry price, best first ({@link #UNKNOWN} when not positive). */
    private static long entryKey(final double entry, final boolean shorts)
    {
        final boolean priced = entry > 0 && !Double.isInfinite(entry);
        return priced ? sortable(shorts ? -entry : entry) : UNKNOWN;
    }

    /** An open position's base key ({@link #baseKey}) from its equity floor; bucket 0 when either is not known. */
    private static long baseKey(final double units, final double entry, final double equityFloor, final boolean shorts)
    {
        final double perUnit = equityFloor / units;
        final boolean priced = entry > 0 && !Double.isInfinite(entry);
        final boolean bounded = priced && !Double.isNaN(perUnit) && !Double.isInfinite(perUnit);
        return bounded ? baseKey(perUnit, entry, shorts) : 0;
    }

    /** A position's keys on a side: the entry view's, the tree's (base), and its exact class. */
    private static final class PositionKeys
    {
        long entry;
        long base;
        long exactClass;
    }
}
