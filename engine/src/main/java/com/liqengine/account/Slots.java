package com.liqengine.account;

import com.liqengine.codec.MarginMode;

import java.util.Arrays;

/**
 * The (account, instrument) slots that are not at their defaults: open positions, isolated pools and settings
 * other than the instrument's defaults (docs/margin.md, section 3). A slot is an int handle into flat pre-sized
 * arrays; memory grows with what is stored, not with accounts × instruments. Each account's slots form a list in
 * instrument order, each instrument's open positions a list of holders, and a hash finds a slot from its
 * (account, instrument). Per instrument the open positions other than the fund's are counted by the bit length of
 * their size, which gives the largest capacity {@code 2^k − 1} among them at once (the bound a mark must keep,
 * section 1). Slots of a flat position at its defaults are forgotten and their handles reused. An account's slots
 * are kept together in blocks of records where there is room ({@link FreeBlocks}). Nothing is allocated once built.
 *
 * <p>Each instrument's list holds all its stored slots, flat ones with settings included: a redefinition visits
 * them to forget the ones at the old defaults, and funding and the full scan skip the flat ones.
 */
public final class Slots
{
    public static final int NONE = -1;
    private static final int BIT_LENGTHS = 64;

    private final int maxPositions;
    private final int fundIndex;
    private final Accounts accounts;
    private final SlotHash byKey;

    /**
     * Size, cost, pool, band, maintenance margin, next of the account (instrument order; next free for a free
     * slot), instrument and flags, one line per slot ({@link SlotRecords}). The flag "in liquidation" marks an
     * isolated position with an open liquidation order (docs/liquidation.md): never idle, never checked.
     */
    public final long[] records;
    public final int[] account;
    public final int[] leverage;

    private final int[] previousHolder;
    private final int[] nextHolder;
    /** The fund's slot of each instrument, or NONE. */
    private final int[] fundSlot;
    private final int[] firstHolder;
    private final int[] bitLengthCounts;
    private final long[] bitLengths;
    private SlotMaintenanceMargins maintenanceMargins;
    private final FreeBlocks free;
    private int userSlots;
    private int used;
    /** Slots forgotten so far (wraps): a caller holding a handle sees whether it may have been forgotten since. */
    private int releases;

    public Slots(final Accounts accounts, final int maxInstruments, final int maxPositions, final int fundIndex)
    {
        this.accounts = accounts;
        this.maxPositions = maxPositions;
        this.fundIndex = fundIndex;
        // the fund has a slot per instrument reserved: a takeover can never be refused for room
        final int capacity = maxPositions + maxInstruments;
        this.byKey = new SlotHash(capacity);
        this.records = SlotRecords.allocate(capacity);
        this.account = new int[capacity];
        this.leverage = new int[capacity];
        this.previousHolder = new int[capacity];
        this.nextHolder = new int[capacity];
        this.fundSlot = new int[maxInstruments];
        this.firstHolder = new int[maxInstruments];
        this.bitLengthCounts = new int[maxInstruments * BIT_LENGTHS];
        this.bitLengths = new long[maxInstruments];
        this.free = new FreeBlocks(capacity);
        reset();
    }

    /** The cache whose entry of a slot is forgotten when the slot's position opens. */
    public void maintenanceMargins(final SlotMaintenanceMargins margins)
    {
        this.maintenanceMargins = margins;
    }

    /** Capacity of the handle arrays: {@code maxPositions} plus the fund's reserve. */
    public int capacity()
    {
        return account.length;
    }

    /** Slots in use, the fund's included. */
    public int used()
    {
        return used;
    }

    /** Forgets every slot (cold path, before a restore, after {@link Accounts#reset}: it forgets their lists). */
    public void reset()
    {
        byKey.clear();
        Arrays.fill(firstHolder, NONE);
        Arrays.fill(fundSlot, NONE);
        Arrays.fill(bitLengthCounts, 0);
        Arrays.fill(bitLengths, 0);
        free.reset();
        userSlots = 0;
        used = 0;
    }

    /** The stored slot of (account, instrument), or {@link #NONE}: it then reads as the instrument's defaults. */
    public int find(final int accountIndex, final int instrumentId)
    {
        return byKey.get(accounts.idAt(accountIndex), instrumentId);
    }

    /**
     * The stored slot of (account id, instrument), or {@link #NONE}; needs no account index, so a fill can look it
     * up while the account's index is looked up.
     */
    public int findById(final long accountId, final int instrumentId)
    {
        return byKey.get(accountId, instrumentId);
    }

    /**
     * How many slots were forgotten so far (wrapping): unchanged between two reads means a handle stored at the
     * first is still stored at the second.
     */
    public int releases()
    {
        return releases;
    }

    /** Whether a new slot of the account can be stored ({@code maxPositions}; the fund always can). */
    public boolean hasRoom(final int accountIndex)
    {
        return accountIndex == fundIndex || userSlots < maxPositions;
    }

    /**
     * Stores a slot at the instrument's defaults (check {@link #hasRoom} first).
     *
     * @return its handle.
     */
    public int open(final int accountIndex, final Instrument instrumentOf)
    {
        // its place in the account's list first: the new slot goes into the block of a neighbour there if it can
        int previous = NONE;
        int following = accounts.firstSlot(accountIndex);
        while (following != NONE && instrument(following) < instrumentOf.id)
        {
            previous = following;
            following = nextOf(following);
        }
        final int slot = free.take(previous, following);
        used++;
        if (accountIndex != fundIndex)
        {
            userSlots++;
        }
        else
        {
            fundSlot[instrumentOf.id] = slot;
        }
        account[slot] = accountIndex;
        final int at = SlotRecords.at(slot);
        records[at + SlotRecords.SIZE] = 0;
        records[at + SlotRecords.COST] = 0;
        records[at + SlotRecords.POOL] = 0;
        records[at + SlotRecords.LINKS] =
            links(NONE, instrumentOf.id, isDefaultIsolated(accountIndex, instrumentOf) ? SlotRecords.ISOLATED : 0);
        leverage[slot] = instrumentOf.defaultLeverage;
        setNext(slot, following);
        if (previous == NONE)
        {
            accounts.setFirstSlot(accountIndex, slot);
        }
        else
        {
            setNext(previous, slot);
        }
        linkHolder(slot, instrumentOf.id);
        byKey.put(accounts.idAt(accountIndex), instrumentOf.id, slot);
        return slot;
    }

    /**
     * Whether a stored slot's position is in liquidation (docs/liquidation.md): an isolated slot with its order
     * open, or a cross slot of a cross account with one.
     */
    public boolean isInLiquidation(final int slot)
    {
        return isolated(slot) ? inLiquidation(slot) : accounts.crossInLiquidation(account[slot]);
    }

    /** {@link #isInLiquidation(int)} of a slot that may not be stored ({@link #NONE}): its default mode decides. */
    public boolean isInLiquidation(final int accountIndex, final int slot, final Instrument instrumentOf)
    {
        if (slot != NONE)
        {
            return isInLiquidation(slot);
        }
        return !isDefaultIsolated(accountIndex, instrumentOf) && accounts.crossInLiquidation(accountIndex);
    }

    /** The default mode of (account, instrument): the fund is always cross. */
    public boolean isDefaultIsolated(final int accountIndex, final Instrument instrumentOf)
    {
        return accountIndex != fundIndex && instrumentOf.defaultMode == MarginMode.ISOLATED;
    }

    /** Whether the slot reads exactly as the instrument's defaults (docs/margin.md, section 3). */
    public boolean isAtDefaults(final int slot, final Instrument instrumentOf)
    {
        return size(slot) == 0 && pool(slot) == 0 && !marginCall(slot) && !inLiquidation(slot) &&
            isolated(slot) == isDefaultIsolated(account[slot], instrumentOf) &&
            leverage[slot] == instrumentOf.defaultLeverage;
    }

    /**
     * Forgets the slot when it is at its defaults; call once nothing refers to it any more (its band removed).
     *
     * @return true when forgotten.
     */
    public boolean releaseIfIdle(final int slot, final Instrument instrumentOf)
    {
        // a slot the liquidation index still lists is kept: its next owner would inherit the heap entry
        if (!isAtDefaults(slot, instrumentOf) || records[SlotRecords.at(slot) + SlotRecords.BAND_HIGH] != 0)
        {
            return false;
        }
        final int accountIndex = account[slot];
        int previous = NONE;
        int at = accounts.firstSlot(accountIndex);
        while (at != slot)
        {
            previous = at;
            at = nextOf(at);
        }
        if (previous == NONE)
        {
            accounts.setFirstSlot(accountIndex, nextOf(slot));
        }
        else
        {
            setNext(previous, nextOf(slot));
        }
        byKey.remove(accounts.idAt(accountIndex), instrumentOf.id);
        unlinkHolder(slot, instrumentOf.id);
        free.release(slot);
        used--;
        releases++;
        if (accountIndex != fundIndex)
        {
            userSlots--;
        }
        else
        {
            fundSlot[instrumentOf.id] = NONE;
        }
        return true;
    }

    /**
     * Sets a slot's size, keeping the instrument's holders, the size counts and the account's open cross
     * positions in step. Every change of a size goes through here.
     */
    public void setSize(final int slot, final long newSize)
    {
        final int at = SlotRecords.at(slot);
        final long oldSize = records[at + SlotRecords.SIZE];
        if (oldSize == newSize)
        {
            return;
        }
        final int instrumentId = instrument(slot);
        final int accountIndex = account[slot];
        records[at + SlotRecords.SIZE] = newSize;
        if (oldSize == 0)
        {
            maintenanceMargins.forget(slot);
            if (!isolated(slot))
            {
                accounts.addOpenCross(accountIndex, 1);
            }
        }
        else if (newSize == 0)
        {
            if (!isolated(slot))
            {
                accounts.addOpenCross(accountIndex, -1);
            }
        }
        if (accountIndex != fundIndex)
        {
            count(instrumentId, oldSize, -1);
            count(instrumentId, newSize, 1);
        }
    }

    /**
     * The largest capacity {@code 2^k − 1} among the open positions of the instrument other than the fund's
     * (docs/margin.md, section 1), 0 when there are none.
     */
    public long largestCapacity(final int instrumentId)
    {
        final long lengths = bitLengths[instrumentId];
        if (lengths == 0)
        {
            return 0;
        }
        final int bitLength = 63 - Long.numberOfLeadingZeros(lengths);
        return bitLength == 63 ? Long.MAX_VALUE : (1L << bitLength) - 1;
    }

    /** The capacity of a size: {@code 2^k − 1} for the least k with {@code |size| < 2^k}. */
    public static long capacityOf(final long size)
    {
        final long magnitude = Math.abs(size);
        final int bitLength = 64 - Long.numberOfLeadingZeros(magnitude);
        return bitLength >= 63 ? Long.MAX_VALUE : (1L << bitLength) - 1;
    }

    /** The insurance fund's slot of the instrument, or {@link #NONE}. */
    public int fundSlot(final int instrumentId)
    {
        return fundSlot[instrumentId];
    }

    public int firstOf(final int accountIndex)
    {
        return accounts.firstSlot(accountIndex);
    }

    public int nextOf(final int slot)
    {
        return (int)records[SlotRecords.at(slot) + SlotRecords.LINKS];
    }

    public long size(final int slot)
    {
        return records[SlotRecords.at(slot) + SlotRecords.SIZE];
    }

    public long cost(final int slot)
    {
        return records[SlotRecords.at(slot) + SlotRecords.COST];
    }

    public long pool(final int slot)
    {
        return records[SlotRecords.at(slot) + SlotRecords.POOL];
    }

    public int instrument(final int slot)
    {
        return SlotRecords.instrument(records[SlotRecords.at(slot) + SlotRecords.LINKS]);
    }

    public boolean isolated(final int slot)
    {
        return (records[SlotRecords.at(slot) + SlotRecords.LINKS] & SlotRecords.ISOLATED) != 0;
    }

    public boolean marginCall(final int slot)
    {
        return (records[SlotRecords.at(slot) + SlotRecords.LINKS] & SlotRecords.MARGIN_CALL) != 0;
    }

    /** An isolated position with an open liquidation order (docs/liquidation.md): never idle, never checked. */
    public boolean inLiquidation(final int slot)
    {
        return (records[SlotRecords.at(slot) + SlotRecords.LINKS] & SlotRecords.IN_LIQUIDATION) != 0;
    }

    public void setCost(final int slot, final long cost)
    {
        records[SlotRecords.at(slot) + SlotRecords.COST] = cost;
    }

    public void setPool(final int slot, final long pool)
    {
        records[SlotRecords.at(slot) + SlotRecords.POOL] = pool;
    }

    public void setIsolated(final int slot, final boolean isolated)
    {
        setFlag(slot, SlotRecords.ISOLATED, isolated);
    }

    public void setMarginCall(final int slot, final boolean called)
    {
        setFlag(slot, SlotRecords.MARGIN_CALL, called);
    }

    public void setInLiquidation(final int slot, final boolean inLiquidation)
    {
        setFlag(slot, SlotRecords.IN_LIQUIDATION, inLiquidation);
    }

    private void setFlag(final int slot, final long flag, final boolean on)
    {
        final int at = SlotRecords.at(slot) + SlotRecords.LINKS;
        records[at] = on ? records[at] | flag : records[at] & ~flag;
    }

    private void setNext(final int slot, final int next)
    {
        final int at = SlotRecords.at(slot) + SlotRecords.LINKS;
        records[at] = (records[at] & ~SlotRecords.NEXT_MASK) | (next & SlotRecords.NEXT_MASK);
    }

    private static long links(final int next, final int instrumentId, final long flags)
    {
        return (next & SlotRecords.NEXT_MASK) | ((long)instrumentId << SlotRecords.INSTRUMENT_SHIFT) | flags;
    }

    public int openCross(final int accountIndex)
    {
        return accounts.openCross(accountIndex);
    }

    /** The first stored slot of the instrument (open or flat); follow with {@link #nextHolder}. */
    public int firstHolder(final int instrumentId)
    {
        return firstHolder[instrumentId];
    }

    public int nextHolder(final int slot)
    {
        return nextHolder[slot];
    }

    private void linkHolder(final int slot, final int instrumentId)
    {
        final int first = firstHolder[instrumentId];
        previousHolder[slot] = NONE;
        nextHolder[slot] = first;
        if (first != NONE)
        {
            previousHolder[first] = slot;
        }
        firstHolder[instrumentId] = slot;
    }

    private void unlinkHolder(final int slot, final int instrumentId)
    {
        final int previous = previousHolder[slot];
        final int next = nextHolder[slot];
        if (previous == NONE)
        {
            firstHolder[instrumentId] = next;
        }
        else
        {
            nextHolder[previous] = next;
        }
        if (next != NONE)
        {
            previousHolder[next] = previous;
        }
        previousHolder[slot] = NONE;
        nextHolder[slot] = NONE;
    }

    private void count(final int instrumentId, final long sizeValue, final int delta)
    {
        if (sizeValue == 0)
        {
            return;
        }
        final int bitLength = 64 - Long.numberOfLeadingZeros(Math.abs(sizeValue));
        final int at = instrumentId * BIT_LENGTHS + bitLength;
        final int count = bitLengthCounts[at] + delta;
        bitLengthCounts[at] = count;
        if (count == 0)
        {
            bitLengths[instrumentId] &= ~(1L << bitLength);
        }
        else
        {
            bitLengths[instrumentId] |= 1L << bitLength;
        }
    }

    /**
     * The free handles, by blocks of {@link SlotRecords#BLOCK} records (one 256-byte run of lines inside a page): a
     * slot is taken from the block of a neighbour in its account's list when that block has room, else from an
     * empty block, else from any block with room. An account's slots then mostly share a block, and the walks over
     * them read lines that one read of the block has already asked for ({@link Liquidator#prefetch}), instead of a
     * chain of misses at random places. O(1) per take and release (amortized): a block is listed at most once in
     * each of two stacks, the empty and the partly free blocks, and an entry that no longer holds is dropped when
     * found at the top. Which handle a slot gets never shows in an output.
     */
    private static final class FreeBlocks
    {
        private static final int ALL_FREE = (1 << SlotRecords.BLOCK) - 1;
        private static final byte IN_EMPTY = 1;
        private static final byte IN_PARTLY = 2;

        private final int capacity;
        /** Per block, bit r set when handle {@code BLOCK × block + r} is free (handles beyond capacity never are). */
        private final byte[] freeMask;
        /** Per block, the stacks it is listed in. */
        private final byte[] listed;
        private final int[] empty;
        private final int[] partly;
        private int emptyCount;
        private int partlyCount;

        FreeBlocks(final int capacity)
        {
            this.capacity = capacity;
            final int blocks = (capacity + SlotRecords.BLOCK - 1) / SlotRecords.BLOCK;
            this.freeMask = new byte[blocks];
            this.listed = new byte[blocks];
            this.empty = new int[blocks];
            this.partly = new int[blocks];
        }

        /** Every handle free; the lowest blocks are taken first. */
        void reset()
        {
            emptyCount = 0;
            partlyCount = 0;
            Arrays.fill(listed, (byte)0);
            for (int b = freeMask.length - 1; b >= 0; b--)
            {
                final int inBlock = Math.min(SlotRecords.BLOCK, capacity - b * SlotRecords.BLOCK);
                freeMask[b] = (byte)((1 << inBlock) - 1);
                if (freeMask[b] == ALL_FREE)
                {
                    push(b, IN_EMPTY);
                }
                else
                {
                    push(b, IN_PARTLY);
                }
            }
        }

        /**
         * A free handle, in the block of {@code previous} or {@code following} (slots of the account, or
         * {@link #NONE}) when one has room; the caller has checked that a handle is free.
         */
        int take(final int previous, final int following)
        {
            if (previous != NONE && freeMask[previous / SlotRecords.BLOCK] != 0)
            {
                return takeFrom(previous / SlotRecords.BLOCK);
            }
            if (following != NONE && freeMask[following / SlotRecords.BLOCK] != 0)
            {
                return takeFrom(following / SlotRecords.BLOCK);
            }
            while (emptyCount > 0)
            {
                final int block = empty[--emptyCount];
                listed[block] &= ~IN_EMPTY;
                if (freeMask[block] == ALL_FREE)
                {
                    // the rest of it is free for the account's next slots, or for anyone's once empty blocks run out
                    if ((listed[block] & IN_PARTLY) == 0)
                    {
                        push(block, IN_PARTLY);
                    }
                    return takeFrom(block);
                }
            }
            while (true)
            {
                final int block = partly[partlyCount - 1];
                if (freeMask[block] != 0)
                {
                    return takeFrom(block);
                }
                partlyCount--;
                listed[block] &= ~IN_PARTLY;
            }
        }

        void release(final int slot)
        {
            final int block = slot / SlotRecords.BLOCK;
            freeMask[block] |= 1 << (slot % SlotRecords.BLOCK);
            if (freeMask[block] == ALL_FREE && (listed[block] & IN_EMPTY) == 0)
            {
                push(block, IN_EMPTY);
            }
            if ((listed[block] & IN_PARTLY) == 0)
            {
                push(block, IN_PARTLY);
            }
        }

        private int takeFrom(final int block)
        {
            final int mask = freeMask[block];
            final int r = Integer.numberOfTrailingZeros(mask);
            freeMask[block] = (byte)(mask & (mask - 1));
            return block * SlotRecords.BLOCK + r;
        }

        private void push(final int block, final byte stack)
        {
            listed[block] |= stack;
            if (stack == IN_EMPTY)
            {
                empty[emptyCount++] = block;
            }
            else
            {
                partly[partlyCount++] = block;
            }
        }
    }
}
