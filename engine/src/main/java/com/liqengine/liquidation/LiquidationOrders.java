package com.liqengine.liquidation;

import com.liqengine.account.SlotHash;

/**
 * The liquidation orders that are open (docs/liquidation.md): flat arrays indexed by a handle, found by their id
 * {@code (sequence, index)} through a {@link SlotHash}, and linked in the order they were emitted, which is the
 * order of their ids, so that a snapshot writes them in an order that does not depend on the handles. Sized once
 * from {@code maxOpenLiquidations}: nothing is allocated once built.
 */
public final class LiquidationOrders
{
    public static final int NONE = -1;

    private final int capacity;
    private final SlotHash byId;
    public final long[] sequence;
    public final int[] index;
    public final int[] account;
    public final int[] instrument;
    public final boolean[] isolated;
    public final long[] quantity;
    public final long[] limit;
    public final long[] filled;
    /** Σ |value(Δ, p)| over the order's fills, saturated at 2^62 (only a fee capped far below is taken from it). */
    public final long[] filledValue;
    /** Whether the order sells: it closes a long. */
    private final boolean[] sells;
    private final int[] next;
    private final int[] previous;
    private int first = NONE;
    private int last = NONE;
    private int freeHead;
    private int open;

    public LiquidationOrders(final int capacity)
    {
        this.capacity = capacity;
        this.byId = new SlotHash(capacity);
        this.sequence = new long[capacity];
        this.index = new int[capacity];
        this.account = new int[capacity];
        this.instrument = new int[capacity];
        this.isolated = new boolean[capacity];
        this.sells = new boolean[capacity];
        this.quantity = new long[capacity];
        this.limit = new long[capacity];
        this.filled = new long[capacity];
        this.filledValue = new long[capacity];
        this.next = new int[capacity];
        this.previous = new int[capacity];
        clear();
    }

    public void clear()
    {
        byId.clear();
        for (int h = 0; h < capacity; h++)
        {
            next[h] = h + 1 < capacity ? h + 1 : NONE;
        }
        freeHead = 0;
        first = NONE;
        last = NONE;
        open = 0;
    }

    boolean isFull()
    {
        return open == capacity;
    }

    public int open()
    {
        return open;
    }

    public int capacity()
    {
        return capacity;
    }

    /** The open order with this id, or {@link #NONE}. */
    public int find(final long orderSequence, final int orderIndex)
    {
        return orderSequence <= 0 ? NONE : byId.get(orderSequence, orderIndex);
    }

    /**
     * Opens an order; the caller checked {@link #isFull()}.
     *
     * @return its handle.
     */
    public int add(
        final long orderSequence, final int orderIndex, final int accountIndex, final int instrumentId,
        final boolean isolatedOrder, final boolean closesLong, final long orderQuantity, final long limitPrice)
    {
        final int h = freeHead;
        freeHead = next[h];
        sequence[h] = orderSequence;
        index[h] = orderIndex;
        account[h] = accountIndex;
        instrument[h] = instrumentId;
        isolated[h] = isolatedOrder;
        sells[h] = closesLong;
        quantity[h] = orderQuantity;
        limit[h] = limitPrice;
        filled[h] = 0;
        filledValue[h] = 0;
        next[h] = NONE;
        previous[h] = last;
        if (last == NONE)
        {
            first = h;
        }
        else
        {
            next[last] = h;
        }
        last = h;
        byId.put(orderSequence, orderIndex, h);
        open++;
        return h;
    }

    /** Whether the order sells (it closes a long). */
    public boolean sells(final int h)
    {
        return sells[h];
    }

    public long remaining(final int h)
    {
        return quantity[h] - filled[h];
    }

    /** Ends an order: its handle is free again. */
    void remove(final int h)
    {
        byId.remove(sequence[h], index[h]);
        if (previous[h] == NONE)
        {
            first = next[h];
        }
        else
        {
            next[previous[h]] = next[h];
        }
        if (next[h] == NONE)
        {
            last = previous[h];
        }
        else
        {
            previous[next[h]] = previous[h];
        }
        next[h] = freeHead;
        freeHead = h;
        open--;
    }

    /** The oldest open order, or {@link #NONE}. */
    public int first()
    {
        return first;
    }

    /** The next open order in emission order, or {@link #NONE}. */
    public int next(final int h)
    {
        return next[h];
    }
}
