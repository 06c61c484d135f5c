package com.liqengine.margin;

import com.liqengine.api.InputEncoder;
import com.liqengine.state.StateCodec;
import com.liqengine.testing.MixedEvents;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The canonical state: a state written and restored into a fresh engine is the same state (same bytes, same
 * hash, and the same outputs for every input after it), the hash is a fixed function of the state, and a
 * state that does not fit the engine is refused with what is wrong.
 */
class StateCodecTest
{
    private static final int ACCOUNTS = 200;

    private final InputEncoder encoder = new InputEncoder();

    @Test
    void restoredEngineContinuesExactlyAsTheOriginal()
    {
        final ExpandableArrayBuffer originalOutputs = new ExpandableArrayBuffer();
        final ExpandableArrayBuffer restoredOutputs = new ExpandableArrayBuffer();
        final int[] lengths = new int[2];
        final MarginStateMachine original = engine((buffer, offset, length) ->
        {
            originalOutputs.putBytes(lengths[0], buffer, offset, length);
            lengths[0] += length;
        });
        final MixedEvents events = new MixedEvents(ACCOUNTS, 7);
        for (int i = 0; i < events.setUpCount(); i++)
        {
            original.onInput(encoder.buffer(), 0, events.setUp(i, encoder));
        }
        for (int n = 0; n < 50_000; n++)
        {
            original.onInput(encoder.buffer(), 0, events.next(n, encoder));
        }
        final byte[] state = bytes(original);

        final MarginStateMachine restored = engine((buffer, offset, length) ->
        {
            restoredOutputs.putBytes(lengths[1], buffer, offset, length);
            lengths[1] += length;
        });
        restored.restore(new UnsafeBuffer(state), 0, state.length);

        assertThat(restored.lastSequence()).isEqualTo(original.lastSequence());
        assertThat(bytes(restored)).isEqualTo(state);
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
        lengths[0] = 0;
        for (int n = 50_000; n < 100_000; n++)
        {
            final int length = events.next(n, encoder);
            original.onInput(encoder.buffer(), 0, length);
            restored.onInput(encoder.buffer(), 0, length);
        }
        assertThat(lengths[1]).isEqualTo(lengths[0]).isGreaterThan(100_000);
        assertThat(Arrays.copyOf(restoredOutputs.byteArray(), lengths[1]))
            .isEqualTo(Arrays.copyOf(originalOutputs.byteArray(), lengths[0]));
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
    }

    @Test
    void aRestoreReplacesAStateThatIsNotFresh()
    {
        final MarginStateMachine small = engine((buffer, offset, length) -> { });
        final MixedEvents events = new MixedEvents(10, 3);
        for (int i = 0; i < events.setUpCount(); i++)
        {
            small.onInput(encoder.buffer(), 0, events.setUp(i, encoder));
        }
        final byte[] state = bytes(small);
        final MarginStateMachine busy = engine((buffer, offset, length) -> { });
        final MixedEvents more = new MixedEvents(ACCOUNTS, 5);
        for (int i = 0; i < more.setUpCount(); i++)
        {
            busy.onInput(encoder.buffer(), 0, more.setUp(i, encoder));
        }
        busy.restore(new UnsafeBuffer(state), 0, state.length);

        assertThat(busy.accountCount()).isEqualTo(11);
        assertThat(busy.hasAccount(ACCOUNTS)).isFalse();
        assertThat(busy.stateHash()).isEqualTo(small.stateHash());
    }

    @Test
    void hashIsAFixedFunctionOfTheState()
    {
        final MarginStateMachine fresh = engine((buffer, offset, length) -> { });
        // FNV-1a 64 of the empty engine's canonical bytes: the same on every run and JVM
        assertThat(fresh.stateHash()).isEqualTo(fresh.stateHash()).isEqualTo(engine((b, o, l) -> { }).stateHash());
        final byte[] abc = {'a', 'b', 'c'};
        assertThat(StateCodec.fnv1a64(new UnsafeBuffer(abc), 0, 3)).isEqualTo(0xe71fa2190541574bL);
        fresh.onInput(encoder.buffer(), 0, encoder.deposit(1, 1, 5, 100));
        assertThat(fresh.stateHash()).isNotEqualTo(engine((b, o, l) -> { }).stateHash());
    }

    @Test
    void stateThatDoesNotFitIsRefused()
    {
        final MarginStateMachine source = engine((buffer, offset, length) -> { });
        source.onInput(encoder.buffer(), 0, encoder.deposit(1, 1, 5, 100));
        final byte[] state = bytes(source);

        final MarginStateMachine otherInstruments = new MarginStateMachine(
            new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(3), (b, o, l) -> { });
        assertThatThrownBy(() -> otherInstruments.restore(new UnsafeBuffer(state), 0, state.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInstruments is 3");
        assertThatThrownBy(() -> engine((b, o, l) -> { }).restore(new UnsafeBuffer(state), 0, state.length - 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state ends inside account 1");
        // the last account's cross margin-call flag comes before its slot count (0 slots)
        final byte[] badFlag = state.clone();
        badFlag[badFlag.length - 5] = 7;
        assertThatThrownBy(() -> engine((b, o, l) -> { }).restore(new UnsafeBuffer(badFlag), 0, badFlag.length))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a flag holds 7");
    }

    private static MarginStateMachine engine(final com.liqengine.api.OutputSink sink)
    {
        return new MarginStateMachine(new EngineSettings().maxAccounts(ACCOUNTS + 1).maxInstruments(2), sink);
    }

    private static byte[] bytes(final MarginStateMachine engine)
    {
        final byte[] state = new byte[StateCodec.length(engine)];
        assertThat(StateCodec.write(engine, new UnsafeBuffer(state), 0)).isEqualTo(state.length);
        return state;
    }
}
