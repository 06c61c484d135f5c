package com.liqengine.account;

/**
 * The maintenance margin of every slot at the notional it was last computed for: a check or band refresh of an
 * account whose position in an instrument has the same notional as last time (same size, same mark) reads it back
 * instead of finding the tier and multiplying again. A fill changes one slot, so the account's other slots are
 * read back. Not part of the state: an entry holds only for the tiers it was computed with and for the position it
 * was computed for, so a slot's entry is forgotten when its position opens, an instrument's holders' entries are
 * dropped when its tiers change ({@link #tiersChanged}: a definition), and every entry on a restore
 * ({@link #clear}). A read therefore checks only the notional, not the tiers: a check walks one record per slot and
 * nothing else of its instrument. Pre-sized; nothing is allocated once built.
 */
public final class SlotMaintenanceMargins
{
    /** Notional of an entry that holds nothing: notionals are never negative. */
    private static final long EMPTY = -1;

    private final Slots slots;
    /** The slots' records: each holds its entry, the notional and its maintenance margin ({@link SlotRecords}). */
    private final long[] records;

    public SlotMaintenanceMargins(final Slots slots)
    {
        this.slots = slots;
        this.records = slots.records;
        clear();
    }

    /**
     * Maintenance margin of a slot at a notional (docs/margin.md, section 3).
     *
     * @param slot the slot.
     * @param instrument its instrument (its tiers are read only when the entry does not hold).
     * @param notional the slot's absolute notional at the current mark.
     * @return {@code ceil(N × mmr / R) − cum} of the notional's tier.
     */
    public long maintenanceMargin(final int slot, final Instrument instrument, final long notional)
    {
        final int at = SlotRecords.at(slot) + SlotRecords.MAINTENANCE_NOTIONAL;
        if (records[at] == notional)
        {
            return records[at + 1];
        }
        return compute(slot, instrument, notional);
    }

    /**
     * Computes the maintenance margin of a slot whose entry does not hold the notional, and remembers it: for a walk
     * that reads the entry from the record it already holds ({@link MarginMath#crossTotals}).
     */
    long compute(final int slot, final Instrument instrument, final long notional)
    {
        final long maintenance = instrument.tiers.maintenanceMargin(notional);
        final int at = SlotRecords.at(slot) + SlotRecords.MAINTENANCE_NOTIONAL;
        records[at] = notional;
        records[at + 1] = maintenance;
        return maintenance;
    }

    /** Forgets a slot's entry: its position just opened (the handle may have held another one). */
    void forget(final int slot)
    {
        records[SlotRecords.at(slot) + SlotRecords.MAINTENANCE_NOTIONAL] = EMPTY;
    }

    /** Forgets every entry (a restore). */
    public void clear()
    {
        for (int s = 0; s < slots.capacity(); s++)
        {
            forget(s);
        }
    }

    /**
     * Forgets the entries of the instrument's stored slots: its tiers were just replaced. A slot not stored has
     * none, and a flat stored slot's is forgotten anyway when its position opens. O(the instrument's holders).
     */
    public void tiersChanged(final int instrumentId)
    {
        for (int s = slots.firstHolder(instrumentId); s != Slots.NONE; s = slots.nextHolder(s))
        {
            forget(s);
        }
    }
}
