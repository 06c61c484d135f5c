package com.liqengine.margin;

import com.liqengine.codec.MarginMode;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The complete state of a margin state machine in one canonical byte layout (little endian, docs/replay.md):
 * the input sequence, the ledger totals, every instrument slot (defined or not) with its tiers, and every open
 * account in registration order with all its instrument slots. Snapshots hold these bytes, and the state hash
 * is computed over them, so two engines with the same state give the same bytes and the same hash on any JVM.
 * Nothing derived is stored (the account index by id, the liquidation index): a restore rebuilds it.
 * Cold path: used when a snapshot is taken or loaded and when the hash is printed.
 */
public final class StateCodec
{
    /**
     * Version of this layout; a snapshot of another version is refused. 2: an instrument's largest open quantity
     * also counts the insurance fund's position (grown by takeovers), so a layout 1 state would restore a looser
     * mark bound than replaying its journal gives.
     */
    public static final int LAYOUT_VERSION = 2;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SYMBOL_LENGTH = 16;
    private static final byte NO_MODE = -1;
    private static final int HEADER_LENGTH = 8 + 5 * 8 + 4 + 4;
    private static final int TIER_LENGTH = 8 + 4 + 8 + 8;
    private static final int INSTRUMENT_FIXED_LENGTH =
        1 + 1 + SYMBOL_LENGTH + 1 + 1 + 8 + 8 + 8 + 4 + 1 + 8 + 8 + 8 + 8 + 4;
    private static final int ACCOUNT_FIXED_LENGTH = 8 + 8 + 1;
    private static final int SLOT_LENGTH = 1 + 4 + 8 + 8 + 8 + 1;
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StateCodec()
    {
    }

    /**
     * Bytes {@link #write} will take for this state.
     *
     * @param engine the state machine.
     * @return the length.
     */
    public static int length(final MarginStateMachine engine)
    {
        int length = HEADER_LENGTH;
        for (final Instrument instrument : engine.instrumentArray())
        {
            length += INSTRUMENT_FIXED_LENGTH + instrument.tiers.count() * TIER_LENGTH;
        }
        final Accounts accounts = engine.accountSlots();
        return length + accounts.count() * (ACCOUNT_FIXED_LENGTH + accounts.maxInstruments() * SLOT_LENGTH);
    }

    /**
     * Writes the state. Call it on the state machine's thread.
     *
     * @param engine the state machine.
     * @param buffer where to write; must hold {@link #length} bytes from the offset.
     * @param offset where to start.
     * @return bytes written.
     */
    public static int write(final MarginStateMachine engine, final MutableDirectBuffer buffer, final int offset)
    {
        final Instrument[] instruments = engine.instrumentArray();
        final Accounts accounts = engine.accountSlots();
        final Ledger ledger = engine.ledgerTotals();
        int p = offset;
        buffer.putLong(p, engine.lastSequence(), ORDER);
        p += 8;
        p = putLong(buffer, p, ledger.deposits);
        p = putLong(buffer, p, ledger.withdrawals);
        p = putLong(buffer, p, ledger.realizedPnl);
        p = putLong(buffer, p, ledger.fees);
        p = putLong(buffer, p, ledger.funding);
        p = putInt(buffer, p, instruments.length);
        p = putInt(buffer, p, accounts.count());
        for (final Instrument instrument : instruments)
        {
            p = writeInstrument(instrument, buffer, p);
        }
        final int maxInstruments = accounts.maxInstruments();
        for (int a = 0; a < accounts.count(); a++)
        {
            p = putLong(buffer, p, accounts.idAt(a));
            p = putLong(buffer, p, accounts.crossWallet[a]);
            buffer.putByte(p++, (byte)(accounts.crossMarginCall[a] ? 1 : 0));
            for (int i = 0; i < maxInstruments; i++)
            {
                final int slot = accounts.slot(a, i);
                buffer.putByte(p++, (byte)(accounts.isolated[slot] ? 1 : 0));
                p = putInt(buffer, p, accounts.leverage[slot]);
                p = putLong(buffer, p, accounts.size[slot]);
                p = putLong(buffer, p, accounts.cost[slot]);
                p = putLong(buffer, p, accounts.pool[slot]);
                buffer.putByte(p++, (byte)(accounts.marginCall[slot] ? 1 : 0));
            }
        }
        return p - offset;
    }

    /**
     * The 64-bit FNV-1a hash of bytes, as the state hash uses it.
     *
     * @param buffer holding them.
     * @param offset of the first.
     * @param length how many.
     * @return the hash.
     */
    public static long fnv1a64(final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = FNV_OFFSET_BASIS;
        for (int i = 0; i < length; i++)
        {
            hash ^= buffer.getByte(offset + i) & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /**
     * Reads a state written by {@link #write} into an engine, replacing all of its state. Everything is
     * checked against the engine's settings; on an exception the engine's state is undefined (restore another
     * one, or discard the engine).
     *
     * @return the restored input sequence.
     * @throws IllegalArgumentException naming what does not fit.
     */
    static long read(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final EngineSettings settings,
        final Instrument[] instruments,
        final Accounts accounts,
        final Ledger ledger)
    {
        final int end = offset + length;
        require(length >= HEADER_LENGTH, "state of " + length + " bytes is shorter than its header");
        int p = offset;
        final long sequence = buffer.getLong(p, ORDER);
        require(sequence >= 0, "negative sequence " + sequence);
        p += 8;
        ledger.deposits = buffer.getLong(p, ORDER);
        ledger.withdrawals = buffer.getLong(p + 8, ORDER);
        ledger.realizedPnl = buffer.getLong(p + 16, ORDER);
        ledger.fees = buffer.getLong(p + 24, ORDER);
        ledger.funding = buffer.getLong(p + 32, ORDER);
        p += 40;
        final int instrumentCount = buffer.getInt(p, ORDER);
        final int accountCount = buffer.getInt(p + 4, ORDER);
        p += 8;
        require(instrumentCount == instruments.length,
            "state has " + instrumentCount + " instruments, the engine's maxInstruments is " + instruments.length);
        require(accountCount >= 1 && accountCount <= settings.maxAccounts(),
            "state has " + accountCount + " accounts, the engine holds from 1 to " + settings.maxAccounts());
        for (final Instrument instrument : instruments)
        {
            require(p + INSTRUMENT_FIXED_LENGTH <= end, "state ends inside instrument " + instrument.id);
            p = readInstrument(instrument, buffer, p, end);
        }
        final int maxInstruments = accounts.maxInstruments();
        require(end - p == accountCount * (ACCOUNT_FIXED_LENGTH + maxInstruments * SLOT_LENGTH),
            "state of " + length + " bytes does not hold exactly " + accountCount + " accounts");
        accounts.reset();
        for (int a = 0; a < accountCount; a++)
        {
            final long id = buffer.getLong(p, ORDER);
            require(a != 0 || id == settings.insuranceFundAccountId(),
                "the first account is " + id + ", not the insurance fund " + settings.insuranceFundAccountId());
            final int index = accounts.register(id);
            require(index == a, "account " + id + " appears twice");
            accounts.crossWallet[a] = buffer.getLong(p + 8, ORDER);
            accounts.crossMarginCall[a] = flag(buffer, p + 16);
            p += ACCOUNT_FIXED_LENGTH;
            for (int i = 0; i < maxInstruments; i++)
            {
                final int slot = accounts.slot(a, i);
                accounts.isolated[slot] = flag(buffer, p);
                accounts.leverage[slot] = buffer.getInt(p + 1, ORDER);
                accounts.size[slot] = buffer.getLong(p + 5, ORDER);
                accounts.cost[slot] = buffer.getLong(p + 13, ORDER);
                accounts.pool[slot] = buffer.getLong(p + 21, ORDER);
                accounts.marginCall[slot] = flag(buffer, p + 29);
                p += SLOT_LENGTH;
            }
        }
        return sequence;
    }

    private static int writeInstrument(final Instrument instrument, final MutableDirectBuffer buffer, final int start)
    {
        int p = start;
        buffer.putByte(p++, (byte)(instrument.defined ? 1 : 0));
        buffer.putByte(p++, (byte)instrument.symbolLength);
        buffer.putBytes(p, instrument.symbol, 0, SYMBOL_LENGTH);
        p += SYMBOL_LENGTH;
        buffer.putByte(p++, (byte)instrument.priceDecimals);
        buffer.putByte(p++, (byte)instrument.qtyDecimals);
        p = putLong(buffer, p, instrument.tickSize);
        p = putLong(buffer, p, instrument.stepSize);
        p = putLong(buffer, p, instrument.valueFactor);
        p = putInt(buffer, p, instrument.defaultLeverage);
        buffer.putByte(p++, instrument.defaultMode == null ? NO_MODE : (byte)instrument.defaultMode.value());
        p = putLong(buffer, p, instrument.markPrice);
        p = putLong(buffer, p, instrument.lastBuyTradeId);
        p = putLong(buffer, p, instrument.lastSellTradeId);
        p = putLong(buffer, p, instrument.largestOpenQuantity);
        final RiskTiers tiers = instrument.tiers;
        p = putInt(buffer, p, tiers.count());
        for (int t = 0; t < tiers.count(); t++)
        {
            p = putLong(buffer, p, tiers.maxNotional(t));
            p = putInt(buffer, p, tiers.maxLeverageOfTier(t));
            p = putLong(buffer, p, tiers.maintenanceMarginRate(t));
            p = putLong(buffer, p, tiers.maintenanceAmount(t));
        }
        return p;
    }

    private static int readInstrument(
        final Instrument instrument, final DirectBuffer buffer, final int start, final int end)
    {
        int p = start;
        instrument.defined = flag(buffer, p++);
        instrument.symbolLength = buffer.getByte(p++);
        require(instrument.symbolLength >= 0 && instrument.symbolLength <= SYMBOL_LENGTH,
            "instrument " + instrument.id + " has a symbol of " + instrument.symbolLength + " bytes");
        buffer.getBytes(p, instrument.symbol, 0, SYMBOL_LENGTH);
        p += SYMBOL_LENGTH;
        instrument.priceDecimals = buffer.getByte(p++);
        instrument.qtyDecimals = buffer.getByte(p++);
        require(instrument.priceDecimals >= 0 && instrument.qtyDecimals >= 0 &&
            instrument.priceDecimals + instrument.qtyDecimals <= FixedPoint.DECIMALS,
            "instrument " + instrument.id + " has impossible decimals");
        instrument.tickSize = buffer.getLong(p, ORDER);
        instrument.stepSize = buffer.getLong(p + 8, ORDER);
        instrument.valueFactor = buffer.getLong(p + 16, ORDER);
        instrument.defaultLeverage = buffer.getInt(p + 24, ORDER);
        p += 28;
        final byte mode = buffer.getByte(p++);
        require(mode == NO_MODE || mode == 0 || mode == 1, "instrument " + instrument.id + " has mode " + mode);
        instrument.defaultMode = mode == NO_MODE ? null : MarginMode.get(mode);
        instrument.markPrice = buffer.getLong(p, ORDER);
        instrument.lastBuyTradeId = buffer.getLong(p + 8, ORDER);
        instrument.lastSellTradeId = buffer.getLong(p + 16, ORDER);
        instrument.largestOpenQuantity = buffer.getLong(p + 24, ORDER);
        p += 32;
        final int tierCount = buffer.getInt(p, ORDER);
        p += 4;
        require(tierCount >= 0 && tierCount <= RiskTiers.MAX_TIERS && p + tierCount * TIER_LENGTH <= end,
            "instrument " + instrument.id + " has " + tierCount + " tiers");
        instrument.tiers.clear();
        for (int t = 0; t < tierCount; t++)
        {
            instrument.tiers.add(buffer.getLong(p, ORDER), buffer.getInt(p + 8, ORDER),
                buffer.getLong(p + 12, ORDER), buffer.getLong(p + 20, ORDER));
            p += TIER_LENGTH;
        }
        require(!instrument.defined || instrument.tiers.isValid() && instrument.defaultMode != null,
            "instrument " + instrument.id + " is defined with invalid tiers or no default mode");
        return p;
    }

    private static boolean flag(final DirectBuffer buffer, final int index)
    {
        final byte value = buffer.getByte(index);
        require(value == 0 || value == 1, "a flag holds " + value);
        return value == 1;
    }

    private static int putLong(final MutableDirectBuffer buffer, final int index, final long value)
    {
        buffer.putLong(index, value, ORDER);
        return index + 8;
    }

    private static int putInt(final MutableDirectBuffer buffer, final int index, final int value)
    {
        buffer.putInt(index, value, ORDER);
        return index + 4;
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalArgumentException("state does not fit: " + what);
        }
    }
}
