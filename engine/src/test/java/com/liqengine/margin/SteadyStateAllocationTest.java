package com.liqengine.margin;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot path allocates nothing: after warm-up, a million mixed events (ticks with liquidations, fills of
 * both modes, funding, deposits) through the state machine allocate zero bytes on its thread.
 */
class SteadyStateAllocationTest
{
    private static final int ACCOUNTS = 2_000;
    private static final int WARM_UP_EVENTS = 300_000;
    private static final int MEASURED_EVENTS = 1_000_000;

    private final InputEncoder encoder = new InputEncoder();
    private long outputs;
    private long liquidations;
    private final MarginStateMachine engine = new MarginStateMachine(
        new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2),
        (buffer, offset, length) ->
        {
            outputs++;
            if (buffer.getShort(offset + 2, java.nio.ByteOrder.LITTLE_ENDIAN) == 50)
            {
                liquidations++;
            }
        });
    private long random = 42;
    private final long[] marks = {5_000_000L, 300_000L};
    private long tradeId = 1;

    @Test
    void millionMixedEventsAllocateNothing()
    {
        setUp();
        run(WARM_UP_EVENTS);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final long liquidationsBefore = liquidations;
        final long before = threads.getThreadAllocatedBytes(threadId);
        run(MEASURED_EVENTS);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertThat(liquidations - liquidationsBefore).as("the measured run must liquidate").isGreaterThan(100);
        assertThat(allocated).as("bytes allocated over %d events", MEASURED_EVENTS).isZero();
    }

    private void setUp()
    {
        engine.onInput(encoder.buffer(), 0, encoder.instrumentDefinition(0, 0, new InstrumentSpec(
            0, "BTCUSDT", 1, 3, 1, 1, 20, MarginMode.CROSS, EngineHarness.btcTiers())));
        engine.onInput(encoder.buffer(), 0, encoder.instrumentDefinition(0, 0, new InstrumentSpec(
            1, "ETHUSDT", 2, 3, 1, 1, 20, MarginMode.CROSS, EngineHarness.ethTiers())));
        for (int i = 0; i < 2; i++)
        {
            engine.onInput(encoder.buffer(), 0, encoder.markPriceTick(0, 0, i, marks[i]));
        }
        for (int a = 1; a <= ACCOUNTS; a++)
        {
            engine.onInput(encoder.buffer(), 0, encoder.deposit(0, 0, a, 1_000_000_000_000L));
            if (a % 2 == 0)
            {
                engine.onInput(encoder.buffer(), 0, encoder.setMarginMode(0, 0, a, 0, MarginMode.ISOLATED));
                engine.onInput(encoder.buffer(), 0, encoder.setMarginMode(0, 0, a, 1, MarginMode.ISOLATED));
            }
            engine.onInput(encoder.buffer(), 0, encoder.setLeverage(0, 0, a, 0, 50));
            engine.onInput(encoder.buffer(), 0, encoder.setLeverage(0, 0, a, 1, 50));
        }
    }

    private void run(final int events)
    {
        for (int n = 0; n < events; n++)
        {
            final long r = next();
            final int instrument = (int)(r & 1);
            final int kind = (int)((r >>> 1) % 100);
            final int length;
            if (kind < 45)
            {
                // random walk with fat tails, pulled back towards the start so the run stays in range
                final long start = instrument == 0 ? 5_000_000L : 300_000L;
                long step = ((r >>> 8) % 21 - 10) * marks[instrument] / 2_000;
                if ((r >>> 40) % 200 == 0)
                {
                    step = -marks[instrument] / 25;
                }
                marks[instrument] = Math.max(start / 2, Math.min(start * 2,
                    marks[instrument] + step + (start - marks[instrument]) / 50));
                length = encoder.markPriceTick(n, n, instrument, marks[instrument]);
            }
            else if (kind < 95)
            {
                final long account = 1 + (r >>> 12) % ACCOUNTS;
                final Side side = ((r >>> 30) & 1) == 0 ? Side.BUY : Side.SELL;
                length = encoder.fill(n, n, account, instrument, side, 1 + (r >>> 33) % 500, marks[instrument],
                    1_000, tradeId++);
            }
            else if (kind < 97)
            {
                length = encoder.fundingRate(n, n, instrument, ((r >>> 20) % 201) - 100);
            }
            else
            {
                length = encoder.deposit(n, n, 1 + (r >>> 12) % ACCOUNTS, 10_000_000_000L);
            }
            engine.onInput(encoder.buffer(), 0, length);
        }
    }

    private long next()
    {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return random & Long.MAX_VALUE;
    }
}
