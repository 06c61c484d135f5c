package com.liqengine.api;

import com.liqengine.codec.AddIsolatedMarginDecoder;
import com.liqengine.codec.AutoDeleveragedDecoder;
import com.liqengine.codec.CancelOpenOrdersDecoder;
import com.liqengine.codec.ClearanceFeeDecoder;
import com.liqengine.codec.InsuranceFundDeficitDecoder;
import com.liqengine.codec.LiquidationFeeChargedDecoder;
import com.liqengine.codec.LiquidationFillDecoder;
import com.liqengine.codec.LiquidationOrderDoneDecoder;
import com.liqengine.codec.DepositDecoder;
import com.liqengine.codec.FillDecoder;
import com.liqengine.codec.FundingAppliedDecoder;
import com.liqengine.codec.FundingRateDecoder;
import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.LiquidationOrderDecoder;
import com.liqengine.codec.LiquidationTriggeredDecoder;
import com.liqengine.codec.MarginCallDecoder;
import com.liqengine.codec.MarkPriceTickDecoder;
import com.liqengine.codec.PositionTakenOverDecoder;
import com.liqengine.codec.RemoveIsolatedMarginDecoder;
import com.liqengine.codec.RequestAcceptedDecoder;
import com.liqengine.codec.RequestRejectedDecoder;
import com.liqengine.codec.SetLeverageDecoder;
import com.liqengine.codec.SetMarginModeDecoder;
import com.liqengine.codec.SnapshotRequestDecoder;
import com.liqengine.codec.UnderMarginedFillDecoder;
import com.liqengine.codec.WithdrawalDecoder;

/**
 * Every message of the schema with its template id and whether it is an input or an output.
 */
public enum MessageType
{
    /** Input. */
    MARK_PRICE_TICK(MarkPriceTickDecoder.TEMPLATE_ID, "MarkPriceTick", true),
    /** Input. */
    FILL(FillDecoder.TEMPLATE_ID, "Fill", true),
    /** Input. */
    DEPOSIT(DepositDecoder.TEMPLATE_ID, "Deposit", true),
    /** Input. */
    WITHDRAWAL(WithdrawalDecoder.TEMPLATE_ID, "Withdrawal", true),
    /** Input. */
    SET_MARGIN_MODE(SetMarginModeDecoder.TEMPLATE_ID, "SetMarginMode", true),
    /** Input. */
    SET_LEVERAGE(SetLeverageDecoder.TEMPLATE_ID, "SetLeverage", true),
    /** Input. */
    ADD_ISOLATED_MARGIN(AddIsolatedMarginDecoder.TEMPLATE_ID, "AddIsolatedMargin", true),
    /** Input. */
    REMOVE_ISOLATED_MARGIN(RemoveIsolatedMarginDecoder.TEMPLATE_ID, "RemoveIsolatedMargin", true),
    /** Input. */
    FUNDING_RATE(FundingRateDecoder.TEMPLATE_ID, "FundingRate", true),
    /** Input. */
    INSTRUMENT_DEFINITION(InstrumentDefinitionDecoder.TEMPLATE_ID, "InstrumentDefinition", true),
    /** Input. */
    SNAPSHOT_REQUEST(SnapshotRequestDecoder.TEMPLATE_ID, "SnapshotRequest", true),
    /** Input. */
    LIQUIDATION_ORDER_DONE(LiquidationOrderDoneDecoder.TEMPLATE_ID, "LiquidationOrderDone", true),
    /** Output. */
    LIQUIDATION_TRIGGERED(LiquidationTriggeredDecoder.TEMPLATE_ID, "LiquidationTriggered", false),
    /** Output. */
    POSITION_TAKEN_OVER(PositionTakenOverDecoder.TEMPLATE_ID, "PositionTakenOver", false),
    /** Output. */
    LIQUIDATION_ORDER(LiquidationOrderDecoder.TEMPLATE_ID, "LiquidationOrder", false),
    /** Output. */
    AUTO_DELEVERAGED(AutoDeleveragedDecoder.TEMPLATE_ID, "AutoDeleveraged", false),
    /** Output. */
    MARGIN_CALL(MarginCallDecoder.TEMPLATE_ID, "MarginCall", false),
    /** Output. */
    FUNDING_APPLIED(FundingAppliedDecoder.TEMPLATE_ID, "FundingApplied", false),
    /** Output. */
    REQUEST_ACCEPTED(RequestAcceptedDecoder.TEMPLATE_ID, "RequestAccepted", false),
    /** Output. */
    REQUEST_REJECTED(RequestRejectedDecoder.TEMPLATE_ID, "RequestRejected", false),
    /** Output. */
    UNDER_MARGINED_FILL(UnderMarginedFillDecoder.TEMPLATE_ID, "UnderMarginedFill", false),
    /** Output. */
    CANCEL_OPEN_ORDERS(CancelOpenOrdersDecoder.TEMPLATE_ID, "CancelOpenOrders", false),
    /** Output. */
    LIQUIDATION_FILL(LiquidationFillDecoder.TEMPLATE_ID, "LiquidationFill", false),
    /** Output. */
    LIQUIDATION_FEE_CHARGED(LiquidationFeeChargedDecoder.TEMPLATE_ID, "LiquidationFeeCharged", false),
    /** Output. */
    CLEARANCE_FEE(ClearanceFeeDecoder.TEMPLATE_ID, "ClearanceFee", false),
    /** Output. */
    INSURANCE_FUND_DEFICIT(InsuranceFundDeficitDecoder.TEMPLATE_ID, "InsuranceFundDeficit", false);

    private final int templateId;
    private final String label;
    private final boolean input;

    MessageType(final int templateId, final String label, final boolean input)
    {
        this.templateId = templateId;
        this.label = label;
        this.input = input;
    }

    /** @return SBE template id. */
    public int templateId()
    {
        return templateId;
    }

    /** @return the schema's message name. */
    public String label()
    {
        return label;
    }

    /** @return true for an input, false for an output. */
    public boolean isInput()
    {
        return input;
    }

    /**
     * The type of a template id.
     *
     * @param templateId SBE template id.
     * @return the type, or null when the id is not in the schema.
     */
    public static MessageType of(final int templateId)
    {
        for (final MessageType type : values())
        {
            if (type.templateId == templateId)
            {
                return type;
            }
        }
        return null;
    }
}
