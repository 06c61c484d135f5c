package com.liqengine.tools.simulate;

import com.liqengine.margin.MarginStateMachine;

import java.util.List;

/**
 * A scenario that has run: each step with its outputs, and the engine holding the final state.
 *
 * @param scenario what ran.
 * @param policy how margin modes were chosen.
 * @param steps set-up first, then one step per event (and the margin spread of an all-isolated run).
 * @param engine the state machine after the last event.
 */
public record Simulation(Scenario scenario, ModePolicy policy, List<Step> steps, MarginStateMachine engine)
{
}
