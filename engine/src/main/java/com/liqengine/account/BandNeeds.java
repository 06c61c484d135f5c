package com.liqengine.account;

/**
 * What the stored bands of a cross account's open positions need of its budgets, added up by the walk of
 * {@link MarginMath#crossTotals} (docs/index.md, "Keeping bands current"). A band lets its mark move from where it
 * is now to either end, and over that move a position uses at most {@code rate × distance} of each budget (a long
 * {@code |q|·f} a price unit, a short {@code 2·|q|·f}; the distance to the farther end, or for an uncalled short to
 * its high end alone: it has no lower end). While every mark stays inside its band the account uses at most the sum
 * of these over its positions, so when the sum is within the smaller of its two budgets (whole, not split between
 * its positions) every stored band is still valid as it is, and a refresh after a fill need not walk the bands.
 * Nothing is allocated.
 */
public final class BandNeeds
{
    /** The sum; meaningless when {@link #stale}. */
    public long total;
    /** The account's margin-call flag the sum was added up for (an uncalled short's lower end counts only then). */
    public boolean called;
    /**
     * Some slot's band is not what the refresh walk would leave as it is: an open cross position without a band, with
     * an empty one or one that does not hold its mark, or one whose need does not fit in 63 bits; a flat slot or an
     * isolated one in liquidation with a band still listed.
     */
    public boolean stale;

    /** Whether every stored cross band is valid with these whole budgets and the account's flag. */
    public boolean coveredBy(final long liquidationBudget, final long callBudget, final boolean calledNow)
    {
        return !stale & called == calledNow & total <= Math.min(liquidationBudget, callBudget);
    }
}
