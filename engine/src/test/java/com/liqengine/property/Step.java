package com.liqengine.property;

/**
 * One generated step of a run, in relative terms (which account, how big compared with its wallet, how far
 * from the mark); {@link StepResolver} turns it into concrete inputs against the current state, so that a
 * shrunk sequence still makes sense. Account and instrument selectors are taken modulo the market's.
 */
sealed interface Step
{
    /** A trade between a taker sized by its wallet and leverage and a maker (the fund when maker % 8 == 0). */
    record Trade(
        int taker, int maker, int instrument, boolean takerBuys, int sizePermille, int priceOffsetBp, int feeBp,
        boolean oneSided) implements Step
    {
    }

    /** Closes a share of a position (over 100%: flips it), the fund's own when {@code byFund}. */
    record Close(int account, int counterparty, int instrument, int percent, int priceOffsetBp, boolean byFund)
        implements Step
    {
    }

    /** Moves the mark by basis points: a random walk step, a crash or a spike. */
    record Move(int instrument, int basisPoints) implements Step
    {
    }

    /** Funding at a rate in rate units (8 decimals), either sign. */
    record Funding(int instrument, int rate) implements Step
    {
    }

    /** A deposit of a share of a typical deposit (selector ≥ 36: a new account id). */
    record Deposit(int account, int permille) implements Step
    {
    }

    /** A withdrawal of a share of the wallet (over 100%: refused). */
    record Withdraw(int account, int percent) implements Step
    {
    }

    /** A margin mode change. */
    record ChangeMode(int account, int instrument, boolean isolated) implements Step
    {
    }

    /** A leverage change. */
    record ChangeLeverage(int account, int instrument, int leverage) implements Step
    {
    }

    /** Moves a share of the wallet into an isolated pool. */
    record AddMargin(int account, int instrument, int percent) implements Step
    {
    }

    /** Moves a share of an isolated pool back to the wallet. */
    record RemoveMargin(int account, int instrument, int percent) implements Step
    {
    }

    /** Redefines an instrument: other tiers, the original ones, or a refused change (see StepResolver). */
    record Redefine(int instrument, int variant) implements Step
    {
    }

    /** An input the engine must refuse, or an edge of what it accepts (see StepResolver). */
    record Invalid(int kind, int account, int instrument, int variant) implements Step
    {
    }

    /**
     * A fill of an open liquidation order (none open: nothing): a share of what is left at its limit or better,
     * or, by variant, beyond its quantity or limit, with a wrong id, side, account, fee, trade id or step (see
     * StepResolver).
     */
    record LiquidationFill(int order, int variant, int permille, int betterBp) implements Step
    {
    }

    /** The end of an open liquidation order: the filled quantity reported, a wrong or negative one, a wrong id. */
    record LiquidationDone(int order, int variant) implements Step
    {
    }

    /** The mark of an open order's instrument through the order's limit: a gap through the bankruptcy price. */
    record Gap(int order, int basisPoints) implements Step
    {
    }
}
