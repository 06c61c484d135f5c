package com.liqengine.margin;

import com.liqengine.account.Instrument;
import com.liqengine.account.RiskTiers;
import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import com.liqengine.math.FixedPoint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a {@link MarginStateMachine} with human decimals for hand-checkable tests, and collects the outputs
 * of each input.
 */
final class EngineHarness
{
    static final long FUND = 0;

    final MarginStateMachine engine;
    final InputEncoder encoder = new InputEncoder();
    final List<OutputRecord> outputs = new ArrayList<>();
    private final Map<Integer, InstrumentSpec> specs = new TreeMap<>();
    private long nextTradeId = 1;

    EngineHarness()
    {
        this(new EngineSettings());
    }

    EngineHarness(final EngineSettings settings)
    {
        engine = new MarginStateMachine(settings, (buffer, offset, length) ->
            outputs.add(OutputRecord.decode(buffer, offset, length)));
    }

    /** Amount or rate in fixed point (8 decimals) from a decimal string. */
    static long amount(final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(FixedPoint.DECIMALS).longValueExact();
    }

    static BigDecimal decimal(final long fixedPoint)
    {
        return BigDecimal.valueOf(fixedPoint, FixedPoint.DECIMALS);
    }

    static TierSpec tier(final String cap, final int leverage, final String mmr, final String cum)
    {
        return new TierSpec(amount(cap), leverage, amount(mmr), amount(cum));
    }

    /** Binance's published USDⓈ-M BTCUSDT brackets (first five). */
    static List<TierSpec> btcTiers()
    {
        return List.of(
            tier("50000", 125, "0.004", "0"),
            tier("250000", 100, "0.005", "50"),
            tier("1000000", 50, "0.01", "1300"),
            tier("10000000", 20, "0.025", "16300"),
            tier("20000000", 10, "0.05", "266300"));
    }

    /** Binance's published USDⓈ-M ETHUSDT brackets (first seven). */
    static List<TierSpec> ethTiers()
    {
        return List.of(
            tier("10000", 100, "0.005", "0"),
            tier("100000", 75, "0.0065", "15"),
            tier("500000", 50, "0.01", "365"),
            tier("1000000", 25, "0.02", "5365"),
            tier("2000000", 10, "0.05", "35365"),
            tier("5000000", 5, "0.10", "135365"),
            tier("10000000", 4, "0.125", "260365"));
    }

    /** Defines the next instrument (ids from 0) with the given decimals, tick and step of one unit. */
    int define(final String symbol, final int priceDecimals, final int qtyDecimals, final List<TierSpec> tiers)
    {
        final InstrumentSpec spec = new InstrumentSpec(
            specs.size(), symbol, priceDecimals, qtyDecimals, 1, 1, Math.min(20, tiers.get(0).maxLeverage()),
            MarginMode.CROSS, tiers);
        specs.put(spec.instrumentId(), spec);
        send(encoder.instrumentDefinition(0, 0, spec));
        return spec.instrumentId();
    }

    /**
     * Three tiers that are easy to work with by hand: up to 10,000 at 1% (50x), up to 100,000 at 2.5% (20x,
     * cum 10,000 × 1.5% = 150), up to 1,000,000 at 5% (10x, cum 150 + 100,000 × 2.5% = 2,650).
     */
    static List<TierSpec> simpleTiers()
    {
        return List.of(
            tier("10000", 50, "0.01", "0"),
            tier("100000", 20, "0.025", "150"),
            tier("1000000", 10, "0.05", "2650"));
    }

    /** Sends a definition; the spec is remembered (for prices and quantities) only when it is accepted. */
    List<OutputRecord> define(final InstrumentSpec spec)
    {
        send(encoder.instrumentDefinition(0, 0, spec));
        if (outputs.size() == 1 && outputs.get(0).type().equals("RequestAccepted"))
        {
            specs.put(spec.instrumentId(), spec);
        }
        return outputs;
    }

    long price(final int instrument, final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(specs.get(instrument).priceDecimals()).longValueExact();
    }

    long quantity(final int instrument, final String decimal)
    {
        return new BigDecimal(decimal).movePointRight(specs.get(instrument).qtyDecimals()).longValueExact();
    }

    List<OutputRecord> send(final int length)
    {
        outputs.clear();
        engine.onInput(encoder.buffer(), 0, length);
        return outputs;
    }

    List<OutputRecord> deposit(final long account, final String amount)
    {
        return send(encoder.deposit(0, 0, account, amount(amount)));
    }

    List<OutputRecord> withdraw(final long account, final String amount)
    {
        return send(encoder.withdrawal(0, 0, account, amount(amount)));
    }

    List<OutputRecord> mark(final int instrument, final String price)
    {
        return send(encoder.markPriceTick(0, 0, instrument, price(instrument, price)));
    }

    List<OutputRecord> buy(final long account, final int instrument, final String quantity, final String price)
    {
        return fill(account, instrument, Side.BUY, quantity, price, "0");
    }

    List<OutputRecord> sell(final long account, final int instrument, final String quantity, final String price)
    {
        return fill(account, instrument, Side.SELL, quantity, price, "0");
    }

    List<OutputRecord> fill(
        final long account, final int instrument, final Side side, final String quantity, final String price,
        final String fee)
    {
        return send(encoder.fill(0, 0, account, instrument, side, quantity(instrument, quantity),
            price(instrument, price), amount(fee), nextTradeId++));
    }

    /** A fill with an explicit trade id (later automatic ids continue above it). */
    List<OutputRecord> fill(
        final long account, final int instrument, final Side side, final String quantity, final String price,
        final String fee, final long tradeId)
    {
        nextTradeId = Math.max(nextTradeId, tradeId + 1);
        return send(encoder.fill(0, 0, account, instrument, side, quantity(instrument, quantity),
            price(instrument, price), amount(fee), tradeId));
    }

    /** A fill of a liquidation order (the {@code LiquidationOrder} output), on its account, instrument and side. */
    List<OutputRecord> liquidationFill(final OutputRecord order, final String quantity, final String price)
    {
        final int instrument = (int)order.get("instrumentId");
        return send(encoder.liquidationFill(0, 0, order.get("accountId"), instrument,
            order.get("side") == 0 ? Side.BUY : Side.SELL, quantity(instrument, quantity), price(instrument, price),
            nextTradeId++, order.get("liquidationSequence"), (int)order.get("liquidationIndex")));
    }

    /** The end of a liquidation order, with the quantity the book says it filled. */
    List<OutputRecord> orderDone(final OutputRecord order, final String filled)
    {
        return send(encoder.liquidationOrderDone(0, 0, order.get("liquidationSequence"),
            (int)order.get("liquidationIndex"), quantity((int)order.get("instrumentId"), filled)));
    }

    /** Defines the next instrument with a liquidation fee rate and the tier from which liquidation is partial. */
    int define(
        final String symbol, final List<TierSpec> tiers, final String liquidationFeeRate, final int partialFromTier)
    {
        final InstrumentSpec spec = new InstrumentSpec(
            specs.size(), symbol, 2, 2, 1, 1, Math.min(20, tiers.get(0).maxLeverage()), MarginMode.CROSS, tiers)
            .withLiquidation(amount(liquidationFeeRate), partialFromTier);
        assertThat(types(define(spec))).containsExactly("RequestAccepted");
        return spec.instrumentId();
    }

    List<OutputRecord> isolated(final long account, final int instrument)
    {
        return send(encoder.setMarginMode(0, 0, account, instrument, MarginMode.ISOLATED));
    }

    /**
     * The ADL examples' liquidated position: the account isolated 10x long 10 at 100 (B = 100, C = 1,000, bankrupt
     * at 90), funded with a deposit of 1,000.
     */
    void isolatedLong(final long account, final int instrument)
    {
        deposit(account, "1000");
        isolated(account, instrument);
        leverage(account, instrument, 10);
        buy(account, instrument, "10", "100");
    }

    /** An ADL example's counterparty: a deposit, then a cross short at 100. */
    void crossShort(final long account, final int instrument, final String deposit, final String quantity)
    {
        deposit(account, deposit);
        sell(account, instrument, quantity, "100");
    }

    List<OutputRecord> cross(final long account, final int instrument)
    {
        return send(encoder.setMarginMode(0, 0, account, instrument, MarginMode.CROSS));
    }

    List<OutputRecord> leverage(final long account, final int instrument, final int leverage)
    {
        return send(encoder.setLeverage(0, 0, account, instrument, leverage));
    }

    List<OutputRecord> addMargin(final long account, final int instrument, final String amount)
    {
        return send(encoder.addIsolatedMargin(0, 0, account, instrument, amount(amount)));
    }

    List<OutputRecord> removeMargin(final long account, final int instrument, final String amount)
    {
        return send(encoder.removeIsolatedMargin(0, 0, account, instrument, amount(amount)));
    }

    List<OutputRecord> funding(final int instrument, final String rate)
    {
        return send(encoder.fundingRate(0, 0, instrument, amount(rate)));
    }

    BigDecimal wallet(final long account)
    {
        return decimal(engine.crossWallet(account));
    }

    BigDecimal pool(final long account, final int instrument)
    {
        return decimal(engine.isolatedMargin(account, instrument));
    }

    BigDecimal fund()
    {
        return decimal(engine.insuranceFundBalance());
    }

    BigDecimal priceOf(final int instrument, final long fixedPoint)
    {
        return BigDecimal.valueOf(fixedPoint, specs.get(instrument).priceDecimals());
    }

    /**
     * The outputs without the {@code CancelOpenOrders} that must come right before every liquidation trigger
     * (docs/liquidation.md), checked here: one per trigger, of the triggered account, with the isolated position's
     * instrument or −1 for a cross account, and none anywhere else.
     */
    static List<OutputRecord> afterCancels(final List<OutputRecord> records)
    {
        final List<OutputRecord> rest = new ArrayList<>();
        for (int i = 0; i < records.size(); i++)
        {
            final OutputRecord record = records.get(i);
            if (record.type().equals("CancelOpenOrders"))
            {
                assertThat(i + 1).as("a CancelOpenOrders is followed by its trigger").isLessThan(records.size());
                final OutputRecord triggered = records.get(i + 1);
                assertThat(triggered.type()).isEqualTo("LiquidationTriggered");
                assertThat(record.get("accountId")).isEqualTo(triggered.get("accountId"));
                final boolean isolated = triggered.get("mode") == 0;
                assertThat(record.get("instrumentId")).isEqualTo(isolated ? triggered.get("instrumentId") : -1L);
                continue;
            }
            if (record.type().equals("LiquidationTriggered"))
            {
                final OutputRecord before = records.get(i - 1);
                assertThat(before.type()).as("a trigger follows its CancelOpenOrders or its account's trigger")
                    .isIn("CancelOpenOrders", "LiquidationTriggered");
                assertThat(before.get("accountId")).isEqualTo(record.get("accountId"));
            }
            rest.add(record);
        }
        return rest;
    }

    static List<String> types(final List<OutputRecord> records)
    {
        final List<String> types = new ArrayList<>();
        for (final OutputRecord record : records)
        {
            types.add(record.type());
        }
        return types;
    }

    /** Σ W + Σ B − (deposits − withdrawals + realized − fees + funding): zero when every unit is accounted for. */
    long ledgerGap()
    {
        long books = 0;
        for (int a = 0; a < engine.accountCount(); a++)
        {
            final long id = engine.accountIdAt(a);
            books += engine.crossWallet(id);
            for (final int i : specs.keySet())
            {
                books += engine.isolatedMargin(id, i);
            }
        }
        return books - (engine.totalDeposits() - engine.totalWithdrawals() + engine.totalRealizedPnl() -
            engine.totalFees() + engine.totalFunding());
    }

    /**
     * Everything an input may change, as text: accounts (wallet and every slot), instruments (definition, mark,
     * last trade ids), ledger totals and the sequence-independent engine state.
     */
    String state()
    {
        final StringBuilder text = new StringBuilder();
        text.append("ledger ").append(engine.totalDeposits()).append(' ').append(engine.totalWithdrawals())
            .append(' ').append(engine.totalRealizedPnl()).append(' ').append(engine.totalFees()).append(' ')
            .append(engine.totalFunding()).append('\n');
        final int maxInstruments = engine.settings().maxInstruments();
        for (int i = 0; i < maxInstruments; i++)
        {
            final Instrument instrument = engine.instrument(i);
            if (instrument.defined)
            {
                text.append("instrument ").append(i).append(' ').append(instrument.symbol()).append(' ')
                    .append(instrument.priceDecimals).append(' ').append(instrument.qtyDecimals).append(' ')
                    .append(instrument.tickSize).append(' ').append(instrument.stepSize).append(' ')
                    .append(instrument.defaultLeverage).append(' ').append(instrument.defaultMode).append(' ')
                    .append(instrument.markPrice).append(' ').append(instrument.lastBuyTradeId).append(' ')
                    .append(instrument.lastSellTradeId);
                final RiskTiers tiers = instrument.tiers();
                for (int t = 0; t < tiers.count(); t++)
                {
                    text.append(" [").append(tiers.maxNotional(t)).append(' ').append(tiers.maxLeverageOfTier(t))
                        .append(' ').append(tiers.maintenanceMarginRate(t)).append(' ')
                        .append(tiers.maintenanceAmount(t)).append(']');
                }
                text.append('\n');
            }
        }
        for (int a = 0; a < engine.accountCount(); a++)
        {
            final long id = engine.accountIdAt(a);
            text.append("account ").append(id).append(' ').append(engine.crossWallet(id));
            for (int i = 0; i < maxInstruments; i++)
            {
                if (engine.hasInstrument(i))
                {
                    text.append(" | ").append(i).append(' ').append(engine.marginMode(id, i)).append(' ')
                        .append(engine.leverage(id, i)).append(' ').append(engine.positionSize(id, i)).append(' ')
                        .append(engine.costBasis(id, i)).append(' ').append(engine.isolatedMargin(id, i));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Sends an input that must be refused: exactly one {@code RequestRejected} with the reason, and
     * {@link #state()} and the state hash the same before and after.
     *
     * @return the rejection.
     */
    OutputRecord assertRejected(final RejectReason reason, final Supplier<List<OutputRecord>> input)
    {
        final String before = state();
        final long hash = engine.stateHash();
        final long sequence = engine.lastSequence();
        final List<OutputRecord> records = input.get();
        assertThat(types(records)).containsExactly("RequestRejected");
        final OutputRecord rejection = records.get(0);
        assertThat(rejection.get("reason")).as("reason").isEqualTo(reason.value());
        assertThat(rejection.get("sequence")).as("sequence").isEqualTo(sequence + 1);
        assertThat(state()).isEqualTo(before);
        assertThat(engine.stateHash()).as("state hash").isEqualTo(hash);
        return rejection;
    }

    /** The only record of a type in a list of outputs. */
    static OutputRecord only(final List<OutputRecord> records, final String type)
    {
        OutputRecord found = null;
        for (final OutputRecord record : records)
        {
            if (record.type().equals(type))
            {
                assertThat(found).as("a single " + type).isNull();
                found = record;
            }
        }
        assertThat(found).as(type).isNotNull();
        return found;
    }
}
