package com.liqengine.tools.replay;

import com.liqengine.api.OutputRecord;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MarkPriceTickDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.account.Instrument;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.account.RiskTiers;
import com.liqengine.replay.ReplayListener;
import com.liqengine.tools.dump.InputView;
import com.liqengine.tools.simulate.EventView;
import com.liqengine.tools.simulate.FinalState;
import com.liqengine.tools.simulate.Units;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
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
    private Map<String, Object> input;
    /** Quantities of this account's liquidation orders, by id, until they end. */
    private final Map<String, Long> orderQuantities = new HashMap<>();

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
        // read before it is applied: a LiquidationOrderDone names its order's account only while it is open
        input = InputView.of(sequence, buffer, offset, length, replayed);
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
        final Map<String, Object> view = EventView.of(record, engine);
        lines.add("    -> " + InputView.text(view).trim());
        final String lifecycle = lifecycle(record, view);
        if (lifecycle != null)
        {
            lines.add("       " + lifecycle);
        }
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
                + " bankruptcy price " + Units.text(engine.bankruptcyPrice(account, i), pd)
                + " ADL indicator " + adlIndicator(engine, i));
        }
    }

    /**
     * 1 to 5 (5: first in its queue to be deleveraged, docs/liquidation.md); "-" when ADL is off (no fund floor) or
     * the position is in no queue (in liquidation). Ranks the instrument's holders on its side (cold path).
     */
    private String adlIndicator(final MarginStateMachine replayed, final int instrument)
    {
        final Integer indicator = FinalState.adlIndicator(replayed, account, instrument);
        return indicator != null ? indicator.toString() :
            replayed.settings().hasFundFloor() ? "- (in liquidation)" : "- (no fund floor: no ADL)";
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

    /**
     * What a step of a liquidation's lifecycle means (docs/liquidation.md), or null for any other output.
     */
    private String lifecycle(final OutputRecord record, final Map<String, Object> e)
    {
        final String id = e.get("liquidationSequence") + "/" + e.get("liquidationIndex");
        return switch (record.type())
        {
            case "CancelOpenOrders" -> "means: before liquidating, the matching engine is asked to cancel the "
                + "account's open orders in " + (e.get("symbol") == null ? "every instrument (cross)" : e.get("symbol"))
                + ", freeing the margin they hold";
            case "LiquidationOrder" ->
            {
                final long size = Math.abs(engine.positionSize(account, (int)record.get("instrumentId")));
                orderQuantities.put(id, record.get("quantity"));
                yield "means: order " + id + " goes to the book: " + e.get("side") + " " + e.get("quantity") + " "
                    + e.get("symbol") + ", immediate-or-cancel, reduce-only, limit " + e.get("price")
                    + " (the position's bankruptcy price now, on the tick)" + (record.get("quantity") < size
                    ? "; a partial step: " + Units.text(size - record.get("quantity"), engine.qtyDecimals(
                    (int)record.get("instrumentId"))) + " stays, in the tier below" : "; the whole position");
            }
            case "LiquidationFill" -> "means: the book filled " + e.get("quantity") + " of order " + id + " at "
                + e.get("price") + "; the realized " + e.get("realizedPnl") + " is settled in "
                + settledIn((int)record.get("instrumentId")) + "; "
                + e.get("remainingQuantity") + " left of the order";
            case "LiquidationFeeCharged" ->
            {
                final Long quantity = orderQuantities.remove(id);
                // an isolated rest goes to the fund; a cross account is checked again (the lines that follow say)
                final int instrument = (int)record.get("instrumentId");
                final long rest = quantity == null || engine.marginMode(account, instrument) != MarginMode.ISOLATED ?
                    0 : quantity - record.get("filledQuantity");
                yield "means: order " + id + " ended, " + e.get("filledQuantity") + " filled"
                    + (record.get("filledQuantity") == record.get("reportedQuantity") ? "" : " (the book reported "
                    + e.get("reportedQuantity") + ")") + "; liquidation fee " + e.get("amount")
                    + " to the insurance fund" + (rest > 0 ? "; the " + Units.text(rest, engine.qtyDecimals(instrument))
                    + " the book did not take goes to the insurance fund" : "");
            }
            case "PositionTakenOver" -> "means: the insurance fund takes over " + e.get("size") + " "
                + e.get("symbol") + " at " + e.get("price") + "; the account realizes " + e.get("realizedPnl")
                + (isZero(e.get("clearanceFee")) ? "" : " and pays the fund what was left, " + e.get("clearanceFee"));
            case "ClearanceFee" -> "means: the position is closed; what was left of its isolated margin, "
                + e.get("amount") + ", goes to the insurance fund (clearance)";
            case "AutoDeleveraged" -> autoDeleveraged(record, e);
            default -> null;
        };
    }

    /**
     * An ADL close (docs/liquidation.md, "Auto-deleveraging"): the side the position traded, at the ADL price (its
     * mark moved against it so that the fund recovers what the takeover cost it), not a price of the book.
     */
    private String autoDeleveraged(final OutputRecord record, final Map<String, Object> e)
    {
        final long quantity = record.get("quantity");
        final int instrument = (int)record.get("instrumentId");
        final String closed = Units.text(Math.abs(quantity), engine.qtyDecimals(instrument)) + " " + e.get("symbol");
        final String side = quantity > 0 ? "buys" : "sells";
        final String position = quantity > 0 ? "short" : "long";
        if (account == engine.insuranceFundAccountId())
        {
            return "means: ADL: the insurance fund " + side + " " + closed + " to reduce the " + position
                + " it took over, against a counterparty, at the ADL price " + e.get("price") + ", realizing "
                + e.get("realizedPnl");
        }
        return "means: auto-deleveraged: the account " + side + " " + closed + " to reduce its " + position
            + ", against the insurance fund, at the ADL price " + e.get("price") + " (the mark moved against the "
            + "position so the fund recovers what a takeover cost it; not a price of the book); it realizes "
            + e.get("realizedPnl");
    }

    /** Where a liquidation fill's realized PnL goes: the isolated pool, or the cross wallet. */
    private String settledIn(final int instrument)
    {
        return engine.marginMode(account, instrument) == MarginMode.ISOLATED ? "the position's isolated margin (now "
            + Units.amount(engine.isolatedMargin(account, instrument)) + ")" : "the wallet (now "
            + Units.amount(engine.crossWallet(account)) + ")";
    }

    private static boolean isZero(final Object amount)
    {
        return amount == null || new java.math.BigDecimal(amount.toString()).signum() == 0;
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
