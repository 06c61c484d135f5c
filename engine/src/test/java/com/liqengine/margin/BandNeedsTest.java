package com.liqengine.margin;

import com.liqengine.account.BandNeeds;
import com.liqengine.account.MarginMath;
import com.liqengine.account.SlotRecords;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cross account's stored bands need of its budgets ({@link BandNeeds}, added up by
 * {@link MarginMath#crossTotals}): the sum of rate × distance to the farther end over its open cross positions (an
 * uncalled short's lower end left out), and when the refresh walk may not be skipped. That skipping it changes no
 * output is {@link IndexedChecksProperties}' (the indexed engine against the full scan).
 */
class BandNeedsTest
{
    private final EngineHarness h = new EngineHarness();
    private final int x = h.define("X", 2, 2, EngineHarness.simpleTiers());
    private final int y = h.define("Y", 2, 2, EngineHarness.simpleTiers());
    private final int z = h.define("Z", 2, 2, EngineHarness.simpleTiers());

    @Test
    void coveredOnlyWhenFreshForTheSameFlagAndWithinTheSmallerBudget()
    {
        final BandNeeds needs = new BandNeeds();
        needs.total = 100;
        assertThat(needs.coveredBy(100, 150, false)).isTrue();
        assertThat(needs.coveredBy(150, 100, false)).isTrue();
        assertThat(needs.coveredBy(99, 150, false)).isFalse();
        assertThat(needs.coveredBy(150, 99, false)).isFalse();
        // added up for an uncalled account: not valid once it is called (its shorts' lower ends did not count)
        assertThat(needs.coveredBy(150, 150, true)).isFalse();
        needs.called = true;
        assertThat(needs.coveredBy(150, 150, true)).isTrue();
        needs.stale = true;
        assertThat(needs.coveredBy(Long.MAX_VALUE, Long.MAX_VALUE, true)).isFalse();
    }

    @Test
    void theSumTakesALongsFartherEndAndAnUncalledShortsHighEnd()
    {
        h.deposit(1, "1000");
        h.buy(1, x, "1", "100");
        h.sell(1, y, "2", "100");
        h.buy(1, z, "3", "100");
        final int account = h.engine.accounts.indexOf(1);
        h.engine.math.crossTotals(account);
        final BandNeeds needs = h.engine.math.bandNeeds;
        assertThat(needs.stale).isFalse();
        assertThat(needs.called).isFalse();
        // X long 1, Y short 2, Z long 3 (100 quantity units each), all at mark 100.00 (10,000 price units)
        final long mark = h.price(x, "100");
        final long expected =
            need(account, x, mark, false) + need(account, y, mark, true) + need(account, z, mark, false);
        assertThat(needs.total).isEqualTo(expected).isPositive();
        // the bands were set from budgets split three ways: together they need no more than the smaller budget
        final long equity = h.engine.math.crossEquity.clamped();
        final long maintenance = h.engine.math.crossMaintenance.clamped();
        assertThat(needs.total).isLessThanOrEqualTo(equity - maintenance - 1);
    }

    @Test
    void aBandThatIsMissingOrAFlatSlotsBandStillListedIsStale()
    {
        h.deposit(1, "1000");
        h.buy(1, x, "1", "100");
        h.sell(1, y, "2", "100");
        final int account = h.engine.accounts.indexOf(1);
        final long[] records = h.engine.slots.records;
        final int atX = SlotRecords.at(h.engine.slots.find(account, x));
        final int atY = SlotRecords.at(h.engine.slots.find(account, y));

        final long high = records[atX + SlotRecords.BAND_HIGH];
        records[atX + SlotRecords.BAND_HIGH] = 0;
        h.engine.math.crossTotals(account);
        assertThat(h.engine.math.bandNeeds.stale).as("open position without a band").isTrue();
        records[atX + SlotRecords.BAND_HIGH] = high;
        h.engine.math.crossTotals(account);
        assertThat(h.engine.math.bandNeeds.stale).isFalse();

        // a band that no longer holds the mark
        final long low = records[atX + SlotRecords.BAND_LOW];
        records[atX + SlotRecords.BAND_LOW] = h.price(x, "100") + 1;
        h.engine.math.crossTotals(account);
        assertThat(h.engine.math.bandNeeds.stale).as("band above the mark").isTrue();
        records[atX + SlotRecords.BAND_LOW] = low;

        // a flat slot whose band is still listed
        final long size = records[atY + SlotRecords.SIZE];
        records[atY + SlotRecords.SIZE] = 0;
        h.engine.math.crossTotals(account);
        assertThat(h.engine.math.bandNeeds.stale).as("flat slot with a band").isTrue();
        records[atY + SlotRecords.SIZE] = size;
    }

    /** rate × distance of the slot's stored band, by docs/index.md's rates. */
    private long need(final int account, final int instrument, final long mark, final boolean uncalledShort)
    {
        final int slot = h.engine.slots.find(account, instrument);
        final long[] records = h.engine.slots.records;
        final long low = records[SlotRecords.at(slot) + SlotRecords.BAND_LOW];
        final long high = records[SlotRecords.at(slot) + SlotRecords.BAND_HIGH];
        final long perUnit = Math.abs(h.engine.slots.size(slot)) * h.engine.math.marks.valueFactor[instrument];
        assertThat(low).isLessThanOrEqualTo(mark);
        assertThat(high).isGreaterThanOrEqualTo(mark);
        return uncalledShort ? 2 * perUnit * (high - mark) : perUnit * Math.max(mark - low, high - mark);
    }
}
