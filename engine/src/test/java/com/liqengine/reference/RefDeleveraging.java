package com.liqengine.reference;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Auto-deleveraging, written from docs/liquidation.md ("Auto-deleveraging"): each takeover records what it cost
 * the fund ({@code D}) and, when {@code D > 0}, the ADL price of each position it took; after the input, while
 * the fund's equity is below its floor, the recorded positions are closed against the other accounts' opposite
 * positions, best rank first, then the accounts closed against are checked and what those checks take over is
 * deleveraged in turn. Amounts are exact; the ranks are the contract's {@code double} arithmetic. With a floor, the
 * fund's order to unwind each position it took waits for the round's ADL and asks for what ADL left of it
 * (docs/liquidation.md, "The fund's unwind order").
 */
final class RefDeleveraging
{
    /** {@code D} and {@code N} are clamped to 2^62 units. */
    private static final BigInteger CLAMP = BigInteger.ONE.shiftLeft(62);

    /**
     * A position a takeover gave the fund, with its ADL price (none when the takeover did not cost the fund), what is
     * left of it after ADL, and the price of the fund's order to unwind it.
     */
    static final class Recorded
    {
        final RefInstrument instrument;
        /** The side the fund took: long closes against shorts. */
        final boolean fundLong;
        final boolean adl;
        final long price;
        BigDecimal left;
        long orderPrice;

        Recorded(final RefInstrument instrument, final boolean fundLong, final boolean adl, final long price,
            final BigDecimal left)
        {
            this.instrument = instrument;
            this.fundLong = fundLong;
            this.adl = adl;
            this.price = price;
            this.left = left;
        }
    }

    /** A counterparty's position in the queue and its rank. */
    private record Ranked(RefAccount account, RefPosition slot, double rank)
    {
    }

    /** Best rank first, ties: the lower account id first. */
    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingDouble((Ranked r) -> r.rank).reversed()
        .thenComparingLong(r -> r.account.id);

    private final List<RefAccount> accounts;
    private final RefLedger ledger;
    private final RefOutputs outputs;
    private final RefFills fills;
    private final BigDecimal floor;
    private final int maxRecorded;
    private final List<Recorded> recorded = new ArrayList<>();

    /**
     * @param floor the fund floor; null: no ADL (nothing is recorded).
     * @param maxRecorded {@code maxOpenLiquidations}: most positions recorded per round.
     */
    RefDeleveraging(
        final List<RefAccount> accounts, final RefLedger ledger, final RefOutputs outputs, final BigDecimal floor,
        final int maxRecorded)
    {
        this.accounts = accounts;
        this.ledger = ledger;
        this.outputs = outputs;
        this.fills = new RefFills(ledger, outputs);
        this.floor = floor;
        this.maxRecorded = maxRecorded;
    }

    private RefAccount fund()
    {
        return accounts.get(0);
    }

    /** A new input: nothing recorded yet. */
    void begin()
    {
        recorded.clear();
    }

    // ------------------------------------------------------------------ 1. what a takeover cost the fund

    /**
     * An isolated takeover of signed {@code taken} for {@code paid = Cr − Br}: {@code D = paid − value(taken, M)}.
     *
     * @return the position recorded, or null (no floor, or the round full): pass it to {@link #fundOrder}.
     */
    Recorded recordIsolated(final RefInstrument instrument, final BigDecimal taken, final BigDecimal paid)
    {
        final BigDecimal value = instrument.value(taken, instrument.mark);
        return record(List.of(instrument), List.of(taken), paid.subtract(value), value.abs()).get(0);
    }

    /**
     * A cross takeover of the account's cross positions ({@code sizes} in {@code instruments}), with the account's
     * cross equity {@code W + ΣU} before it: {@code D = −(W + ΣU)}.
     *
     * @return per position, the one recorded or null.
     */
    List<Recorded> recordCross(
        final List<RefInstrument> instruments, final List<BigDecimal> sizes, final BigDecimal equity)
    {
        BigDecimal notional = BigDecimal.ZERO;
        for (int k = 0; k < instruments.size(); k++)
        {
            notional = notional.add(instruments.get(k).value(sizes.get(k), instruments.get(k).mark).abs());
        }
        return record(instruments, sizes, equity.negate(), notional);
    }

    /**
     * With a floor, every position is recorded, at most {@code maxOpenLiquidations} per round; with {@code D > 0}
     * each gets its ADL price: the fund long {@code ceil(M + ceil(M × D / N))} to the tick, the fund short
     * {@code floor(M − ceil(M × D / N))} to the tick, at least one tick.
     */
    private List<Recorded> record(
        final List<RefInstrument> instruments, final List<BigDecimal> sizes, final BigDecimal cost,
        final BigDecimal notional)
    {
        final List<Recorded> positions = new ArrayList<>();
        final boolean adl = cost.signum() > 0;
        for (int k = 0; k < instruments.size(); k++)
        {
            if (floor == null || recorded.size() == maxRecorded)
            {
                positions.add(null);
                continue;
            }
            final RefInstrument instrument = instruments.get(k);
            final boolean fundLong = sizes.get(k).signum() > 0;
            long price = 0;
            if (adl)
            {
                final BigInteger d = RefMath.exactUnits(cost).min(CLAMP);
                final BigInteger n = RefMath.exactUnits(notional).min(CLAMP);
                final BigInteger mark = BigInteger.valueOf(instrument.priceUnits(instrument.mark));
                final BigInteger move = ceilDiv(mark.multiply(d), n);
                final BigInteger tick = BigInteger.valueOf(instrument.tickSize);
                price = (fundLong ?
                    ceilDiv(mark.add(move), tick).multiply(tick) :
                    floorDiv(mark.subtract(move), tick).multiply(tick)).max(tick).longValueExact();
            }
            final Recorded position = new Recorded(instrument, fundLong, adl, price, sizes.get(k).abs());
            recorded.add(position);
            positions.add(position);
        }
        return positions;
    }

    /**
     * The fund's order to unwind {@code size} it took at {@code price}: sent now when the position was not recorded,
     * else after the round's ADL ({@link #afterInput}).
     */
    void fundOrder(final Recorded position, final RefInstrument instrument, final BigDecimal size, final long price)
    {
        if (position == null)
        {
            outputs.liquidationOrder(fund().id, instrument, size, price);
        }
        else
        {
            position.orderPrice = price;
        }
    }

    // ------------------------------------------------------------------ 2. to 5.

    /**
     * After the input's checks: while takeovers recorded positions and the fund's equity is below the floor, the
     * shortfall is worked off; a shortfall left is reported; every account closed against is checked, and what
     * those checks take over is deleveraged in turn.
     */
    void afterInput(final RefLiquidator liquidator)
    {
        while (!recorded.isEmpty())
        {
            final List<Recorded> round = new ArrayList<>(recorded);
            recorded.clear();
            final List<Ranked> closedAgainst = new ArrayList<>();
            final BigDecimal equity = fundEquity();
            if (round.stream().anyMatch(position -> position.adl) && RefMath.above(floor, equity))
            {
                BigDecimal shortfall = floor.subtract(equity);
                for (final Recorded position : round)
                {
                    if (position.adl)
                    {
                        shortfall = workOff(position, shortfall, closedAgainst);
                    }
                }
                if (shortfall.signum() > 0)
                {
                    outputs.insuranceFundDeficit(shortfall, floor.subtract(shortfall));
                }
            }
            // the fund's orders, in takeover order, for what ADL left of each position
            for (final Recorded position : round)
            {
                if (position.left.signum() > 0)
                {
                    outputs.liquidationOrder(fund().id, position.instrument,
                        position.fundLong ? position.left : position.left.negate(), position.orderPrice);
                }
            }
            // each account once, in the order of its first close: its open isolated positions, then its cross account
            final java.util.LinkedHashSet<RefAccount> accounts = new java.util.LinkedHashSet<>();
            closedAgainst.forEach(closed -> accounts.add(closed.account));
            for (final RefAccount account : accounts)
            {
                for (final RefPosition slot : new ArrayList<>(account.slots()))
                {
                    if (slot.isolated && slot.isOpen())
                    {
                        liquidator.checkSlot(account, slot.instrument.id);
                    }
                }
                liquidator.checkCross(account);
            }
        }
    }

    /** The fund's wallet plus the unrealized PnL of all its positions at the marks. */
    private BigDecimal fundEquity()
    {
        BigDecimal equity = fund().wallet;
        for (final RefPosition slot : fund().slots())
        {
            equity = equity.add(slot.unrealizedPnl());
        }
        return equity;
    }

    /** One recorded position against the queue of its instrument's opposite side, best rank first. */
    private BigDecimal workOff(final Recorded position, final BigDecimal shortfallBefore, final List<Ranked> closed)
    {
        BigDecimal shortfall = shortfallBefore;
        final RefInstrument instrument = position.instrument;
        final RefPosition fundSlot = fund().slot(instrument.id);
        final long step = instrument.stepSize;
        final BigInteger g = BigInteger.valueOf(Math.abs(position.price - instrument.priceUnits(instrument.mark)))
            .multiply(BigInteger.TEN.pow(RefMath.AMOUNT_DECIMALS - instrument.priceDecimals - instrument.qtyDecimals));
        for (final Ranked counterparty : queue(instrument, position.fundLong ? -1 : 1))
        {
            if (shortfall.signum() <= 0 || position.left.signum() == 0)
            {
                break;
            }
            final RefPosition slot = counterparty.slot;
            final BigDecimal fundSide = fundSlot.size.signum() == (position.fundLong ? 1 : -1) ?
                fundSlot.size.abs() : BigDecimal.ZERO;
            BigInteger quantity = units(instrument, RefMath.min(slot.size.abs(), RefMath.min(position.left, fundSide)));
            if (g.signum() > 0)
            {
                final BigInteger wanted = ceilDiv(ceilDiv(RefMath.exactUnits(shortfall), g), BigInteger.valueOf(step));
                final BigInteger covered = floorDiv(floorDiv(RefMath.exactUnits(equity(counterparty)), g),
                    BigInteger.valueOf(step));
                quantity = quantity.min(wanted.multiply(BigInteger.valueOf(step)))
                    .min(covered.multiply(BigInteger.valueOf(step)));
            }
            if (quantity.signum() <= 0)
            {
                continue;
            }
            close(counterparty, position, instrument.quantity(quantity.longValueExact()));
            position.left = position.left.subtract(instrument.quantity(quantity.longValueExact()));
            shortfall = shortfall.subtract(RefMath.amount(quantity.multiply(g).longValueExact()));
            closed.add(counterparty);
        }
        return shortfall;
    }

    /**
     * The counterparty reduced by the reduce rule of docs/margin.md section 4 at the ADL price without a fee, the
     * fund booking the opposite (section 6); an AutoDeleveraged for each, the counterparty first.
     */
    private void close(final Ranked counterparty, final Recorded position, final BigDecimal quantity)
    {
        final RefInstrument instrument = position.instrument;
        final BigDecimal price = instrument.price(position.price);
        // a short (the fund long) buys back, a long sells
        final boolean buys = position.fundLong;
        final RefFills.Plan plan = fills.plan(counterparty.account, fund(), instrument, buys, quantity, price,
            BigDecimal.ZERO);
        fills.commit(plan);
        final BigDecimal change = buys ? quantity : quantity.negate();
        outputs.autoDeleveraged(counterparty.account.id, instrument, change, position.price, plan.realized);
        final BigDecimal fundRealized = RefLiquidator.book(fund(), instrument, change.negate(),
            instrument.value(change.negate(), price), ledger);
        outputs.autoDeleveraged(fund().id, instrument, change.negate(), position.price, fundRealized);
    }

    // ------------------------------------------------------------------ 3. rank, and the ADL indicator

    /**
     * The other accounts' open positions of one side ({@code sign}) in an instrument, best rank first: the fund and
     * positions in liquidation are not in it.
     */
    private List<Ranked> queue(final RefInstrument instrument, final int sign)
    {
        final List<Ranked> queue = new ArrayList<>();
        for (final RefAccount account : accounts)
        {
            final RefPosition slot = account.slot(instrument.id);
            if (!account.fund && slot.size.signum() == sign && !inLiquidation(account, slot))
            {
                queue.add(new Ranked(account, slot, rank(account, slot)));
            }
        }
        queue.sort(BEST_FIRST);
        return queue;
    }

    private static boolean inLiquidation(final RefAccount account, final RefPosition slot)
    {
        return slot.isolated ? slot.inLiquidation : account.crossInLiquidation;
    }

    /** The position's equity: isolated {@code B + U}, cross the account's {@code W + ΣU}. */
    private static BigDecimal equity(final Ranked ranked)
    {
        return ranked.slot.isolated ? ranked.slot.isolatedEquity() : ranked.account.crossEquity();
    }

    /**
     * In {@code double}: {@code pnl = U / |C|}, {@code leverage = |value(q, M)| / E}; {@code pnl × leverage} when
     * {@code U > 0}, else {@code pnl / leverage}; {@code E ≤ 0}: −∞.
     */
    private static double rank(final RefAccount account, final RefPosition slot)
    {
        final BigDecimal equity = slot.isolated ? slot.isolatedEquity() : account.crossEquity();
        if (equity.signum() <= 0)
        {
            return Double.NEGATIVE_INFINITY;
        }
        final long unrealized = RefMath.units(slot.unrealizedPnl());
        final double pnl = (double)unrealized / (double)Math.abs(RefMath.units(slot.cost));
        final double leverage = (double)RefMath.units(slot.notional()) / (double)RefMath.clampedUnits(equity);
        return unrealized > 0 ? pnl * leverage : pnl / leverage;
    }

    /**
     * {@code 5 − floor(5 × place / n)}: {@code place} the positions ranked before it in its queue, {@code n} the
     * queue's length; 0 for no position, the fund's, or one in liquidation (not in a queue).
     */
    int adlIndicator(final RefAccount account, final RefPosition slot)
    {
        if (account.fund || !slot.isOpen() || inLiquidation(account, slot))
        {
            return 0;
        }
        final List<Ranked> queue = queue(slot.instrument, slot.size.signum());
        int place = 0;
        while (queue.get(place).slot != slot)
        {
            place++;
        }
        return 5 - 5 * place / queue.size();
    }

    // ------------------------------------------------------------------ arithmetic

    private static BigInteger units(final RefInstrument instrument, final BigDecimal quantity)
    {
        return BigInteger.valueOf(instrument.quantityUnits(quantity));
    }

    private static BigInteger ceilDiv(final BigInteger a, final BigInteger b)
    {
        return new BigDecimal(a).divide(new BigDecimal(b), 0, RoundingMode.CEILING).toBigIntegerExact();
    }

    private static BigInteger floorDiv(final BigInteger a, final BigInteger b)
    {
        return new BigDecimal(a).divide(new BigDecimal(b), 0, RoundingMode.FLOOR).toBigIntegerExact();
    }
}
