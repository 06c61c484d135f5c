package com.liqengine.replay;

import com.liqengine.margin.MarginStateMachine;

/**
 * What a replay did.
 *
 * @param inputs inputs applied (from the journal's start, or after the snapshot it started from).
 * @param sequence the engine's sequence at the end.
 * @param outputs outputs the replay produced.
 * @param compared outputs compared with the recording (0 without one).
 * @param divergence the first difference from the recording, or null when there was none (or no recording).
 * @param stateHash the state hash at the end.
 * @param nanos how long it took, opening the journal (and the recording) included.
 * @param inputNanos from the first input applied to the end: the time the inputs themselves took.
 * @param inputCpuNanos CPU time of the replaying thread over the same span (what the inputs cost on a shared machine,
 *     where the wall clock also counts the time other processes held the core), or 0 when the JVM does not measure it.
 * @param engine the replayed state machine, for reading its state.
 */
public record ReplayResult(
    long inputs,
    long sequence,
    long outputs,
    long compared,
    Divergence divergence,
    long stateHash,
    long nanos,
    long inputNanos,
    long inputCpuNanos,
    MarginStateMachine engine)
{
    /**
     * @return inputs per second, from the first input to the end (opening the queues is not the replay's speed).
     */
    public double inputsPerSecond()
    {
        return inputNanos == 0 ? 0 : inputs * 1e9 / inputNanos;
    }

    /**
     * @return inputs per second of the replaying thread's CPU time, or 0 when not measured.
     */
    public double inputsPerCpuSecond()
    {
        return inputCpuNanos == 0 ? 0 : inputs * 1e9 / inputCpuNanos;
    }
}
