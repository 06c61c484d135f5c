package com.liqengine.margin;

import com.liqengine.liquidation.adl.AdlIndicators;
import com.liqengine.testing.Theories;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static com.liqengine.margin.EngineHarness.simpleTiers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADL indicators of a whole state ({@link MarginStateMachine#adlIndicators()}: each side ranked once and sorted)
 * against those of one position at a time ({@link MarginStateMachine#adlIndicator}: its side ranked for it, the
 * ranking the state views used before) on random books in market mode: longs and shorts of two instruments, isolated
 * and cross, random account ids (so that the ids' order is not the holders'), a share of positions copied from
 * another (same quantity, price, margin: ranks exactly equal, ordered by account id), marks moved so that some
 * positions lose (ranks below 0, equity gone: ranked last) and some are in liquidation (in no queue).
 */
class AdlIndicatorsTest
{
    private static final int EXAMPLES = 100;
    private static final int[] SEEN = new int[4];

    @Test
    void rankingEachSideOnceGivesEveryPositionTheIndicatorOfRankingItsSideForIt()
    {
        Theories.qt(EXAMPLES).forAll(Generate.longRange(1, Long.MAX_VALUE), Theories.between(1, 400),
            Theories.between(0, 100)).checkAssert(AdlIndicatorsTest::sameIndicators);
        // what the examples went through, over all of them: sides of many positions, equal ranks, a position in
        // liquidation, and every value (0: no position or in no queue, 1 to 5)
        System.out.printf("AdlIndicatorsTest: %d positions in sides of 50 or more, %d ranked as another, %d in "
            + "liquidation%n", SEEN[0], SEEN[1], SEEN[2]);
        assertThat(SEEN[0]).as("positions in sides of 50 or more").isGreaterThan(1_000);
        assertThat(SEEN[1]).as("positions ranked exactly as the one before them in their side").isGreaterThan(100);
        assertThat(SEEN[2]).as("positions in liquidation").isGreaterThan(0);
        assertThat(SEEN[3]).as("the indicator values seen, as bits").isEqualTo(0b111111);
    }

    private static void sameIndicators(final long seed, final int accounts, final int tiePercent)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EngineHarness h = new EngineHarness(new EngineSettings().maxInstruments(2).maxAccounts(accounts + 8)
            .maxPositions(2 * accounts + 8).fundFloor(0).liquidationMode(LiquidationMode.MARKET));
        final int x = h.define("X", simpleTiers(), "0", 0);
        final int y = h.define("Y", simpleTiers(), "0", 0);
        h.mark(x, "100");
        h.mark(y, "100");
        final List<Long> ids = new ArrayList<>();
        final List<long[]> drawn = new ArrayList<>();
        for (int a = 0; a < accounts; a++)
        {
            long id = 1 + random.nextInt(1_000_000);
            while (ids.contains(id))
            {
                id = 1 + random.nextInt(1_000_000);
            }
            ids.add(id);
            // quantity and price in hundredths, isolated leverage (0: cross), margin in % of the notional, side
            final long[] position = random.nextInt(100) < tiePercent && !drawn.isEmpty() ?
                drawn.get(random.nextInt(drawn.size())) :
                new long[] {1 + random.nextInt(5_000), 9_500 + random.nextInt(1_001),
                    random.nextBoolean() ? 0 : 2 + random.nextInt(11), 5 + random.nextInt(56), random.nextInt(2),
                    random.nextInt(2)};
            drawn.add(position);
            open(h, id, position[5] == 0 ? x : y, position);
        }
        for (int round = 0; round < 3; round++)
        {
            // marks about: some positions lose, some are liquidated (their orders stay open: in no queue)
            h.mark(x, decimal(9_000 + random.nextInt(2_001)));
            h.mark(y, decimal(9_000 + random.nextInt(2_001)));
            final AdlIndicators view = h.engine.adlIndicators();
            for (final long id : ids)
            {
                for (final int instrument : new int[] {x, y})
                {
                    final int one = h.engine.adlIndicator(id, instrument);
                    assertThat(view.ranked(id, instrument))
                        .as("account %d instrument %d (seed %d)", id, instrument, seed).isEqualTo(one);
                    SEEN[3] |= 1 << one;
                    if (one == 0 && h.engine.positionSize(id, instrument) != 0)
                    {
                        SEEN[2]++;
                    }
                }
            }
            count(h, ids, x);
            count(h, ids, y);
        }
        // an account that does not exist, instruments out of range
        assertThat(h.engine.adlIndicators().ranked(-1, x)).isZero();
        assertThat(h.engine.adlIndicators().ranked(ids.get(0), 2)).isZero();
        assertThat(h.engine.adlIndicators().ranked(ids.get(0), -1)).isZero();
    }

    /** Opens one position: a deposit, isolated at a leverage or cross, a fill at its price. */
    private static void open(final EngineHarness h, final long id, final int instrument, final long[] position)
    {
        final long notional = position[0] * position[1] / 100;
        h.deposit(id, decimal(notional * position[3] / 100 + 100));
        if (position[2] > 0)
        {
            h.isolated(id, instrument);
            h.leverage(id, instrument, (int)position[2]);
        }
        if (position[4] == 0)
        {
            h.buy(id, instrument, decimal(position[0]), decimal(position[1]));
        }
        else
        {
            h.sell(id, instrument, decimal(position[0]), decimal(position[1]));
        }
    }

    /**
     * Counts the positions in sides of 50 or more, and those that rank exactly as an earlier one of their side: each
     * account holds one position, so the same size, cost, wallet and pool rank alike.
     */
    private static void count(final EngineHarness h, final List<Long> ids, final int instrument)
    {
        final int[] sides = new int[2];
        final Set<List<Long>> alike = new HashSet<>();
        for (final long id : ids)
        {
            final long size = h.engine.positionSize(id, instrument);
            if (size != 0)
            {
                sides[size > 0 ? 1 : 0]++;
                if (!alike.add(List.of(size, h.engine.costBasis(id, instrument), h.engine.crossWallet(id),
                    h.engine.isolatedMargin(id, instrument))))
                {
                    SEEN[1]++;
                }
            }
        }
        for (final long id : ids)
        {
            final long size = h.engine.positionSize(id, instrument);
            if (size != 0 && sides[size > 0 ? 1 : 0] >= 50)
            {
                SEEN[0]++;
            }
        }
    }

    private static String decimal(final long hundredths)
    {
        return BigDecimal.valueOf(hundredths, 2).toPlainString();
    }
}
