package com.liqengine.tools.demo;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.codec.AutoDeleveragedDecoder;
import com.liqengine.codec.ClearanceFeeDecoder;
import com.liqengine.codec.InsuranceFundDeficitDecoder;
import com.liqengine.codec.LiquidationFeeChargedDecoder;
import com.liqengine.codec.LiquidationFillDecoder;
import com.liqengine.codec.LiquidationOrderDecoder;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.MarginCallDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.PositionTakenOverDecoder;
import com.liqengine.codec.Side;
import com.liqengine.journal.JournalCorruptedException;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.journal.QueuedOutputHandler;
import com.liqengine.tools.simulate.Units;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's window on the engine: tails the output queue from another thread, as any consumer would, counts
 * liquidations by mode, the lifecycle of their orders (orders, fills, fees, takeovers, clearance) and margin
 * calls, auto-deleveraging and the fund's deficits, hands every liquidation order and the fund's unwind orders to the
 * {@link SimulatedBook}, and prints a few liquidations as they happen (at most a handful per second, so the terminal
 * stays readable).
 */
final class OutputMonitor implements QueuedOutputHandler, Runnable
{
    private static final int SHOWN_PER_SECOND = 3;

    private final Path outputs;
    private final DemoMarket market;
    private final List<DemoInstrument> instruments;
    private final PrintStream out;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LiquidationTriggeredDecoder liquidation = new LiquidationTriggeredDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private final LiquidationFeeChargedDecoder fee = new LiquidationFeeChargedDecoder();
    private final ClearanceFeeDecoder clearance = new ClearanceFeeDecoder();
    private final PositionTakenOverDecoder takeover = new PositionTakenOverDecoder();
    private final AutoDeleveragedDecoder deleveraging = new AutoDeleveragedDecoder();
    private final InsuranceFundDeficitDecoder deficit = new InsuranceFundDeficitDecoder();
    /** The size of each position at its last trigger (account and instrument), to tell partial orders. */
    private final Map<Long, Long> triggeredSizes = new HashMap<>();
    private final SimulatedBook book;
    private final Thread thread = new Thread(this, "liq-demo-monitor");
    private volatile boolean running = true;
    private volatile long isolatedLiquidations;
    private volatile long crossLiquidations;
    private volatile long takeovers;
    private volatile long marginCalls;
    private volatile long orders;
    private volatile long partialOrders;
    private int fundOrders;
    private volatile long fills;
    private volatile long fees;
    private volatile long feeAmount;
    private volatile long clearances;
    private volatile long clearanceAmount;
    private volatile long deleveraged;
    private volatile long deficits;
    private volatile long largestDeficit;
    private volatile long lowestFundEquity;
    private volatile long outputsRead;
    private long windowStart;
    private int shownInWindow;
    private long notShown;

    OutputMonitor(final Path outputs, final DemoMarket market, final SimulatedBook book, final PrintStream out)
    {
        this.outputs = outputs;
        this.book = book;
        this.market = market;
        this.instruments = market.instruments();
        this.out = out;
    }

    void start()
    {
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads what is left up to the given count of outputs, then stops. */
    void finish(final long expectedOutputs)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (outputsRead < expectedOutputs && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(1_000_000);
        }
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run()
    {
        try (OutputQueueReader reader = OutputQueueReader.open(outputs, true))
        {
            reader.toStart();
            while (running)
            {
                if (reader.poll(this, 1_000) == 0)
                {
                    LockSupport.parkNanos(200_000);
                }
            }
        }
        catch (final JournalCorruptedException ex)
        {
            // the demo's run goes on; its summary then shows what the monitor had read
            out.println("liq demo: the output monitor stopped: " + ex.getMessage());
            running = false;
        }
    }

    @Override
    public void onOutput(final long position, final DirectBuffer buffer, final int offset, final int length)
    {
        outputsRead++;
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case LiquidationTriggeredDecoder.TEMPLATE_ID ->
            {
                liquidation.wrapAndApplyHeader(buffer, offset, header);
                market.accountLiquidated(liquidation.accountId());
                triggeredSizes.put(position(liquidation.accountId(), liquidation.instrumentId()),
                    Math.abs(liquidation.size()));
                if (liquidation.mode() == MarginMode.ISOLATED)
                {
                    isolatedLiquidations++;
                }
                else
                {
                    crossLiquidations++;
                }
                show();
            }
            case LiquidationOrderDecoder.TEMPLATE_ID ->
            {
                order.wrapAndApplyHeader(buffer, offset, header);
                if (order.liquidationSequence() != 0)
                {
                    orders++;
                    // a step down the tiers (partialFromTier): less than the position its trigger reported
                    final Long size = triggeredSizes.get(position(order.accountId(), order.instrumentId()));
                    if (size != null && order.quantity() < size)
                    {
                        partialOrders++;
                    }
                    book.offer(order.liquidationSequence(), order.liquidationIndex(), order.accountId(),
                        order.instrumentId(), order.side() == Side.SELL, order.quantity(), order.price());
                }
                else
                {
                    // the fund's own order to unwind what it took over (id 0) goes to the same book, settled by
                    // ordinary fills; its quantity is whatever the engine asks
                    book.offerFundOrder(order.sequence(), fundOrders++, order.accountId(), order.instrumentId(),
                        order.side() == Side.SELL, order.quantity(), order.price());
                }
            }
            case LiquidationFillDecoder.TEMPLATE_ID -> fills++;
            case LiquidationFeeChargedDecoder.TEMPLATE_ID ->
            {
                fee.wrapAndApplyHeader(buffer, offset, header);
                fees++;
                feeAmount += fee.amount();
            }
            case ClearanceFeeDecoder.TEMPLATE_ID ->
            {
                clearance.wrapAndApplyHeader(buffer, offset, header);
                clearances++;
                clearanceAmount += clearance.amount();
            }
            case PositionTakenOverDecoder.TEMPLATE_ID ->
            {
                takeover.wrapAndApplyHeader(buffer, offset, header);
                takeovers++;
                if (takeover.clearanceFee() != 0)
                {
                    clearances++;
                    clearanceAmount += takeover.clearanceFee();
                }
            }
            case AutoDeleveragedDecoder.TEMPLATE_ID ->
            {
                deleveraging.wrapAndApplyHeader(buffer, offset, header);
                // each close is sent for the counterparty and for the fund's side: count the counterparties
                if (deleveraging.accountId() != DemoMarket.FUND_ACCOUNT)
                {
                    deleveraged++;
                }
            }
            case InsuranceFundDeficitDecoder.TEMPLATE_ID ->
            {
                deficit.wrapAndApplyHeader(buffer, offset, header);
                largestDeficit = deficits == 0 ? deficit.amount() : Math.max(largestDeficit, deficit.amount());
                lowestFundEquity = deficits == 0 ? deficit.fundEquity() : Math.min(lowestFundEquity,
                    deficit.fundEquity());
                deficits++;
            }
            case MarginCallDecoder.TEMPLATE_ID -> marginCalls++;
            default ->
            {
            }
        }
    }

    private static Long position(final long account, final int instrument)
    {
        return account * 1_024 + instrument;
    }

    private void show()
    {
        final long now = System.nanoTime();
        if (now - windowStart > TimeUnit.SECONDS.toNanos(1))
        {
            windowStart = now;
            shownInWindow = 0;
        }
        if (shownInWindow >= SHOWN_PER_SECOND)
        {
            notShown++;
            return;
        }
        shownInWindow++;
        final InstrumentSpec spec = instruments.get(liquidation.instrumentId()).spec();
        out.printf("    LIQUIDATED  account %-6d %-9s %-8s %-5s %s at mark %s (equity %s <= maintenance %s)%n",
            liquidation.accountId(), spec.symbol(), liquidation.mode() == MarginMode.ISOLATED ? "isolated" : "cross",
            liquidation.side() == Side.BUY ? "long" : "short", Units.text(liquidation.size(), spec.qtyDecimals()),
            Units.text(liquidation.markPrice(), spec.priceDecimals()), Units.amount(liquidation.equity()),
            Units.amount(liquidation.maintenanceMargin()));
    }

    long isolatedLiquidations()
    {
        return isolatedLiquidations;
    }

    long crossLiquidations()
    {
        return crossLiquidations;
    }

    long takeovers()
    {
        return takeovers;
    }

    long marginCalls()
    {
        return marginCalls;
    }

    /** Liquidation orders the engine sent to the book. */
    long orders()
    {
        return orders;
    }

    long fills()
    {
        return fills;
    }

    /** Orders ended (a LiquidationFeeCharged each, also when the fee is 0). */
    long fees()
    {
        return fees;
    }

    long feeAmount()
    {
        return feeAmount;
    }

    /** What was left of a closed isolated pool or a cross wallet, paid to the fund. */
    long clearances()
    {
        return clearances;
    }

    long clearanceAmount()
    {
        return clearanceAmount;
    }

    long deleveraged()
    {
        return deleveraged;
    }

    /** Liquidation orders for less than the position (a step down the tiers). */
    long partialOrders()
    {
        return partialOrders;
    }

    /** InsuranceFundDeficit outputs: ADL that could not bring the fund back to its floor. */
    long deficits()
    {
        return deficits;
    }

    /** The largest shortfall an InsuranceFundDeficit reported (0 when none did). */
    long largestDeficit()
    {
        return largestDeficit;
    }

    /** The fund's lowest equity an InsuranceFundDeficit reported (0 when none did). */
    long lowestFundEquity()
    {
        return lowestFundEquity;
    }

    long outputsRead()
    {
        return outputsRead;
    }

    long notShown()
    {
        return notShown;
    }
}
