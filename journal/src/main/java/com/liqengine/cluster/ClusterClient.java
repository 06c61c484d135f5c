package com.liqengine.cluster;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a client of the cluster (the ingress, {@code liq cluster status} and {@code snapshot}) needs: its own
 * embedded media driver and the settings that find the leader among the members.
 */
public final class ClusterClient
{
    /** How long a connect or a request waits for the cluster's answer. */
    public static final long MESSAGE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final String INGRESS_CHANNEL = "aeron:udp?term-length=1m";

    private ClusterClient()
    {
    }

    /**
     * Launches a media driver for a client: one shared thread, in a fresh folder deleted when it closes.
     *
     * @param config the cluster (its driver idle strategy).
     * @return the driver; close it after the client.
     */
    public static MediaDriver launchDriver(final ClusterConfig config)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(config.driverIdle().newIdleStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /**
     * The client settings for a cluster: every member's ingress endpoint (the client finds the leader), the
     * answers on {@link ClusterConfig#clientHost()} at a port the system picks.
     *
     * @param config the cluster.
     * @param aeronDirectoryName the folder of the client's media driver.
     * @return a new context, to complete with a listener.
     */
    public static AeronCluster.Context context(final ClusterConfig config, final String aeronDirectoryName)
    {
        return new AeronCluster.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel(INGRESS_CHANNEL)
            .ingressEndpoints(config.ingressEndpoints())
            .egressChannel("aeron:udp?endpoint=" + config.clientHost() + ":0")
            .messageTimeoutNs(MESSAGE_TIMEOUT_NS)
            .newLeaderTimeoutNs(config.sessionTimeoutNs());
    }

    /**
     * Sends a {@link IngressEnvelope#STATUS} envelope: every node writes its status at the same log position.
     *
     * @param cluster a connected client.
     * @param timeoutNs how long to retry while the leader's ingress is back-pressured or not yet connected.
     * @return true when the cluster took it.
     */
    public static boolean requestStatus(final AeronCluster cluster, final long timeoutNs)
    {
        final UnsafeBuffer envelope = new UnsafeBuffer(new byte[IngressEnvelope.HEADER_LENGTH]);
        IngressEnvelope.writeHeader(envelope, 0, IngressEnvelope.STATUS, 0, 0);
        final long deadline = System.nanoTime() + timeoutNs;
        while (cluster.offer(envelope, 0, envelope.capacity()) < 0)
        {
            cluster.pollEgress();
            if (cluster.isClosed() || System.nanoTime() - deadline >= 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }
}
