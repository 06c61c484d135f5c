package com.liqengine.tools.demo;

import com.liqengine.api.InputEncoder;
import com.liqengine.codec.Side;
import com.liqengine.pipeline.InputPublisher;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's order book for liquidation orders (docs/liquidation.md): the output monitor hands it every
 * {@code LiquidationOrder} the engine emits (from its thread), and the publishing thread, a little later, answers
 * each with liquidation fills and a {@code LiquidationOrderDone}, as a matching engine would. Whether an order is
 * filled in full, in part or not at all, and how much, is decided from the demo's seed and the order's id, so the
 * same order gets the same answer in every run as long as its limit allows it (the mark when the book answers
 * depends on timing). The book's bids and asks are at the mark: an order fills
 * there when the mark is within its limit (a sell's at or above, a buy's at or below), and not at all when the mark
 * has gone past it, as when a gap jumps past the bankruptcy price and nobody is there to take the order.
 *
 * <p>The insurance fund's own orders to unwind what it took over (id 0) go to the same book, as on a venue: the book
 * answers them the same way, with ordinary fills of the fund's account (no fee) and no
 * {@code LiquidationOrderDone} (the engine keeps no order open for them); what the book does not take the fund
 * keeps.
 *
 * <p>The handoff between the two threads is a bounded single-producer single-consumer ring of primitive arrays:
 * nothing is allocated per order. When it is full the monitor waits; the publishing thread empties it between
 * market events.
 */
final class SimulatedBook
{
    /** Orders the handoff holds. */
    static final int CAPACITY = 1 << 14;
    /** How long after the engine emitted an order the book answers it. */
    private static final long ANSWER_AFTER_NANOS = 1_000_000;
    /** Correlation ids of the book's inputs start here, apart from the market events' 1, 2, 3... */
    static final long CORRELATION_BASE = 1L << 62;
    private static final int MASK = CAPACITY - 1;

    private final long seed;
    private final DemoMarket market;
    private final long[] sequence = new long[CAPACITY];
    private final int[] index = new int[CAPACITY];
    private final long[] account = new long[CAPACITY];
    private final int[] instrument = new int[CAPACITY];
    private final boolean[] sells = new boolean[CAPACITY];
    private final long[] quantity = new long[CAPACITY];
    private final long[] limit = new long[CAPACITY];
    private final long[] due = new long[CAPACITY];
    /** Whether the slot holds the fund's unwind (answered with ordinary fills). */
    private final boolean[] fund = new boolean[CAPACITY];
    /** Next slot the monitor writes; published with an ordered write after the slot's fields. */
    private final AtomicLong tail = new AtomicLong();
    /** Next slot the publishing thread reads. */
    private final AtomicLong head = new AtomicLong();
    private volatile boolean open = true;
    private long inputs;
    private long filledInFull;
    private long filledInPart;
    private long notFilled;
    private long fundFilledInFull;
    private long fundFilledInPart;
    private long fundNotFilled;

    SimulatedBook(final long seed, final DemoMarket market)
    {
        this.seed = seed;
        this.market = market;
    }

    /**
     * Takes a liquidation order (monitor thread). Waits while the handoff is full, unless the book was closed.
     */
    void offer(
        final long liquidationSequence, final int liquidationIndex, final long accountId, final int instrumentId,
        final boolean sell, final long orderQuantity, final long limitPrice)
    {
        offer(liquidationSequence, liquidationIndex, accountId, instrumentId, sell, orderQuantity, limitPrice, false);
    }

    /**
     * Takes the fund's order to unwind a position it took over (monitor thread), as {@link #offer}.
     *
     * @param outputSequence the sequence of the output, which with the fund's count of orders stands for the id
     *     the order does not have when it decides the book's answer.
     * @param fundOrder how many fund orders came before this one.
     */
    void offerFundOrder(
        final long outputSequence, final int fundOrder, final long accountId, final int instrumentId,
        final boolean sell, final long orderQuantity, final long limitPrice)
    {
        offer(outputSequence, fundOrder, accountId, instrumentId, sell, orderQuantity, limitPrice, true);
    }

    private void offer(
        final long liquidationSequence, final int liquidationIndex, final long accountId, final int instrumentId,
        final boolean sell, final long orderQuantity, final long limitPrice, final boolean fundOrder)
    {
        final long t = tail.get();
        while (t - head.get() >= CAPACITY)
        {
            if (!open)
            {
                return;
            }
            LockSupport.parkNanos(100_000);
        }
        final int slot = (int)(t & MASK);
        sequence[slot] = liquidationSequence;
        index[slot] = liquidationIndex;
        account[slot] = accountId;
        instrument[slot] = instrumentId;
        sells[slot] = sell;
        quantity[slot] = orderQuantity;
        limit[slot] = limitPrice;
        fund[slot] = fundOrder;
        due[slot] = System.nanoTime() + ANSWER_AFTER_NANOS;
        tail.lazySet(t + 1);
    }

    /**
     * Answers the orders that are due (publishing thread).
     *
     * @param publisher where the answers go.
     * @param now {@link System#nanoTime()}.
     * @param all answer every order taken, due or not (at the end of the demo).
     * @return inputs published.
     */
    int answer(final InputPublisher publisher, final long now, final boolean all)
    {
        int published = 0;
        long h = head.get();
        while (h < tail.get() && (all || now - due[(int)(h & MASK)] >= 0))
        {
            published += answer(publisher, (int)(h & MASK));
            head.lazySet(++h);
        }
        return published;
    }

    /** Whether every order taken has been answered. */
    boolean idle()
    {
        return head.get() == tail.get();
    }

    /** Stops the monitor from waiting for room (the publishing thread stops answering). */
    void close()
    {
        open = false;
    }

    private int answer(final InputPublisher publisher, final int slot)
    {
        // the fund's orders draw from another stream than the liquidation orders' (their ids differ in kind)
        final long random = mix(fund[slot] ? ~seed : seed, sequence[slot], index[slot]);
        final long ordered = quantity[slot];
        final int outcome = (int)Long.remainderUnsigned(random, 10);
        final long mark = market.mark(instrument[slot]);
        final boolean withinLimit = sells[slot] ? mark >= limit[slot] : mark <= limit[slot];
        final long filled;
        if (!withinLimit)
        {
            filled = 0;
        }
        else if (outcome < 6 || ordered < 2 && outcome < 8)
        {
            filled = ordered;
        }
        else if (outcome < 8)
        {
            // 10% to 90% of the order
            filled = Math.max(1, Math.min(ordered - 1, ordered * (10 + ((random >>> 8) & 0x7F) % 81) / 100));
        }
        else
        {
            filled = 0;
        }
        count(fund[slot], filled, ordered);
        int published = 0;
        if (filled > 0)
        {
            // one fill, or two when there is enough to split
            final long first = filled >= 2 && ((random >>> 20) & 1) == 1 ? filled / 2 : filled;
            published += fill(publisher, slot, first, mark);
            if (first < filled)
            {
                published += fill(publisher, slot, filled - first, mark);
            }
        }
        if (fund[slot])
        {
            // no order is open for the fund's unwind: its fills are all there is
            return published;
        }
        final InputEncoder encoder = publisher.claim();
        publisher.commit(encoder.liquidationOrderDone(
            CORRELATION_BASE + inputs, market.eventTime(), sequence[slot], index[slot], filled));
        inputs++;
        return published + 1;
    }

    private int fill(final InputPublisher publisher, final int slot, final long fillQuantity, final long price)
    {
        final InputEncoder encoder = publisher.claim();
        if (fund[slot])
        {
            publisher.commit(encoder.fill(CORRELATION_BASE + inputs, market.eventTime(), account[slot],
                instrument[slot], sells[slot] ? Side.SELL : Side.BUY, fillQuantity, price, 0, market.nextTradeId()));
            inputs++;
            return 1;
        }
        publisher.commit(encoder.liquidationFill(CORRELATION_BASE + inputs, market.eventTime(), account[slot],
            instrument[slot], sells[slot] ? Side.SELL : Side.BUY, fillQuantity, price, market.nextTradeId(),
            sequence[slot], index[slot]));
        inputs++;
        return 1;
    }

    private void count(final boolean fundOrder, final long filled, final long ordered)
    {
        if (filled == ordered)
        {
            fundFilledInFull += fundOrder ? 1 : 0;
            filledInFull += fundOrder ? 0 : 1;
        }
        else if (filled > 0)
        {
            fundFilledInPart += fundOrder ? 1 : 0;
            filledInPart += fundOrder ? 0 : 1;
        }
        else
        {
            fundNotFilled += fundOrder ? 1 : 0;
            notFilled += fundOrder ? 0 : 1;
        }
    }

    /** SplitMix64 of the seed and the order's id: the same order gets the same answer in every run. */
    private static long mix(final long seed, final long liquidationSequence, final int liquidationIndex)
    {
        long z = seed + liquidationSequence * 0x9E3779B97F4A7C15L + liquidationIndex * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The fund's unwind orders the book answered. */
    long fundOrders()
    {
        return fundFilledInFull + fundFilledInPart + fundNotFilled;
    }

    long fundFilledInFull()
    {
        return fundFilledInFull;
    }

    long fundFilledInPart()
    {
        return fundFilledInPart;
    }

    long fundNotFilled()
    {
        return fundNotFilled;
    }

    /** Inputs the book published: fills (the fund's too) and ends. */
    long inputs()
    {
        return inputs;
    }

    long filledInFull()
    {
        return filledInFull;
    }

    long filledInPart()
    {
        return filledInPart;
    }

    long notFilled()
    {
        return notFilled;
    }
}
