package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterClient;
import com.liqengine.cluster.ClusterConfig;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.AdminResponseCode;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code liq cluster snapshot}: asks the leader, through a client session, for a snapshot on every member, and
 * waits for its answer.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = {
        "Asks the cluster's leader for a snapshot: every member writes the engine's state (with its state hash) "
            + "and the consensus state at the same log position, and a restarted member starts from it plus the log "
            + "after it.",
        "It waits for the leader's answer, which comes once the request is in the log."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the leader took the request", "2:bad configuration",
        "3:no answer, or the leader refused (its reason is printed)"})
public final class SnapshotCommand implements Callable<Integer>
{
    @Mixin
    private ClusterConfigOption configOption;

    @Option(names = "--timeout-seconds", defaultValue = "10", paramLabel = "SECONDS",
        description = "How long to wait for the cluster and its answer (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    private final PrintStream out;
    private final PrintStream err;
    private AdminResponseCode response;
    private String responseMessage;

    /** A command printing to standard output and error. */
    public SnapshotCommand()
    {
        this(System.out, System.err);
    }

    /**
     * @param out where the answer goes.
     * @param err where problems go.
     */
    public SnapshotCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call()
    {
        final ClusterConfig config = configOption.read(err);
        if (config == null)
        {
            return 2;
        }
        final long timeoutNs = (long)(timeoutSeconds * 1e9);
        final long correlationId = System.nanoTime();
        final long started = System.nanoTime();
        try (MediaDriver driver = ClusterClient.launchDriver(config);
            AeronCluster client = AeronCluster.connect(ClusterClient.context(config, driver.aeronDirectoryName())
                .messageTimeoutNs(timeoutNs).egressListener(listener(correlationId))))
        {
            final long deadline = System.nanoTime() + timeoutNs;
            while (!client.sendAdminRequestToTakeASnapshot(correlationId))
            {
                if (System.nanoTime() - deadline >= 0)
                {
                    err.println("liq cluster snapshot: the leader did not take the request in time");
                    return 3;
                }
                client.pollEgress();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            while (response == null && !client.isClosed())
            {
                if (System.nanoTime() - deadline >= 0)
                {
                    err.println("liq cluster snapshot: no answer from the leader (member " + client.leaderMemberId()
                        + ") in " + timeoutSeconds + " s");
                    return 3;
                }
                client.pollEgress();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (response != AdminResponseCode.OK)
            {
                err.println("liq cluster snapshot: the leader (member " + client.leaderMemberId() + ") refused: "
                    + response + (responseMessage == null || responseMessage.isEmpty() ? "" : " " + responseMessage));
                return 3;
            }
            out.println("liq cluster snapshot: the leader (member " + client.leaderMemberId() + ", term "
                + client.leadershipTermId() + ") took the request in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms: every member snapshots at the "
                + "same log position");
            return 0;
        }
        catch (final RuntimeException ex)
        {
            err.println("liq cluster snapshot: no answer from the cluster at " + config.ingressEndpoints() + ": "
                + ex.getMessage());
            return 3;
        }
    }

    private EgressListener listener(final long correlationId)
    {
        return new EgressListener()
        {
            @Override
            public void onMessage(
                final long session, final long timestamp, final DirectBuffer buffer, final int offset,
                final int length, final Header header)
            {
            }

            @Override
            public void onAdminResponse(
                final long session, final long responseCorrelationId, final AdminRequestType requestType,
                final AdminResponseCode responseCode, final String message, final DirectBuffer payload,
                final int payloadOffset, final int payloadLength)
            {
                if (responseCorrelationId == correlationId)
                {
                    response = responseCode;
                    responseMessage = message;
                }
            }
        };
    }
}
