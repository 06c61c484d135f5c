package com.liqengine.account;

/**
 * The hot fields of every slot in one 64-byte record of eight longs: size, cost, pool, the band's low and high end
 * ({@link com.liqengine.index.LiquidationIndex}), the remembered maintenance margin and its notional
 * ({@link SlotMaintenanceMargins}), and a word packing the next slot of the account, the instrument and the flags.
 * A fill, a check and a band refresh read one line per slot instead of one per array (eight at 10M slots, each a
 * cache miss). Pre-sized; nothing is allocated once built.
 */
public final class SlotRecords
{
    public static final int SIZE = 0;
    static final int COST = 1;
    static final int POOL = 2;
    public static final int BAND_LOW = 3;
    public static final int BAND_HIGH = 4;
    static final int MAINTENANCE_NOTIONAL = 5;
    static final int MAINTENANCE = 6;
    /** Next of the account (bits 0-31), instrument (32-47), isolated, margin call, in liquidation (48-50). */
    public static final int LINKS = 7;
    /** Words per record, as a shift. */
    public static final int SHIFT = 3;
    /** Records per block: four lines, 256 bytes, inside one page (see {@link #PAD}). */
    public static final int BLOCK = 4;
    /**
     * Words before the first record: a long[]'s elements start 16 bytes into the array, and G1 places an array of
     * more than half a region at a region's start, so 30 words put every record of a large array on one line and
     * every block of {@link #BLOCK} records inside one 4 KB page.
     */
    public static final int PAD = 30;

    static final long NEXT_MASK = 0xFFFF_FFFFL;
    static final int INSTRUMENT_SHIFT = 32;
    static final long INSTRUMENT_MASK = 0xFFFFL;
    public static final long ISOLATED = 1L << 48;
    static final long MARGIN_CALL = 1L << 49;
    public static final long IN_LIQUIDATION = 1L << 50;

    private SlotRecords()
    {
    }

    /** The array of {@code capacity} records, rounded up to whole blocks. */
    static long[] allocate(final int capacity)
    {
        final int blocks = (capacity + BLOCK - 1) / BLOCK;
        return new long[PAD + (blocks * BLOCK << SHIFT)];
    }

    /** The instrument of a {@link #LINKS} word. */
    public static int instrument(final long links)
    {
        return (int)(links >>> INSTRUMENT_SHIFT & INSTRUMENT_MASK);
    }

    /** Where the slot's record starts. */
    public static int at(final int slot)
    {
        return PAD + (slot << SHIFT);
    }
}
