package com.liqengine.snapshot;

import com.liqengine.api.InputEncoder;
import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.MarginStateMachine;
import com.liqengine.testing.MixedEvents;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Prints how long the engine's thread is held by one snapshot ({@link SnapshotStore#take}: encoding the state;
 * the file is written by the writer's thread) for a state of many accounts, with the writer done with the previous
 * snapshot (requests are far apart in a real engine): a measurement to run by hand, not a test (docs/replay.md
 * quotes it).
 * Arguments: accounts (default 100,000), rounds (default 10), folder (default a temporary one).
 */
public final class SnapshotPauseProbe
{
    private SnapshotPauseProbe()
    {
    }

    /**
     * @param args accounts, rounds, folder.
     * @throws Exception when the folder cannot be made.
     */
    public static void main(final String[] args) throws Exception
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final Path folder = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("snapshot-pause");
        final MarginStateMachine engine = new MarginStateMachine(
            new EngineSettings().maxAccounts(accounts + 1).maxInstruments(8), (buffer, offset, length) ->
            {
            });
        final MixedEvents events = new MixedEvents(accounts, 11);
        final InputEncoder encoder = new InputEncoder();
        for (int i = 0; i < events.setUpCount(); i++)
        {
            engine.onInput(encoder.buffer(), 0, events.setUp(i, encoder));
        }
        long n = 0;
        for (; n < 2L * accounts; n++)
        {
            engine.onInput(encoder.buffer(), 0, events.next(n + 1, encoder));
        }
        final SnapshotStore store = new SnapshotStore(folder, 3, Throwable::printStackTrace);
        final AgentRunner writer = new AgentRunner(new SleepingMillisIdleStrategy(5), Throwable::printStackTrace,
            null, store.writer());
        AgentRunner.startOnThread(writer);
        final long[] pauses = new long[rounds];
        for (int r = 0; r < rounds; r++)
        {
            for (int i = 0; i < 1_000; i++, n++)
            {
                engine.onInput(encoder.buffer(), 0, events.next(n + 1, encoder));
            }
            final int length = encoder.snapshotRequest(-r, r);
            engine.onInput(encoder.buffer(), 0, length);
            final long start = System.nanoTime();
            store.take(engine, encoder.buffer(), 0, length, 0);
            pauses[r] = System.nanoTime() - start;
            // requests are far apart in a real engine (a million inputs): let the writer finish, untimed
            while (store.written() + store.failures() <= r)
            {
                Thread.sleep(1);
            }
        }
        final long closing = System.nanoTime();
        writer.close();
        System.out.printf("%d written, %d engine-thread waits for the writer; close took %.1f ms%n",
            store.written(), store.writer().waits(), (System.nanoTime() - closing) / 1e6);
        final long fileBytes = Files.size(store.files().get(0));
        Arrays.sort(pauses);
        System.out.printf("engine-thread pause per snapshot, %,d accounts, %,d-byte files, %d rounds: "
            + "min %.2f ms, median %.2f ms, max %.2f ms%n", accounts, fileBytes, rounds, pauses[0] / 1e6,
            pauses[rounds / 2] / 1e6, pauses[rounds - 1] / 1e6);
    }
}
