package com.liqengine.snapshot;

/**
 * One engine setting that differs between what a file records (a journal's settings record, a snapshot's header)
 * and another engine's settings, named as {@code config/engine.yaml} names it, both values as it writes them.
 *
 * @param name the setting, e.g. {@code engine.marginCallRatio}.
 * @param recorded its value in the file.
 * @param other its value in the engine (or configuration) compared with.
 */
public record SettingDifference(String name, String recorded, String other)
{
    /**
     * @return "name recorded (the engine has other)".
     */
    @Override
    public String toString()
    {
        return name + " " + recorded + " (the engine has " + other + ")";
    }
}
