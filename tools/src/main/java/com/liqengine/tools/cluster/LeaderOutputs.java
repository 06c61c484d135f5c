package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.FailoverOutputConsumer;
import com.liqengine.cluster.OutputAudit;
import com.liqengine.codec.AutoDeleveragedDecoder;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.PositionTakenOverDecoder;
import com.liqengine.tools.demo.DemoMarket;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The cluster demo's consumer of outputs, on its own thread: follows the output queue of the member that leads now
 * and moves to the next leader's after a failover ({@link FailoverOutputConsumer}), so each output reaches it once;
 * counts liquidations, takeovers and auto-deleveraging, tells the market which accounts were liquidated, and keeps
 * what it received for the {@link OutputAudit} against every node's whole queue at the end.
 */
final class LeaderOutputs implements Runnable, AutoCloseable
{
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ClusterConfig config;
    private final DemoMarket market;
    private final OutputAudit audit = new OutputAudit();
    private final FailoverOutputConsumer consumer;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LiquidationTriggeredDecoder triggered = new LiquidationTriggeredDecoder();
    private final Thread thread = new Thread(this, "liq-demo-outputs");
    private volatile boolean running = true;
    private volatile boolean finishing;
    private volatile boolean finished;
    private volatile long liquidations;
    private volatile long takeovers;
    private volatile long deleveraged;
    private int following = -1;

    LeaderOutputs(final ClusterConfig config, final DemoMarket market)
    {
        this.config = config;
        this.market = market;
        this.consumer = new FailoverOutputConsumer(this::onOutput);
    }

    void start()
    {
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run()
    {
        long lastRead = System.nanoTime();
        while (running)
        {
            followTheLeader();
            final int read = consumer.poll(1_024);
            final long now = System.nanoTime();
            if (read > 0)
            {
                lastRead = now;
            }
            else
            {
                if (finishing && now - lastRead > QUIET_NANOS)
                {
                    finished = true;
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    /** Moves to the leader's queue when another member leads (or at the start). */
    private void followTheLeader()
    {
        final int leader = ClusterDemo.leaderOtherThan(config, -1);
        if (leader >= 0 && leader != following && Files.isDirectory(config.engineFor(leader).outputs()))
        {
            consumer.follow(config.engineFor(leader).outputs());
            following = leader;
        }
    }

    private void onOutput(
        final long sequence, final long ordinal, final DirectBuffer buffer, final int offset, final int length)
    {
        audit.onOutput(sequence, ordinal, buffer, offset, length);
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case LiquidationTriggeredDecoder.TEMPLATE_ID:
                triggered.wrapAndApplyHeader(buffer, offset, header);
                market.accountLiquidated(triggered.accountId());
                liquidations++;
                break;
            case PositionTakenOverDecoder.TEMPLATE_ID:
                takeovers++;
                break;
            case AutoDeleveragedDecoder.TEMPLATE_ID:
                deleveraged++;
                break;
            default:
                break;
        }
    }

    /** Reads until the followed queue has been quiet for half a second (every node has written every output). */
    void finish()
    {
        finishing = true;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!finished && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        // the thread stops here either way: what it received is read by this one from now on
        close();
    }

    /**
     * Prints what the consumer got against every node's whole output queue.
     *
     * @param out where.
     * @return true when it got every output of every node exactly once.
     */
    boolean report(final PrintStream out)
    {
        boolean exact = finished;
        out.printf(Locale.ROOT, "  consumer        followed the leader's output queue, moved %d time(s): %,d outputs "
                + "(%,d liquidations, %,d takeovers, %,d auto-deleveraged); %,d read again after the move and "
                + "dropped%n", consumer.switches(), consumer.delivered(), liquidations, takeovers, deleveraged,
            consumer.dropped());
        for (int member = 0; member < config.memberCount(); member++)
        {
            final OutputAudit.Result result = audit.compareWith(config.engineFor(member).outputs());
            exact &= result.exact();
            out.printf(Locale.ROOT, "  against node %d  its queue holds %,d outputs: %,d missing, %,d duplicated, %,d "
                + "different at the consumer%n", member, result.expected(), result.missing(), result.duplicated(),
                result.different());
        }
        return exact;
    }

    @Override
    public void close()
    {
        if (!thread.isAlive() && !running)
        {
            return;
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
        consumer.close();
    }
}
