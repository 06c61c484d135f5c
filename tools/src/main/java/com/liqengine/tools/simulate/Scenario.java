package com.liqengine.tools.simulate;

import com.liqengine.tools.yaml.LiquidationSection;

import java.math.BigDecimal;
import java.util.List;

/**
 * A loaded scenario: instruments, accounts with their deposits, and the events to apply in order. Numbers are
 * the exact decimals the file wrote (docs/simulate.md).
 *
 * @param file where it was read from (for messages).
 * @param name its name.
 * @param marginCallRatio engine setting, or null for the engine's default.
 * @param insuranceFund initial insurance fund balance, or zero.
 * @param instruments in the order given; ids are their positions.
 * @param accounts in the order given.
 * @param events in the order given.
 * @param liquidation the file's {@code liquidation:} section (docs/liquidation.md): {@code takeover} unless it says
 *     {@code market}, the order capacity, the fund floor if any.
 */
public record Scenario(
    String file,
    String name,
    BigDecimal marginCallRatio,
    BigDecimal insuranceFund,
    List<ScenarioInstrument> instruments,
    List<ScenarioAccount> accounts,
    List<ScenarioEvent> events,
    LiquidationSection liquidation)
{
    /**
     * The instrument id of a symbol.
     *
     * @param symbol as written.
     * @return its id (position in the instrument list), or -1.
     */
    public int instrumentId(final String symbol)
    {
        for (int i = 0; i < instruments.size(); i++)
        {
            if (instruments.get(i).symbol().equals(symbol))
            {
                return i;
            }
        }
        return -1;
    }
}
