package com.liqengine.tools.stress;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times of the stress report: UTC milliseconds as a person reads them.
 */
public final class StressTime
{
    private static final DateTimeFormatter UTC =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private StressTime()
    {
    }

    /**
     * @param millis UTC milliseconds.
     * @return {@code 2021-05-19 13:05:15 UTC}.
     */
    public static String utc(final long millis)
    {
        final String text = UTC.format(Instant.ofEpochMilli(millis));
        final long rest = Math.floorMod(millis, 1_000L);
        return (rest == 0 ? text : text + "." + String.format("%03d", rest)) + " UTC";
    }
}
