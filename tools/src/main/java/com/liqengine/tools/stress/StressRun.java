package com.liqengine.tools.stress;

import com.liqengine.codec.MarginMode;

/**
 * The three runs of a stress test: the portfolio as given, all isolated, all cross.
 */
public enum StressRun
{
    /** Each position in the mode the portfolio gives it. */
    AS_GIVEN("as-given", "each position in its own mode"),
    /** Every position isolated: each pool gets notional / leverage from the wallet at the open. */
    ISOLATED("isolated", "every position isolated"),
    /** Every position cross: the whole wallet backs them all. */
    CROSS("cross", "every position cross");

    private final String label;
    private final String meaning;

    StressRun(final String label, final String meaning)
    {
        this.label = label;
        this.meaning = meaning;
    }

    /**
     * @return the run's name in the report and the JSON.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return what the run does, in words.
     */
    public String meaning()
    {
        return meaning;
    }

    /**
     * @param given the mode the portfolio gives.
     * @return the mode the position has in this run.
     */
    public MarginMode mode(final MarginMode given)
    {
        return switch (this)
        {
            case AS_GIVEN -> given;
            case ISOLATED -> MarginMode.ISOLATED;
            case CROSS -> MarginMode.CROSS;
        };
    }
}
