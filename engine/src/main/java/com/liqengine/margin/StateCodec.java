package com.liqengine.margin;

import com.liqengine.codec.MarginMode;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The complete state of a margin state machine in one canonical byte layout (little endian, docs/replay.md):
 * the input sequence, the exact ledger totals, every defined instrument with its tiers, every open account in
 * registration order with its stored slots (those not at their defaults) in instrument order, and the open
 * liquidation orders in the order they were emitted. Its length follows
 * the state, not the capacities. Snapshots hold these bytes, and the state hash is computed over them, so two
 * engines with the same state give the same bytes and the same hash on any JVM. Nothing derived is stored (the
 * account index by id, the slot hash, holder lists, the size counts, the liquidation index): a restore rebuilds
 * it. Cold path: used when a snapshot is taken or loaded and when the hash is printed.
 */
public final class StateCodec
{
    /**
     * Version of this layout; a snapshot of another version is refused. 3: sparse slots (only those not at their
     * defaults, with their instrument id), only defined instruments, 128-bit ledger totals, no largest quantity.
     * 4: the liquidation lifecycle (an instrument's fee rate and partial tier, the in-liquidation flags, the open
     * liquidation orders).
     */
    public static final int LAYOUT_VERSION = 4;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SYMBOL_LENGTH = 16;
    private static final int HEADER_LENGTH = 8 + 5 * 16 + 4 * 4;
    private static final int TIER_LENGTH = 8 + 4 + 8 + 8;
    private static final int INSTRUMENT_FIXED_LENGTH =
        4 + 1 + SYMBOL_LENGTH + 1 + 1 + 8 + 8 + 8 + 4 + 1 + 8 + 4 + 8 + 8 + 8 + 4;
    private static final int ACCOUNT_FIXED_LENGTH = 8 + 8 + 1 + 1 + 4;
    private static final int SLOT_LENGTH = 4 + 1 + 4 + 8 + 8 + 8 + 1 + 1;
    private static final int ORDER_LENGTH = 8 + 4 + 4 + 4 + 1 + 1 + 8 + 8 + 8 + 8;
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
    public static int length(final MarginStateView engine)
    {
        long length = HEADER_LENGTH;
        for (final Instrument instrument : engine.instrumentArray())
        {
            if (instrument.defined)
            {
                length += INSTRUMENT_FIXED_LENGTH + (long)instrument.tiers.count() * TIER_LENGTH;
            }
        }
        final Accounts accounts = engine.accountTable();
        final Slots slots = engine.slotTable();
        final Instrument[] instruments = engine.instrumentArray();
        for (int a = 0; a < accounts.count(); a++)
        {
            length += ACCOUNT_FIXED_LENGTH + (long)storedSlots(slots, instruments, a) * SLOT_LENGTH;
        }
        length += (long)engine.orders.open() * ORDER_LENGTH;
        if (length > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("state of " + length + " bytes does not fit one buffer");
        }
        return (int)length;
    }

    /**
     * Writes the state. Call it on the state machine's thread.
     *
     * @param engine the state machine.
     * @param buffer where to write; must hold {@link #length} bytes from the offset.
     * @param offset where to start.
     * @return bytes written.
     */
    public static int write(final MarginStateView engine, final MutableDirectBuffer buffer, final int offset)
    {
        final Instrument[] instruments = engine.instrumentArray();
        final Accounts accounts = engine.accountTable();
        final Slots slots = engine.slotTable();
        final Ledger ledger = engine.ledgerTable();
        int p = offset;
        p = putLong(buffer, p, engine.lastSequence());
        p = putWide(buffer, p, ledger.deposits);
        p = putWide(buffer, p, ledger.withdrawals);
        p = putWide(buffer, p, ledger.realizedPnl);
        p = putWide(buffer, p, ledger.fees);
        p = putWide(buffer, p, ledger.funding);
        int defined = 0;
        for (final Instrument instrument : instruments)
        {
            defined += instrument.defined ? 1 : 0;
        }
        p = putInt(buffer, p, instruments.length);
        p = putInt(buffer, p, defined);
        p = putInt(buffer, p, accounts.count());
        final LiquidationOrders orders = engine.orders;
        p = putInt(buffer, p, orders.open());
        for (final Instrument instrument : instruments)
        {
            if (instrument.defined)
            {
                p = writeInstrument(instrument, buffer, p);
            }
        }
        for (int a = 0; a < accounts.count(); a++)
        {
            p = putLong(buffer, p, accounts.idAt(a));
            p = putLong(buffer, p, accounts.crossWallet(a));
            buffer.putByte(p++, (byte)(accounts.crossMarginCall(a) ? 1 : 0));
            buffer.putByte(p++, (byte)(accounts.crossInLiquidation(a) ? 1 : 0));
            p = putInt(buffer, p, storedSlots(slots, instruments, a));
            for (int s = slots.firstOf(a); s != Slots.NONE; s = slots.nextOf(s))
            {
                if (!slots.isAtDefaults(s, instruments[slots.instrument(s)]))
                {
                    p = putInt(buffer, p, slots.instrument(s));
                    buffer.putByte(p++, (byte)(slots.isolated(s) ? 1 : 0));
                    p = putInt(buffer, p, slots.leverage[s]);
                    p = putLong(buffer, p, slots.size(s));
                    p = putLong(buffer, p, slots.cost(s));
                    p = putLong(buffer, p, slots.pool(s));
                    buffer.putByte(p++, (byte)(slots.marginCall(s) ? 1 : 0));
                    buffer.putByte(p++, (byte)(slots.inLiquidation(s) ? 1 : 0));
                }
            }
        }
        for (int h = orders.first(); h != LiquidationOrders.NONE; h = orders.next(h))
        {
            p = putLong(buffer, p, orders.sequence[h]);
            p = putInt(buffer, p, orders.index[h]);
            p = putInt(buffer, p, orders.account[h]);
            p = putInt(buffer, p, orders.instrument[h]);
            buffer.putByte(p++, (byte)(orders.isolated[h] ? 1 : 0));
            buffer.putByte(p++, (byte)(orders.sells(h) ? 1 : 0));
            p = putLong(buffer, p, orders.quantity[h]);
            p = putLong(buffer, p, orders.limit[h]);
            p = putLong(buffer, p, orders.filled[h]);
            p = putLong(buffer, p, orders.filledValue[h]);
        }
        return p - offset;
    }

    /** The account's slots that are not at their defaults: a stored slot at its defaults reads the same. */
    private static int storedSlots(final Slots slots, final Instrument[] instruments, final int accountIndex)
    {
        int count = 0;
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            count += slots.isAtDefaults(s, instruments[slots.instrument(s)]) ? 0 : 1;
        }
        return count;
    }

    /**
     * The state hash of a state written by {@link #write}: FNV-1a 64 of every byte but the leading sequence number,
     * so that an input that changes nothing (a rejected one) leaves it as it was, while the sequence is reported
     * beside it.
     *
     * @param buffer holding the state.
     * @param offset of its first byte (the sequence).
     * @param length of the state.
     * @return the hash.
     */
    public static long stateHash(final DirectBuffer buffer, final int offset, final int length)
    {
        return fnv1a64(buffer, offset + 8, length - 8);
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
        final Slots slots,
        final Ledger ledger,
        final LiquidationOrders orders)
    {
        final int end = offset + length;
        require(length >= HEADER_LENGTH, "state of " + length + " bytes is shorter than its header");
        int p = offset;
        final long sequence = buffer.getLong(p, ORDER);
        require(sequence >= 0, "negative sequence " + sequence);
        p += 8;
        p = getWide(buffer, p, ledger.deposits);
        p = getWide(buffer, p, ledger.withdrawals);
        p = getWide(buffer, p, ledger.realizedPnl);
        p = getWide(buffer, p, ledger.fees);
        p = getWide(buffer, p, ledger.funding);
        final int instrumentCount = buffer.getInt(p, ORDER);
        final int definedCount = buffer.getInt(p + 4, ORDER);
        final int accountCount = buffer.getInt(p + 8, ORDER);
        final int orderCount = buffer.getInt(p + 12, ORDER);
        p += 16;
        require(instrumentCount == instruments.length,
            "state has " + instrumentCount + " instruments, the engine's maxInstruments is " + instruments.length);
        require(definedCount >= 0 && definedCount <= instrumentCount,
            "state has " + definedCount + " defined instruments of " + instrumentCount);
        require(accountCount >= 1 && accountCount <= settings.maxAccounts(),
            "state has " + accountCount + " accounts, the engine holds from 1 to " + settings.maxAccounts());
        require(orderCount >= 0 && orderCount <= orders.capacity(), "state has " + orderCount +
            " open liquidation orders, the engine's maxOpenLiquidations is " + orders.capacity());
        require(orderCount == 0 || settings.liquidationMode() == LiquidationMode.MARKET, "state has " + orderCount +
            " open liquidation orders, the engine's liquidation mode is " + settings.liquidationMode());
        for (final Instrument instrument : instruments)
        {
            instrument.defined = false;
            instrument.tiers.clear();
            instrument.setMarkPrice(0);
            instrument.lastBuyTradeId = 0;
            instrument.lastSellTradeId = 0;
        }
        int previousId = -1;
        for (int n = 0; n < definedCount; n++)
        {
            require(p + INSTRUMENT_FIXED_LENGTH <= end, "state ends inside its instrument " + n);
            final int id = buffer.getInt(p, ORDER);
            require(id > previousId && id < instruments.length, "instrument id " + id + " out of order or range");
            previousId = id;
            p = readInstrument(instruments[id], buffer, p + 4, end);
        }
        accounts.reset();
        slots.reset();
        for (int a = 0; a < accountCount; a++)
        {
            require(p + ACCOUNT_FIXED_LENGTH <= end, "state ends inside account " + a);
            final long id = buffer.getLong(p, ORDER);
            require(a != 0 || id == settings.insuranceFundAccountId(),
                "the first account is " + id + ", not the insurance fund " + settings.insuranceFundAccountId());
            final int index = accounts.open(id);
            require(index == a, "account " + id + " appears twice");
            accounts.setCrossWallet(a, buffer.getLong(p + 8, ORDER));
            accounts.setCrossMarginCall(a, flag(buffer, p + 16));
            accounts.setCrossInLiquidation(a, flag(buffer, p + 17));
            final int slotCount = buffer.getInt(p + 18, ORDER);
            p += ACCOUNT_FIXED_LENGTH;
            require(slotCount >= 0 && slotCount <= instruments.length && p + (long)slotCount * SLOT_LENGTH <= end,
                "account " + id + " has " + slotCount + " slots");
            int previousInstrument = -1;
            for (int n = 0; n < slotCount; n++)
            {
                final int instrumentId = buffer.getInt(p, ORDER);
                require(instrumentId > previousInstrument && instrumentId < instruments.length &&
                    instruments[instrumentId].defined,
                    "account " + id + " has a slot of instrument " + instrumentId + " (undefined or out of order)");
                previousInstrument = instrumentId;
                require(slots.hasRoom(a), "state has more slots than the engine's maxPositions " +
                    settings.maxPositions());
                final int slot = slots.open(a, instruments[instrumentId]);
                final boolean isolated = flag(buffer, p + 4);
                require(!isolated || a != 0, "the insurance fund has an isolated slot");
                slots.setIsolated(slot, isolated);
                slots.leverage[slot] = buffer.getInt(p + 5, ORDER);
                slots.setSize(slot, buffer.getLong(p + 9, ORDER));
                slots.setCost(slot, buffer.getLong(p + 17, ORDER));
                slots.setPool(slot, buffer.getLong(p + 25, ORDER));
                slots.setMarginCall(slot, flag(buffer, p + 33));
                slots.setInLiquidation(slot, flag(buffer, p + 34));
                require(!slots.inLiquidation(slot) || isolated && slots.size(slot) != 0,
                    "account " + id + " has a slot in liquidation that is not an open isolated position");
                p += SLOT_LENGTH;
            }
        }
        p = readOrders(buffer, p, end, orderCount, instruments, accounts, slots, orders);
        require(inLiquidation(accounts, slots) == orderCount,
            "state has positions in liquidation without their liquidation order");
        require(p == end, "state of " + length + " bytes has " + (end - p) + " bytes after its last order");
        return sequence;
    }

    /** How many isolated slots and cross accounts are in liquidation: each has exactly one open order. */
    private static int inLiquidation(final Accounts accounts, final Slots slots)
    {
        int count = 0;
        for (int a = 0; a < accounts.count(); a++)
        {
            count += accounts.crossInLiquidation(a) ? 1 : 0;
            for (int s = slots.firstOf(a); s != Slots.NONE; s = slots.nextOf(s))
            {
                count += slots.inLiquidation(s) ? 1 : 0;
            }
        }
        return count;
    }

    /** The open orders, each of an account in liquidation (a cross account, or an isolated slot), ids increasing. */
    private static int readOrders(
        final DirectBuffer buffer, final int start, final int end, final int count, final Instrument[] instruments,
        final Accounts accounts, final Slots slots, final LiquidationOrders orders)
    {
        orders.clear();
        require(start + (long)count * ORDER_LENGTH <= end, "state ends inside its liquidation orders");
        int p = start;
        long previousSequence = 0;
        int previousIndex = 0;
        for (int n = 0; n < count; n++)
        {
            final long sequence = buffer.getLong(p, ORDER);
            final int index = buffer.getInt(p + 8, ORDER);
            final int account = buffer.getInt(p + 12, ORDER);
            final int instrument = buffer.getInt(p + 16, ORDER);
            final boolean isolated = flag(buffer, p + 20);
            final boolean sells = flag(buffer, p + 21);
            require(sequence > previousSequence || sequence == previousSequence && index > previousIndex,
                "liquidation order " + sequence + "/" + index + " out of order");
            require(index >= 1 && account > 0 && account < accounts.count() && instrument >= 0 &&
                instrument < instruments.length && instruments[instrument].defined,
                "liquidation order " + sequence + "/" + index + " names no account or instrument of the state");
            final int slot = slots.find(account, instrument);
            require(isolated ? slot != Slots.NONE && slots.inLiquidation(slot) : accounts.crossInLiquidation(account),
                "liquidation order " + sequence + "/" + index + " is of a position that is not in liquidation");
            final long quantity = buffer.getLong(p + 22, ORDER);
            final long filled = buffer.getLong(p + 38, ORDER);
            require(quantity > 0 && filled >= 0 && filled <= quantity,
                "liquidation order " + sequence + "/" + index + " has quantity " + quantity + ", filled " + filled);
            final int h = orders.add(sequence, index, account, instrument, isolated, sells, quantity,
                buffer.getLong(p + 30, ORDER));
            orders.filled[h] = filled;
            orders.filledValue[h] = buffer.getLong(p + 46, ORDER);
            previousSequence = sequence;
            previousIndex = index;
            p += ORDER_LENGTH;
        }
        return p;
    }

    private static int writeInstrument(final Instrument instrument, final MutableDirectBuffer buffer, final int start)
    {
        int p = putInt(buffer, start, instrument.id);
        buffer.putByte(p++, (byte)instrument.symbolLength);
        buffer.putBytes(p, instrument.symbol, 0, SYMBOL_LENGTH);
        p += SYMBOL_LENGTH;
        buffer.putByte(p++, (byte)instrument.priceDecimals);
        buffer.putByte(p++, (byte)instrument.qtyDecimals);
        p = putLong(buffer, p, instrument.tickSize);
        p = putLong(buffer, p, instrument.stepSize);
        p = putLong(buffer, p, instrument.valueFactor);
        p = putInt(buffer, p, instrument.defaultLeverage);
        buffer.putByte(p++, (byte)instrument.defaultMode.value());
        p = putLong(buffer, p, instrument.liquidationFeeRate);
        p = putInt(buffer, p, instrument.partialFromTier);
        p = putLong(buffer, p, instrument.markPrice);
        p = putLong(buffer, p, instrument.lastBuyTradeId);
        p = putLong(buffer, p, instrument.lastSellTradeId);
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
        instrument.defined = true;
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
        instrument.setValueFactor(buffer.getLong(p + 16, ORDER));
        instrument.defaultLeverage = buffer.getInt(p + 24, ORDER);
        p += 28;
        final byte mode = buffer.getByte(p++);
        require(mode == 0 || mode == 1, "instrument " + instrument.id + " has mode " + mode);
        instrument.defaultMode = MarginMode.get(mode);
        instrument.liquidationFeeRate = buffer.getLong(p, ORDER);
        instrument.partialFromTier = buffer.getInt(p + 8, ORDER);
        p += 12;
        require(instrument.liquidationFeeRate >= 0 && instrument.liquidationFeeRate <= FixedPoint.SCALE,
            "instrument " + instrument.id + " has a liquidation fee rate of " + instrument.liquidationFeeRate);
        instrument.setMarkPrice(buffer.getLong(p, ORDER));
        instrument.lastBuyTradeId = buffer.getLong(p + 8, ORDER);
        instrument.lastSellTradeId = buffer.getLong(p + 16, ORDER);
        p += 24;
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
        require(instrument.tiers.isValid(), "instrument " + instrument.id + " is defined with invalid tiers");
        require(instrument.partialFromTier >= 0 && instrument.partialFromTier <= tierCount,
            "instrument " + instrument.id + " is partial from tier " + instrument.partialFromTier);
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

    private static int putWide(final MutableDirectBuffer buffer, final int index, final WideSum value)
    {
        buffer.putLong(index, value.high(), ORDER);
        buffer.putLong(index + 8, value.low(), ORDER);
        return index + 16;
    }

    private static int getWide(final DirectBuffer buffer, final int index, final WideSum value)
    {
        value.set(buffer.getLong(index, ORDER), buffer.getLong(index + 8, ORDER));
        return index + 16;
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
