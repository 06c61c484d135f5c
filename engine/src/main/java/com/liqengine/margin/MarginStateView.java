package com.liqengine.margin;

import com.liqengine.codec.MarginMode;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The margin state and its read-only views (docs/margin.md, section 3): accounts, their stored slots, instruments
 * and the ledger, answered in the engine's fixed-point units. {@link MarginStateMachine} is the state machine
 * that changes it; this class is what may be read of it, on the state machine's thread, at any time. Views are
 * cold-path reads (a few allocate, as said on them).
 */
public class MarginStateView
{
    private static final BigInteger UNSIGNED_LOW = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    final EngineSettings settings;
    final Instrument[] instruments;
    final Accounts accounts;
    final Slots slots;
    final Ledger ledger = new Ledger();
    final MarginMath math;
    final LiquidationPrices prices;
    final LiquidationOrders orders;
    final int fundIndex;
    /** Sequence number of the last input applied; the state machine numbers them. */
    long sequence;

    /**
     * The state of an engine with no instruments and only the insurance fund account.
     *
     * @param settings capacities and engine settings (concluded here if not yet).
     */
    MarginStateView(final EngineSettings settings)
    {
        this.settings = settings.isConcluded() ? settings : settings.conclude();
        this.instruments = new Instrument[this.settings.maxInstruments()];
        final InstrumentMarks marks = new InstrumentMarks(instruments.length);
        for (int i = 0; i < instruments.length; i++)
        {
            instruments[i] = new Instrument(i, marks);
        }
        this.accounts = new Accounts(this.settings.maxAccounts());
        this.fundIndex = accounts.open(this.settings.insuranceFundAccountId());
        this.slots = new Slots(accounts, this.settings.maxInstruments(), this.settings.maxPositions(), fundIndex);
        this.math = new MarginMath(instruments, marks, accounts, slots);
        this.prices = new LiquidationPrices(accounts, slots, math);
        this.orders = new LiquidationOrders(this.settings.maxOpenLiquidations());
    }

    /**
     * Deterministic 64-bit hash of the whole state but the input sequence: FNV-1a over its canonical bytes
     * ({@link StateCodec#stateHash}), the same on every run and JVM for the same state, and unchanged by an input
     * that was rejected. Allocates a buffer of the state's size.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[StateCodec.length(this)]);
        final int length = StateCodec.write(this, buffer, 0);
        return StateCodec.stateHash(buffer, 0, length);
    }

    Instrument[] instrumentArray()
    {
        return instruments;
    }

    Accounts accountTable()
    {
        return accounts;
    }

    Slots slotTable()
    {
        return slots;
    }

    Ledger ledgerTable()
    {
        return ledger;
    }

    /**
     * Sequence number of the last input applied (0 before the first).
     *
     * @return the sequence.
     */
    public long lastSequence()
    {
        return sequence;
    }

    /**
     * Settings in force.
     *
     * @return the settings.
     */
    public EngineSettings settings()
    {
        return settings;
    }

    /**
     * Number of accounts, the insurance fund included.
     *
     * @return the count.
     */
    public int accountCount()
    {
        return accounts.count();
    }

    /**
     * Account id by registration order (0 is the insurance fund).
     *
     * @param registrationIndex from 0 to {@link #accountCount()} - 1.
     * @return the account id.
     */
    public long accountIdAt(final int registrationIndex)
    {
        return accounts.idAt(registrationIndex);
    }

    /**
     * Whether an account is open.
     *
     * @param id account id.
     * @return true when open.
     */
    public boolean hasAccount(final long id)
    {
        return accounts.indexOf(id) != Accounts.MISSING;
    }

    /**
     * Cross wallet balance.
     *
     * @param id account id (must be open).
     * @return amount.
     */
    public long crossWallet(final long id)
    {
        return accounts.crossWallet(indexOf(id));
    }

    /**
     * Insurance fund balance: the fund account's wallet.
     *
     * @return amount.
     */
    public long insuranceFundBalance()
    {
        return accounts.crossWallet(fundIndex);
    }

    /**
     * Account id of the insurance fund.
     *
     * @return the id.
     */
    public long insuranceFundAccountId()
    {
        return settings.insuranceFundAccountId();
    }

    /**
     * Stored slots (open positions and settings other than the defaults), the fund's included.
     *
     * @return the count.
     */
    public int storedSlotCount()
    {
        return slots.used();
    }

    /**
     * Signed position size.
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return size, qtyDecimals.
     */
    public long positionSize(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        return slot == Slots.NONE ? 0 : slots.size(slot);
    }

    /**
     * Signed cost basis of the open position.
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return amount.
     */
    public long costBasis(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        return slot == Slots.NONE ? 0 : slots.cost(slot);
    }

    /**
     * Isolated pool.
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return amount.
     */
    public long isolatedMargin(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        return slot == Slots.NONE ? 0 : slots.pool(slot);
    }

    /**
     * Margin mode of the slot (the instrument's default when it is not stored).
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return isolated or cross.
     */
    public MarginMode marginMode(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        final boolean isolated = slot == Slots.NONE ?
            slots.isDefaultIsolated(indexOf(id), instruments[instrument]) : slots.isolated(slot);
        return isolated ? MarginMode.ISOLATED : MarginMode.CROSS;
    }

    /**
     * Leverage of the slot (the instrument's default when it is not stored).
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return leverage.
     */
    public int leverage(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        return slot == Slots.NONE ? instruments[instrument].defaultLeverage : slots.leverage[slot];
    }

    /**
     * Whether the position is in liquidation (docs/liquidation.md): an isolated slot with an open liquidation
     * order, or a cross slot of a cross account with one.
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return true while its liquidation order is open.
     */
    public boolean isInLiquidation(final long id, final int instrument)
    {
        return slots.isInLiquidation(indexOf(id), slotOf(id, instrument), instruments[instrument]);
    }

    /**
     * The liquidation orders that are open, oldest first (docs/liquidation.md). Allocates.
     *
     * @return one entry per order.
     */
    public List<OpenLiquidation> openLiquidations()
    {
        final List<OpenLiquidation> open = new ArrayList<>();
        for (int h = orders.first(); h != LiquidationOrders.NONE; h = orders.next(h))
        {
            open.add(new OpenLiquidation(orders.sequence[h], orders.index[h], accounts.idAt(orders.account[h]),
                orders.instrument[h], orders.isolated[h], orders.sells(h), orders.quantity[h], orders.limit[h],
                orders.filled[h]));
        }
        return open;
    }

    /**
     * Whether an instrument is defined.
     *
     * @param instrument instrument id.
     * @return true when defined.
     */
    public boolean hasInstrument(final int instrument)
    {
        return isDefined(instrument);
    }

    /**
     * The instrument (read it, do not change it).
     *
     * @param instrument instrument id.
     * @return the instrument.
     */
    public Instrument instrument(final int instrument)
    {
        return instruments[instrument];
    }

    /**
     * Mark price.
     *
     * @param instrument instrument id.
     * @return price, priceDecimals; 0 when not known yet.
     */
    public long markPrice(final int instrument)
    {
        return instruments[instrument].markPrice;
    }

    /**
     * Symbol (allocates).
     *
     * @param instrument instrument id.
     * @return the symbol.
     */
    public String symbol(final int instrument)
    {
        return instruments[instrument].symbol();
    }

    /**
     * Price decimals.
     *
     * @param instrument instrument id.
     * @return decimals.
     */
    public int priceDecimals(final int instrument)
    {
        return instruments[instrument].priceDecimals;
    }

    /**
     * Quantity decimals.
     *
     * @param instrument instrument id.
     * @return decimals.
     */
    public int qtyDecimals(final int instrument)
    {
        return instruments[instrument].qtyDecimals;
    }

    /**
     * Unrealized PnL of the slot at the mark (the fund's valued clamped, docs/margin.md section 1).
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return amount.
     */
    public long unrealizedPnl(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        if (slot == Slots.NONE || slots.size(slot) == 0)
        {
            return 0;
        }
        final Instrument of = instruments[instrument];
        return FixedPoint.addSaturated(
            of.valueClamped(slots.size(slot), of.markPrice), -slots.cost(slot), Long.MAX_VALUE);
    }

    /**
     * Maintenance margin of the slot at the mark.
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return amount.
     */
    public long maintenanceMargin(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        if (slot == Slots.NONE || slots.size(slot) == 0)
        {
            return 0;
        }
        final Instrument of = instruments[instrument];
        return of.tiers.maintenanceMargin(Math.abs(of.valueClamped(slots.size(slot), of.markPrice)));
    }

    /**
     * Margin ratio: of the position when isolated, of the cross account when cross.
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return rate (8 decimals), {@link Long#MAX_VALUE} when equity is 0 or less, 0 when flat.
     */
    public long marginRatio(final long id, final int instrument)
    {
        final int slot = slotOf(id, instrument);
        if (slot == Slots.NONE || slots.size(slot) == 0)
        {
            return 0;
        }
        if (slots.isolated(slot))
        {
            return MarginMath.marginRatio(math.maintenanceMargin(slot), math.isolatedEquity(slot));
        }
        math.crossTotals(indexOf(id));
        return MarginMath.marginRatio(math.crossMaintenance.clamped(), math.crossEquity.clamped());
    }

    /**
     * Liquidation price (docs/margin.md, section 7).
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return price, 0 when none.
     */
    public long liquidationPrice(final long id, final int instrument)
    {
        return prices.liquidationPrice(slotOf(id, instrument));
    }

    /**
     * Bankruptcy price (docs/margin.md, section 7).
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return price, 0 when none.
     */
    public long bankruptcyPrice(final long id, final int instrument)
    {
        return prices.bankruptcyPrice(slotOf(id, instrument));
    }

    /**
     * Total deposited, clamped to the {@code long} range ({@link #ledgerTotals()} is exact).
     *
     * @return amount.
     */
    public long totalDeposits()
    {
        return ledger.deposits.clamped();
    }

    /**
     * Total withdrawn, clamped to the {@code long} range.
     *
     * @return amount.
     */
    public long totalWithdrawals()
    {
        return ledger.withdrawals.clamped();
    }

    /**
     * Total realized PnL, the fund's and takeovers' included, clamped to the {@code long} range.
     *
     * @return amount.
     */
    public long totalRealizedPnl()
    {
        return ledger.realizedPnl.clamped();
    }

    /**
     * Total fees charged (rebates negative), clamped to the {@code long} range.
     *
     * @return amount.
     */
    public long totalFees()
    {
        return ledger.fees.clamped();
    }

    /**
     * Net funding received by all positions, clamped to the {@code long} range.
     *
     * @return amount.
     */
    public long totalFunding()
    {
        return ledger.funding.clamped();
    }

    /**
     * The ledger totals exactly (docs/margin.md, section 8). Allocates.
     *
     * @return deposits, withdrawals, realized PnL, fees and funding, in amount units.
     */
    public LedgerTotals ledgerTotals()
    {
        return new LedgerTotals(
            exact(ledger.deposits), exact(ledger.withdrawals), exact(ledger.realizedPnl), exact(ledger.fees),
            exact(ledger.funding));
    }

    private static BigInteger exact(final WideSum sum)
    {
        return BigInteger.valueOf(sum.high()).shiftLeft(64)
            .add(BigInteger.valueOf(sum.low()).and(UNSIGNED_LOW));
    }

    private int indexOf(final long id)
    {
        final int index = accounts.indexOf(id);
        if (index == Accounts.MISSING)
        {
            throw new IllegalArgumentException("unknown account " + id);
        }
        return index;
    }

    /** The stored slot, or {@link Slots#NONE}: it then reads as the instrument's defaults. */
    private int slotOf(final long id, final int instrument)
    {
        if (instrument < 0 || instrument >= instruments.length)
        {
            throw new IllegalArgumentException("unknown instrument " + instrument);
        }
        return slots.find(indexOf(id), instrument);
    }

    boolean isDefined(final int instrument)
    {
        return instrument >= 0 && instrument < instruments.length && instruments[instrument].defined;
    }
}
