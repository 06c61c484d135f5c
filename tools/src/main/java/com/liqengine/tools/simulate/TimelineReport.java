package com.liqengine.tools.simulate;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code liq simulate}'s readable output: what each event did, then a table of every account and position.
 */
public final class TimelineReport
{
    private static final String INDENT = "          ";

    private TimelineReport()
    {
    }

    /**
     * Prints a run.
     *
     * @param simulation the run.
     * @param out where to print.
     */
    public static void print(final Simulation simulation, final PrintStream out)
    {
        out.println("Scenario: " + simulation.scenario().name()
            + (simulation.policy() == ModePolicy.AS_WRITTEN ? "" : " (" + simulation.policy().label() + ")"));
        out.println();
        for (final Step step : simulation.steps())
        {
            printStep(simulation, step, out);
        }
        out.println();
        printState(FinalState.of(simulation.engine()), out);
    }

    private static void printStep(final Simulation simulation, final Step step, final PrintStream out)
    {
        final String number = step.event() == null ? "setup" : "#" + step.event().number();
        final StringBuilder line = new StringBuilder(String.format("%8s  %s", number, step.description()));
        if (step.skipped() != null)
        {
            line.append("  (skipped: ").append(step.skipped()).append(')');
        }
        boolean accepted = false;
        for (final var record : step.outputs())
        {
            accepted |= "RequestAccepted".equals(record.type());
        }
        if (accepted && step.event() != null)
        {
            line.append("  ok");
        }
        out.println(line);
        for (final var record : step.outputs())
        {
            final String text = describe(EventView.of(record, simulation.engine()));
            if (text != null)
            {
                out.println(INDENT + text);
            }
        }
    }

    /** One output in words; null for an acknowledgement (shown as "ok" on the event's line). */
    static String describe(final Map<String, Object> e)
    {
        final String account = "account " + e.get("account");
        return switch ((String)e.get("type"))
        {
            case "RequestAccepted" -> null;
            case "RequestRejected" -> "REJECTED " + e.get("reason");
            case "LiquidationTriggered" -> "LIQUIDATED " + account + " " + e.get("symbol") + " " + e.get("mode")
                + " " + e.get("side") + " " + e.get("size") + " at mark " + e.get("mark") + ": equity "
                + e.get("equity") + " <= maintenance " + e.get("maintenanceMargin") + " (margin ratio "
                + orInfinite(e.get("marginRatio")) + ", liquidation price " + orNone(e.get("liquidationPrice"))
                + ", bankruptcy price " + orNone(e.get("bankruptcyPrice")) + ")";
            case "PositionTakenOver" -> "TAKEN OVER by the insurance fund: " + e.get("size") + " " + e.get("symbol")
                + " at " + orNone(e.get("price")) + "; " + account + " realizes " + e.get("realizedPnl")
                + (isZero(e.get("clearanceFee")) ? "" : ", pays the fund the remaining " + e.get("clearanceFee"))
                + "; fund balance " + e.get("insuranceFundBalance");
            case "LiquidationOrder" -> Long.valueOf(0).equals(e.get("liquidationSequence")) ?
                "ORDER insurance fund " + e.get("side") + "s " + e.get("quantity") + " " + e.get("symbol") + " at "
                + orNone(e.get("price")) : "LIQUIDATION ORDER " + orderId(e) + " " + account + " " + e.get("side")
                + "s " + e.get("quantity") + " " + e.get("symbol") + " at limit " + orNone(e.get("price"))
                + " (immediate-or-cancel, reduce-only)";
            case "CancelOpenOrders" -> "CANCEL OPEN ORDERS of " + account + " in "
                + (e.get("symbol") == null ? "every instrument" : e.get("symbol"));
            case "LiquidationFill" -> "LIQUIDATION FILL " + orderId(e) + " " + account + " " + e.get("side") + "s "
                + e.get("quantity") + " " + e.get("symbol") + " at " + e.get("price") + ": realizes "
                + e.get("realizedPnl") + " in its margin; " + e.get("remainingQuantity") + " left of the order";
            case "LiquidationFeeCharged" -> "ORDER " + orderId(e) + " DONE " + account + " " + e.get("symbol")
                + ": filled " + e.get("filledQuantity") + (e.get("filledQuantity").equals(e.get("reportedQuantity"))
                ? "" : " (the book reported " + e.get("reportedQuantity") + ")") + ", liquidation fee "
                + e.get("amount") + " to the fund; fund balance " + e.get("insuranceFundBalance");
            case "ClearanceFee" -> "CLEARANCE " + account + " " + e.get("symbol") + ": the rest of its margin, "
                + e.get("amount") + ", to the fund; fund balance " + e.get("insuranceFundBalance");
            case "AutoDeleveraged" -> "AUTO-DELEVERAGED " + (Long.valueOf(Units.INSURANCE_FUND_ID).equals(
                e.get("account")) ? "insurance fund" : account) + " " + e.get("symbol") + ": " + e.get("quantity")
                + " closed at " + orNone(e.get("price")) + ", realizes " + e.get("realizedPnl");
            case "InsuranceFundDeficit" -> "INSURANCE FUND DEFICIT " + e.get("amount") + " (fund equity "
                + e.get("fundEquity") + ")";
            case "MarginCall" -> "MARGIN CALL " + account + " " + (e.get("symbol") == null ? "cross" :
                e.get("symbol") + " " + e.get("mode")) + ": margin ratio " + orInfinite(e.get("marginRatio"))
                + " (equity " + e.get("equity") + ", maintenance " + e.get("maintenanceMargin") + ")";
            case "FundingApplied" -> "funding " + account + " " + e.get("symbol") + " " + e.get("mode") + ": "
                + (((String)e.get("amount")).startsWith("-") ? "pays " + ((String)e.get("amount")).substring(1) :
                "receives " + e.get("amount"));
            case "UnderMarginedFill" -> "UNDER-MARGINED " + account + " " + e.get("symbol")
                + ": isolated margin required " + e.get("required") + ", wallet could move only " + e.get("moved");
            default -> e.get("type") + " " + e;
        };
    }

    /**
     * Prints every account and position.
     *
     * @param state the final state.
     * @param out where to print.
     */
    public static void printState(final FinalState state, final PrintStream out)
    {
        out.println("Final state");
        final TextTable table = new TextTable("account", "wallet", "symbol", "mode", "size", "entry", "isolated",
            "mark", "unrealized", "maint.", "ratio", "liq. price", "bankr. price", "ADL", "");
        for (final FinalState.AccountState account : state.accounts())
        {
            final List<FinalState.PositionState> positions = account.positions();
            if (positions.isEmpty())
            {
                table.row(account.id(), plain(account.wallet()), "(no positions)");
            }
            for (int i = 0; i < positions.size(); i++)
            {
                final FinalState.PositionState p = positions.get(i);
                table.row(i == 0 ? account.id() : "", i == 0 ? plain(account.wallet()) : "", p.symbol(), p.mode(),
                    plain(p.size()), plain(p.entryPrice()), plain(p.isolatedMargin()), plain(p.mark()),
                    plain(p.unrealizedPnl()), plain(p.maintenanceMargin()), orInfinite(p.marginRatio()),
                    orNone(p.liquidationPrice()), orNone(p.bankruptcyPrice()),
                    p.adlIndicator() == null ? "-" : p.adlIndicator(),
                    p.inLiquidation() ? "in liquidation" : "");
            }
        }
        table.print(out, "  ");
        if (!state.autoDeleveraging())
        {
            out.println("  ADL: - (no fund floor: no auto-deleveraging, no ADL indicator)");
        }
        out.println();
        out.print("  insurance fund: " + plain(state.insuranceFund()));
        for (final FinalState.PositionState p : state.insuranceFundPositions())
        {
            out.print(", holds " + plain(p.size()) + " " + p.symbol() + " (entry " + plain(p.entryPrice()) + ")");
        }
        out.println();
        for (final FinalState.OrderState o : state.openOrders())
        {
            out.println("  open liquidation order " + o.id() + ": account " + o.account() + " " + o.mode() + " "
                + o.side() + "s " + plain(o.quantity()) + " " + o.symbol() + " at limit " + plain(o.limitPrice())
                + ", filled " + plain(o.filled()));
        }
    }

    /** A liquidation order's id as {@code sequence/index}. */
    static String orderId(final Map<String, Object> e)
    {
        return e.get("liquidationSequence") + "/" + e.get("liquidationIndex");
    }

    private static String plain(final BigDecimal value)
    {
        return value.toPlainString();
    }

    private static String orNone(final Object value)
    {
        return value == null ? "none" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static String orInfinite(final Object value)
    {
        return value == null ? "infinite" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static boolean isZero(final Object amount)
    {
        return amount == null || new BigDecimal(amount.toString()).signum() == 0;
    }
}
