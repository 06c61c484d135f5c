package com.liqengine.liquidation.adl;

import com.liqengine.account.Accounts;
import com.liqengine.account.Instrument;
import com.liqengine.account.Slots;

import java.util.Arrays;

/**
 * The ADL indicator a venue shows for a position (docs/liquidation.md, "The ADL indicator"): {@code 5 − floor(5 ×
 * place / n)}, {@code place} the positions before it in its queue (the instrument's open positions on its side, the
 * fund's and those in liquidation aside) in the ADL order ({@link Deleveraging#before}), {@code n} the queue's
 * length. Computed on request from the current state, off the event path, in two ways: {@link #of} for one
 * position ranks its side once (O(n)); {@link #rankAll} for a view of every position ranks each side once and
 * sorts it (O(n log n) a side, where asking {@link #of} for each of its n positions ranks n²), then {@link
 * #ranked} looks a position up. The two give the same values. Allocates its arrays at the first {@link #rankAll}
 * and when a side outgrows them, never per input.
 */
public final class AdlIndicators
{
    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Slots slots;
    private final Deleveraging ranks;
    private final int fundIndex;

    /** Per slot, its indicator at the last {@link #rankAll}; read only for a position in a queue. */
    private byte[] indicators = new byte[0];
    /** The side being ranked: its slots, their ranks and account ids, and its order as indices into them. */
    private int[] queue = new int[0];
    private double[] rank = new double[0];
    private long[] id = new long[0];
    private int[] order = new int[0];
    /** The merge sort's other array of indices. */
    private int[] merged = new int[0];

    AdlIndicators(final Instrument[] instruments, final Accounts accounts, final Slots slots,
        final Deleveraging ranks, final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.slots = slots;
        this.ranks = ranks;
        this.fundIndex = fundIndex;
    }

    /**
     * One position's indicator from the current state: a walk of the instrument's holders ranks its side once.
     *
     * @param accountId account id.
     * @param instrument instrument id.
     * @return 1 to 5, or 0 when the account holds no position in the instrument, it is the fund's, or it is in
     *     liquidation (in no queue).
     */
    public int of(final long accountId, final int instrument)
    {
        final int slot = queuedSlot(accountId, instrument);
        if (slot == Slots.NONE)
        {
            return 0;
        }
        final double own = ranks.rank(slot);
        final boolean longs = slots.size(slot) > 0;
        int length = 0;
        int place = 0;
        for (int s = slots.firstHolder(instrument); s != Slots.NONE; s = slots.nextHolder(s))
        {
            if (queued(s) && slots.size(s) > 0 == longs)
            {
                length++;
                if (Deleveraging.before(ranks.rank(s), accounts.idAt(slots.account[s]), own, accountId))
                {
                    place++;
                }
            }
        }
        return indicator(place, length);
    }

    /**
     * Ranks every position of every instrument's sides from the current state, each side once, sorted in the ADL
     * order: {@link #ranked} answers from it until the next input changes the state.
     *
     * @return this, to be read with {@link #ranked}.
     */
    public AdlIndicators rankAll()
    {
        if (indicators.length < slots.capacity())
        {
            indicators = new byte[slots.capacity()];
        }
        for (int instrument = 0; instrument < instruments.length; instrument++)
        {
            if (instruments[instrument].defined)
            {
                rankSide(instrument, true);
                rankSide(instrument, false);
            }
        }
        return this;
    }

    /**
     * A position's indicator at the last {@link #rankAll}, which must have seen the current state.
     *
     * @param accountId account id.
     * @param instrument instrument id.
     * @return as {@link #of}.
     */
    public int ranked(final long accountId, final int instrument)
    {
        final int slot = queuedSlot(accountId, instrument);
        return slot == Slots.NONE ? 0 : indicators[slot];
    }

    /** Ranks one side: its positions' ranks, once each, sorted; a position's place is its index in the order. */
    private void rankSide(final int instrument, final boolean longs)
    {
        int length = 0;
        for (int s = slots.firstHolder(instrument); s != Slots.NONE; s = slots.nextHolder(s))
        {
            if (queued(s) && slots.size(s) > 0 == longs)
            {
                if (length == queue.length)
                {
                    grow();
                }
                queue[length] = s;
                rank[length] = ranks.rank(s);
                id[length] = accounts.idAt(slots.account[s]);
                order[length] = length;
                length++;
            }
        }
        final int[] sorted = sort(length);
        for (int place = 0; place < length; place++)
        {
            indicators[queue[sorted[place]]] = (byte)indicator(place, length);
        }
    }

    /**
     * Sorts {@link #order}'s first {@code length} indices in the ADL order of their ranks and ids, bottom up (a
     * merge sort with {@link #merged}); returns the array that holds them sorted. Every id of a side is distinct,
     * so the order is strict: a place is what {@link #of} counts before the position.
     */
    private int[] sort(final int length)
    {
        int[] source = order;
        int[] target = merged;
        for (int width = 1; width < length; width *= 2)
        {
            for (int left = 0; left < length; left += 2 * width)
            {
                final int middle = Math.min(left + width, length);
                final int end = Math.min(left + 2 * width, length);
                int a = left;
                int b = middle;
                for (int n = left; n < end; n++)
                {
                    final boolean takeB = a >= middle ||
                        b < end && Deleveraging.before(rank[source[b]], id[source[b]], rank[source[a]], id[source[a]]);
                    target[n] = takeB ? source[b++] : source[a++];
                }
            }
            final int[] swap = source;
            source = target;
            target = swap;
        }
        return source;
    }

    private void grow()
    {
        final int length = Math.max(16, 2 * queue.length);
        queue = Arrays.copyOf(queue, length);
        rank = Arrays.copyOf(rank, length);
        id = Arrays.copyOf(id, length);
        order = Arrays.copyOf(order, length);
        merged = new int[length];
    }

    private static int indicator(final int place, final int length)
    {
        return 5 - (int)(5L * place / length);
    }

    /** The slot of the account's position in the instrument when it is in a queue, else {@link Slots#NONE}. */
    private int queuedSlot(final long accountId, final int instrument)
    {
        final int accountIndex = accounts.indexOf(accountId);
        if (accountIndex == Accounts.MISSING || instrument < 0 || instrument >= instruments.length ||
            !instruments[instrument].defined)
        {
            return Slots.NONE;
        }
        final int slot = slots.find(accountIndex, instrument);
        return slot != Slots.NONE && queued(slot) ? slot : Slots.NONE;
    }

    /** Whether the slot is in an ADL queue: an open position, not the fund's, not in liquidation. */
    private boolean queued(final int slot)
    {
        return slots.size(slot) != 0 && slots.account[slot] != fundIndex && !slots.isInLiquidation(slot);
    }
}
