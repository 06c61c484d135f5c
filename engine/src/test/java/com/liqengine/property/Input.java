package com.liqengine.property;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.codec.FillEncoder;
import com.liqengine.codec.MessageHeaderEncoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.Side;
import com.liqengine.reference.RefOutput;
import com.liqengine.reference.ReferenceEngine;

import java.nio.ByteOrder;
import java.util.List;

/**
 * One concrete engine input in fixed-point units, readable when printed, that can be encoded for the engine or
 * applied to the reference model.
 */
sealed interface Input
{
    int encode(InputEncoder encoder, long correlationId, long eventTime);

    List<RefOutput> applyTo(ReferenceEngine reference, long correlationId, long eventTime);

    /** A mark price tick. */
    record MarkTick(int instrument, long price) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.markPriceTick(correlationId, eventTime, instrument, price);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.markPriceTick(correlationId, eventTime, instrument, price);
        }
    }

    /** A fill. */
    record Fill(long account, int instrument, Side side, long quantity, long price, long fee, long tradeId)
        implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.fill(correlationId, eventTime, account, instrument, side, quantity, price, fee, tradeId);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.fill(correlationId, eventTime, account, instrument, side, quantity, price, fee, tradeId);
        }
    }

    /** A deposit. */
    record Deposit(long account, long amount) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.deposit(correlationId, eventTime, account, amount);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.deposit(correlationId, eventTime, account, amount);
        }
    }

    /** A withdrawal. */
    record Withdrawal(long account, long amount) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.withdrawal(correlationId, eventTime, account, amount);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.withdrawal(correlationId, eventTime, account, amount);
        }
    }

    /** A margin mode change. */
    record SetMode(long account, int instrument, MarginMode mode) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.setMarginMode(correlationId, eventTime, account, instrument, mode);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.setMarginMode(correlationId, eventTime, account, instrument, mode);
        }
    }

    /** A leverage change. */
    record SetLeverage(long account, int instrument, int leverage) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.setLeverage(correlationId, eventTime, account, instrument, leverage);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.setLeverage(correlationId, eventTime, account, instrument, leverage);
        }
    }

    /** Money from the cross wallet into an isolated pool. */
    record AddMargin(long account, int instrument, long amount) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.addIsolatedMargin(correlationId, eventTime, account, instrument, amount);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.addIsolatedMargin(correlationId, eventTime, account, instrument, amount);
        }
    }

    /** Money from an isolated pool to the cross wallet. */
    record RemoveMargin(long account, int instrument, long amount) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.removeIsolatedMargin(correlationId, eventTime, account, instrument, amount);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.removeIsolatedMargin(correlationId, eventTime, account, instrument, amount);
        }
    }

    /** A funding settlement. */
    record Funding(int instrument, long rate) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.fundingRate(correlationId, eventTime, instrument, rate);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.fundingRate(correlationId, eventTime, instrument, rate);
        }
    }

    /** An instrument definition. */
    record Definition(InstrumentSpec spec) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.instrumentDefinition(correlationId, eventTime, spec);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.instrumentDefinition(correlationId, eventTime, spec);
        }
    }

    /** A snapshot request. */
    record Snapshot() implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.snapshotRequest(correlationId, eventTime);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.snapshotRequest(correlationId, eventTime);
        }
    }

    /** A fill of a liquidation order; a fee other than 0 is written over the encoder's 0 (a refused fill). */
    record LiquidationFill(
        long account, int instrument, Side side, long quantity, long price, long fee, long tradeId,
        long liquidationSequence, int liquidationIndex) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            final int length = encoder.liquidationFill(correlationId, eventTime, account, instrument, side, quantity,
                price, tradeId, liquidationSequence, liquidationIndex);
            encoder.buffer().putLong(MessageHeaderEncoder.ENCODED_LENGTH + FillEncoder.feeEncodingOffset(), fee,
                ByteOrder.LITTLE_ENDIAN);
            return length;
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.fill(correlationId, eventTime, account, instrument, side, quantity, price, fee, tradeId,
                liquidationSequence, liquidationIndex);
        }
    }

    /** The matching engine's end of a liquidation order. */
    record LiquidationDone(long liquidationSequence, int liquidationIndex, long filledQuantity) implements Input
    {
        @Override
        public int encode(final InputEncoder encoder, final long correlationId, final long eventTime)
        {
            return encoder.liquidationOrderDone(correlationId, eventTime, liquidationSequence, liquidationIndex,
                filledQuantity);
        }

        @Override
        public List<RefOutput> applyTo(final ReferenceEngine reference, final long correlationId, final long eventTime)
        {
            return reference.liquidationOrderDone(correlationId, eventTime, liquidationSequence, liquidationIndex,
                filledQuantity);
        }
    }
}
