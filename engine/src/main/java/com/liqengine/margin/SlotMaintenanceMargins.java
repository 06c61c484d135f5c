package com.liqengine.margin;

/**
 * The maintenance margin of every slot at the notional it was last computed for: a check or band refresh of an
 * account whose position in an instrument has the same notional as last time (same size, same mark) reads it back
 * instead of finding the tier and multiplying again. A fill changes one slot, so the account's other slots are
 * read back. Not part of the state: an entry holds only for the tiers it was computed with and for the position it
 * was computed for, so a slot's entry is forgotten when its position opens, and an instrument's holders' entries
 * are dropped the first time its tiers are found changed (a definition or a restore). Pre-sized; nothing is
 * allocated once built.
 */
final class SlotMaintenanceMargins
{
    /** Notional of an entry that holds nothing: notionals are never negative. */
    private static final long EMPTY = -1;

    private final Slots slots;
    /** The slots' records: each holds its entry, the notional and its maintenance margin ({@link SlotRecords}). */
    private final long[] records;
    /** Per instrument, the version of its tiers the entries were computed with. */
    private final int[] tiersVersions;

    SlotMaintenanceMargins(final Slots slots, final int maxInstruments)
    {
        this.slots = slots;
        this.records = slots.records;
        this.tiersVersions = new int[maxInstruments];
        clear();
    }

    /**
     * Maintenance margin of a slot at a notional (docs/margin.md, section 3).
     *
     * @param slot the slot.
     * @param instrument its instrument.
     * @param notional the slot's absolute notional at the current mark.
     * @return {@code ceil(N × mmr / R) − cum} of the notional's tier.
     */
    long maintenanceMargin(final int slot, final Instrument instrument, final long notional)
    {
        final RiskTiers tiers = instrument.tiers;
        if (tiers.version() != tiersVersions[instrument.id])
        {
            drop(instrument.id, tiers.version());
        }
        final int at = SlotRecords.at(slot) + SlotRecords.MAINTENANCE_NOTIONAL;
        if (records[at] == notional)
        {
            return records[at + 1];
        }
        final long maintenance = tiers.maintenanceMargin(notional);
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
    void clear()
    {
        for (int s = 0; s < slots.capacity(); s++)
        {
            forget(s);
        }
    }

    /** The entries of the instrument's open positions: the others are forgotten when they open. */
    private void drop(final int instrumentId, final int version)
    {
        for (int s = slots.firstHolder(instrumentId); s != Slots.NONE; s = slots.nextHolder(s))
        {
            forget(s);
        }
        tiersVersions[instrumentId] = version;
    }
}
