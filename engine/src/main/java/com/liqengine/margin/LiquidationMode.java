package com.liqengine.margin;

/**
 * What follows a liquidation trigger (docs/liquidation.md).
 */
public enum LiquidationMode
{
    /** The insurance fund takes the position over at once. */
    TAKEOVER,
    /** A liquidation order goes to the book first; the fund takes over what the book did not take. */
    MARKET
}
