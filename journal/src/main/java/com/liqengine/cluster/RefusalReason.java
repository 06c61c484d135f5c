package com.liqengine.cluster;

import com.liqengine.pipeline.InputSlot;

/**
 * Why the service refused an envelope (answered {@link ClusterEgress#REFUSED}, nothing applied, counted).
 */
public enum RefusalReason
{
    TOO_SHORT("too short for the 16-byte envelope header"),
    UNKNOWN_VERSION("an envelope version this build does not read"),
    UNKNOWN_KIND("an unknown kind"),
    SOURCE_ID_BELOW_ONE("a source id below 1"),
    SEQUENCE_BELOW_ONE("a source sequence below 1"),
    NO_INPUT("an INPUT without an input"),
    INPUT_TOO_LONG("an INPUT longer than an input slot (" + InputSlot.CAPACITY + " bytes)"),
    SOURCES_FULL("a new source while every source slot is taken (raise the sources capacity on every node)");

    private final String description;

    RefusalReason(final String description)
    {
        this.description = description;
    }

    /**
     * @return what was wrong with the envelope, for the report line.
     */
    public String description()
    {
        return description;
    }
}
