package com.liqengine.tools.simulate;

import java.math.BigDecimal;

/**
 * An account of a scenario, opened by its initial deposit.
 *
 * @param line where it is defined.
 * @param id account id.
 * @param deposit initial deposit (may be zero: the account then opens at its first deposit event).
 */
public record ScenarioAccount(int line, long id, BigDecimal deposit)
{
}
