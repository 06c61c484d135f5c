package com.liqengine.margin;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.LiquidationTriggeredEncoder;
import com.liqengine.codec.MarginCallEncoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.index.LiquidationIndex;
import com.liqengine.math.FixedPoint;
import com.liqengine.testing.MixedEvents;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The liquidation index changes nothing but the cost: an engine with indexed checks and one that scans every
 * account after each tick get the same random inputs (many accounts, two to four instruments of different
 * scales and tiers, both margin modes, crashes and spikes, funding, transfers, leverage and mode changes, tier
 * redefinitions, fills by the insurance fund) and must emit the same bytes, input by input, and end in the
 * same state. Random index rebuilds in between must not change anything either.
 */
class IndexedChecksProperties
{
    private static final long[] MARGIN_CALL_RATIOS = {80_000_000L, 50_000_000L, 95_000_000L, 100_000_000L, 1L};

    @Test
    void indexedChecksEmitWhatTheFullScanEmits()
    {
        Theories.qt(100).forAll(longs().all(), Theories.between(2, 4), Theories.between(5, 60))
            .checkAssert(IndexedChecksProperties::indexedChecksEmitWhatTheFullScanEmits);
    }

    private static void indexedChecksEmitWhatTheFullScanEmits(
        final long seed, final int instrumentCount, final int accountCount)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long marginCallRatio = MARGIN_CALL_RATIOS[random.nextInt(MARGIN_CALL_RATIOS.length)];
        final Recorder indexed = new Recorder(true, accountCount, marginCallRatio);
        final Recorder scan = new Recorder(false, accountCount, marginCallRatio);
        final Scenario scenario = new Scenario(random, instrumentCount, accountCount);
        final InputEncoder encoder = new InputEncoder();
        final int inputs = scenario.setUpCount() + 1_500;
        for (int n = 0; n < inputs; n++)
        {
            final int length = n < scenario.setUpCount() ? scenario.setUp(n, encoder) : scenario.next(n, encoder);
            final List<byte[]> expected = scan.apply(encoder, length);
            final List<byte[]> actual = indexed.apply(encoder, length);
            assertThat(actual.size()).as("outputs of input %d", n).isEqualTo(expected.size());
            for (int k = 0; k < expected.size(); k++)
            {
                assertThat(actual.get(k)).as("output %d of input %d", k, n).isEqualTo(expected.get(k));
            }
            if (random.nextInt(400) == 0)
            {
                indexed.engine.rebuildIndex();
            }
        }
        assertThat(state(indexed.engine, instrumentCount)).isEqualTo(state(scan.engine, instrumentCount));
        assertThat(scan.count(LiquidationTriggeredEncoder.TEMPLATE_ID)).as("liquidations").isPositive();
    }

    private static String state(final MarginStateMachine engine, final int instrumentCount)
    {
        final StringBuilder text = new StringBuilder();
        for (int a = 0; a < engine.accountCount(); a++)
        {
            final long id = engine.accountIdAt(a);
            text.append(id).append(' ').append(engine.crossWallet(id));
            for (int i = 0; i < instrumentCount; i++)
            {
                text.append(" | ").append(engine.positionSize(id, i)).append(' ').append(engine.costBasis(id, i))
                    .append(' ').append(engine.isolatedMargin(id, i)).append(' ').append(engine.marginMode(id, i))
                    .append(' ').append(engine.leverage(id, i));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** One engine and the bytes of every output of the last input. */
    private static final class Recorder
    {
        final MarginStateMachine engine;
        final List<byte[]> outputs = new ArrayList<>();
        final int[] byTemplate = new int[256];

        Recorder(final boolean indexed, final int accountCount, final long marginCallRatio)
        {
            engine = new MarginStateMachine(
                new EngineSettings().maxAccounts(accountCount + 1).maxInstruments(4).marginCallRatio(marginCallRatio)
                    .indexedChecks(indexed),
                (buffer, offset, length) ->
                {
                    final byte[] bytes = new byte[length];
                    buffer.getBytes(offset, bytes);
                    outputs.add(bytes);
                    byTemplate[buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFF]++;
                });
        }

        int count(final int templateId)
        {
            return byTemplate[templateId];
        }

        List<byte[]> apply(final InputEncoder encoder, final int length)
        {
            outputs.clear();
            engine.onInput(encoder.buffer(), 0, length);
            return new ArrayList<>(outputs);
        }
    }

    /** A random market: instruments of different scales, accounts of both modes, a volatile mark. */
    private static final class Scenario
    {
        private static final int[][] SCALES = {{1, 3}, {2, 3}, {2, 2}, {4, 0}, {0, 4}, {3, 5}};
        private static final long[] BASE_PRICES = {5, 300, 30_000};

        private final SplittableRandom random;
        private final int instrumentCount;
        private final int accountCount;
        private final InstrumentSpec[] specs;
        private final long[] marks;
        private final long[] starts;
        private long tradeId = 1;

        Scenario(final SplittableRandom random, final int instrumentCount, final int accountCount)
        {
            this.random = random;
            this.instrumentCount = instrumentCount;
            this.accountCount = accountCount;
            this.specs = new InstrumentSpec[instrumentCount];
            this.marks = new long[instrumentCount];
            this.starts = new long[instrumentCount];
            for (int i = 0; i < instrumentCount; i++)
            {
                final int[] scale = SCALES[random.nextInt(SCALES.length)];
                final long price = BASE_PRICES[random.nextInt(BASE_PRICES.length)] * pow10(scale[0]);
                starts[i] = price;
                marks[i] = price;
                specs[i] = spec(i, scale, tiers(random.nextInt(3)));
            }
        }

        private InstrumentSpec spec(final int id, final int[] scale, final List<TierSpec> tiers)
        {
            final int leverage = Math.min(20, tiers.get(0).maxLeverage());
            final MarginMode mode = random.nextBoolean() ? MarginMode.CROSS : MarginMode.ISOLATED;
            return new InstrumentSpec(id, "I" + id, scale[0], scale[1], 1, 1, leverage, mode, tiers);
        }

        private static List<TierSpec> tiers(final int kind)
        {
            switch (kind)
            {
                case 0: return MixedEvents.btcTiers();
                case 1: return MixedEvents.ethTiers();
                default: return EngineHarness.simpleTiers();
            }
        }

        int setUpCount()
        {
            return instrumentCount * 2 + accountCount * (2 + instrumentCount);
        }

        int setUp(final int n, final InputEncoder encoder)
        {
            if (n < instrumentCount)
            {
                return encoder.instrumentDefinition(n, n, specs[n]);
            }
            if (n < instrumentCount * 2)
            {
                return encoder.markPriceTick(n, n, n - instrumentCount, marks[n - instrumentCount]);
            }
            final int rest = n - instrumentCount * 2;
            final int perAccount = 2 + instrumentCount;
            final long account = 1 + rest / perAccount;
            final int step = rest % perAccount;
            if (step == 0)
            {
                return encoder.deposit(n, n, account, amount(100 + random.nextInt(20_000)));
            }
            if (step == 1)
            {
                return encoder.setLeverage(n, n, account, random.nextInt(instrumentCount), 1 + random.nextInt(50));
            }
            final MarginMode mode = random.nextBoolean() ? MarginMode.CROSS : MarginMode.ISOLATED;
            return encoder.setMarginMode(n, n, account, step - 2, mode);
        }

        int next(final long n, final InputEncoder encoder)
        {
            final int instrument = random.nextInt(instrumentCount);
            final long account = 1 + random.nextInt(accountCount);
            final int kind = random.nextInt(1000);
            if (kind < 420)
            {
                return encoder.markPriceTick(n, n, instrument, nextMark(instrument));
            }
            if (kind < 800)
            {
                final long trader = random.nextInt(60) == 0 ? 0 : account;
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final long mark = marks[instrument];
                final long price = Math.max(1, mark + mark * (random.nextInt(41) - 20) / 1000);
                final long fee = amount(random.nextInt(5)) / 10 - (random.nextInt(10) == 0 ? amount(1) / 10 : 0);
                return encoder.fill(n, n, trader, instrument, side, quantity(instrument), price, fee, tradeId++);
            }
            if (kind < 830)
            {
                return encoder.fundingRate(n, n, instrument, random.nextInt(400_001) - 200_000);
            }
            if (kind < 870)
            {
                return encoder.deposit(n, n, account, amount(1 + random.nextInt(5_000)));
            }
            if (kind < 900)
            {
                return encoder.withdrawal(n, n, account, amount(1 + random.nextInt(3_000)));
            }
            if (kind < 925)
            {
                return encoder.setLeverage(n, n, account, instrument, 1 + random.nextInt(60));
            }
            if (kind < 945)
            {
                final MarginMode mode = random.nextBoolean() ? MarginMode.CROSS : MarginMode.ISOLATED;
                return encoder.setMarginMode(n, n, account, instrument, mode);
            }
            if (kind < 965)
            {
                return encoder.addIsolatedMargin(n, n, account, instrument, amount(1 + random.nextInt(2_000)));
            }
            if (kind < 990)
            {
                return encoder.removeIsolatedMargin(n, n, account, instrument, amount(1 + random.nextInt(500)));
            }
            if (kind < 995)
            {
                // new tiers, same scales: every holder's maintenance margin moves without a tick
                final InstrumentSpec old = specs[instrument];
                final InstrumentSpec redefined = new InstrumentSpec(
                    instrument, old.symbol(), old.priceDecimals(), old.qtyDecimals(), 1, 1,
                    Math.min(old.defaultLeverage(), 10), old.defaultMode(), tiers(random.nextInt(3)));
                specs[instrument] = redefined;
                return encoder.instrumentDefinition(n, n, redefined);
            }
            // the same price again: nothing crossed, nothing to do
            return encoder.markPriceTick(n, n, instrument, marks[instrument]);
        }

        private long nextMark(final int instrument)
        {
            final long mark = marks[instrument];
            final int shape = random.nextInt(100);
            long next;
            if (shape < 4)
            {
                // crash or spike of 5 to 30%
                final long move = mark * (5 + random.nextInt(26)) / 100;
                next = random.nextBoolean() ? mark - move : mark + move;
            }
            else
            {
                next = mark + mark * (random.nextInt(41) - 20) / 2_000 + (starts[instrument] - mark) / 40;
            }
            next = Math.max(starts[instrument] / 4, Math.min(starts[instrument] * 4, next));
            marks[instrument] = Math.max(1, next);
            return marks[instrument];
        }

        private long quantity(final int instrument)
        {
            // a notional of 10 to 60,000 units of the settlement asset
            final InstrumentSpec spec = specs[instrument];
            final long notional = 10 + random.nextInt(60_000);
            final long price = Math.max(1, marks[instrument] / pow10(spec.priceDecimals()));
            return Math.max(1, notional * pow10(spec.qtyDecimals()) / price);
        }

        private static long amount(final long units)
        {
            return units * FixedPoint.SCALE;
        }

        private static long pow10(final int exponent)
        {
            long value = 1;
            for (int i = 0; i < exponent; i++)
            {
                value *= 10;
            }
            return value;
        }
    }

    /** At scale: the allocation test's market (2,000 accounts, crashes in both modes), 300,000 inputs. */
    @Test
    void mixedMarketAtScaleEmitsWhatTheFullScanEmits()
    {
        final int accounts = 2_000;
        final Recorder indexed = new Recorder(true, accounts, 80_000_000L);
        final Recorder scan = new Recorder(false, accounts, 80_000_000L);
        final MixedEvents events = new MixedEvents(accounts, 42);
        final InputEncoder encoder = new InputEncoder();
        final int inputs = events.setUpCount() + 300_000;
        for (int n = 0; n < inputs; n++)
        {
            final int length = n < events.setUpCount() ? events.setUp(n, encoder) : events.next(n, encoder);
            final List<byte[]> expected = scan.apply(encoder, length);
            final List<byte[]> actual = indexed.apply(encoder, length);
            assertThat(actual.size()).as("outputs of input %d", n).isEqualTo(expected.size());
            for (int k = 0; k < expected.size(); k++)
            {
                assertThat(actual.get(k)).as("output %d of input %d", k, n).isEqualTo(expected.get(k));
            }
        }
        assertThat(scan.count(LiquidationTriggeredEncoder.TEMPLATE_ID)).as("liquidations").isGreaterThan(1_000);
        assertThat(scan.count(MarginCallEncoder.TEMPLATE_ID)).as("margin calls").isGreaterThan(100);
        assertThat(state(indexed.engine, 2)).isEqualTo(state(scan.engine, 2));
    }

    @Test
    void sortOrdersAscending()
    {
        // 220: short arrays repeat, and QuickTheories skips an example whose draws it has tried; at least 200 run
        Theories.qt(220).forAll(intArrays()).checkAssert(IndexedChecksProperties::sortOrdersAscending);
    }

    /**
     * Mostly 0 to 14 values, one array in ten 15 to 255 (most beyond the insertion sort's limit), one in fifty
     * 255; values biased towards 0, one in twenty an edge (the extremes of int, -2 to 2), so duplicates occur.
     */
    private static Gen<int[]> intArrays()
    {
        final Gen<Integer> lengths = Generate.frequency(List.of(
            Pair.of(88, Generate.range(0, 14)),
            Pair.of(10, Generate.range(15, 255)),
            Pair.of(2, Generate.constant(255))));
        final Gen<Integer> values = Generate.frequency(List.of(
            Pair.of(19, Theories.between(Integer.MIN_VALUE, Integer.MAX_VALUE)),
            Pair.of(1, Theories.edges(Integer.MIN_VALUE, Integer.MAX_VALUE))));
        return Generate.intArrays(lengths, values);
    }

    private static void sortOrdersAscending(final int[] drawn)
    {
        // spread over the whole long range (the candidates are account << 32 | slot); equal draws stay equal
        final long[] values = new long[drawn.length];
        for (int i = 0; i < drawn.length; i++)
        {
            values[i] = drawn[i] * 4_294_967_311L;
        }
        final long[] copy = values.clone();
        LiquidationIndex.sort(copy, copy.length);
        final long[] expected = values.clone();
        Arrays.sort(expected);
        assertThat(copy).isEqualTo(expected);
    }
}
