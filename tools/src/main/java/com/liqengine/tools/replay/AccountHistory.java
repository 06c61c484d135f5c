package com.liqengine.tools.replay;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MarkPriceTickDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.margin.Instrument;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.margin.RiskTiers;
import com.liqengine.replay.ReplayListener;
import com.liqengine.tools.dump.InputView;
import com.liqengine.tools.simulate.EventView;
import com.liqengine.tools.simulate.Units;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The history of one account during a replay, to explain a liquidation to a customer: every input that names it
 * (fills, deposits, withdrawals, requests), every output about it (funding, margin calls, liquidations,
 * takeovers, answers to its requests), the mark ticks that moved its open positions (a run of ticks without
 * anything else is one line), and for each liquidation every number that went into it: per position the size,
 * cost, mark, value, unrealized PnL, notional, tier, rate and maintenance margin, then the equity and the sum it
 * was compared with (docs/margin.md, section 5).
 */
public final class AccountHistory implements ReplayListener
{
    private final long account;
    private final PrintStream out;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final List<String> lines = new ArrayList<>();
    private MarginStateMachine engine;
    private boolean crossExplained;
    private int ticks;
    private int tickInstrument = -1;
    private long firstTick;
    private long lastTick;
    private long firstMark;
    private long lastMark;
    private long events;

    /**
     * @param account the account id.
     * @param out where the history goes.
     */
    public AccountHistory(final long account, final PrintStream out)
    {
        this.account = account;
        this.out = out;
    }

    @Override
    public void beforeInput(
        final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final MarginStateMachine replayed)
    {
        lines.clear();
        engine = replayed;
        crossExplained = false;
    }

    /** Outputs come while the input is applied: a liquidation's numbers are read from the state it was checked in. */
    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        final OutputRecord record = OutputRecord.decode(buffer, offset, length);
        final Long id = record.fields().get("accountId");
        if (id == null || id != account)
        {
            return;
        }
        lines.add("    -> " + InputView.text(EventView.of(record, engine)).trim());
        if (record.type().equals("LiquidationTriggered"))
        {
            final boolean isolated = record.get("mode") == 0;
            if (isolated || !crossExplained)
            {
                explain(isolated, (int)record.get("instrumentId"));
                crossExplained |= !isolated;
            }
        }
    }

    @Override
    public void afterInput(
        final long sequence, final DirectBuffer buffer, final int offset, final int length,
        final MarginStateMachine engine)
    {
        if (!engine.hasAccount(account))
        {
            return;
        }
        final Map<String, Object> input = InputView.of(sequence, buffer, offset, length, engine);
        final boolean named = Long.valueOf(account).equals(InputView.account(input));
        if (!named && lines.isEmpty())
        {
            if (isTick(buffer, offset, length))
            {
                tick(sequence, (Long)input.get("instrumentId"), engine);
            }
            return;
        }
        flushTicks(engine);
        events++;
        out.println(InputView.text(input));
        lines.forEach(out::println);
    }

    /**
     * Ends the history: the last run of ticks, and the account's state now.
     *
     * @param engine the replayed engine.
     */
    public void finish(final MarginStateMachine engine)
    {
        flushTicks(engine);
        out.println();
        if (!engine.hasAccount(account))
        {
            out.println("account " + account + " was never opened (by " + engine.lastSequence() + ")");
            return;
        }
        out.println("account " + account + " at sequence " + engine.lastSequence() + ": wallet "
            + Units.amount(engine.crossWallet(account)) + " (" + events + " events in its history)");
        for (int i = 0; i < engine.settings().maxInstruments(); i++)
        {
            if (!engine.hasInstrument(i) || engine.positionSize(account, i) == 0)
            {
                continue;
            }
            final int pd = engine.priceDecimals(i);
            final long ratio = engine.marginRatio(account, i);
            out.println("  " + engine.symbol(i) + " " + mode(engine, i)
                + " size " + Units.text(engine.positionSize(account, i), engine.qtyDecimals(i))
                + " cost " + Units.amount(engine.costBasis(account, i))
                + " isolated margin " + Units.amount(engine.isolatedMargin(account, i))
                + " leverage " + engine.leverage(account, i)
                + " mark " + Units.text(engine.markPrice(i), pd)
                + " unrealized " + Units.amount(engine.unrealizedPnl(account, i))
                + " maintenance " + Units.amount(engine.maintenanceMargin(account, i))
                + " margin ratio " + (ratio == Long.MAX_VALUE ? "infinite" : Units.amount(ratio))
                + " liquidation price " + Units.text(engine.liquidationPrice(account, i), pd)
                + " bankruptcy price " + Units.text(engine.bankruptcyPrice(account, i), pd));
        }
    }

    private String mode(final MarginStateMachine replayed, final int instrument)
    {
        return replayed.marginMode(account, instrument) == MarginMode.ISOLATED ? "isolated" : "cross";
    }

    /**
     * @return events printed (inputs naming the account or causing outputs about it).
     */
    public long events()
    {
        return events;
    }

    private boolean isTick(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= MessageHeaderDecoder.ENCODED_LENGTH + MarkPriceTickDecoder.BLOCK_LENGTH
            && header.wrap(buffer, offset).templateId() == MarkPriceTickDecoder.TEMPLATE_ID;
    }

    private void tick(final long sequence, final Long instrument, final MarginStateMachine engine)
    {
        final int i = instrument.intValue();
        if (!engine.hasInstrument(i) || engine.positionSize(account, i) == 0)
        {
            return;
        }
        if (ticks > 0 && tickInstrument != i)
        {
            flushTicks(engine);
        }
        final long mark = engine.markPrice(i);
        if (ticks == 0)
        {
            firstTick = sequence;
            firstMark = mark;
            tickInstrument = i;
        }
        ticks++;
        lastTick = sequence;
        lastMark = mark;
    }

    private void flushTicks(final MarginStateMachine replayed)
    {
        if (ticks == 0)
        {
            return;
        }
        final int pd = replayed.priceDecimals(tickInstrument);
        out.println(String.format("%10s  %-22s %d ticks of %s moved the mark from %s to %s (sequences %d to %d)",
            "#" + firstTick, "MarkPriceTick", ticks, replayed.symbol(tickInstrument), Units.text(firstMark, pd),
            Units.text(lastMark, pd), firstTick, lastTick));
        ticks = 0;
    }

    /** Every number of the check that liquidated, read from the state it was made in. */
    private void explain(final boolean isolatedCheck, final int liquidated)
    {
        final long wallet = engine.crossWallet(account);
        final long pool = engine.isolatedMargin(account, liquidated);
        long equity = isolatedCheck ? pool : wallet;
        long maintenance = 0;
        lines.add("       why: " + (isolatedCheck ? "isolated position: equity = isolated margin "
            + Units.amount(pool) + " + its unrealized PnL" : "cross account: equity = wallet "
            + Units.amount(wallet) + " + unrealized PnL of every cross position"));
        for (int i = 0; i < engine.settings().maxInstruments(); i++)
        {
            final boolean isolated = engine.marginMode(account, i) == MarginMode.ISOLATED;
            final long size = engine.positionSize(account, i);
            if (size == 0 || isolated != isolatedCheck || isolatedCheck && i != liquidated)
            {
                continue;
            }
            final Instrument instrument = engine.instrument(i);
            final long mark = engine.markPrice(i);
            final long value = instrument.value(size, mark);
            final long cost = engine.costBasis(account, i);
            final long unrealized = value - cost;
            final long notional = Math.abs(value);
            final RiskTiers tiers = instrument.tiers();
            final int tier = tiers.tierOf(notional);
            final long mm = tiers.maintenanceMargin(notional);
            equity += unrealized;
            maintenance += mm;
            lines.add("            " + engine.symbol(i) + ": size " + Units.text(size, engine.qtyDecimals(i))
                + " at mark " + Units.text(mark, engine.priceDecimals(i)) + ": value " + Units.amount(value)
                + " - cost " + Units.amount(cost) + " = unrealized " + Units.amount(unrealized)
                + "; notional " + Units.amount(notional) + " in tier " + (tier + 1) + " (rate "
                + Units.amount(tiers.maintenanceMarginRate(tier)) + ", amount "
                + Units.amount(tiers.maintenanceAmount(tier)) + "): maintenance margin " + Units.amount(mm));
        }
        lines.add("            equity " + Units.amount(equity) + (equity <= maintenance ? " <= " : " > ")
            + "maintenance margin " + Units.amount(maintenance) + (equity <= maintenance ? ": liquidated" : ""));
    }
}
