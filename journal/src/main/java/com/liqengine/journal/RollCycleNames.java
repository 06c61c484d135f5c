package com.liqengine.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import net.openhft.chronicle.queue.rollcycles.SparseRollCycles;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.util.ArrayList;
import java.util.List;

/**
 * Chronicle roll cycles by name, as settings name them ({@code FAST_DAILY}, {@code FAST_HOURLY},
 * {@code LARGE_DAILY}, ...): one queue file per cycle of wall-clock time (UTC).
 */
public final class RollCycleNames
{
    /** The default: one file a day, up to 4 billion documents a day. */
    public static final String DEFAULT = "FAST_DAILY";

    private static final RollCycle[][] ALL = {
        RollCycles.values(), LargeRollCycles.values(), SparseRollCycles.values(), LegacyRollCycles.values(),
        TestRollCycles.values()};

    private RollCycleNames()
    {
    }

    /**
     * The roll cycle of a name.
     *
     * @param name e.g. {@code FAST_DAILY} (case-insensitive).
     * @return the roll cycle.
     * @throws IllegalArgumentException naming the known roll cycles when the name is not one.
     */
    public static RollCycle resolve(final String name)
    {
        for (final RollCycle[] family : ALL)
        {
            for (final RollCycle cycle : family)
            {
                if (((Enum<?>)cycle).name().equalsIgnoreCase(name))
                {
                    return cycle;
                }
            }
        }
        throw new IllegalArgumentException("unknown roll cycle '" + name + "', known: " + names());
    }

    /**
     * Every roll cycle name.
     *
     * @return names.
     */
    public static List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final RollCycle[] family : ALL)
        {
            for (final RollCycle cycle : family)
            {
                names.add(((Enum<?>)cycle).name());
            }
        }
        return names;
    }
}
