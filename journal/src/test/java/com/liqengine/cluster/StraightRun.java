package com.liqengine.cluster;

import com.liqengine.margin.MarginStateMachine;
import com.liqengine.state.StateCodec;
import com.liqengine.runtime.EngineConfig;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The same inputs straight into a margin state machine, as the single-process engine applies them: the reference
 * the clustered service must match.
 */
final class StraightRun
{
    final MarginStateMachine engine;
    final List<byte[]> outputs = new ArrayList<>();

    StraightRun(final EngineConfig config, final List<byte[]> inputs)
    {
        engine = new MarginStateMachine(config.engineSettings(), (buffer, offset, length) ->
        {
            final byte[] output = new byte[length];
            buffer.getBytes(offset, output);
            outputs.add(output);
        });
        for (final byte[] input : inputs)
        {
            engine.onInput(new UnsafeBuffer(input), 0, input.length);
        }
    }

    long stateHash()
    {
        return hash(engine);
    }

    static long hash(final MarginStateMachine engine)
    {
        final UnsafeBuffer state = new UnsafeBuffer(new byte[StateCodec.length(engine)]);
        final int length = StateCodec.write(engine, state, 0);
        return StateCodec.stateHash(state, 0, length);
    }
}
