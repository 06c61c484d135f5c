package com.liqengine.tools.simulate;

/**
 * How a run chooses margin modes: as the scenario says, or every position in one mode ({@code --compare-modes}).
 */
public enum ModePolicy
{
    /** Modes as the scenario's instruments and {@code mode} events say. */
    AS_WRITTEN("as written"),
    /** Every position isolated; {@code mode} events are skipped. */
    ALL_ISOLATED("all isolated"),
    /** Every position cross; {@code mode}, {@code addMargin} and {@code removeMargin} events are skipped. */
    ALL_CROSS("all cross");

    private final String label;

    ModePolicy(final String label)
    {
        this.label = label;
    }

    /**
     * @return the policy in words.
     */
    public String label()
    {
        return label;
    }
}
