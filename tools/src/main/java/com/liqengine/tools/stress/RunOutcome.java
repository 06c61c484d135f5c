package com.liqengine.tools.stress;

import com.liqengine.tools.simulate.Simulation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What one run of a stress test came to.
 *
 * @param run which run.
 * @param simulation every step and the engine at the end.
 * @param liquidations in order.
 * @param traders per trader (account {@code i + 1}).
 * @param notices what the engine said besides liquidations (under-margined opens, rejected requests).
 */
public record RunOutcome(
    StressRun run, Simulation simulation, List<Liquidation> liquidations, List<TraderOutcome> traders,
    List<String> notices)
{
    /**
     * One liquidated position.
     *
     * @param time UTC milliseconds of the mark (or funding) that triggered it.
     * @param account the account.
     * @param symbol the instrument.
     * @param view the {@code LiquidationTriggered} output as {@code liq simulate --json} shows it.
     * @param accountLoss what the account's wallet and margin pools lost in that step (for a cross account, all its
     *     legs together: shown on the first of them).
     * @param firstOfStep true for the first liquidation of the account in its step.
     */
    public record Liquidation(
        long time, long account, String symbol, Map<String, Object> view, BigDecimal accountLoss, boolean firstOfStep)
    {
        /**
         * @param field a field of the view.
         * @return its text.
         */
        public String field(final String field)
        {
            return String.valueOf(view.get(field));
        }
    }

    /**
     * One trader's run.
     *
     * @param account the account id.
     * @param name the trader's name.
     * @param deposit the wallet it started with.
     * @param worstMarginRatio highest margin ratio met (1 = liquidation), null for infinite (equity ≤ 0).
     * @param worstTime when.
     * @param wallet the cross wallet at the end.
     * @param equity wallet + isolated margin + unrealized PnL at the end.
     * @param ratioTimes times of the margin ratio samples.
     * @param ratios the samples (units of 10^-8; Long.MAX_VALUE infinite).
     */
    public record TraderOutcome(
        long account, String name, BigDecimal deposit, BigDecimal worstMarginRatio, long worstTime, BigDecimal wallet,
        BigDecimal equity, long[] ratioTimes, long[] ratios)
    {
        /**
         * @return deposit less equity at the end.
         */
        public BigDecimal lost()
        {
            return deposit.subtract(equity);
        }
    }

    /**
     * @param account an account.
     * @return how many of its positions were liquidated.
     */
    public long liquidationsOf(final long account)
    {
        return liquidations.stream().filter(l -> l.account() == account).count();
    }

    /**
     * @param account an account.
     * @param symbol an instrument.
     * @return its liquidation, or null if it survived.
     */
    public Liquidation liquidation(final long account, final String symbol)
    {
        for (final Liquidation l : liquidations)
        {
            if (l.account() == account && l.symbol().equals(symbol))
            {
                return l;
            }
        }
        return null;
    }
}
