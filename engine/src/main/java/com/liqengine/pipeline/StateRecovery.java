package com.liqengine.pipeline;

import com.liqengine.margin.MarginStateMachine;

/**
 * Brings a new engine's state machine up to date before the first input from the ring: restores a snapshot
 * and applies the journal's tail. Runs once on the state machine's thread; {@link LiquidationEngine#launch}
 * waits for it and fails when it throws.
 */
@FunctionalInterface
public interface StateRecovery
{
    /**
     * Recovers the state.
     *
     * @param stateMachine the engine's fresh state machine; its outputs go to the engine's output channel.
     * @throws RuntimeException when the state cannot be recovered (the engine then does not start).
     */
    void recover(MarginStateMachine stateMachine);
}
