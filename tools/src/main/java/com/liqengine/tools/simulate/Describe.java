package com.liqengine.tools.simulate;

import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;

/**
 * A scenario event in words, for the timeline.
 */
final class Describe
{
    private Describe()
    {
    }

    static String event(final ScenarioEvent e)
    {
        return switch (e.kind())
        {
            case MARK -> "mark " + e.symbol() + " " + e.price().toPlainString();
            case FILL -> "fill account " + e.account() + " " + (e.side() == Side.BUY ? "buys " : "sells ")
                + e.qty().toPlainString() + " " + e.symbol() + " at " + e.price().toPlainString()
                + (e.fee() == null || e.fee().signum() == 0 ? "" : " fee " + e.fee().toPlainString())
                + (e.tradeId() == null ? "" : " (trade " + e.tradeId() + ")");
            case DEPOSIT -> "deposit account " + e.account() + " " + e.amount().toPlainString();
            case WITHDRAW -> "withdraw account " + e.account() + " " + e.amount().toPlainString();
            case MODE -> "mode account " + e.account() + " " + e.symbol() + " " + mode(e.mode());
            case LEVERAGE -> "leverage account " + e.account() + " " + e.symbol() + " " + e.leverage() + "x";
            case ADD_MARGIN -> "add margin account " + e.account() + " " + e.symbol() + " "
                + e.amount().toPlainString();
            case REMOVE_MARGIN -> "remove margin account " + e.account() + " " + e.symbol() + " "
                + e.amount().toPlainString();
            case FUNDING -> "funding " + e.symbol() + " rate " + e.rate().toPlainString();
            case LIQUIDATION_FILL -> "liquidation fill account " + e.account() + " " + e.qty().toPlainString() + " "
                + e.symbol() + " at " + e.price().toPlainString() + (e.tradeId() == null ? "" : " (trade "
                + e.tradeId() + ")");
            case LIQUIDATION_DONE -> "liquidation done account " + e.account() + " " + e.symbol()
                + (e.qty() == null ? "" : ", the book reports " + e.qty().toPlainString() + " filled");
        };
    }

    static String mode(final MarginMode mode)
    {
        return mode == MarginMode.ISOLATED ? "isolated" : "cross";
    }
}
