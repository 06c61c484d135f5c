package com.liqengine.margin;

import com.liqengine.account.RiskTiers;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.api.TierSpec;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.liqengine.margin.EngineHarness.amount;
import static com.liqengine.margin.EngineHarness.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Risk tiers (docs/margin.md, section 2): the tier of a notional is the first with {@code N ≤ cap}; maintenance
 * margin {@code ceil(N × mmr) − cum}, continuous at every boundary; the validity rules of a table, enforced when
 * an instrument is defined ({@code INVALID_TIERS}); leverage limits per tier.
 *
 * <p>The table is {@link EngineHarness#simpleTiers()}: caps 10,000 / 100,000 / 1,000,000, leverage 50 / 20 / 10,
 * mmr 1% / 2.5% / 5%, cum 0 / 150 / 2,650.
 */
class RiskTiersTest
{
    private static final long UNIT = 1;

    private static RiskTiers tiers(final List<TierSpec> specs)
    {
        final RiskTiers tiers = new RiskTiers();
        for (final TierSpec spec : specs)
        {
            tiers.add(spec.maxNotional(), spec.maxLeverage(), spec.maintenanceMarginRate(), spec.maintenanceAmount());
        }
        return tiers;
    }

    private final RiskTiers simple = tiers(EngineHarness.simpleTiers());

    @Test
    void everyNotionalNearEveryCapOfAFullTableIsInTheFirstTierWhoseCapHoldsIt()
    {
        // sixteen increasing caps of irregular spacing (tierOf counts the caps below the notional)
        final RiskTiers full = new RiskTiers();
        final long[] caps = new long[RiskTiers.MAX_TIERS];
        long cap = 7;
        for (int t = 0; t < RiskTiers.MAX_TIERS; t++)
        {
            cap = cap * 3 + t;
            caps[t] = cap;
            full.add(cap, 1, 1, 0);
        }
        for (int t = 0; t < RiskTiers.MAX_TIERS; t++)
        {
            for (long notional = Math.max(0, caps[t] - 2); notional <= caps[t] + 2; notional++)
            {
                int first = RiskTiers.MAX_TIERS - 1;
                for (int u = RiskTiers.MAX_TIERS - 2; u >= 0; u--)
                {
                    first = notional <= caps[u] ? u : first;
                }
                assertThat(full.tierOf(notional)).as("notional %d", notional).isEqualTo(first);
            }
        }
        assertThat(full.tierOf(0)).isZero();
        assertThat(full.tierOf(Long.MAX_VALUE)).isEqualTo(RiskTiers.MAX_TIERS - 1);
    }

    @Test
    void aNotionalEqualToACapBelongsToThatTier()
    {
        assertThat(simple.isValid()).isTrue();
        assertThat(simple.tierOf(0)).isZero();
        assertThat(simple.tierOf(amount("10000"))).isZero();
        assertThat(simple.tierOf(amount("10000") + UNIT)).isEqualTo(1);
        assertThat(simple.tierOf(amount("100000"))).isEqualTo(1);
        assertThat(simple.tierOf(amount("100000") + UNIT)).isEqualTo(2);
        assertThat(simple.tierOf(amount("1000000"))).isEqualTo(2);
        // above the last cap: the last tier
        assertThat(simple.tierOf(amount("1000000") + UNIT)).isEqualTo(2);
        assertThat(simple.tierOf(amount("2000000000"))).isEqualTo(2);
    }

    @Test
    void maintenanceMarginIsNotionalTimesRateMinusMaintenanceAmount()
    {
        // 5,000 × 1% − 0 = 50
        assertThat(simple.maintenanceMargin(amount("5000"))).isEqualTo(amount("50"));
        // at the first cap, still tier 0: 10,000 × 1% = 100
        assertThat(simple.maintenanceMargin(amount("10000"))).isEqualTo(amount("100"));
        // 50,000 × 2.5% − 150 = 1,100
        assertThat(simple.maintenanceMargin(amount("50000"))).isEqualTo(amount("1100"));
        // at the second cap: 100,000 × 2.5% − 150 = 2,350
        assertThat(simple.maintenanceMargin(amount("100000"))).isEqualTo(amount("2350"));
        // 400,000 × 5% − 2,650 = 17,350
        assertThat(simple.maintenanceMargin(amount("400000"))).isEqualTo(amount("17350"));
        // above the last cap the last tier goes on: 2,000,000 × 5% − 2,650 = 97,350
        assertThat(simple.maintenanceMargin(amount("2000000"))).isEqualTo(amount("97350"));
    }

    @Test
    void maintenanceMarginIsContinuousOneUnitAboveEachCap()
    {
        // 10,000.00000001 × 2.5% = 250.00000000025, rounded up to 250.00000001; − 150 = 100.00000001
        assertThat(simple.maintenanceMargin(amount("10000") + UNIT)).isEqualTo(amount("100.00000001"));
        // 100,000.00000001 × 5% = 5,000.0000000005 → 5,000.00000001; − 2,650 = 2,350.00000001
        assertThat(simple.maintenanceMargin(amount("100000") + UNIT)).isEqualTo(amount("2350.00000001"));
    }

    @Test
    void maintenanceMarginRoundsUp()
    {
        // 0.00000001 × 1% = 0.0000000001 → 0.00000001
        assertThat(simple.maintenanceMargin(UNIT)).isEqualTo(UNIT);
        // 123.45678901 × 1% = 1.2345678901 → 1.23456790
        assertThat(simple.maintenanceMargin(amount("123.45678901"))).isEqualTo(amount("1.2345679"));
        // exact: 123.45678900 × 1% = 1.23456789
        assertThat(simple.maintenanceMargin(amount("123.456789"))).isEqualTo(amount("1.23456789"));
    }

    @Test
    void maximumLeveragePerTier()
    {
        assertThat(simple.maxLeverage(0)).isEqualTo(50);
        assertThat(simple.maxLeverage(amount("10000"))).isEqualTo(50);
        assertThat(simple.maxLeverage(amount("10000") + UNIT)).isEqualTo(20);
        assertThat(simple.maxLeverage(amount("100000") + UNIT)).isEqualTo(10);
        assertThat(simple.maxLeverage(amount("5000000"))).isEqualTo(10);
    }

    @Test
    void publishedBinanceTablesAreConsistent()
    {
        // e.g. BTC tier 3: cum 1,300 + 1,000,000 × (2.5% − 1%) = 16,300
        assertThat(tiers(EngineHarness.btcTiers()).isValid()).isTrue();
        assertThat(tiers(EngineHarness.ethTiers()).isValid()).isTrue();
    }

    @Test
    void aMaintenanceAmountOffByOneUnitIsInvalid()
    {
        // cum_1 must be 10,000 × (2.5% − 1%) = 150 exactly
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("100000", 20, "0.025", "149.99999999")))
            .isValid()).isFalse();
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("100000", 20, "0.025", "150.00000001")))
            .isValid()).isFalse();
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("100000", 20, "0.025", "150"))).isValid())
            .isTrue();
        // cum_2 = 150 + 100,000 × (5% − 2.5%) = 2,650; 2,500 (forgetting cum_1) is wrong
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("100000", 20, "0.025", "150"),
            tier("1000000", 10, "0.05", "2500"))).isValid()).isFalse();
        // the first tier's cum must be 0
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "1"))).isValid()).isFalse();
    }

    @Test
    void aMaintenanceAmountThatIsNotExactIsInvalid()
    {
        // 1.00000001 × (1.5% − 1%) = 0.005000000005: not a whole unit, so no cum makes MM continuous
        assertThat(tiers(List.of(tier("1.00000001", 50, "0.01", "0"), tier("10", 20, "0.015", "0.005")))
            .isValid()).isFalse();
        assertThat(tiers(List.of(tier("1.00000001", 50, "0.01", "0"), tier("10", 20, "0.015", "0.00500001")))
            .isValid()).isFalse();
        // 1.000002 × 0.5% = 0.00500001 exactly: valid with that cum
        assertThat(tiers(List.of(tier("1.000002", 50, "0.01", "0"), tier("10", 20, "0.015", "0.00500001")))
            .isValid()).isTrue();
    }

    @Test
    void capsMustBePositiveAndStrictlyAscending()
    {
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("10000", 20, "0.01", "0"))).isValid())
            .isFalse();
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("5000", 20, "0.01", "0"))).isValid())
            .isFalse();
        assertThat(tiers(List.of(tier("0", 50, "0.01", "0"))).isValid()).isFalse();
        // same rate in both tiers is allowed (cum stays 0)
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("20000", 20, "0.01", "0"))).isValid())
            .isTrue();
    }

    @Test
    void ratesMustBeInsideZeroAndOneAndNonDecreasing()
    {
        assertThat(tiers(List.of(tier("10000", 50, "0", "0"))).isValid()).isFalse();
        assertThat(tiers(List.of(tier("10000", 50, "1", "0"))).isValid()).isFalse();
        assertThat(tiers(List.of(tier("10000", 50, "0.99999999", "0"))).isValid()).isTrue();
        // 10,000 × (0.5% − 1%) = −50
        assertThat(tiers(List.of(tier("10000", 50, "0.01", "0"), tier("20000", 20, "0.005", "-50"))).isValid())
            .isFalse();
    }

    @Test
    void leverageMustBeAtLeastOneAndNonIncreasing()
    {
        assertThat(tiers(List.of(tier("10000", 0, "0.01", "0"))).isValid()).isFalse();
        assertThat(tiers(List.of(tier("10000", 20, "0.01", "0"), tier("20000", 25, "0.01", "0"))).isValid())
            .isFalse();
        assertThat(tiers(List.of(tier("10000", 20, "0.01", "0"), tier("20000", 20, "0.01", "0"))).isValid())
            .isTrue();
    }

    @Test
    void theEngineRejectsAnInconsistentTableWithInvalidTiers()
    {
        final EngineHarness h = new EngineHarness();
        final OutputRecord rejection = h.assertRejected(RejectReason.INVALID_TIERS, () -> h.define(spec(0,
            List.of(tier("10000", 50, "0.01", "0"), tier("100000", 20, "0.025", "149")))));
        assertThat(rejection.get("requestTemplateId")).isEqualTo(10);
        assertThat(rejection.get("instrumentId")).isZero();
        assertThat(h.engine.hasInstrument(0)).isFalse();

        // caps not ascending
        h.assertRejected(RejectReason.INVALID_TIERS, () -> h.define(spec(0,
            List.of(tier("10000", 50, "0.01", "0"), tier("9000", 20, "0.01", "0")))));
        // no tiers at all, or more than 16
        h.assertRejected(RejectReason.INVALID_TIERS, () -> h.define(spec(0, List.of())));
        final List<TierSpec> seventeen = new ArrayList<>();
        for (int t = 1; t <= 17; t++)
        {
            seventeen.add(tier(Integer.toString(t * 1000), 10, "0.01", "0"));
        }
        h.assertRejected(RejectReason.INVALID_TIERS, () -> h.define(spec(0, seventeen)));
        assertThat(h.engine.hasInstrument(0)).isFalse();

        // 16 tiers are fine
        assertThat(EngineHarness.types(h.define(spec(0, seventeen.subList(0, 16))))).containsExactly("RequestAccepted");
        assertThat(h.engine.instrument(0).tiers().count()).isEqualTo(16);
    }

    @Test
    void aRejectedRedefinitionKeepsTheOldTiers()
    {
        final EngineHarness h = new EngineHarness();
        assertThat(EngineHarness.types(h.define(spec(0, EngineHarness.simpleTiers()))))
            .containsExactly("RequestAccepted");
        h.assertRejected(RejectReason.INVALID_TIERS, () -> h.define(spec(0,
            List.of(tier("20000", 50, "0.02", "0"), tier("100000", 20, "0.03", "199")))));
        assertThat(h.engine.instrument(0).tiers().maintenanceMargin(amount("50000"))).isEqualTo(amount("1100"));

        // a consistent replacement is accepted and used: 20,000 × (3% − 2%) = 200
        assertThat(EngineHarness.types(h.define(spec(0,
            List.of(tier("20000", 50, "0.02", "0"), tier("100000", 20, "0.03", "200"))))))
            .containsExactly("RequestAccepted");
        // 50,000 × 3% − 200 = 1,300
        assertThat(h.engine.instrument(0).tiers().maintenanceMargin(amount("50000"))).isEqualTo(amount("1300"));
    }

    @Test
    void leverageAboveTheTierOfTheNotionalIsRejected()
    {
        final EngineHarness h = new EngineHarness();
        final int x = h.define("X", 2, 2, EngineHarness.simpleTiers());
        h.deposit(1, "100000");
        // flat: tier 0, at most 50x
        h.assertRejected(RejectReason.LEVERAGE_ABOVE_TIER_LIMIT, () -> h.leverage(1, x, 51));
        assertThat(EngineHarness.types(h.leverage(1, x, 50))).containsExactly("RequestAccepted");
        h.leverage(1, x, 10);
        // long 200 at 100: notional 20,000 is in tier 1 (at most 20x)
        h.buy(1, x, "200", "100");
        h.assertRejected(RejectReason.LEVERAGE_ABOVE_TIER_LIMIT, () -> h.leverage(1, x, 21));
        assertThat(EngineHarness.types(h.leverage(1, x, 20))).containsExactly("RequestAccepted");
        // the mark falls to 50: notional 10,000 is back in tier 0 (cap included), so 50x is allowed again
        h.mark(x, "50");
        assertThat(EngineHarness.types(h.leverage(1, x, 50))).containsExactly("RequestAccepted");
        assertThat(h.engine.leverage(1, x)).isEqualTo(50);
    }

    @Test
    void aDefaultLeverageAboveTheFirstTierIsOutOfRange()
    {
        final EngineHarness h = new EngineHarness();
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.define(new InstrumentSpec(
            0, "X", 2, 2, 1, 1, 51, MarginMode.CROSS, EngineHarness.simpleTiers())));
        h.assertRejected(RejectReason.OUT_OF_RANGE, () -> h.define(new InstrumentSpec(
            0, "X", 2, 2, 1, 1, 0, MarginMode.CROSS, EngineHarness.simpleTiers())));
        assertThat(EngineHarness.types(h.define(new InstrumentSpec(
            0, "X", 2, 2, 1, 1, 50, MarginMode.CROSS, EngineHarness.simpleTiers()))))
            .containsExactly("RequestAccepted");
    }

    private static InstrumentSpec spec(final int id, final List<TierSpec> tiers)
    {
        return new InstrumentSpec(id, "X", 2, 2, 1, 1, 1, MarginMode.CROSS, tiers);
    }
}
