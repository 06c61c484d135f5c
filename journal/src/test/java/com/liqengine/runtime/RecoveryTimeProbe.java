package com.liqengine.runtime;

import com.liqengine.pipeline.InputPublisher;
import com.liqengine.testing.MixedEvents;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how long recovery takes on a long journal with a snapshot near its end: a measurement to run by hand,
 * not a test (docs/replay.md quotes it). Arguments: inputs (default 3,000,000), folder (default a temporary
 * one; an existing journal there is reused), restarts (default 3).
 */
public final class RecoveryTimeProbe
{
    private static final int ACCOUNTS = 2_000;
    private static final int TAIL = 1_000;

    private RecoveryTimeProbe()
    {
    }

    /**
     * @param args inputs, folder, restarts.
     * @throws Exception when the folder cannot be made.
     */
    public static void main(final String[] args) throws Exception
    {
        final long inputs = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000;
        final Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("recovery-time");
        final int restarts = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(ACCOUNTS + 1).withSnapshotInterval(0);
        if (!Files.isDirectory(config.journal()))
        {
            final long start = System.nanoTime();
            try (EngineRuntime engine = EngineRuntime.start(config, null))
            {
                final MixedEvents events = new MixedEvents(ACCOUNTS, 21);
                final InputPublisher publisher = engine.newPublisher();
                for (int i = 0; i < events.setUpCount(); i++)
                {
                    publisher.commit(events.setUp(i, publisher.claim()));
                }
                for (long n = 1; n <= inputs; n++)
                {
                    publisher.commit(events.next(n, publisher.claim()));
                    if (n == inputs - TAIL)
                    {
                        publisher.commit(publisher.claim().snapshotRequest(-n, n));
                    }
                }
            }
            System.out.printf("wrote %,d inputs in %.1f s%n", inputs, (System.nanoTime() - start) / 1e9);
        }
        for (int r = 0; r < restarts; r++)
        {
            final long start = System.nanoTime();
            try (EngineRuntime engine = EngineRuntime.start(config, null))
            {
                final long millis = (System.nanoTime() - start) / 1_000_000;
                for (final String line : engine.recovery().lines())
                {
                    System.out.println(line);
                }
                System.out.println("EngineRuntime.start took " + millis + " ms");
            }
        }
    }
}
