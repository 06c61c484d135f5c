package com.liqengine.api;

/**
 * One risk tier of an instrument definition (cold path).
 *
 * @param maxNotional notional cap of the bracket, amount (8 decimals).
 * @param maxLeverage maximum leverage in the bracket.
 * @param maintenanceMarginRate maintenance margin rate, 8 decimals.
 * @param maintenanceAmount maintenance amount, amount.
 */
public record TierSpec(long maxNotional, int maxLeverage, long maintenanceMarginRate, long maintenanceAmount)
{
}
