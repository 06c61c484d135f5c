package com.liqengine.tools.simulate;

import com.liqengine.api.OutputRecord;

import java.util.List;

/**
 * What one scenario event (or a set-up input) did: the outputs it caused, or why it was not sent.
 *
 * @param event the event, or null for set-up (instruments, initial deposits).
 * @param description the input in words.
 * @param skipped why the event was not sent to the engine in this run, or null when it was.
 * @param input the SBE input sent to the engine (empty when skipped).
 * @param outputs every output of the engine for it, in order.
 */
public record Step(ScenarioEvent event, String description, String skipped, byte[] input, List<OutputRecord> outputs)
{
}
