package com.liqengine.margin;

import com.liqengine.account.Accounts;
import com.liqengine.account.Instrument;
import com.liqengine.account.RiskTiers;
import com.liqengine.account.SlotMaintenanceMargins;
import com.liqengine.account.Slots;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.state.StateCodec;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remembered maintenance margin is read back only for the notional and the tiers it was computed with: a new
 * notional, new tiers of a definition (which drops the instrument's entries) and the tiers of a restored state (which
 * clears them all) are computed again.
 *
 * <p>Tiers: {@link EngineHarness#simpleTiers()} (up to 10,000 at 1%), or the same table with 2% in the first tier.
 */
class SlotMaintenanceMarginsTest
{
    private static List<TierSpec> doubledTiers()
    {
        return List.of(
            tier("10000", 50, "0.02", "0"),
            tier("100000", 20, "0.025", "50"),
            tier("1000000", 10, "0.05", "2550"));
    }

    private static void load(final RiskTiers tiers, final List<TierSpec> specs)
    {
        tiers.clear();
        for (final TierSpec spec : specs)
        {
            tiers.add(spec.maxNotional(), spec.maxLeverage(), spec.maintenanceMarginRate(), spec.maintenanceAmount());
        }
    }

    @Test
    void aSlotIsComputedAgainForANewNotionalOrNewTiers()
    {
        final Instrument instrument = new Instrument(1);
        load(instrument.tiers, EngineHarness.simpleTiers());
        final Accounts accounts = new Accounts(4);
        for (long id = 0; id < 4; id++)
        {
            accounts.open(id);
        }
        final Slots slots = new Slots(accounts, 2, 8, 0);
        final SlotMaintenanceMargins margins = new SlotMaintenanceMargins(slots);
        slots.maintenanceMargins(margins);
        final int slot = slots.open(2, instrument);
        slots.setSize(slot, 5);

        // 5,000 × 1% = 50, twice
        assertThat(margins.maintenanceMargin(slot, instrument, amount("5000"))).isEqualTo(amount("50"));
        assertThat(margins.maintenanceMargin(slot, instrument, amount("5000"))).isEqualTo(amount("50"));
        // 6,000 × 1% = 60
        assertThat(margins.maintenanceMargin(slot, instrument, amount("6000"))).isEqualTo(amount("60"));
        // the same notional under 2% once the instrument's entries are dropped: 6,000 × 2% = 120, and back
        load(instrument.tiers, doubledTiers());
        margins.tiersChanged(instrument.id);
        assertThat(margins.maintenanceMargin(slot, instrument, amount("6000"))).isEqualTo(amount("120"));
        final RiskTiers simple = new RiskTiers();
        load(simple, EngineHarness.simpleTiers());
        instrument.tiers.copyFrom(simple);
        margins.tiersChanged(instrument.id);
        assertThat(margins.maintenanceMargin(slot, instrument, amount("6000"))).isEqualTo(amount("60"));
    }

    @Test
    void aRedefinitionAndARestoreReplaceWhatWasRemembered()
    {
        final EngineHarness oneRate = new EngineHarness();
        final EngineHarness twoRates = new EngineHarness();
        final int btc = oneRate.define("BTC", 2, 3, EngineHarness.simpleTiers());
        twoRates.define("BTC", 2, 3, doubledTiers());
        for (final EngineHarness harness : List.of(oneRate, twoRates))
        {
            harness.mark(btc, "50000");
            harness.deposit(1, "10000");
            // 0.1 × 50,000 = 5,000 notional, cross
            harness.buy(1, btc, "0.1", "50000");
        }
        // 5,000 × 1% = 50 and 5,000 × 2% = 100
        assertThat(oneRate.engine.maintenanceMargin(1, btc)).isEqualTo(amount("50"));
        assertThat(twoRates.engine.maintenanceMargin(1, btc)).isEqualTo(amount("100"));

        final byte[] state = new byte[StateCodec.length(oneRate.engine)];
        StateCodec.write(oneRate.engine, new UnsafeBuffer(state), 0);
        twoRates.engine.restore(new UnsafeBuffer(state), 0, state.length);
        assertThat(twoRates.engine.maintenanceMargin(1, btc)).isEqualTo(amount("50"));

        assertThat(oneRate.define(new InstrumentSpec(btc, "BTC", 2, 3, 1, 1, 20, MarginMode.CROSS, doubledTiers())))
            .extracting(OutputRecord::type).containsExactly("RequestAccepted");
        assertThat(oneRate.engine.maintenanceMargin(1, btc)).isEqualTo(amount("100"));
    }
}
