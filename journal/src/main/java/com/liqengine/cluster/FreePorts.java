package com.liqengine.cluster;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A base port for a test cluster whose every member's ports are free now (UDP and TCP on loopback), picked at
 * random so that two runs on one machine rarely collide.
 */
public final class FreePorts
{
    private static final int LOWEST = 21_000;
    private static final int HIGHEST = 59_000;
    private static final int ATTEMPTS = 50;

    private FreePorts()
    {
    }

    /**
     * @param members how many members.
     * @return a base port with {@code members * PORTS_PER_MEMBER} free ports from it on.
     */
    public static int basePort(final int members)
    {
        final int span = members * ClusterConfig.PORTS_PER_MEMBER;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - span) / 10 * 10;
            if (allFree(base, span))
            {
                return base;
            }
        }
        throw new IllegalStateException("no " + span + " free ports in a row found in " + ATTEMPTS + " attempts");
    }

    private static boolean allFree(final int base, final int span)
    {
        final List<AutoCloseable> held = new ArrayList<>();
        try
        {
            final InetAddress loopback = InetAddress.getLoopbackAddress();
            for (int port = base; port < base + span; port++)
            {
                held.add(new DatagramSocket(new InetSocketAddress(loopback, port)));
                held.add(new ServerSocket(port, 1, loopback));
            }
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
        finally
        {
            for (final AutoCloseable socket : held)
            {
                try
                {
                    socket.close();
                }
                catch (final Exception ignored)
                {
                    // closing a probe socket cannot matter
                }
            }
        }
    }
}
