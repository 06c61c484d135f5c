package com.liqengine.runtime;

import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.SnapshotRequestDecoder;
import com.liqengine.pipeline.InputPublisher;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Periodic snapshots: after every {@code interval} inputs taken from outside (the input queue), publishes a
 * {@code SnapshotRequest} through the ring, so the snapshot is journaled and taken at a deterministic point. The
 * engine's own requests carry {@link #INJECTED_CORRELATION_ID} and, as event time, the count of outside inputs
 * before them, so a restart can tell them from outside inputs and resume the input queue where it was.
 * One publishing thread.
 */
public final class SnapshotSchedule
{
    /** Correlation id of the snapshot requests the engine injects itself. */
    public static final long INJECTED_CORRELATION_ID = Long.MIN_VALUE;

    private final long interval;
    private long inputs;

    /**
     * @param interval outside inputs between two requests; 0 never injects.
     * @param inputsSoFar outside inputs journaled before this run (from the recovery).
     */
    public SnapshotSchedule(final long interval, final long inputsSoFar)
    {
        this.interval = interval;
        this.inputs = inputsSoFar;
    }

    /**
     * On restart: the request due after the last outside input, when the previous run stopped before
     * publishing it.
     *
     * @param publisher the engine's publisher.
     * @param lastInputInjected whether the journal's last input is already an injected request.
     */
    public void resume(final InputPublisher publisher, final boolean lastInputInjected)
    {
        if (interval > 0 && inputs > 0 && inputs % interval == 0 && !lastInputInjected)
        {
            inject(publisher);
        }
    }

    /**
     * Counts one outside input just published, and publishes a request when one is due.
     *
     * @param publisher the engine's publisher.
     */
    public void afterInput(final InputPublisher publisher)
    {
        inputs++;
        if (interval > 0 && inputs % interval == 0)
        {
            inject(publisher);
        }
    }

    /**
     * @return outside inputs counted, those before this run included.
     */
    public long inputs()
    {
        return inputs;
    }

    private void inject(final InputPublisher publisher)
    {
        publisher.commit(publisher.claim().snapshotRequest(INJECTED_CORRELATION_ID, inputs));
    }

    /**
     * Whether a journaled input is a snapshot request the engine injected.
     *
     * @param header a reusable header decoder.
     * @param buffer holding the input.
     * @param offset of its header.
     * @param length of the input.
     * @return true for an injected request.
     */
    public static boolean isInjected(
        final MessageHeaderDecoder header, final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= MessageHeaderDecoder.ENCODED_LENGTH + SnapshotRequestDecoder.BLOCK_LENGTH
            && header.wrap(buffer, offset).templateId() == SnapshotRequestDecoder.TEMPLATE_ID
            && header.schemaId() == SnapshotRequestDecoder.SCHEMA_ID
            && buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN)
            == INJECTED_CORRELATION_ID;
    }
}
