package com.liqengine.cluster;

import com.liqengine.runtime.EngineConfig;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A clustered service that speaks the envelope protocol exactly as the engine's does, in place of the engine: it
 * de-duplicates by source sequence, folds each applied input's SBE bytes into a hash ({@link #apply}), answers
 * APPLIED, DUPLICATE, REFUSED and NEXT, snapshots and restores its few fields, and writes {@code node-status.txt}.
 */
final class EnvelopeTestService implements ClusteredService
{
    private static final int SNAPSHOT_HEADER = 4 * Long.BYTES + Integer.BYTES;

    private final Path statusFile;
    private final long[] lastSequence;
    private final UnsafeBuffer egress = new UnsafeBuffer(new byte[ClusterEgress.LENGTH]);
    private Cluster cluster;
    private long engineSequence;
    private long stateHash;
    private long duplicatesIgnored;
    private long envelopesRefused;
    private long hashAtSequence;

    EnvelopeTestService(final EngineConfig node, final int sourcesCapacity)
    {
        this.statusFile = NodeStatus.file(node);
        this.lastSequence = new long[sourcesCapacity + 1];
    }

    /**
     * The state after one more input: what a single process applying the inputs once, in order, computes too.
     */
    static long apply(final long hash, final DirectBuffer buffer, final int offset, final int length)
    {
        long input = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++)
        {
            input = (input ^ (buffer.getByte(offset + i) & 0xff)) * 0x100000001b3L;
        }
        return hash * 31 + input;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        if (snapshotImage != null)
        {
            final boolean[] loaded = {false};
            while (!loaded[0])
            {
                final int fragments = snapshotImage.poll((buffer, offset, length, header) ->
                {
                    load(buffer, offset);
                    loaded[0] = true;
                }, 1);
                if (fragments == 0)
                {
                    if (snapshotImage.isEndOfStream())
                    {
                        throw new IllegalStateException("the snapshot ended before its state");
                    }
                    cluster.idleStrategy().idle();
                }
            }
        }
        writeStatus();
    }

    private void load(final DirectBuffer buffer, final int offset)
    {
        engineSequence = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        stateHash = buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
        duplicatesIgnored = buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
        envelopesRefused = buffer.getLong(offset + 24, ByteOrder.LITTLE_ENDIAN);
        final int sources = buffer.getInt(offset + 32, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < sources && i < lastSequence.length; i++)
        {
            lastSequence[i] = buffer.getLong(offset + SNAPSHOT_HEADER + i * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(
        final ClientSession session, final long timestamp, final DirectBuffer buffer, final int offset,
        final int length, final Header header)
    {
        if (length < IngressEnvelope.HEADER_LENGTH ||
            IngressEnvelope.version(buffer, offset) != IngressEnvelope.VERSION)
        {
            envelopesRefused++;
            reply(session, ClusterEgress.REFUSED, 0, 0);
            return;
        }
        final short kind = IngressEnvelope.kind(buffer, offset);
        final int source = IngressEnvelope.sourceId(buffer, offset);
        final long sequence = IngressEnvelope.sourceSequence(buffer, offset);
        if (kind == IngressEnvelope.STATUS)
        {
            hashAtSequence = engineSequence;
            writeStatus();
            return;
        }
        if (source < 1 || source >= lastSequence.length)
        {
            envelopesRefused++;
            reply(session, ClusterEgress.REFUSED, source, sequence);
            return;
        }
        if (kind == IngressEnvelope.RESUME)
        {
            reply(session, ClusterEgress.NEXT, source, lastSequence[source]);
        }
        else if (kind == IngressEnvelope.INPUT && length > IngressEnvelope.HEADER_LENGTH)
        {
            if (sequence <= lastSequence[source])
            {
                duplicatesIgnored++;
                reply(session, ClusterEgress.DUPLICATE, source, sequence);
                return;
            }
            stateHash = apply(stateHash, buffer, offset + IngressEnvelope.HEADER_LENGTH,
                length - IngressEnvelope.HEADER_LENGTH);
            engineSequence++;
            lastSequence[source] = sequence;
            reply(session, ClusterEgress.APPLIED, source, sequence);
        }
        else
        {
            envelopesRefused++;
            reply(session, ClusterEgress.REFUSED, source, sequence);
        }
    }

    private void reply(final ClientSession session, final short kind, final int source, final long sequence)
    {
        ClusterEgress.write(egress, 0, kind, source, sequence, engineSequence);
        // followers' offers succeed without sending; a lost acknowledgement only makes the ingress resend more
        for (int attempt = 0; attempt < 3 && session.offer(egress, 0, ClusterEgress.LENGTH) < 0; attempt++)
        {
            cluster.idleStrategy().idle();
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final UnsafeBuffer state = new UnsafeBuffer(new byte[SNAPSHOT_HEADER + lastSequence.length * Long.BYTES]);
        state.putLong(0, engineSequence, ByteOrder.LITTLE_ENDIAN);
        state.putLong(8, stateHash, ByteOrder.LITTLE_ENDIAN);
        state.putLong(16, duplicatesIgnored, ByteOrder.LITTLE_ENDIAN);
        state.putLong(24, envelopesRefused, ByteOrder.LITTLE_ENDIAN);
        state.putInt(32, lastSequence.length, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < lastSequence.length; i++)
        {
            state.putLong(SNAPSHOT_HEADER + i * Long.BYTES, lastSequence[i], ByteOrder.LITTLE_ENDIAN);
        }
        while (snapshotPublication.offer(state, 0, state.capacity()) < 0)
        {
            cluster.idleStrategy().idle();
        }
        writeStatus();
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        writeStatus();
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        writeStatus();
    }

    private void writeStatus()
    {
        new NodeStatus(cluster.memberId(), cluster.role().toString().toLowerCase(Locale.ROOT), engineSequence,
            stateHash, hashAtSequence, cluster.logPosition(), duplicatesIgnored, envelopesRefused, "status")
            .write(statusFile);
    }
}
