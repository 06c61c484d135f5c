package com.liqengine.reference;

/**
 * An open liquidation order of the reference model, in the engine's units (docs/liquidation.md, "In the state").
 *
 * @param liquidationSequence the order's id: the sequence of the input that emitted it.
 * @param liquidationIndex the order's id: its counter within that input, from 1.
 * @param accountId the liquidated account.
 * @param instrumentId the position's instrument.
 * @param sell true for a sell (closing a long), false for a buy.
 * @param quantity the order's quantity, quantity units.
 * @param limitPrice its limit, price units.
 * @param filledQuantity what its fills added up to, quantity units.
 * @param cross whether the liquidated position is cross (the account's) rather than isolated.
 */
public record RefOpenLiquidation(
    long liquidationSequence,
    int liquidationIndex,
    long accountId,
    int instrumentId,
    boolean sell,
    long quantity,
    long limitPrice,
    long filledQuantity,
    boolean cross)
{
    /**
     * What is left to fill.
     *
     * @return quantity units.
     */
    public long remainingQuantity()
    {
        return quantity - filledQuantity;
    }
}
