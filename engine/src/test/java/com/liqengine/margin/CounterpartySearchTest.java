package com.liqengine.margin;

import com.liqengine.api.OutputRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

import static com.liqengine.margin.EngineHarness.simpleTiers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ADL search ({@link com.liqengine.liquidation.adl.CounterpartySearch}) in random books: isolated and cross
 * positions at random entry prices and margins, cross accounts holding a second instrument (keys from price bands),
 * marks moved about before each gap. Every counterparty the search hands out is checked against ranking all holders by
 * the engine itself ({@code liqengine.adl.verifySearch}, set for the tests in the engine's pom), which throws on a
 * difference.
 */
class CounterpartySearchTest
{
    private static final String READ_LIMIT = "liqengine.adl.readLimit";
    private static final long VICTIM = 1_000_000;

    private EngineHarness h;
    private int x;
    private int y;

    @AfterEach
    void clearReadLimit()
    {
        System.clearProperty(READ_LIMIT);
    }

    private void engine(final int accounts)
    {
        h = new EngineHarness(new EngineSettings().maxInstruments(2).maxAccounts(accounts + 8)
            .maxPositions(2 * accounts + 8).fundFloor(0));
        x = h.define("X", simpleTiers(), "0", 0);
        y = h.define("Y", simpleTiers(), "0", 0);
        h.mark(x, "100");
        h.mark(y, "100");
    }

    private static String decimal(final long hundredths)
    {
        return BigDecimal.valueOf(hundredths, 2).toPlainString();
    }

    /**
     * Account {@code a}: short X at 97 to 105 (or long at 95 to 103: at most 3% lost at 100), isolated at 2x to 12x or
     * cross with 10% to 60% of the notional, a third of the cross ones also holding Y.
     */
    private void position(final SplittableRandom random, final long a, final boolean shortX)
    {
        final long quantity = 1 + random.nextInt(5_000);
        final long price = (shortX ? 9_700 : 9_500) + random.nextInt(801);
        final long notional = quantity * price / 100;
        final String q = decimal(quantity);
        final String p = decimal(price);
        if (random.nextBoolean())
        {
            final int leverage = 2 + random.nextInt(11);
            h.deposit(a, decimal(notional / leverage + notional / 5 + 100));
            h.isolated(a, x);
            h.leverage(a, x, leverage);
        }
        else
        {
            h.deposit(a, decimal(notional * (10 + random.nextInt(51)) / 100 + 100));
            if (random.nextInt(3) == 0)
            {
                final long other = 1 + random.nextInt(2_000);
                h.deposit(a, decimal(other));
                if (random.nextBoolean())
                {
                    h.buy(a, y, decimal(other), "100");
                }
                else
                {
                    h.sell(a, y, decimal(other), "100");
                }
            }
        }
        if (shortX)
        {
            h.sell(a, x, q, p);
        }
        else
        {
            h.buy(a, x, q, p);
        }
    }

    /**
     * A 10x isolated victim of {@code quantity} hundredths on one side of X, a gap of 12% through its bankruptcy
     * price, and the mark back; returns the AutoDeleveraged outputs of the gap.
     */
    private long gap(final boolean victimLong, final long quantity, final String back)
    {
        h.deposit(VICTIM, decimal(quantity * 100 + 10_000));
        h.isolated(VICTIM, x);
        h.leverage(VICTIM, x, 10);
        if (victimLong)
        {
            h.buy(VICTIM, x, decimal(quantity), back);
        }
        else
        {
            h.sell(VICTIM, x, decimal(quantity), back);
        }
        final BigDecimal mark = new BigDecimal(back);
        final BigDecimal through = victimLong ? mark.multiply(new BigDecimal("0.88")) :
            mark.multiply(new BigDecimal("1.12"));
        final List<OutputRecord> out = h.mark(x, through.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        final long closes = out.stream().filter(o -> o.type().equals("AutoDeleveraged")).count();
        h.mark(x, back);
        return closes;
    }

    @Test
    void theSearchGivesTheCounterpartiesOfRankingAllHoldersInRandomBooks()
    {
        assertThat(Boolean.getBoolean("liqengine.adl.verifySearch")).as("the engine checks every search").isTrue();
        long closes = 0;
        for (int seed = 1; seed <= 6; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            engine(400);
            for (long a = 1; a <= 400; a++)
            {
                position(random, a, random.nextInt(3) != 0);
            }
            for (int round = 0; round < 8; round++)
            {
                // marks about, so that bands (and the cross positions' keys) are refreshed
                h.mark(y, decimal(9_000 + random.nextInt(2_001)));
                final String back = decimal(9_700 + random.nextInt(601));
                h.mark(x, back);
                // a victim small enough for one close, or large enough to go through many counterparties
                closes += gap(random.nextBoolean(), random.nextBoolean() ? 10 : 50_000 + random.nextInt(200_000), back);
                assertThat(h.ledgerGap()).isZero();
            }
        }
        assertThat(closes).as("AutoDeleveraged outputs").isGreaterThan(100);
    }

    /**
     * Between ADLs positions are closed (their slots released, then re-used by other accounts, maybe on the other
     * side), flipped, opened, and cross accounts' other instrument and wallets move: the keys these refreshes left
     * waiting are brought up to date by the next search of each side, which must still hand out exactly the
     * counterparties of ranking all holders.
     */
    @Test
    void theKeysLeftWaitingBetweenAdlsAreBroughtUpToDateByTheNextSearch()
    {
        long closes = 0;
        long churned = 0;
        for (int seed = 11; seed <= 14; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            engine(300);
            for (long a = 1; a <= 300; a++)
            {
                position(random, a, random.nextInt(3) != 0);
            }
            for (int round = 0; round < 10; round++)
            {
                for (int op = 0; op < 60; op++)
                {
                    churned += churn(random, 1 + random.nextInt(300)) ? 1 : 0;
                }
                h.mark(y, decimal(9_000 + random.nextInt(2_001)));
                final String back = decimal(9_700 + random.nextInt(601));
                h.mark(x, back);
                closes += gap(random.nextBoolean(), random.nextBoolean() ? 10 : 50_000 + random.nextInt(200_000), back);
                assertThat(h.ledgerGap()).isZero();
            }
        }
        assertThat(churned).as("changes applied between the ADLs").isGreaterThan(1_000);
        assertThat(closes).as("AutoDeleveraged outputs").isGreaterThan(50);
    }

    /**
     * When more of a side's positions wait than a sixteenth of its entries, the search keys the side anew in bulk (one
     * pass over the holders, a sort, the tree built from it); fewer are keyed one by one. In fresh books (the first
     * ADL of a side keys it in bulk), a second ADL of the same side after a few changes or after most accounts
     * changed must hand out exactly the counterparties of ranking all holders (checked by the engine on every close).
     */
    @Test
    void aSideKeyedAnewInBulkGivesTheCounterpartiesOfRankingAllHolders()
    {
        long closes = 0;
        int bulk = 0;
        int oneByOne = 0;
        for (int seed = 21; seed <= 36; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            engine(600);
            for (long a = 1; a <= 600; a++)
            {
                position(random, a, random.nextBoolean());
            }
            final boolean victimLong = random.nextBoolean();
            final String first = decimal(9_700 + random.nextInt(601));
            h.mark(x, first);
            final long built = h.engine.adlRebuilds();
            closes += gap(victimLong, 200_000 + random.nextInt(200_000), first);
            assertThat(h.engine.adlRebuilds() - built).as("the first ADL of a side keys it in bulk").isPositive();
            // a few changes (fewer than a sixteenth of a side wait), or most accounts changed
            final boolean most = seed % 2 == 0;
            final int changes = most ? 500 : 1 + random.nextInt(10);
            for (int op = 0; op < changes; op++)
            {
                churn(random, 1 + random.nextInt(600));
            }
            if (most)
            {
                h.mark(y, decimal(9_000 + random.nextInt(2_001)));
            }
            final String back = decimal(9_700 + random.nextInt(601));
            h.mark(x, back);
            final long rebuiltBefore = h.engine.adlRebuilds();
            final long oneByOneBefore = h.engine.adlKeyedOneByOne();
            final long second = gap(victimLong, 200_000 + random.nextInt(200_000), back);
            assertThat(h.ledgerGap()).isZero();
            closes += second;
            if (second > 0)
            {
                bulk += most && h.engine.adlRebuilds() > rebuiltBefore ? 1 : 0;
                oneByOne += !most && h.engine.adlKeyedOneByOne() > oneByOneBefore ? 1 : 0;
            }
        }
        assertThat(bulk).as("second ADLs after most accounts changed that keyed their side in bulk").isGreaterThan(4);
        assertThat(oneByOne).as("second ADLs after a few changes that keyed them one by one").isGreaterThan(4);
        assertThat(closes).as("AutoDeleveraged outputs").isGreaterThan(100);
    }

    /**
     * One change of account {@code a} at the marks (sizes and prices are hundredths): close X, flip X, open or add to
     * X, trade Y, or move its wallet; whether it was applied.
     */
    private boolean churn(final SplittableRandom random, final long a)
    {
        final long size = h.engine.positionSize(a, x);
        final String held = decimal(Math.abs(size));
        final String at = decimal(h.engine.markPrice(x));
        final List<OutputRecord> out;
        switch (random.nextInt(5))
        {
            case 0 -> out = size == 0 ? null : size > 0 ? h.sell(a, x, held, at) : h.buy(a, x, held, at);
            case 1 ->
            {
                h.deposit(a, decimal(Math.abs(size) + 1_000));
                final String twice = decimal(2 * Math.abs(size));
                out = size == 0 ? null : size > 0 ? h.sell(a, x, twice, at) : h.buy(a, x, twice, at);
            }
            case 2 ->
            {
                h.deposit(a, decimal(20_000));
                final String q = decimal(1 + random.nextInt(3_000));
                out = random.nextBoolean() ? h.buy(a, x, q, at) : h.sell(a, x, q, at);
            }
            case 3 ->
            {
                final String q = decimal(1 + random.nextInt(1_000));
                final String atY = decimal(h.engine.markPrice(y));
                out = random.nextBoolean() ? h.buy(a, y, q, atY) : h.sell(a, y, q, atY);
            }
            default -> out = random.nextBoolean() ? h.deposit(a, decimal(1 + random.nextInt(5_000))) :
                h.withdraw(a, decimal(1 + random.nextInt(2_000)));
        }
        return out != null && out.stream().noneMatch(o -> o.type().equals("RequestRejected"));
    }

    @Test
    void anAdlOfOnePositionRanksAFewOfManyHolders()
    {
        final SplittableRandom random = new SplittableRandom(7);
        engine(5_000);
        for (long a = 1; a <= 5_000; a++)
        {
            position(random, a, true);
        }
        assertThat(h.fund()).as("no takeover building the book").isZero();
        final long before = h.engine.adlPositionsRanked();
        final long closes = gap(true, 10, "100");
        final long ranked = h.engine.adlPositionsRanked() - before;
        assertThat(closes).isEqualTo(2);
        assertThat(ranked).as("positions ranked of 5,000 shorts").isPositive().isLessThan(100);
    }

    @Test
    void pastItsReadLimitTheSearchHandsOverToTheWalk()
    {
        System.setProperty(READ_LIMIT, "3");
        final SplittableRandom random = new SplittableRandom(3);
        engine(300);
        for (long a = 1; a <= 300; a++)
        {
            position(random, a, true);
        }
        final long before = h.engine.adlPositionsRanked();
        final long closes = gap(true, 200_000, "100");
        // a deep ADL: many counterparties, found by the search until it reads 3, then by the walk (checked alike)
        assertThat(closes).isGreaterThan(6);
        assertThat(h.engine.adlPositionsRanked() - before).isGreaterThanOrEqualTo(300);
        assertThat(h.ledgerGap()).isZero();
    }

    /**
     * Exact ties: 1,200 shorts at one entry price with the same margin per unit (cross accounts holding only that
     * position, wallets of 5% of the notional: each ranks exactly as the others at any mark), their account ids in
     * an order unrelated to their slots, among shorts at the same price with a little less margin (ranked a little
     * higher, not exactly alike) and with twice the margin. The ranking gives the tied ones by account id: the search
     * must hand them out in that order (the engine checks every close against ranking all holders), reading each
     * only when it is handed out rather than all of them first.
     */
    @Test
    void exactTiesAreHandedOutByAccountIdReadingOnlyThoseHandedOut()
    {
        final SplittableRandom random = new SplittableRandom(41);
        engine(2_000);
        final long[] ids = new long[2_000];
        for (int n = 0; n < ids.length; n++)
        {
            ids[n] = n + 1;
        }
        for (int n = ids.length - 1; n > 0; n--)
        {
            final int pick = random.nextInt(n + 1);
            final long swap = ids[n];
            ids[n] = ids[pick];
            ids[pick] = swap;
        }
        for (int n = 0; n < ids.length; n++)
        {
            // 1 to 40 units at 100: notional 100 to 4,000, wallet 5% (tied), a cent less (8 of them), or 10%
            final long units = 1 + random.nextInt(40);
            final long wallet = n % 5 == 4 ? units * 1_000 : n % 250 == 1 ? units * 500 - 1 : units * 500;
            h.deposit(ids[n], decimal(wallet));
            h.sell(ids[n], x, decimal(units * 100), "100");
        }
        assertThat(h.fund()).as("no takeover building the book").isZero();
        long before = h.engine.adlPositionsRanked();
        assertThat(gap(true, 10, "100")).isEqualTo(2);
        final long one = h.engine.adlPositionsRanked() - before;
        // the eight ranked above the tie, its first, and the positions of the buckets above the next one
        assertThat(one).as("positions ranked for one close among 1,200 exact ties").isLessThan(100);
        before = h.engine.adlPositionsRanked();
        final long closes = gap(true, 100_000, "100");
        final long deep = h.engine.adlPositionsRanked() - before;
        assertThat(closes).as("AutoDeleveraged outputs of a deeper ADL").isGreaterThan(60);
        System.out.println("exact ties: ranked " + one + " for one close, " + deep + " for " + closes / 2 + " closes");
        assertThat(deep).as("positions ranked for it").isLessThan(closes / 2 + 100);
        assertThat(h.ledgerGap()).isZero();
    }
}
