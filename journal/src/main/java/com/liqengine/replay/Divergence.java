package com.liqengine.replay;

/**
 * The first place where a replay's outputs differ from the recorded ones.
 *
 * @param sequence input sequence of the output where they differ.
 * @param outputNumber that output's number in the whole stream (from 1).
 * @param recordedType message type recorded, or "none" when the recording ended.
 * @param replayedType message type replayed, or "none" when the replay produced no more.
 * @param field the first field that differs ("type" when the types do).
 * @param recorded its recorded value.
 * @param replayed its replayed value.
 */
public record Divergence(
    long sequence,
    long outputNumber,
    String recordedType,
    String replayedType,
    String field,
    String recorded,
    String replayed)
{
    /**
     * @return the divergence in one line.
     */
    public String describe()
    {
        return "first divergence at input sequence " + sequence + ", output #" + outputNumber + " (recorded "
            + recordedType + ", replayed " + replayedType + "): field " + field + " recorded " + recorded
            + ", replayed " + replayed;
    }
}
