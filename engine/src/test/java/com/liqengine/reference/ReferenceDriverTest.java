package com.liqengine.reference;

import com.liqengine.api.InputEncoder;
import com.liqengine.api.InstrumentSpec;
import com.liqengine.codec.FillDecoder;
import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.Side;
import com.liqengine.margin.LiquidationMode;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static com.liqengine.reference.ReferenceEngine.tier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver decodes schema version 2 inputs, and version 1 inputs (a shorter root block, without a fill's
 * liquidation id and an instrument's liquidation settings) with those fields read as 0, not as SBE's null values.
 */
class ReferenceDriverTest
{
    private static final int VERSION_OFFSET = 6;
    private final ReferenceEngine reference =
        new ReferenceEngine(10, 4, Integer.MAX_VALUE, 0, 80_000_000L, LiquidationMode.MARKET, 16);
    private final ReferenceDriver driver = new ReferenceDriver(reference);
    private final InputEncoder encoder = new InputEncoder();

    private static InstrumentSpec spec(final long feeRate)
    {
        return new InstrumentSpec(0, "BTCUSDT", 2, 3, 1, 1, 10, MarginMode.CROSS,
            List.of(tier("50000", 50, "0.01", "0"))).withLiquidation(feeRate, 1);
    }

    /** Rewrites the encoded message as version 1: the root block ends where the version 2 fields began. */
    private void asVersionOne(final int length, final int versionOneBlock)
    {
        final MutableDirectBuffer buffer = encoder.buffer();
        final int block = buffer.getShort(0, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        // what follows the root block (a group) moves up to the shorter block's end
        buffer.putBytes(body + versionOneBlock, buffer, body + block, length - body - block);
        buffer.putShort(0, (short)versionOneBlock, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(VERSION_OFFSET, (short)1, ByteOrder.LITTLE_ENDIAN);
    }

    private List<RefOutput> apply()
    {
        return driver.apply(encoder.buffer(), 0);
    }

    @Test
    void versionTwoDefinitionCarriesTheLiquidationSettings()
    {
        encoder.instrumentDefinition(1, 2, spec(100_000_001L));

        assertThat(apply().get(0).get("reason")).isEqualTo(RejectReason.OUT_OF_RANGE.value());
    }

    @Test
    void versionOneDefinitionHasNoLiquidationFee()
    {
        // the fee rate above R is not in a version 1 message: it reads as 0
        asVersionOne(encoder.instrumentDefinition(1, 2, spec(100_000_001L)),
            InstrumentDefinitionDecoder.liquidationFeeRateEncodingOffset());

        assertThat(apply()).extracting(o -> o.type().label()).containsExactly("RequestAccepted");
    }

    @Test
    void versionOneFillIsAnOrdinaryFill()
    {
        encoder.instrumentDefinition(1, 2, spec(0));
        apply();
        encoder.deposit(3, 4, 1, 100_000_000_000L);
        apply();
        encoder.liquidationFill(5, 6, 1, 0, Side.BUY, 1, 5_000_000, 1, 7, 1);
        assertThat(apply().get(0).get("reason")).isEqualTo(RejectReason.UNKNOWN_LIQUIDATION.value());

        asVersionOne(encoder.liquidationFill(5, 6, 1, 0, Side.BUY, 1, 5_000_000, 1, 7, 1),
            FillDecoder.liquidationSequenceEncodingOffset());

        assertThat(apply()).isEmpty();
        assertThat(reference.positionSize(1, 0)).isEqualTo(1);
    }
}
