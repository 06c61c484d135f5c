package com.liqengine.margin;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
    private final List<InstrumentSpec> specs = new ArrayList<>();
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
        specs.add(spec);
        send(encoder.instrumentDefinition(0, 0, spec));
        return spec.instrumentId();
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

    List<OutputRecord> isolated(final long account, final int instrument)
    {
        return send(encoder.setMarginMode(0, 0, account, instrument, MarginMode.ISOLATED));
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
            for (int i = 0; i < specs.size(); i++)
            {
                books += engine.isolatedMargin(id, i);
            }
        }
        return books - (engine.totalDeposits() - engine.totalWithdrawals() + engine.totalRealizedPnl() -
            engine.totalFees() + engine.totalFunding());
    }
}
