package com.liqengine.margin;

import com.liqengine.account.AccountList;
import com.liqengine.account.Accounts;
import com.liqengine.account.Holders;
import com.liqengine.account.Slots;
import com.liqengine.api.OutputSink;
import com.liqengine.codec.AddIsolatedMarginDecoder;
import com.liqengine.codec.DepositDecoder;
import com.liqengine.codec.FillDecoder;
import com.liqengine.codec.FundingRateDecoder;
import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.LiquidationOrderDoneDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MarkPriceTickDecoder;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.RemoveIsolatedMarginDecoder;
import com.liqengine.codec.SetLeverageDecoder;
import com.liqengine.codec.SetMarginModeDecoder;
import com.liqengine.codec.SnapshotRequestDecoder;
import com.liqengine.codec.WithdrawalDecoder;
import com.liqengine.liquidation.FundBook;
import com.liqengine.liquidation.LiquidationOrders;
import com.liqengine.liquidation.Liquidator;
import com.liqengine.liquidation.MarketLiquidation;
import com.liqengine.liquidation.Takeovers;
import com.liqengine.liquidation.adl.AdlIndicators;
import com.liqengine.liquidation.adl.Deleveraging;
import com.liqengine.state.StateCodec;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The margin state machine: applies one SBE input at a time to every account's collateral and positions
 * under isolated and cross margin, and emits liquidations, takeovers, margin calls, funding and
 * acknowledgements through an {@link OutputSink} (docs/margin.md). Single-threaded, reads no clock and
 * allocates nothing once built. Bad input never throws out of here: it becomes a {@code RequestRejected} with
 * a reason, and the state is left as it was.
 */
public final class MarginStateMachine extends MarginStateView
{
    private static final int NO_INSTRUMENT = -1;
    private static final int TEMPLATE_UNKNOWN = -1;
    private static final int GROUP_HEADER_LENGTH = 4;

    private final OutputEmitter emitter;
    private final Liquidator liquidator;
    /** The book first ({@code market} mode), or null ({@code takeover} mode). */
    private final MarketLiquidation market;
    private final Deleveraging deleveraging;
    private final FillProcessor fills;
    private final AccountRequests accountRequests;
    private final InstrumentRequests instrumentRequests;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarkPriceTickDecoder tick = new MarkPriceTickDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawalDecoder withdrawal = new WithdrawalDecoder();
    private final SetMarginModeDecoder marginMode = new SetMarginModeDecoder();
    private final SetLeverageDecoder leverage = new SetLeverageDecoder();
    private final AddIsolatedMarginDecoder addMargin = new AddIsolatedMarginDecoder();
    private final RemoveIsolatedMarginDecoder removeMargin = new RemoveIsolatedMarginDecoder();
    private final FundingRateDecoder funding = new FundingRateDecoder();
    private final InstrumentDefinitionDecoder definition = new InstrumentDefinitionDecoder();
    private final SnapshotRequestDecoder snapshot = new SnapshotRequestDecoder();
    private final LiquidationOrderDoneDecoder orderDone = new LiquidationOrderDoneDecoder();

    /**
     * The input being applied, as far as it has been decoded: what its {@code RequestAccepted} or
     * {@code RequestRejected} echoes, whichever handler ends it (reset at the start of every input).
     */
    private int templateId;
    private long accountId;
    private int instrumentId;
    private boolean snapshotRequested;

    /**
     * Builds an engine with no instruments and only the insurance fund account.
     *
     * @param settings capacities and engine settings (concluded here if not yet).
     * @param sink receives every output.
     */
    public MarginStateMachine(final EngineSettings settings, final OutputSink sink)
    {
        super(settings);
        final Holders holders = new Holders(slots);
        this.emitter = new OutputEmitter(sink);
        final FundBook fundBook = new FundBook(accounts, slots, ledger, instruments, fundIndex);
        this.deleveraging =
            new Deleveraging(instruments, accounts, slots, math, fundBook, ledger, emitter, settings(), fundIndex);
        final Takeovers takeovers = new Takeovers(
            instruments, accounts, slots, prices, fundBook, ledger, emitter, deleveraging,
            settings().insuranceFundAccountId(), fundIndex);
        this.market = settings().liquidationMode() == LiquidationMode.MARKET ?
            new MarketLiquidation(instruments, accounts, slots, math, orders, takeovers, ledger, emitter, fundIndex) :
            null;
        this.liquidator = new Liquidator(
            instruments, accounts, slots, holders, math, prices, takeovers, market, emitter, settings(), fundIndex);
        liquidator.keepAdlQueues(deleveraging.queues());
        this.fills = new FillProcessor(accounts, slots, ledger, emitter, fundIndex);
        this.accountRequests = new AccountRequests(accounts, slots, math, ledger);
        this.instrumentRequests =
            new InstrumentRequests(
                instruments, accounts, slots, holders, math.maintenanceMargins(), ledger, emitter, fundIndex);
    }

    /**
     * Applies one input message. Every input, valid or not, takes the next sequence number.
     *
     * @param buffer holding the message.
     * @param offset of its SBE header.
     * @param length of header and body.
     */
    public void onInput(final DirectBuffer buffer, final int offset, final int length)
    {
        sequence++;
        if (market != null)
        {
            market.beginInput(sequence);
        }
        snapshotRequested = false;
        templateId = TEMPLATE_UNKNOWN;
        accountId = 0;
        instrumentId = NO_INSTRUMENT;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            emitter.beginInput(sequence, 0, 0);
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        header.wrap(buffer, offset);
        templateId = header.templateId();
        final int blockLength = header.blockLength();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int bodyLength = length - MessageHeaderDecoder.ENCODED_LENGTH;
        // every input starts with correlationId and eventTime: echo them whenever they are there
        final boolean hasIds = bodyLength >= 16 && blockLength >= 16;
        emitter.beginInput(
            sequence, hasIds ? buffer.getLong(bodyOffset, ByteOrder.LITTLE_ENDIAN) : 0,
            hasIds ? buffer.getLong(bodyOffset + 8, ByteOrder.LITTLE_ENDIAN) : 0);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        if (header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            reject(RejectReason.UNSUPPORTED_VERSION);
            return;
        }
        final int expectedBlock = expectedBlockLength(templateId, header.version());
        if (expectedBlock < 0)
        {
            reject(RejectReason.UNKNOWN_TEMPLATE);
            return;
        }
        if (blockLength < expectedBlock || bodyLength < blockLength)
        {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        // every bound is checked before anything changes (docs/margin.md, section 1): nothing here can overflow,
        // and an exception would be a bug, never a rejection
        dispatch(buffer, bodyOffset, blockLength, header.version(), bodyLength);
        if (deleveraging.hasPending())
        {
            deleverage();
        }
    }

    /**
     * Auto-deleveraging after the input's takeovers (docs/liquidation.md); the accounts it closed positions of are
     * checked again, and what those checks take over is deleveraged in turn.
     */
    private void deleverage()
    {
        while (deleveraging.hasPending())
        {
            deleveraging.run();
            final AccountList touched = deleveraging.touched();
            for (int a = touched.first(); a != AccountList.NONE; a = touched.next(a))
            {
                liquidator.checkDeleveraged(a);
            }
            touched.clear();
        }
    }

    /**
     * The root block an input of this version must have at least. Schema version 1 inputs (journals written
     * before the liquidation lifecycle) lack the fields added in version 2, which then read as their defaults.
     */
    private static int expectedBlockLength(final int templateId, final int version)
    {
        final boolean first = version < 2;
        switch (templateId)
        {
            case MarkPriceTickDecoder.TEMPLATE_ID: return MarkPriceTickDecoder.BLOCK_LENGTH;
            case FillDecoder.TEMPLATE_ID:
                return first ? FillDecoder.liquidationSequenceEncodingOffset() : FillDecoder.BLOCK_LENGTH;
            case DepositDecoder.TEMPLATE_ID: return DepositDecoder.BLOCK_LENGTH;
            case WithdrawalDecoder.TEMPLATE_ID: return WithdrawalDecoder.BLOCK_LENGTH;
            case SetMarginModeDecoder.TEMPLATE_ID: return SetMarginModeDecoder.BLOCK_LENGTH;
            case SetLeverageDecoder.TEMPLATE_ID: return SetLeverageDecoder.BLOCK_LENGTH;
            case AddIsolatedMarginDecoder.TEMPLATE_ID: return AddIsolatedMarginDecoder.BLOCK_LENGTH;
            case RemoveIsolatedMarginDecoder.TEMPLATE_ID: return RemoveIsolatedMarginDecoder.BLOCK_LENGTH;
            case FundingRateDecoder.TEMPLATE_ID: return FundingRateDecoder.BLOCK_LENGTH;
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                return first ? InstrumentDefinitionDecoder.liquidationFeeRateEncodingOffset() :
                    InstrumentDefinitionDecoder.BLOCK_LENGTH;
            case SnapshotRequestDecoder.TEMPLATE_ID: return SnapshotRequestDecoder.BLOCK_LENGTH;
            case LiquidationOrderDoneDecoder.TEMPLATE_ID: return LiquidationOrderDoneDecoder.BLOCK_LENGTH;
            default: return -1;
        }
    }

    private void dispatch(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version, final int bodyLength)
    {
        switch (templateId)
        {
            case MarkPriceTickDecoder.TEMPLATE_ID:
                tick.wrap(buffer, offset, blockLength, version);
                onMarkPrice(tick.instrumentId(), tick.price());
                break;
            case FillDecoder.TEMPLATE_ID:
                fill.wrap(buffer, offset, blockLength, version);
                onFill();
                break;
            case DepositDecoder.TEMPLATE_ID:
                deposit.wrap(buffer, offset, blockLength, version);
                onDeposit(deposit.accountId(), deposit.amount());
                break;
            case WithdrawalDecoder.TEMPLATE_ID:
                withdrawal.wrap(buffer, offset, blockLength, version);
                final int withdrawing = account(withdrawal.accountId());
                if (withdrawing >= 0)
                {
                    conclude(accountRequests.withdraw(withdrawing, withdrawal.amount()), withdrawing);
                }
                break;
            case SetMarginModeDecoder.TEMPLATE_ID:
                marginMode.wrap(buffer, offset, blockLength, version);
                onMarginMode();
                break;
            case SetLeverageDecoder.TEMPLATE_ID:
                leverage.wrap(buffer, offset, blockLength, version);
                final int leveraged = accountRequest(leverage.accountId(), leverage.instrumentId());
                if (leveraged >= 0)
                {
                    final RejectReason reason = accountRequests.setLeverage(
                        leveraged, slots.find(leveraged, instrumentId), instruments[instrumentId], leverage.leverage());
                    concludeSlot(reason, leveraged, accountRequests.appliedSlot());
                    release(leveraged);
                }
                break;
            case AddIsolatedMarginDecoder.TEMPLATE_ID:
                addMargin.wrap(buffer, offset, blockLength, version);
                final int adding = accountRequest(addMargin.accountId(), addMargin.instrumentId());
                if (adding >= 0)
                {
                    final int slot = slots.find(adding, instrumentId);
                    final RejectReason reason = accountRequests.addIsolatedMargin(
                        adding, slot, instruments[instrumentId], addMargin.amount());
                    concludeSlot(reason, adding, slot);
                    if (reason == null)
                    {
                        // the money left the cross wallet
                        liquidator.checkCross(adding);
                    }
                }
                break;
            case RemoveIsolatedMarginDecoder.TEMPLATE_ID:
                removeMargin.wrap(buffer, offset, blockLength, version);
                onRemoveMargin();
                break;
            case FundingRateDecoder.TEMPLATE_ID:
                funding.wrap(buffer, offset, blockLength, version);
                onFunding(funding.instrumentId(), funding.rate());
                break;
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                onDefinition(buffer, offset, blockLength, version, bodyLength);
                break;
            case LiquidationOrderDoneDecoder.TEMPLATE_ID:
                orderDone.wrap(buffer, offset, blockLength, version);
                onOrderDone();
                break;
            default:
                snapshot.wrap(buffer, offset, blockLength, version);
                snapshotRequested = true;
                emitter.accepted(templateId, 0, NO_INSTRUMENT);
                break;
        }
    }

    private void onMarkPrice(final int instrument, final long price)
    {
        instrumentId = instrument;
        if (!isDefined(instrument))
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final RejectReason reason = instrumentRequests.markPrice(instruments[instrument], price);
        if (reason != null)
        {
            reject(reason);
            return;
        }
        liquidator.checkInstrument(instrument);
    }

    private void onFill()
    {
        // the slot is keyed by the account's id: its lookup does not wait for the account's (both miss at scale)
        final int stored = slots.findById(fill.accountId(), fill.instrumentId());
        final int index = account(fill.accountId());
        if (index < 0)
        {
            return;
        }
        instrumentId = fill.instrumentId();
        if (!isDefined(instrumentId))
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final int slot = stored;
        liquidator.prefetch(index, slot);
        final short side = fill.sideRaw();
        if (side != 0 && side != 1)
        {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        // a version 1 fill has no order id: an ordinary fill
        final long orderSequence = fill.actingVersion() >= 2 ? fill.liquidationSequence() : 0;
        if (orderSequence != 0)
        {
            onLiquidationFill(index, orderSequence, side == 0);
            return;
        }
        final RejectReason reason = fills.apply(
            index, slot, instruments[instrumentId], side == 0, fill.quantity(), fill.price(), fill.fee(),
            fill.tradeId());
        if (reason != null)
        {
            reject(reason);
            return;
        }
        final int applied = fills.appliedSlot();
        final boolean isolated = slots.isolated(applied);
        final int releases = slots.releases();
        liquidator.checkSlot(index, applied);
        // an isolated fill moves the fee and margin through the cross wallet: the cross account may have changed
        if (isolated)
        {
            liquidator.checkCross(index);
        }
        if (slots.releases() == releases)
        {
            // no check forgot a slot (a liquidation may): the applied handle is still the account's, no lookup
            slots.releaseIfIdle(applied, instruments[instrumentId]);
        }
        else
        {
            release(index);
        }
    }

    /** A fill of a liquidation order: settled in the liquidated margin, and no check (it is in liquidation). */
    private void onLiquidationFill(final int accountIndex, final long orderSequence, final boolean buy)
    {
        final int order = orders.find(orderSequence, fill.liquidationIndex());
        if (order == LiquidationOrders.NONE)
        {
            reject(RejectReason.UNKNOWN_LIQUIDATION);
            return;
        }
        final RejectReason reason = market.fill(
            order, accountIndex, instruments[instrumentId], buy, fill.quantity(), fill.price(), fill.fee(),
            fill.tradeId());
        if (reason != null)
        {
            reject(reason);
            return;
        }
        release(accountIndex);
    }

    /**
     * The end of a liquidation order: its fee, the takeover of an isolated rest, then what follows
     * (docs/liquidation.md).
     * A rejection names the order's account and instrument when the id is known.
     */
    private void onOrderDone()
    {
        final int order = orders.find(orderDone.liquidationSequence(), orderDone.liquidationIndex());
        if (order == LiquidationOrders.NONE)
        {
            reject(RejectReason.UNKNOWN_LIQUIDATION);
            return;
        }
        final int accountIndex = orders.account[order];
        accountId = accounts.idAt(accountIndex);
        instrumentId = orders.instrument[order];
        final long reported = orderDone.filledQuantity();
        if (reported < 0)
        {
            reject(RejectReason.OUT_OF_RANGE);
            return;
        }
        final boolean isolated = orders.isolated[order];
        final boolean filledInFull = orders.remaining(order) == 0;
        market.end(order, reported);
        liquidator.orderEnded(accountIndex, instrumentId, isolated, filledInFull);
        release(accountIndex);
    }

    private void onDeposit(final long id, final long amount)
    {
        accountId = id;
        final RejectReason reason = AccountRequests.checkAmount(amount);
        if (reason != null)
        {
            reject(reason);
            return;
        }
        int index = accounts.indexOf(id);
        // a deposit the wallet cannot take must not open the account either
        if (!accountRequests.fitsDeposit(index, amount))
        {
            reject(RejectReason.OUT_OF_RANGE);
            return;
        }
        if (index == Accounts.MISSING)
        {
            index = accounts.open(id);
            if (index == Accounts.MISSING)
            {
                reject(RejectReason.CAPACITY_EXCEEDED);
                return;
            }
        }
        accountRequests.deposit(index, amount);
        conclude(null, index);
    }

    private void onMarginMode()
    {
        final int index = accountRequest(marginMode.accountId(), marginMode.instrumentId());
        if (index < 0)
        {
            return;
        }
        final short mode = marginMode.modeRaw();
        if (mode != 0 && mode != 1)
        {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        final RejectReason reason = accountRequests.setMarginMode(
            index, slots.find(index, instrumentId), instruments[instrumentId], mode == MarginMode.ISOLATED.value());
        if (reason != null)
        {
            reject(reason);
            return;
        }
        emitter.accepted(templateId, accountId, instrumentId);
        release(index);
    }

    private void onRemoveMargin()
    {
        final int index = accountRequest(removeMargin.accountId(), removeMargin.instrumentId());
        if (index < 0)
        {
            return;
        }
        final int slot = slots.find(index, instrumentId);
        final RejectReason reason = accountRequests.removeIsolatedMargin(
            index, slot, instruments[instrumentId], removeMargin.amount());
        concludeSlot(reason, index, slot);
        if (reason == null)
        {
            liquidator.checkCross(index);
        }
    }

    private void onFunding(final int instrument, final long rate)
    {
        instrumentId = instrument;
        if (!isDefined(instrument))
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final RejectReason reason = instrumentRequests.funding(instruments[instrument], rate);
        if (reason != null)
        {
            reject(reason);
            return;
        }
        emitter.accepted(templateId, 0, instrument);
        liquidator.checkFunded(instrument);
    }

    private void onDefinition(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version, final int bodyLength)
    {
        definition.wrap(buffer, offset, blockLength, version);
        instrumentId = definition.instrumentId();
        final short mode = definition.defaultModeRaw();
        // the tiers group must lie inside the message before it is read
        final int groupHeader = offset + blockLength;
        final int bodyEnd = offset + bodyLength;
        if ((mode != 0 && mode != 1) || !tiersFit(buffer, groupHeader, bodyEnd))
        {
            reject(RejectReason.MALFORMED_MESSAGE);
            return;
        }
        final RejectReason reason = instrumentRequests.define(definition, MarginMode.get(mode));
        if (reason != null)
        {
            reject(reason);
            return;
        }
        emitter.accepted(templateId, 0, instrumentId);
        // new tiers change the maintenance margin of every position held: bands, then the check
        liquidator.instrumentDefined(instrumentId);
    }

    private static boolean tiersFit(final DirectBuffer buffer, final int groupHeader, final int bodyEnd)
    {
        if (groupHeader + GROUP_HEADER_LENGTH > bodyEnd)
        {
            return false;
        }
        final int entryLength = buffer.getShort(groupHeader, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int entries = buffer.getShort(groupHeader + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return entryLength >= InstrumentDefinitionDecoder.TiersDecoder.sbeBlockLength() &&
            groupHeader + GROUP_HEADER_LENGTH + (long)entryLength * entries <= bodyEnd;
    }

    /** Resolves an account and an instrument for a request; rejects and returns -1 when either is unknown. */
    private int accountRequest(final long id, final int instrument)
    {
        final int index = account(id);
        if (index < 0)
        {
            return -1;
        }
        instrumentId = instrument;
        if (!isDefined(instrument))
        {
            reject(RejectReason.UNKNOWN_INSTRUMENT);
            return -1;
        }
        if (index == fundIndex)
        {
            reject(RejectReason.INSURANCE_FUND_ACCOUNT);
            return -1;
        }
        return index;
    }

    private int account(final long id)
    {
        accountId = id;
        final int index = accounts.indexOf(id);
        if (index == Accounts.MISSING)
        {
            reject(RejectReason.UNKNOWN_ACCOUNT);
        }
        return index;
    }

    private void conclude(final RejectReason reason, final int accountIndex)
    {
        if (reason != null)
        {
            reject(reason);
            return;
        }
        emitter.accepted(templateId, accountId, instrumentId);
        liquidator.checkCross(accountIndex);
    }

    private void concludeSlot(final RejectReason reason, final int accountIndex, final int slot)
    {
        if (reason != null)
        {
            reject(reason);
            return;
        }
        emitter.accepted(templateId, accountId, instrumentId);
        liquidator.checkSlot(accountIndex, slot);
    }

    /**
     * Forgets the input's slot when it is back at its defaults (a position closed, a setting put back): found
     * again, since a liquidation of the input may already have forgotten it. Its band, if any, went with the
     * check's refresh.
     */
    private void release(final int accountIndex)
    {
        final int slot = slots.find(accountIndex, instrumentId);
        if (slot != Slots.NONE)
        {
            slots.releaseIfIdle(slot, instruments[instrumentId]);
        }
    }

    private void reject(final RejectReason reason)
    {
        emitter.rejected(templateId, accountId, instrumentId, reason);
    }

    /**
     * The ADL indicator a venue shows for a position (docs/liquidation.md): its rank's quintile in the queue of
     * the instrument's open positions on its side (the fund's aside), 5 for the first fifth, 1 for the last.
     * Walks the instrument's holders, ranking those on its side (cold path: O(n) for a side of n positions; a view of
     * every position uses {@link #adlIndicators()}, O(n log n) a side). Computed with or without a fund floor; the
     * state views show it only when ADL runs ({@link EngineSettings#hasFundFloor()}).
     *
     * @param id account id.
     * @param instrument instrument id.
     * @return 1 to 5, or 0 when the account holds no position in the instrument, it is the fund's, or it is in
     *     liquidation (in no queue).
     */
    public int adlIndicator(final long id, final int instrument)
    {
        return deleveraging.indicators().of(id, instrument);
    }

    /**
     * The ADL indicators of every position, for a view of the whole state: each side of every instrument ranked once
     * and sorted (O(n log n) for a side of n positions), then looked up with {@link AdlIndicators#ranked}, which
     * gives what {@link #adlIndicator} gives until the next input changes the state. Cold path: allocates its arrays
     * at the first call and when a side outgrows them.
     *
     * @return the indicators, ranked now.
     */
    public AdlIndicators adlIndicators()
    {
        return deleveraging.indicators().rankAll();
    }

    /**
     * Positions ranked to find ADL counterparties since the engine was built: what a search read (or the walk of
     * the holders, without the liquidation index or past a search's read limit). Not part of the state.
     *
     * @return the count.
     */
    public long adlPositionsRanked()
    {
        return deleveraging.ranked();
    }

    /** ADL sides keyed anew in bulk since the engine was built (0 without the queues). Not part of the state. */
    long adlRebuilds()
    {
        return deleveraging.queues() == null ? 0 : deleveraging.queues().rebuilds();
    }

    /** ADL searches that keyed their side's waiting positions one by one (0 without the queues); not state. */
    long adlKeyedOneByOne()
    {
        return deleveraging.queues() == null ? 0 : deleveraging.queues().keyedOneByOne();
    }

    // ------------------------------------------------------------------ snapshots and restore (cold path)

    /**
     * Whether the input just applied was an accepted {@code SnapshotRequest}: the pipeline then takes a snapshot
     * of exactly this state (docs/replay.md).
     *
     * @return true right after an accepted snapshot request.
     */
    public boolean snapshotRequested()
    {
        return snapshotRequested;
    }

    /**
     * Replaces the whole state with one written by {@link StateCodec#write} (a snapshot's), then rebuilds what
     * is derived from it. The next input takes the restored sequence plus one. On an exception the state is
     * undefined: restore another one, or discard this engine.
     *
     * @param buffer holding the state.
     * @param offset of its first byte.
     * @param length of the state.
     * @throws IllegalArgumentException when the state does not fit this engine's settings or is damaged.
     */
    public void restore(final DirectBuffer buffer, final int offset, final int length)
    {
        sequence = StateCodec.read(buffer, offset, length, settings, instruments, accounts, slots, ledger, orders);
        snapshotRequested = false;
        afterRestore();
    }

    /** Rebuilds derived structures (caches, indexes) from the restored state; the single place a restore ends. */
    private void afterRestore()
    {
        math.maintenanceMargins().clear();
        rebuildIndex();
    }

    /**
     * Recomputes the liquidation index from the current state (docs/index.md); whatever loads state in bulk
     * (a snapshot restore) calls this before the next input.
     */
    void rebuildIndex()
    {
        liquidator.rebuildIndex();
    }
}
