package com.liqengine.margin;

import com.liqengine.account.Accounts;
import com.liqengine.account.Holders;
import com.liqengine.account.Instrument;
import com.liqengine.account.Ledger;
import com.liqengine.account.RiskTiers;
import com.liqengine.account.SlotMaintenanceMargins;
import com.liqengine.account.Slots;
import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import com.liqengine.math.FixedPoint;

/**
 * Inputs about an instrument as a whole (docs/margin.md, section 4): its definition and risk tiers, mark
 * price ticks and funding. Each returns null when applied or the reason it was refused, with nothing changed.
 */
final class InstrumentRequests
{
    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Slots slots;
    private final Holders holders;
    private final SlotMaintenanceMargins maintenanceMargins;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final int fundIndex;
    private final RiskTiers scratchTiers = new RiskTiers();
    private final byte[] scratchSymbol = new byte[16];

    InstrumentRequests(
        final Instrument[] instruments,
        final Accounts accounts,
        final Slots slots,
        final Holders holders,
        final SlotMaintenanceMargins maintenanceMargins,
        final Ledger ledger,
        final OutputEmitter emitter,
        final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.slots = slots;
        this.holders = holders;
        this.maintenanceMargins = maintenanceMargins;
        this.ledger = ledger;
        this.emitter = emitter;
        this.fundIndex = fundIndex;
    }

    RejectReason define(final InstrumentDefinitionDecoder definition, final MarginMode defaultMode)
    {
        final int id = definition.instrumentId();
        final int priceDecimals = definition.priceDecimals();
        final int qtyDecimals = definition.qtyDecimals();
        final long tick = definition.tickSize();
        final long step = definition.stepSize();
        final int defaultLeverage = definition.defaultLeverage();
        if (id < 0 || id >= instruments.length || priceDecimals < 0 || qtyDecimals < 0 ||
            priceDecimals + qtyDecimals > FixedPoint.DECIMALS || tick <= 0 || step <= 0)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        scratchTiers.clear();
        final InstrumentDefinitionDecoder.TiersDecoder tiers = definition.tiers();
        if (tiers.count() < 1 || tiers.count() > RiskTiers.MAX_TIERS)
        {
            return RejectReason.INVALID_TIERS;
        }
        while (tiers.hasNext())
        {
            tiers.next();
            scratchTiers.add(
                tiers.maxNotional(), tiers.maxLeverage(), tiers.maintenanceMarginRate(), tiers.maintenanceAmount());
        }
        if (!scratchTiers.isValid())
        {
            return RejectReason.INVALID_TIERS;
        }
        if (defaultLeverage < 1 || defaultLeverage > scratchTiers.maxLeverageOfTier(0))
        {
            return RejectReason.OUT_OF_RANGE;
        }
        // fields of schema version 2: a version 1 definition has no liquidation fee and is never partial
        final boolean second = definition.actingVersion() >= 2;
        final long feeRate = second ? definition.liquidationFeeRate() : 0;
        final int partialFrom = second ? definition.partialFromTier() : 0;
        if (feeRate < 0 || feeRate > FixedPoint.SCALE)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        if (partialFrom < 0 || partialFrom > scratchTiers.count())
        {
            return RejectReason.INVALID_TIERS;
        }
        final int symbolLength = readSymbol(definition);
        final Instrument instrument = instruments[id];
        if (instrument.defined && (instrument.priceDecimals != priceDecimals ||
            instrument.qtyDecimals != qtyDecimals || instrument.tickSize != tick || instrument.stepSize != step ||
            !sameSymbol(instrument, symbolLength)))
        {
            return RejectReason.INSTRUMENT_REDEFINED;
        }
        // slots that are not stored read as the new defaults (docs/margin.md, section 3): stored ones at the old
        // defaults are forgotten so that they do too, and those the new defaults make default go as well
        forgetIdle(instrument);
        instrument.tiers.copyFrom(scratchTiers);
        // the holders' remembered maintenance margins were computed with the old tiers
        maintenanceMargins.tiersChanged(id);
        instrument.defaultLeverage = defaultLeverage;
        instrument.defaultMode = defaultMode;
        instrument.liquidationFeeRate = feeRate;
        instrument.partialFromTier = partialFrom;
        forgetIdle(instrument);
        if (!instrument.defined)
        {
            instrument.defined = true;
            instrument.priceDecimals = priceDecimals;
            instrument.qtyDecimals = qtyDecimals;
            instrument.tickSize = tick;
            instrument.stepSize = step;
            instrument.setValueFactor(Instrument.powerOfTen(FixedPoint.DECIMALS - priceDecimals - qtyDecimals));
            System.arraycopy(scratchSymbol, 0, instrument.symbol, 0, symbolLength);
            instrument.symbolLength = symbolLength;
        }
        return null;
    }

    /** Forgets the instrument's stored slots that read as its defaults: O(its stored slots). */
    private void forgetIdle(final Instrument instrument)
    {
        if (!instrument.defined)
        {
            return;
        }
        int s = slots.firstHolder(instrument.id);
        while (s != Slots.NONE)
        {
            final int next = slots.nextHolder(s);
            slots.releaseIfIdle(s, instrument);
            s = next;
        }
    }

    /**
     * A mark is refused when it would value the largest capacity among the open positions beyond 2^58, or the
     * fund's position beyond 2^61 (docs/margin.md, section 1): a bound on what is open now.
     */
    RejectReason markPrice(final Instrument instrument, final long price)
    {
        if (price <= 0 ||
            !FixedPoint.productAtMost(
                slots.largestCapacity(instrument.id), price, instrument.valueFactor, FixedPoint.MAX_AMOUNT))
        {
            return RejectReason.OUT_OF_RANGE;
        }
        final int fundSlot = slots.fundSlot(instrument.id);
        if (fundSlot != Slots.NONE && !FixedPoint.productAtMost(
            slots.size(fundSlot), price, instrument.valueFactor, FixedPoint.MAX_FUND_POSITION_VALUE))
        {
            return RejectReason.OUT_OF_RANGE;
        }
        instrument.setMarkPrice(price);
        return null;
    }

    /** Funding of every holder in registration order; refused whole when a balance would leave its bound. */
    RejectReason funding(final Instrument instrument, final long rate)
    {
        // not Math.abs: it leaves Long.MIN_VALUE negative
        if (rate < -FixedPoint.SCALE || rate > FixedPoint.SCALE)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        if (instrument.markPrice == 0)
        {
            return RejectReason.NO_MARK_PRICE;
        }
        final int count = holders.collect(instrument.id);
        for (int n = 0; n < count; n++)
        {
            final int a = holders.account(n);
            if (a != fundIndex)
            {
                final int slot = holders.slot(n);
                final long balance = slots.isolated(slot) ? slots.pool(slot) : accounts.crossWallet(a);
                if (Math.abs(balance - pay(instrument, slot, rate)) > FixedPoint.MAX_BALANCE)
                {
                    return RejectReason.OUT_OF_RANGE;
                }
            }
        }
        for (int n = 0; n < count; n++)
        {
            final int a = holders.account(n);
            final int slot = holders.slot(n);
            final long pay = pay(instrument, slot, rate);
            final boolean isolated = slots.isolated(slot);
            if (a == fundIndex)
            {
                accounts.setCrossWallet(a, FixedPoint.addSaturated(
                    accounts.crossWallet(a), -pay, FixedPoint.FUND_SATURATION));
            }
            else if (isolated)
            {
                slots.setPool(slot, slots.pool(slot) - pay);
            }
            else
            {
                accounts.setCrossWallet(a, accounts.crossWallet(a) - pay);
            }
            ledger.funding.add(-pay);
            emitter.fundingApplied(accounts.idAt(a), instrument.id, isolated, -pay, rate, instrument.markPrice);
        }
        return null;
    }

    /** {@code ceil(value(q, M) × rate / R)}; the fund's value is clamped (docs/margin.md, section 1). */
    private long pay(final Instrument instrument, final int slot, final long rate)
    {
        final long value = instrument.valueClamped(slots.size(slot), instrument.markPrice);
        return FixedPoint.mulDivCeil(value, rate, FixedPoint.SCALE);
    }
    private int readSymbol(final InstrumentDefinitionDecoder definition)
    {
        int length = 0;
        for (int i = 0; i < scratchSymbol.length; i++)
        {
            final byte b = definition.symbol(i);
            scratchSymbol[i] = b;
            if (b == 0)
            {
                break;
            }
            length++;
        }
        return length;
    }

    private boolean sameSymbol(final Instrument instrument, final int length)
    {
        if (instrument.symbolLength != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (instrument.symbol[i] != scratchSymbol[i])
            {
                return false;
            }
        }
        return true;
    }
}
