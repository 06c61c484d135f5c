package com.liqengine.margin;

import com.liqengine.api.InputEncoder;
import com.liqengine.testing.MixedEvents;
import com.liqengine.codec.AutoDeleveragedDecoder;
import com.liqengine.codec.LiquidationFeeChargedDecoder;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.PositionTakenOverDecoder;
import com.liqengine.codec.Side;
import com.liqengine.testing.StringConstants;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot path allocates nothing: after warm-up, a million mixed events (ticks with liquidations, fills of
 * both modes, funding, deposits) through the state machine allocate zero bytes on its thread; the same in
 * {@code market} mode with a fund floor, where a simulated book fills liquidation orders (some in full, some in
 * part, some not at all) and ends them, so orders (partial ones among them), fills, liquidation fees, takeovers of
 * rests and auto-deleveraging run too.
 */
class SteadyStateAllocationTest
{
    private static final int ACCOUNTS = 2_000;
    private static final int WARM_UP_EVENTS = 300_000;
    // the JIT settles at its own pace (later on a busy machine), and a compile request can allocate on the
    // thread that makes it; so warm-up goes on, a chunk at a time, until three chunks in a row allocated nothing
    private static final int WARM_UP_CHUNK = 200_000;
    private static final int MAX_WARM_UP_CHUNKS = 50;
    private static final int MEASURED_EVENTS = 1_000_000;

    private final InputEncoder encoder = new InputEncoder();
    private final MixedEvents events = new MixedEvents(ACCOUNTS, 42);
    private final Book book = new Book();
    private MarginStateMachine engine;

    @Test
    void millionMixedEventsAllocateNothing()
    {
        engine = new MarginStateMachine(new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2), book);
        measure();
    }

    @Test
    void millionMarketModeEventsAllocateNothing()
    {
        // a liquidation fee of 0.5% and partial liquidation from tier 2, so their paths are measured too
        events.liquidationSettings(500_000L, 2);
        engine = new MarginStateMachine(new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2)
            .liquidationMode(LiquidationMode.MARKET).fundFloor(0), book);
        book.engine = engine;
        measure();
        assertThat(book.orders).as("liquidation orders").isGreaterThan(100);
        assertThat(book.partialOrders).as("liquidation orders for part of a position").isGreaterThan(50);
        assertThat(book.fills).as("liquidation fills").isGreaterThan(50);
        assertThat(book.count(PositionTakenOverDecoder.TEMPLATE_ID)).as("fund takeovers").isGreaterThan(10);
        assertThat(book.count(LiquidationFeeChargedDecoder.TEMPLATE_ID)).as("orders ended").isGreaterThan(100);
        assertThat(book.feesCharged).as("orders ended with a liquidation fee > 0").isGreaterThan(50);
        assertThat(book.count(AutoDeleveragedDecoder.TEMPLATE_ID)).as("auto-deleveraging closes").isGreaterThan(10);
    }

    private void measure()
    {
        // the JVM's own one-off allocation of string literals at C2's first compile request per class
        StringConstants.intern(MarginStateMachine.class, MixedEvents.class, org.agrona.DirectBuffer.class);
        for (int i = 0; i < events.setUpCount(); i++)
        {
            engine.onInput(encoder.buffer(), 0, events.setUp(i, encoder));
        }
        run(WARM_UP_EVENTS);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        int quietChunks = 0;
        for (int chunk = 0; chunk < MAX_WARM_UP_CHUNKS && quietChunks < 3; chunk++)
        {
            final long chunkStart = threads.getThreadAllocatedBytes(threadId);
            run(WARM_UP_CHUNK);
            quietChunks = threads.getThreadAllocatedBytes(threadId) == chunkStart ? quietChunks + 1 : 0;
        }
        // Up to five measured millions: on a busy machine the JIT may still recompile a method once, late, and
        // allocate a few hundred bytes doing it (a deoptimization rematerializes what compiled code had kept in
        // registers; market mode has rare paths, first taken millions of events in). That is not the state machine
        // allocating (an object per event would be 16 MB a million), so one million must allocate exactly nothing
        // and none may reach 4 KB.
        final long liquidationsBefore = book.count(LiquidationTriggeredDecoder.TEMPLATE_ID);
        long fewest = Long.MAX_VALUE;
        long most = 0;
        for (int window = 0; window < 5 && fewest != 0; window++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            run(MEASURED_EVENTS);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            fewest = Math.min(fewest, allocated);
            most = Math.max(most, allocated);
        }

        assertThat(book.count(LiquidationTriggeredDecoder.TEMPLATE_ID) - liquidationsBefore)
            .as("the measured run must liquidate").isGreaterThan(100);
        assertThat(fewest).as("bytes allocated over %d events", MEASURED_EVENTS).isZero();
        assertThat(most).as("bytes allocated over any measured %d events", MEASURED_EVENTS).isLessThan(4096);
    }

    private void run(final int count)
    {
        for (int n = 0; n < count; n++)
        {
            // every other input answers an open liquidation order, if there is one: the book keeps up
            final int length = (n & 1) == 0 && book.open > 0 ? book.answer(encoder, events) : events.next(n, encoder);
            engine.onInput(encoder.buffer(), 0, length);
        }
    }

    /**
     * Counts outputs by template, and plays the book for liquidation orders: keeps the open ones (preallocated)
     * and answers the oldest with a fill at its limit of all, half or none of it, then its end.
     */
    private static final class Book implements com.liqengine.api.OutputSink
    {
        private static final int CAPACITY = 1 << 16;
        /** The lowest output template id (LiquidationTriggered): counts are indexed from it. */
        private static final int FIRST_OUTPUT = LiquidationTriggeredDecoder.TEMPLATE_ID;
        private final com.liqengine.codec.MessageHeaderDecoder header = new com.liqengine.codec.MessageHeaderDecoder();
        private final com.liqengine.codec.LiquidationOrderDecoder order =
            new com.liqengine.codec.LiquidationOrderDecoder();
        private final long[] counts = new long[64];
        private final long[] sequence = new long[CAPACITY];
        private final int[] index = new int[CAPACITY];
        private final long[] account = new long[CAPACITY];
        private final int[] instrument = new int[CAPACITY];
        private final boolean[] sells = new boolean[CAPACITY];
        private final long[] quantity = new long[CAPACITY];
        private final long[] limit = new long[CAPACITY];
        private final long[] filled = new long[CAPACITY];
        private int head;
        private int open;
        private final LiquidationFeeChargedDecoder fee = new LiquidationFeeChargedDecoder();
        private MarginStateMachine engine;
        private long orders;
        private long partialOrders;
        private long fills;
        private long feesCharged;

        long count(final int templateId)
        {
            return counts[templateId - FIRST_OUTPUT];
        }

        @Override
        public void onOutput(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            counts[header.templateId() - FIRST_OUTPUT]++;
            if (header.templateId() == LiquidationFeeChargedDecoder.TEMPLATE_ID)
            {
                fee.wrap(buffer, offset + header.encodedLength(), header.blockLength(), header.version());
                feesCharged += fee.amount() > 0 ? 1 : 0;
                return;
            }
            if (header.templateId() != com.liqengine.codec.LiquidationOrderDecoder.TEMPLATE_ID)
            {
                return;
            }
            order.wrap(buffer, offset + header.encodedLength(), header.blockLength(), header.version());
            if (order.liquidationSequence() == 0 || open == CAPACITY)
            {
                return;
            }
            final int at = (head + open++) & (CAPACITY - 1);
            sequence[at] = order.liquidationSequence();
            index[at] = order.liquidationIndex();
            account[at] = order.accountId();
            instrument[at] = order.instrumentId();
            sells[at] = order.side() == Side.SELL;
            quantity[at] = order.quantity();
            limit[at] = order.price();
            filled[at] = -1;
            orders++;
            // emitted before the order changes the position: what it holds now
            partialOrders += order.quantity() < Math.abs(engine.positionSize(order.accountId(), order.instrumentId()))
                ? 1 : 0;
        }

        /** The next answer to the oldest open order: its fill (all, half or none), then, next time, its end. */
        int answer(final InputEncoder encoder, final MixedEvents events)
        {
            final int at = head;
            if (filled[at] < 0)
            {
                final long share = quantity[at] * (sequence[at] % 3) / 2;
                filled[at] = share;
                if (share > 0)
                {
                    fills++;
                    return encoder.liquidationFill(0, 0, account[at], instrument[at], sells[at] ? Side.SELL : Side.BUY,
                        share, limit[at], events.nextTradeId(), sequence[at], index[at]);
                }
            }
            head = (head + 1) & (CAPACITY - 1);
            open--;
            return encoder.liquidationOrderDone(0, 0, sequence[at], index[at], filled[at]);
        }
    }
}
