package com.liqengine.runtime;

import java.util.BitSet;

/**
 * Which core the engine's thread (the state machine's handler) and the ingress thread (the one that publishes into
 * the ring) are pinned to, for a machine with cores to spare (docs/pipeline.md, CPU pinning); {@link #NONE} leaves
 * both to the operating system, the default. With {@code journal-then-apply} the journal's handler is not pinned.
 *
 * @param engine the engine thread's core, or {@link #UNPINNED}.
 * @param ingress the ingress thread's core, or {@link #UNPINNED}.
 */
public record CpuPlan(int engine, int ingress)
{
    /** A thread left where the operating system puts it. */
    public static final int UNPINNED = -1;
    /** Nothing pinned. */
    public static final CpuPlan NONE = new CpuPlan(UNPINNED, UNPINNED);
    /** The roles a core can be given, as written in configuration. */
    public static final String ROLES = "engine, ingress";

    /**
     * @return whether any thread is pinned.
     */
    public boolean any()
    {
        return engine != UNPINNED || ingress != UNPINNED;
    }

    /**
     * Checks a plan against the cores this process may run on.
     *
     * @param engine the engine thread's core, or null.
     * @param ingress the ingress thread's core, or null.
     * @param cores the cores there are ({@link CorePinning#availableCores()}).
     * @return the plan.
     * @throws IllegalArgumentException naming the role and core that cannot be.
     */
    public static CpuPlan of(final Integer engine, final Integer ingress, final BitSet cores)
    {
        check("engine", engine, cores);
        check("ingress", ingress, cores);
        if (engine != null && engine.equals(ingress))
        {
            throw new IllegalArgumentException("engine and ingress are both on core " + engine + ": each needs a "
                + "core of its own (a pinned thread shares its core with nothing of the engine's)");
        }
        return new CpuPlan(engine == null ? UNPINNED : engine, ingress == null ? UNPINNED : ingress);
    }

    /**
     * Reads {@code engine=N,ingress=M} (either may be left out; {@code none} or nothing pins nothing).
     *
     * @param text as written on a command line.
     * @param cores the cores there are.
     * @return the plan.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static CpuPlan parse(final String text, final BitSet cores)
    {
        final String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none"))
        {
            return NONE;
        }
        Integer engine = null;
        Integer ingress = null;
        for (final String part : trimmed.split(","))
        {
            final int equals = part.indexOf('=');
            if (equals < 0)
            {
                throw new IllegalArgumentException("'" + part.trim() + "' is not role=core (roles: " + ROLES + ")");
            }
            final String role = part.substring(0, equals).trim();
            final int core = core(role, part.substring(equals + 1).trim());
            if (role.equals("engine") && engine == null)
            {
                engine = core;
            }
            else if (role.equals("ingress") && ingress == null)
            {
                ingress = core;
            }
            else
            {
                throw new IllegalArgumentException(role.equals("engine") || role.equals("ingress") ?
                    role + " is given twice" : "unknown role '" + role + "' (roles: " + ROLES + ")");
            }
        }
        return of(engine, ingress, cores);
    }

    /** Describes the plan as {@link #parse} reads it. */
    @Override
    public String toString()
    {
        if (!any())
        {
            return "none";
        }
        return (engine == UNPINNED ? "" : "engine=" + engine) + (engine != UNPINNED && ingress != UNPINNED ? "," : "")
            + (ingress == UNPINNED ? "" : "ingress=" + ingress);
    }

    private static int core(final String role, final String text)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(role + ": '" + text + "' is not a core number");
        }
    }

    private static void check(final String role, final Integer core, final BitSet cores)
    {
        if (core != null && (core < 0 || !cores.get(core)))
        {
            throw new IllegalArgumentException(role + ": core " + core + " is not one this process may run on "
                + "(cores " + CorePinning.describe(cores) + ")");
        }
    }
}
