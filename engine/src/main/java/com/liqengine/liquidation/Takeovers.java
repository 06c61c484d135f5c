package com.liqengine.liquidation;

import com.liqengine.account.Accounts;
import com.liqengine.account.Instrument;
import com.liqengine.account.Ledger;
import com.liqengine.account.LiquidationPrices;
import com.liqengine.account.Slots;
import com.liqengine.liquidation.adl.Deleveraging;
import com.liqengine.margin.OutputEmitter;
import com.liqengine.math.FixedPoint;
import com.liqengine.math.WideSum;

/**
 * The insurance fund's takeover of liquidated positions (docs/margin.md section 5, docs/liquidation.md): an
 * isolated position, or part of it, at its bankruptcy price with its share of the pool; a cross account's every
 * cross position at its mark, its remaining cross equity paid to the fund. Each takeover emits
 * {@code PositionTakenOver} and the fund's own {@code LiquidationOrder} to unwind what it took: at once without a
 * fund floor, else after the round's ADL for what ADL left of it ({@link Deleveraging#run}).
 */
public final class Takeovers
{
    private final Instrument[] instruments;
    private final Accounts accounts;
    private final Slots slots;
    private final LiquidationPrices prices;
    private final FundBook fundBook;
    private final Ledger ledger;
    private final OutputEmitter emitter;
    private final Deleveraging deleveraging;
    private final long fundAccountId;
    private final int fundIndex;
    /** The wallet of a cross account being taken over, plus what its positions realized: exact. */
    private final WideSum takeoverWallet = new WideSum();

    public Takeovers(
        final Instrument[] instruments,
        final Accounts accounts,
        final Slots slots,
        final LiquidationPrices prices,
        final FundBook fundBook,
        final Ledger ledger,
        final OutputEmitter emitter,
        final Deleveraging deleveraging,
        final long fundAccountId,
        final int fundIndex)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.slots = slots;
        this.prices = prices;
        this.fundBook = fundBook;
        this.ledger = ledger;
        this.emitter = emitter;
        this.deleveraging = deleveraging;
        this.fundAccountId = fundAccountId;
        this.fundIndex = fundIndex;
    }

    /**
     * Takes {@code taken} (0 < taken ≤ |q|) of an isolated position over at its bankruptcy price: the fund pays
     * the cost share less the pool share, {@code Cr − Br}, the account realizes {@code −Br}. Taking all of it
     * consumes the whole pool, and the cross wallet is never touched.
     */
    void takeIsolated(final int accountIndex, final int slot, final long taken)
    {
        final int instrumentId = slots.instrument(slot);
        final long size = slots.size(slot);
        final long held = Math.abs(size);
        final long bankruptcyPrice = prices.bankruptcyPrice(slot);
        final long cost = slots.cost(slot);
        final long pool = slots.pool(slot);
        // the rounding of a reduce (docs/margin.md section 4): the cost left rounds down, the pool share down
        final long costShare = cost - FixedPoint.mulDivFloor(cost, held - taken, held);
        final long poolShare = FixedPoint.mulDivFloor(pool, taken, held);
        final long takenSize = Long.signum(size) * taken;
        final long value = costShare - poolShare;
        // what the fund pays beyond the position's worth at the mark (a gap through the bankruptcy price)
        final Instrument instrument = instruments[instrumentId];
        deleveraging.takeoverBegins();
        final boolean orderWaits = deleveraging.taken(instrumentId, takenSize, bankruptcyPrice);
        deleveraging.takeoverEnded(value - instrument.value(takenSize, instrument.markPrice));
        fundBook.book(instrumentId, takenSize, value);
        ledger.realizedPnl.add(-poolShare);
        slots.setSize(slot, size - takenSize);
        slots.setCost(slot, cost - costShare);
        slots.setPool(slot, pool - poolShare);
        slots.setMarginCall(slot, false);
        emitter.positionTakenOver(
            accounts.idAt(accountIndex), instrumentId, true, takenSize, bankruptcyPrice, value, -poolShare, 0,
            accounts.crossWallet(fundIndex));
        if (!orderWaits)
        {
            emitter.liquidationOrder(fundAccountId, instrumentId, takenSize, bankruptcyPrice);
        }
    }

    /**
     * Takes every open cross position of the account over at its mark; after the last, what is left of the cross
     * equity (or a deficit after a gap) goes to the fund as the clearance fee and {@code W = 0}.
     */
    void takeCross(final int accountIndex)
    {
        final long accountId = accounts.idAt(accountIndex);
        int last = Slots.NONE;
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (slots.size(s) != 0 && !slots.isolated(s))
            {
                last = s;
            }
        }
        final WideSum wallet = takeoverWallet.set(accounts.crossWallet(accountIndex));
        deleveraging.takeoverBegins();
        for (int s = slots.firstOf(accountIndex); s != Slots.NONE; s = slots.nextOf(s))
        {
            if (slots.size(s) == 0 || slots.isolated(s))
            {
                continue;
            }
            final int instrumentId = slots.instrument(s);
            final Instrument instrument = instruments[instrumentId];
            final long size = slots.size(s);
            final long value = instrument.value(size, instrument.markPrice);
            final long unrealized = value - slots.cost(s);
            fundBook.book(instrumentId, size, value);
            final boolean orderWaits = deleveraging.taken(instrumentId, size, instrument.markPrice);
            wallet.add(unrealized);
            ledger.realizedPnl.add(unrealized);
            slots.setSize(s, 0);
            slots.setCost(s, 0);
            slots.setMarginCall(s, false);
            long clearanceFee = 0;
            if (s == last)
            {
                clearanceFee = wallet.clamped();
                // a negative equity (a gap) is what the fund absorbs
                deleveraging.takeoverEnded(-clearanceFee);
                accounts.payFund(fundIndex, clearanceFee);
                accounts.setCrossWallet(accountIndex, 0);
            }
            emitter.positionTakenOver(
                accountId, instrumentId, false, size, instrument.markPrice, value, unrealized, clearanceFee,
                accounts.crossWallet(fundIndex));
            if (!orderWaits)
            {
                emitter.liquidationOrder(fundAccountId, instrumentId, size, instrument.markPrice);
            }
        }
        accounts.setCrossMarginCall(accountIndex, false);
    }
}
