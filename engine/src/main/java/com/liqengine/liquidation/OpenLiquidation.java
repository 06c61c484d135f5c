package com.liqengine.liquidation;

/**
 * An open liquidation order as the state views show it (docs/liquidation.md).
 *
 * @param liquidationSequence the sequence of the input that emitted it.
 * @param liquidationIndex its counter within that input, from 1.
 * @param accountId the liquidated account.
 * @param instrumentId its instrument.
 * @param isolated true for an isolated position, false for a cross account's.
 * @param sells true when it sells (it closes a long).
 * @param quantity the order's quantity.
 * @param limitPrice its limit.
 * @param filledQuantity what its fills add up to so far.
 */
public record OpenLiquidation(
    long liquidationSequence,
    int liquidationIndex,
    long accountId,
    int instrumentId,
    boolean isolated,
    boolean sells,
    long quantity,
    long limitPrice,
    long filledQuantity)
{
}
