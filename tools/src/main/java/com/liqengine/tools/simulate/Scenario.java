package com.liqengine.tools.simulate;

import com.liqengine.margin.LiquidationMode;

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
 * @param liquidationMode what follows a liquidation trigger: {@code takeover} unless the file's
 *     {@code liquidation:} section says {@code market} (docs/liquidation.md).
 * @param maxOpenLiquidationOrders the engine's {@code liquidation.maxOpenOrders}.
 */
public record Scenario(
    String file,
    String name,
    BigDecimal marginCallRatio,
    BigDecimal insuranceFund,
    List<ScenarioInstrument> instruments,
    List<ScenarioAccount> accounts,
    List<ScenarioEvent> events,
    LiquidationMode liquidationMode,
    int maxOpenLiquidationOrders)
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
