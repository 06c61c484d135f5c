package com.liqengine.margin;

import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;

/**
 * Inputs about an instrument as a whole (docs/margin.md, section 4): its definition and risk tiers, mark
 * price ticks and funding. Each returns null when applied or the reason it was refused, with nothing changed.
 */
final class InstrumentRequests
{
    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final RiskTiers scratchTiers = new RiskTiers();
    private final byte[] scratchSymbol = new byte[16];

    InstrumentRequests(
        final Instrument[] instruments, final Accounts accounts, final Ledger ledger, final OutputEmitter emitter)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.ledger = ledger;
        this.emitter = emitter;
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
        final int symbolLength = readSymbol(definition);
        final Instrument instrument = instruments[id];
        if (instrument.defined && (instrument.priceDecimals != priceDecimals ||
            instrument.qtyDecimals != qtyDecimals || instrument.tickSize != tick || instrument.stepSize != step ||
            !sameSymbol(instrument, symbolLength)))
        {
            return RejectReason.INSTRUMENT_REDEFINED;
        }
        instrument.tiers.copyFrom(scratchTiers);
        instrument.defaultLeverage = defaultLeverage;
        instrument.defaultMode = defaultMode;
        if (!instrument.defined)
        {
            instrument.defined = true;
            instrument.priceDecimals = priceDecimals;
            instrument.qtyDecimals = qtyDecimals;
            instrument.tickSize = tick;
            instrument.stepSize = step;
            instrument.valueFactor = Instrument.powerOfTen(FixedPoint.DECIMALS - priceDecimals - qtyDecimals);
            System.arraycopy(scratchSymbol, 0, instrument.symbol, 0, symbolLength);
            instrument.symbolLength = symbolLength;
            for (int a = 0; a < accounts.count(); a++)
            {
                accounts.applyDefaults(accounts.slot(a, id), instrument);
            }
        }
        return null;
    }

    RejectReason markPrice(final Instrument instrument, final long price)
    {
        if (price <= 0)
        {
            return RejectReason.OUT_OF_RANGE;
        }
        // the largest position ever held bounds every value at this price: no overflow downstream
        if (instrument.largestOpenQuantity != 0 &&
            Math.abs(instrument.value(instrument.largestOpenQuantity, price)) > FixedPoint.MAX_AMOUNT)
        {
            return RejectReason.OVERFLOW;
        }
        instrument.markPrice = price;
        return null;
    }

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
        for (int a = 0; a < accounts.count(); a++)
        {
            final int slot = accounts.slot(a, instrument.id);
            final long size = accounts.size[slot];
            if (size == 0)
            {
                continue;
            }
            final long value = instrument.value(size, instrument.markPrice);
            final long pay = FixedPoint.mulDivCeil(value, rate, FixedPoint.SCALE);
            final boolean isolated = accounts.isolated[slot];
            if (isolated)
            {
                accounts.pool[slot] -= pay;
            }
            else
            {
                accounts.crossWallet[a] -= pay;
            }
            ledger.funding -= pay;
            emitter.fundingApplied(accounts.idAt(a), instrument.id, isolated, -pay, rate, instrument.markPrice);
        }
        return null;
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
