package com.liqengine.pipeline;

import com.liqengine.margin.MarginStateMachine;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.agrona.ErrorHandler;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The running engine: a Disruptor ring of pre-allocated slots holding SBE inputs, the input journal and the
 * single-threaded margin state machine wired as the context's topology says, outputs to the output channel.
 * The threads are the Disruptor's handlers, started here and nowhere else. Publish with
 * {@link #newPublisher()}; {@link #close()} drains the ring, then flushes and closes journal and outputs.
 * An unexpected exception on a handler's thread (in a handler, at its start or shutdown, or escaping the thread)
 * goes to the context's {@link ErrorHandler} (the counters file's error log) and stops the engine.
 */
public final class LiquidationEngine implements AutoCloseable, RingOwner
{
    private static final long DRAIN_PAUSE_NANOS = 100_000;

    private final EngineContext context;
    private final Disruptor<InputSlot> disruptor;
    private final RingBuffer<InputSlot> ring;
    private final MarginStateMachine stateMachine;
    private final StateMachineHandler applier;
    private final ErrorHandler errorHandler;
    private volatile Throwable failure;
    private volatile boolean closed;

    private LiquidationEngine(final EngineContext context)
    {
        this.context = context;
        this.errorHandler = context.errorHandler();
        final OutputChannel outputs = context.counters() == null ?
            context.outputChannel() : new CountingOutputChannel(context.outputChannel(), context.counters());
        this.stateMachine = new MarginStateMachine(context.marginSettings(), outputs);
        this.disruptor = new Disruptor<>(
            InputSlot::new, context.ringSize(), new HandlerThreads(),
            context.multiProducer() ? ProducerType.MULTI : ProducerType.SINGLE,
            context.idleStrategy().newWaitStrategy());
        this.ring = disruptor.getRingBuffer();
        disruptor.setDefaultExceptionHandler(new StopOnError());
        if (context.topology() == Topology.JOURNAL_THEN_APPLY)
        {
            applier = new StateMachineHandler(
                stateMachine, outputs, null, ring, context.counters(), context.appliedListener(),
                context.snapshotTaker(), context.recovery(), context.latency());
            disruptor.handleEventsWith(new JournalHandler(context.inputJournal(), context.counters())).then(applier);
        }
        else
        {
            applier = new StateMachineHandler(
                stateMachine, outputs, context.inputJournal(), ring, context.counters(), context.appliedListener(),
                context.snapshotTaker(), context.recovery(), context.latency());
            disruptor.handleEventsWith(applier);
        }
        applier.threadStart(context.engineThreadStart());
    }

    /**
     * Starts an engine; with a {@link StateRecovery} in the context, returns once it has run on the engine's
     * thread.
     *
     * @param context settings, journal and output channel (concluded here).
     * @return the running engine.
     * @throws RuntimeException the recovery's failure, also reported to the error handler (journal and outputs are
     *     closed then).
     */
    public static LiquidationEngine launch(final EngineContext context)
    {
        final LiquidationEngine engine = new LiquidationEngine(context.conclude());
        engine.disruptor.start();
        final Throwable failure = engine.applier.awaitStarted();
        if (failure != null)
        {
            engine.errorHandler.onError(failure);
            engine.failure = failure;
            engine.closed = true;
            engine.disruptor.halt();
            context.inputJournal().close();
            context.outputChannel().close();
            if (failure instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new IllegalStateException("recovery failed: " + failure, failure);
        }
        return engine;
    }

    /**
     * A publisher for one thread (with {@code multiProducer(false)}, for exactly one thread in all).
     *
     * @return a new publisher.
     */
    public InputPublisher newPublisher()
    {
        return new InputPublisher(this, ring, context.counters());
    }

    /**
     * The state machine. Its state belongs to the engine's thread: read it only after {@link #close()}.
     *
     * @return the state machine.
     */
    public MarginStateMachine stateMachine()
    {
        return stateMachine;
    }

    /**
     * The error that stopped the engine, if any.
     *
     * @return the error, or null while healthy.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * Sequence of the last slot published (ring sequence, from 0).
     *
     * @return the cursor.
     */
    public long publishedSequence()
    {
        return ring.getCursor();
    }

    /**
     * Whether the state machine has applied every slot published so far (any thread): a publisher that stopped
     * publishing is not idle until this holds, since the ring may still hold its inputs.
     *
     * @return true when the last handler has passed the ring's cursor.
     */
    public boolean caughtUp()
    {
        return disruptor.getSequenceValueFor(applier) >= ring.getCursor();
    }

    @Override
    public void checkRunning()
    {
        if (failure != null)
        {
            throw new IllegalStateException("the engine stopped after an error: " + failure, failure);
        }
        if (closed)
        {
            throw new IllegalStateException("the engine is closed");
        }
    }

    /**
     * Drains every published input through journal and state machine, then closes journal and outputs.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        // Wait for the state machine (the last handler) to pass the last published slot. Disruptor's own
        // shutdown() skips handlers whose thread has not started yet, and would halt them with inputs unread.
        final long last = ring.getCursor();
        while (failure == null && disruptor.getSequenceValueFor(applier) < last)
        {
            LockSupport.parkNanos(DRAIN_PAUSE_NANOS);
        }
        disruptor.halt();
        context.inputJournal().close();
        context.outputChannel().close();
    }

    /**
     * An unexpected exception stops the engine: its state or journal can no longer be trusted. It is reported to
     * the error handler, wrapped with the ring sequence it stopped at, then thrown again, which ends the handler's
     * thread before it takes another slot. Reported before {@link #failure()} shows it, so whoever sees the failure
     * and closes the counters finds the error in their log.
     */
    private final class StopOnError implements ExceptionHandler<InputSlot>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final InputSlot event)
        {
            final HandlerStopped stopped = new HandlerStopped(sequence, ex);
            errorHandler.onError(stopped);
            failure = ex;
            throw stopped;
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            errorHandler.onError(ex);
            failure = ex;
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            errorHandler.onError(ex);
            failure = ex;
        }
    }

    /** Thrown out of a handler's thread to end it; already reported, so its thread does not report it again. */
    private static final class HandlerStopped extends IllegalStateException
    {
        private static final long serialVersionUID = 1L;

        HandlerStopped(final long sequence, final Throwable cause)
        {
            super("the engine stopped at ring sequence " + sequence + " on an unexpected error", cause);
        }
    }

    /** The handlers' threads: named, daemons, and whatever escapes one goes to the error handler. */
    private final class HandlerThreads implements ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable runnable)
        {
            final Thread thread = new Thread(runnable, "liq-handler-" + count.getAndIncrement());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, ex) ->
            {
                if (!(ex instanceof HandlerStopped))
                {
                    errorHandler.onError(ex);
                    if (failure == null)
                    {
                        failure = ex;
                    }
                }
            });
            return thread;
        }
    }
}
