package com.liqengine.runtime;

import com.liqengine.pipeline.InputPublisher;
import com.liqengine.testing.MixedEvents;

/**
 * Publishes {@link MixedEvents} into a running engine, as the tests of recovery, replay and the settings record do:
 * the set-up, then events with a snapshot request every so many.
 */
public final class MixedPublishing
{
    private MixedPublishing()
    {
    }

    /**
     * @param publisher the engine's publisher.
     * @param events the events.
     */
    public static void setUp(final InputPublisher publisher, final MixedEvents events)
    {
        for (int i = 0; i < events.setUpCount(); i++)
        {
            publisher.commit(events.setUp(i, publisher.claim()));
        }
    }

    /**
     * Events {@code from + 1} to {@code to}, a snapshot request (correlation id {@code -n}) after every event
     * {@code n} that is a multiple of {@code snapshotEvery}.
     *
     * @param publisher the engine's publisher.
     * @param events the events.
     * @param from the last event already published (0 for none).
     * @param to the last event to publish.
     * @param snapshotEvery events between snapshot requests.
     */
    public static void events(
        final InputPublisher publisher, final MixedEvents events, final int from, final int to, final int snapshotEvery)
    {
        for (int n = from + 1; n <= to; n++)
        {
            publisher.commit(events.next(n, publisher.claim()));
            if (n % snapshotEvery == 0)
            {
                publisher.commit(publisher.claim().snapshotRequest(-n, n));
            }
        }
    }
}
