package com.liqengine.margin;

import com.liqengine.api.InstrumentSpec;
import com.liqengine.api.OutputRecord;
import com.liqengine.codec.FillDecoder;
import com.liqengine.codec.InstrumentDefinitionDecoder;
import com.liqengine.codec.MarginMode;
import com.liqengine.codec.MessageHeaderDecoder;
import com.liqengine.codec.RejectReason;
import com.liqengine.codec.SetMarginModeDecoder;
import com.liqengine.codec.Side;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static com.liqengine.margin.EngineHarness.amount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Malformed input (docs/margin.md, section 4, "Malformed input"): whatever the bytes, the engine throws
 * nothing, answers with one {@code RequestRejected} naming the reason and the template id it read (or −1),
 * and changes nothing. A message refused at its header names account 0 and instrument −1; an enum out of range
 * inside a body names the account and instrument read before it.
 *
 * <p>SBE header: blockLength (uint16) at 0, templateId at 2, schemaId at 4, version at 6; the body follows at 8.
 */
class MalformedInputTest
{
    private static final int HEADER = 8;
    private static final int BLOCK_LENGTH_OFFSET = 0;
    private static final int TEMPLATE_OFFSET = 2;
    private static final int SCHEMA_OFFSET = 4;
    private static final int VERSION_OFFSET = 6;

    private final EngineHarness h = new EngineHarness();
    private final int x = h.define("X", 2, 2, EngineHarness.simpleTiers());
    private final MutableDirectBuffer buffer = h.encoder.buffer();

    MalformedInputTest()
    {
        h.deposit(1, "1000");
        h.buy(1, x, "1", "100");
    }

    private List<OutputRecord> sendRaw(final int length)
    {
        h.outputs.clear();
        h.engine.onInput(buffer, 0, length);
        return h.outputs;
    }

    private void putHeaderShort(final int offset, final int value)
    {
        buffer.putShort(offset, (short)value, ByteOrder.LITTLE_ENDIAN);
    }

    private void assertMalformed(final RejectReason reason, final int templateId, final int length)
    {
        final OutputRecord rejection = h.assertRejected(reason, () -> sendRaw(length));
        assertThat(rejection.get("requestTemplateId")).isEqualTo(templateId);
        assertThat(rejection.get("accountId")).isZero();
        assertThat(rejection.get("instrumentId")).isEqualTo(-1);
    }

    @Test
    void aBufferShorterThanTheHeaderOrOfNegativeLength()
    {
        final int length = h.encoder.deposit(5, 6, 1, amount("1"));
        assertThat(length).isEqualTo(HEADER + 32);
        for (final int cut : new int[] {0, 1, 7, -1, -8, Integer.MIN_VALUE})
        {
            assertMalformed(RejectReason.MALFORMED_MESSAGE, -1, cut);
        }
    }

    @Test
    void aBodyShorterThanTheBlockItAnnounces()
    {
        final int length = h.encoder.deposit(5, 6, 1, amount("1"));
        // header only, half the block, all but one byte
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 3, HEADER);
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 3, HEADER + 16);
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 3, length - 1);
        // with the two ids there, they are echoed
        final List<OutputRecord> out = sendRaw(HEADER + 16);
        assertThat(out.get(0).get("correlationId")).isEqualTo(5);
        assertThat(out.get(0).get("eventTime")).isEqualTo(6);
        // the whole message is fine
        assertThat(EngineHarness.types(sendRaw(length))).containsExactly("RequestAccepted");
    }

    @Test
    void aBlockLengthShorterThanTheTemplatesBlock()
    {
        final int length = h.encoder.withdrawal(0, 0, 1, amount("1"));
        putHeaderShort(BLOCK_LENGTH_OFFSET, 24);
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 4, length);
        // a block length beyond the bytes given
        putHeaderShort(BLOCK_LENGTH_OFFSET, 40);
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 4, length);
        putHeaderShort(BLOCK_LENGTH_OFFSET, 0xFFFF);
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 4, length);
    }

    @Test
    void anotherSchemaId()
    {
        final int length = h.encoder.markPriceTick(0, 0, x, 1);
        putHeaderShort(SCHEMA_OFFSET, 702);
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 1, length);
        putHeaderShort(SCHEMA_OFFSET, 0);
        assertMalformed(RejectReason.MALFORMED_MESSAGE, 1, length);
    }

    @Test
    void aNewerSchemaVersion()
    {
        final int length = h.encoder.markPriceTick(0, 0, x, 1);
        putHeaderShort(VERSION_OFFSET, MessageHeaderDecoder.SCHEMA_VERSION + 1);
        assertMalformed(RejectReason.UNSUPPORTED_VERSION, 1, length);
        putHeaderShort(VERSION_OFFSET, 0xFFFF);
        assertMalformed(RejectReason.UNSUPPORTED_VERSION, 1, length);
    }

    @Test
    void aTemplateIdThatIsNotAnInput()
    {
        final int length = h.encoder.markPriceTick(0, 0, x, 1);
        // 99 is nothing, 56 is an output (RequestAccepted), 0 is nothing; the rejection names what it read
        for (final int template : new int[] {99, 56, 0, 0xFFFF})
        {
            putHeaderShort(TEMPLATE_OFFSET, template);
            assertMalformed(RejectReason.UNKNOWN_TEMPLATE, template, length);
        }
    }

    @Test
    void enumValuesOutOfRange()
    {
        // a fill whose side is neither 0 (buy) nor 1 (sell): names its account and instrument, as read
        int length = h.encoder.fill(0, 0, 1, x, Side.BUY, 100, 10000, 0, 99);
        for (final int side : new int[] {2, 255})
        {
            buffer.putByte(HEADER + FillDecoder.sideEncodingOffset(), (byte)side);
            final OutputRecord rejection = h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(
                HEADER + FillDecoder.BLOCK_LENGTH));
            assertThat(rejection.get("requestTemplateId")).isEqualTo(2);
            assertThat(rejection.get("accountId")).isEqualTo(1);
            assertThat(rejection.get("instrumentId")).isEqualTo(x);
        }
        assertThat(length).isEqualTo(HEADER + FillDecoder.BLOCK_LENGTH);

        length = h.encoder.setMarginMode(0, 0, 1, x, MarginMode.ISOLATED);
        buffer.putByte(HEADER + SetMarginModeDecoder.modeEncodingOffset(), (byte)7);
        final int modeLength = length;
        final OutputRecord mode = h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(modeLength));
        assertThat(mode.get("accountId")).isEqualTo(1);
        assertThat(mode.get("instrumentId")).isEqualTo(x);

        length = h.encoder.instrumentDefinition(0, 0, new InstrumentSpec(
            2, "Y", 2, 2, 1, 1, 10, MarginMode.CROSS, EngineHarness.simpleTiers()));
        buffer.putByte(HEADER + InstrumentDefinitionDecoder.defaultModeEncodingOffset(), (byte)3);
        final int definitionLength = length;
        final OutputRecord definition =
            h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(definitionLength));
        assertThat(definition.get("accountId")).isZero();
        assertThat(definition.get("instrumentId")).isEqualTo(2);
        assertThat(h.engine.hasInstrument(2)).isFalse();
    }

    @Test
    void aTiersGroupThatDoesNotFitInTheMessage()
    {
        final int length = h.encoder.instrumentDefinition(0, 0, new InstrumentSpec(
            2, "Y", 2, 2, 1, 1, 10, MarginMode.CROSS, EngineHarness.simpleTiers()));
        final int group = HEADER + InstrumentDefinitionDecoder.BLOCK_LENGTH;
        // three tiers announced, the message cut one byte short of the last
        h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(length - 1));
        // no room for the group header at all
        h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(group + 3));
        // more tiers announced than there are bytes
        buffer.putShort(group + 2, (short)4, ByteOrder.LITTLE_ENDIAN);
        h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(length));
        buffer.putShort(group + 2, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);
        h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(length));
        // entries shorter than a tier
        buffer.putShort(group + 2, (short)3, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(group, (short)4, ByteOrder.LITTLE_ENDIAN);
        h.assertRejected(RejectReason.MALFORMED_MESSAGE, () -> sendRaw(length));
        assertThat(h.engine.hasInstrument(2)).isFalse();
    }

    @Test
    void corruptedMessagesNeverThrowAndKeepTheLedgerWhole()
    {
        final Random random = new Random(20240601);
        for (int i = 0; i < 20_000; i++)
        {
            final int length = encodeSomething(random.nextInt(6));
            // flip a few bytes, maybe truncate
            for (int flips = random.nextInt(4); flips > 0; flips--)
            {
                buffer.putByte(random.nextInt(length), (byte)random.nextInt(256));
            }
            final int sent = random.nextInt(4) == 0 ? random.nextInt(length + 1) : length;
            final long sequence = h.engine.lastSequence();
            assertThatCode(() -> sendRaw(sent)).doesNotThrowAnyException();
            assertThat(h.engine.lastSequence()).isEqualTo(sequence + 1);
            for (final OutputRecord record : h.outputs)
            {
                assertThat(record.get("sequence")).isEqualTo(sequence + 1);
            }
        }
        assertThat(h.ledgerGap()).isZero();
    }

    private int encodeSomething(final int kind)
    {
        switch (kind)
        {
            case 0: return h.encoder.markPriceTick(1, 2, x, 10_000);
            case 1: return h.encoder.fill(1, 2, 1, x, Side.SELL, 1, 10_000, 0, h.engine.lastSequence() + 1000);
            case 2: return h.encoder.deposit(1, 2, 1, 100);
            case 3: return h.encoder.setLeverage(1, 2, 1, x, 10);
            case 4: return h.encoder.fundingRate(1, 2, x, 1);
            default: return h.encoder.instrumentDefinition(1, 2, new InstrumentSpec(
                1, "Y", 2, 2, 1, 1, 10, MarginMode.CROSS, EngineHarness.simpleTiers()));
        }
    }
}
