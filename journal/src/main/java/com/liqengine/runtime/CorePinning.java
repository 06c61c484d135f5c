package com.liqengine.runtime;

import net.openhft.affinity.Affinity;

import java.util.BitSet;

/**
 * Pins threads to cores through OpenHFT's affinity library (which Chronicle Queue brings: sched_setaffinity over
 * JNA on Linux), and says which cores this process may run on.
 */
public final class CorePinning
{
    private CorePinning()
    {
    }

    /**
     * The cores this process may run on: its affinity mask as the operating system reports it, or cores 0 to
     * {@code availableProcessors - 1} where the library cannot read it.
     *
     * @return the cores.
     */
    public static BitSet availableCores()
    {
        final BitSet mask = Affinity.getAffinity();
        if (mask != null && !mask.isEmpty())
        {
            return mask;
        }
        final BitSet cores = new BitSet();
        cores.set(0, Runtime.getRuntime().availableProcessors());
        return cores;
    }

    /**
     * Pins the calling thread to one core and checks that it took.
     *
     * @param core the core.
     * @param role what the thread is, for the message.
     * @throws IllegalStateException when the operating system or the library did not pin it.
     */
    public static void pinCurrentThread(final int core, final String role)
    {
        Affinity.setAffinity(core);
        final BitSet now = Affinity.getAffinity();
        if (now == null || now.cardinality() != 1 || !now.get(core))
        {
            throw new IllegalStateException("could not pin the " + role + " thread to core " + core + " (affinity "
                + "now " + (now == null ? "unknown" : describe(now)) + ", through " +
                Affinity.getAffinityImpl().getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param cores a set of cores.
     * @return them as ranges, {@code 0-3,6}.
     */
    public static String describe(final BitSet cores)
    {
        final StringBuilder s = new StringBuilder();
        for (int from = cores.nextSetBit(0); from >= 0; from = cores.nextSetBit(from + 1))
        {
            int to = from;
            while (cores.get(to + 1))
            {
                to++;
            }
            s.append(s.length() == 0 ? "" : ",").append(from).append(from == to ? "" : "-" + to);
            from = to;
        }
        return s.toString();
    }
}
