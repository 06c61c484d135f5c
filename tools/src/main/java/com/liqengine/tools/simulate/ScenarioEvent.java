package com.liqengine.tools.simulate;

import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;

import java.math.BigDecimal;

/**
 * One scenario event. Only the fields its kind takes are set (see {@link EventKind}); the others are null.
 *
 * @param number 1-based position in the event list (the correlation id of its inputs).
 * @param line where it is written.
 * @param kind what it is.
 * @param account account id.
 * @param symbol instrument symbol.
 * @param side fill side.
 * @param qty fill quantity.
 * @param price fill or mark price.
 * @param fee fill fee.
 * @param tradeId fill trade id.
 * @param amount deposit, withdrawal or margin transfer amount.
 * @param mode margin mode.
 * @param leverage leverage.
 * @param rate funding rate.
 */
public record ScenarioEvent(
    int number,
    int line,
    EventKind kind,
    Long account,
    String symbol,
    Side side,
    BigDecimal qty,
    BigDecimal price,
    BigDecimal fee,
    Long tradeId,
    BigDecimal amount,
    MarginMode mode,
    Integer leverage,
    BigDecimal rate)
{
    /**
     * An event made by the simulator itself (the margin spread of {@code --compare-modes}).
     *
     * @param before the scenario event it precedes.
     * @param account account.
     * @param symbol instrument.
     * @param amount margin moved into the isolated pool.
     * @return an add-margin event numbered as the event it precedes.
     */
    public static ScenarioEvent spread(
        final ScenarioEvent before, final long account, final String symbol, final BigDecimal amount)
    {
        return new ScenarioEvent(
            before.number, before.line, EventKind.ADD_MARGIN, account, symbol, null, null, null, null, null, amount,
            null, null, null);
    }
}
