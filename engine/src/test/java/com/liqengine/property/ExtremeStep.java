package com.liqengine.property;

/**
 * One generated step of an extremes run (docs/margin.md, section 1, "Bounds"): which bound to aim at and from
 * which side, in relative terms. {@link ExtremeResolver} turns it into concrete inputs against the current state
 * when it is reached, so that a shrunk sequence still aims at the bound. Selectors are taken modulo the market's
 * accounts and instruments; a {@code kind} or {@code variant} picks one of the cases listed by the resolver.
 */
sealed interface ExtremeStep
{
    /**
     * How many times the step is resolved and applied in a row, each time against the state the last one left.
     *
     * @return at least 1.
     */
    default int times()
    {
        return 1;
    }

    /** Nothing: the simplest step, so that shrinking can take a step out of the middle of a run. */
    record Skip() implements ExtremeStep
    {
    }

    /**
     * A fill whose quantity takes the party's position to the largest capacity allowed at the fill price and the
     * mark ({@code beyond}: one step past it), with the other side of the trade.
     *
     * @param party account selector (the last selector is the insurance fund).
     * @param counterparty 0: the fund, 1: another account, 2: none (one-sided).
     * @param instrument instrument selector.
     * @param buy the side the party's position should end on.
     * @param price where the price sits: see {@link ExtremeResolver}.
     * @param beyond one step past the bound.
     * @param fee a fee at or around its bound, see {@link ExtremeResolver}.
     */
    record CapacityFill(
        int party, int counterparty, int instrument, boolean buy, int price, boolean beyond, int fee)
        implements ExtremeStep
    {
    }

    /**
     * A fill at the highest price its capacity allows ({@code beyond}: one tick above), repeated {@code times}
     * in a row: a ladder that builds a huge cost basis towards {@code 2^60}.
     *
     * @param party account selector (the last selector is the insurance fund).
     * @param counterparty 0: the fund, 1: another account, 2: none.
     * @param instrument instrument selector.
     * @param buy the side the party's position should end on.
     * @param size the size after the fill: one step, double, {@code 2^bits - 1}, one step more.
     * @param bits for {@code size} 2.
     * @param beyond one tick above the highest price.
     * @param times rungs of the ladder.
     */
    record TopPriceFill(
        int party, int counterparty, int instrument, boolean buy, int size, int bits, boolean beyond, int times)
        implements ExtremeStep
    {
    }

    /**
     * Positions in many instruments at once for one account: a fill in each of {@code count} instruments (with a
     * mode change to cross before each when {@code cross}).
     *
     * @param account account selector.
     * @param count how many instruments, from the selected one on.
     * @param instrument the first instrument.
     * @param buy side of the account.
     * @param size one step, a share of the wallet, or the largest capacity allowed.
     * @param counterparty 0: the fund, 1: none.
     * @param cross each slot set to cross first, so that one cross account holds them all.
     */
    record Basket(int account, int count, int instrument, boolean buy, int size, int counterparty, boolean cross)
        implements ExtremeStep
    {
    }

    /**
     * Closes (or flips) a position, sometimes far from the mark, with a counterparty.
     *
     * @param party account selector (the last selector is the insurance fund).
     * @param instrument instrument selector.
     * @param share 0: the whole position, 1: twice it (a flip), 2: half of it.
     * @param price where the price sits: see {@link ExtremeResolver}.
     * @param counterparty 0: the fund, 1: another account, 2: none.
     */
    record Close(int party, int instrument, int share, int price, int counterparty) implements ExtremeStep
    {
    }

    /**
     * A mark price at a bound: 1, the largest the open positions allow and one unit more, halves and doubles.
     *
     * @param instrument instrument selector.
     * @param kind see {@link ExtremeResolver}.
     */
    record Mark(int instrument, int kind) implements ExtremeStep
    {
    }

    /**
     * Funding at {@code ±R}, {@code ±(R + 1)}, or the rate that takes a wallet or pool to {@code ±2^60} and one
     * more.
     *
     * @param instrument instrument selector.
     * @param kind see {@link ExtremeResolver}.
     */
    record Funding(int instrument, int kind) implements ExtremeStep
    {
    }

    /**
     * A deposit at the amount bound or the wallet bound (selector 8 and over: a new account).
     *
     * @param account account selector.
     * @param kind see {@link ExtremeResolver}.
     */
    record Deposit(int account, int kind) implements ExtremeStep
    {
    }

    /**
     * A withdrawal of exactly what is available, or one unit more, or at the amount bound.
     *
     * @param account account selector.
     * @param kind see {@link ExtremeResolver}.
     */
    record Withdraw(int account, int kind) implements ExtremeStep
    {
    }

    /**
     * Isolated margin moved in or out: exactly the available or removable amount and one more, or up to the
     * {@code 2^60} bound of the pool or the wallet and one more.
     *
     * @param account account selector.
     * @param instrument instrument selector.
     * @param add in (true) or out.
     * @param kind see {@link ExtremeResolver}.
     */
    record Margin(int account, int instrument, boolean add, int kind) implements ExtremeStep
    {
    }

    /**
     * A leverage at the tier maximum of the current notional, one more, or another edge.
     *
     * @param account account selector.
     * @param instrument instrument selector.
     * @param kind see {@link ExtremeResolver}.
     */
    record Leverage(int account, int instrument, int kind) implements ExtremeStep
    {
    }

    /**
     * A margin mode change.
     *
     * @param account account selector.
     * @param instrument instrument selector.
     * @param isolated the new mode.
     */
    record Mode(int account, int instrument, boolean isolated) implements ExtremeStep
    {
    }

    /**
     * A redefinition: other tiers and defaults, the original, only the default mode or leverage changed, the
     * extra instrument, or a refused one.
     *
     * @param instrument instrument selector.
     * @param variant see {@link ExtremeResolver}.
     */
    record Redefine(int instrument, int variant) implements ExtremeStep
    {
    }

    /**
     * An input the engine must refuse, or an edge of what it accepts.
     *
     * @param kind see {@link ExtremeResolver}.
     * @param account account selector.
     * @param instrument instrument selector.
     * @param variant picks among the values of a kind.
     */
    record Invalid(int kind, int account, int instrument, int variant) implements ExtremeStep
    {
    }
}
