package com.liqengine.perf;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputSink;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import org.agrona.DirectBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The margin state machine alone, on a book of N open positions in four instruments (accounts of four
 * positions, alternately isolated and cross, long and short, leverage 2 to 20): a tick that liquidates nobody,
 * a tick that liquidates one position, a fill, and a funding payment. Inputs are encoded once in setup; every
 * operation is one {@code onInput} (or, for the liquidation, the three inputs that liquidate a position and
 * restore the book). Run with {@code -prof gc} to see the bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "-Xmx8g", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public class StateMachineBenchmark
{
    private static final int INSTRUMENTS = 4;
    private static final int PRICE_DECIMALS = 2;
    private static final int QTY_DECIMALS = 3;
    private static final long MARK = 3_000_000L;
    private static final long UNIT = 100_000_000L;
    private static final long VICTIM = Long.MAX_VALUE - 1;
    private static final int FILL_RING = 1 << 16;

    /** Open positions in the book (accounts × 4). */
    @Param({"1000", "100000", "1000000", "10000000"})
    public int positions;

    /** Indexed checks, or the full scan of every account (the engine before the index). */
    @Param({"true"})
    public boolean indexed;

    private final InputEncoder encoder = new InputEncoder();
    private final Outputs outputs = new Outputs();
    private MarginStateMachine engine;
    private long tradeId = 1;

    private final InputEncoder tickUp = new InputEncoder();
    private final InputEncoder tickDown = new InputEncoder();
    private final InputEncoder crash = new InputEncoder();
    private final InputEncoder spike = new InputEncoder();
    private final InputEncoder fundingUp = new InputEncoder();
    private final InputEncoder fundingDown = new InputEncoder();
    private int tickUpLength;
    private int tickDownLength;
    private int crashLength;
    private int spikeLength;
    private int fundingUpLength;
    private int fundingDownLength;
    private long[] fillAccounts;
    private int[] fillInstruments;
    private int fillCursor;
    private boolean up;

    /** Counts outputs, keeps nothing. */
    static final class Outputs implements OutputSink
    {
        long count;
        long liquidations;

        @Override
        public void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            count++;
            if (buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) == 50)
            {
                liquidations++;
            }
        }
    }

    /** Builds the book through the state machine's own inputs. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final int accounts = Math.max(1, positions / INSTRUMENTS);
        engine = new MarginStateMachine(
            new EngineSettings().maxAccounts(accounts + 2).maxInstruments(INSTRUMENTS).indexedChecks(indexed),
            outputs);
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            send(encoder.instrumentDefinition(0, 0, new InstrumentSpec(
                i, "PERP" + i, PRICE_DECIMALS, QTY_DECIMALS, 1, 1, 20, MarginMode.CROSS, tiers())));
            send(encoder.markPriceTick(0, 0, i, MARK));
        }
        final SplittableRandom random = new SplittableRandom(7);
        for (long a = 1; a <= accounts; a++)
        {
            final boolean isolated = (a & 1) == 0;
            final int leverage = 2 + random.nextInt(19);
            // notional 1,000 to 20,000 per position; margin for the leverage plus a little more
            final long[] quantity = new long[INSTRUMENTS];
            long notional = 0;
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                quantity[i] = 33 + random.nextInt(634);
                notional += quantity[i] * MARK * 1_000;
            }
            send(encoder.deposit(0, 0, a, notional / leverage + notional / 50));
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                if (isolated)
                {
                    send(encoder.setMarginMode(0, 0, a, i, MarginMode.ISOLATED));
                }
                send(encoder.setLeverage(0, 0, a, i, leverage));
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                send(encoder.fill(0, 0, a, i, side, quantity[i], MARK, 0, tradeId++));
            }
        }
        // the victim: isolated at 125x, liquidated 0.4% away from the mark; nobody else is within 1.5%
        send(encoder.deposit(0, 0, VICTIM, 1L << 57));
        send(encoder.setMarginMode(0, 0, VICTIM, 0, MarginMode.ISOLATED));
        send(encoder.setLeverage(0, 0, VICTIM, 0, 125));
        tickUpLength = tickUp.markPriceTick(1, 1, 0, MARK + 1);
        tickDownLength = tickDown.markPriceTick(1, 1, 0, MARK);
        crashLength = crash.markPriceTick(1, 1, 0, MARK - MARK / 160);
        spikeLength = spike.markPriceTick(1, 1, 0, MARK + MARK / 160);
        fundingUpLength = fundingUp.fundingRate(1, 1, 1, 1);
        fundingDownLength = fundingDown.fundingRate(1, 1, 1, -1);
        fillAccounts = new long[FILL_RING];
        fillInstruments = new int[FILL_RING];
        for (int n = 0; n < FILL_RING; n++)
        {
            fillAccounts[n] = 1 + random.nextInt(accounts);
            fillInstruments[n] = random.nextInt(INSTRUMENTS);
        }
        if (outputs.liquidations != 0)
        {
            throw new IllegalStateException("the book must start with nobody liquidated");
        }
    }

    /** A mark tick (one price unit up or down) that crosses nobody's liquidation price. */
    @Benchmark
    public long tickLiquidatingNobody()
    {
        up = !up;
        engine.onInput(up ? tickUp.buffer() : tickDown.buffer(), 0, up ? tickUpLength : tickDownLength);
        return outputs.count;
    }

    /**
     * Three inputs: the victim opens one unit at 125x (a fill), a 0.625% move against it liquidates it and
     * nobody else (a tick), the mark returns (a tick). Long and short in turn, so the fund's book nets out.
     */
    @Benchmark
    public long tickLiquidatingOne()
    {
        up = !up;
        send(encoder.fill(0, 0, VICTIM, 0, up ? Side.BUY : Side.SELL, 1_000, MARK, 0, tradeId++));
        engine.onInput(up ? crash.buffer() : spike.buffer(), 0, up ? crashLength : spikeLength);
        engine.onInput(tickDown.buffer(), 0, tickDownLength);
        return outputs.liquidations;
    }

    /** A fill of one step on a random account and instrument: buys then sells, so the book stays the same. */
    @Benchmark
    public long fill()
    {
        final int n = (fillCursor++ >>> 1) & (FILL_RING - 1);
        final Side side = (fillCursor & 1) == 0 ? Side.BUY : Side.SELL;
        send(encoder.fill(0, 0, fillAccounts[n], fillInstruments[n], side, 1, MARK, 0, tradeId++));
        return outputs.count;
    }

    /** Funding of instrument 1 (a quarter of the positions pay or receive), rates of ±0.000001%. */
    @Benchmark
    public long funding()
    {
        up = !up;
        engine.onInput(up ? fundingUp.buffer() : fundingDown.buffer(), 0, up ? fundingUpLength : fundingDownLength);
        return outputs.count;
    }

    private void send(final int length)
    {
        engine.onInput(encoder.buffer(), 0, length);
    }

    private static List<TierSpec> tiers()
    {
        return List.of(
            new TierSpec(50_000 * UNIT, 125, 400_000L, 0),
            new TierSpec(250_000 * UNIT, 100, 500_000L, 50 * UNIT),
            new TierSpec(1_000_000 * UNIT, 50, 1_000_000L, 1_300 * UNIT),
            new TierSpec(10_000_000 * UNIT, 20, 2_500_000L, 16_300 * UNIT),
            new TierSpec(20_000_000 * UNIT, 10, 5_000_000L, 266_300 * UNIT));
    }
}
