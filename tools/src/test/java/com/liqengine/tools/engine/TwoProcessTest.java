package com.liqengine.tools.engine;

import com.liqengine.api.OutputRecord;
import com.liqengine.journal.JournalReader;
import com.liqengine.runtime.Queues;
import com.liqengine.tools.LiqProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-terminal setup for real: {@code liq run} in one process tails the input queue that {@code liq feed}
 * writes from another, and the output queue ends up holding the scenario's liquidations.
 */
class TwoProcessTest
{
    private static final String SCENARIO = Path.of("..", "config", "scenarios", "isolated-vs-cross.yaml")
        .toAbsolutePath().toString();

    @Test
    void runInOneProcessConsumesWhatFeedWritesFromAnother(@TempDir final Path dir) throws Exception
    {
        final Path config = config(dir);
        final Process engine = liq(dir, "engine.log", "run", "--config", config.toString(), "--exit-when-idle", "3");
        final Process feed = liq(dir, "feed.log", "feed", "--config", config.toString(), "--scenario", SCENARIO);

        assertThat(feed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(feed.exitValue()).as(log(dir, "feed.log")).isZero();
        assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(engine.exitValue()).as(log(dir, "engine.log")).isZero();
        assertThat(log(dir, "engine.log")).contains("stopped after 26 inputs; 4 liquidations");

        final List<String> liquidations = new ArrayList<>();
        for (final OutputRecord record : outputs(dir.resolve("outputs")))
        {
            if (record.type().equals("LiquidationTriggered"))
            {
                liquidations.add(record.get("accountId") + "/" + record.get("instrumentId") + "/" + record.get("mode"));
            }
        }
        // account 1 isolated BTC (mode 0); account 2 cross (mode 1) BTC, ETH and LINK
        assertThat(liquidations).containsExactly("1/0/0", "2/0/1", "2/1/1", "2/2/1");
        try (JournalReader journal = JournalReader.open(dir.resolve("journal")))
        {
            assertThat(journal.readAll((sequence, source, buffer, offset, length) ->
            {
            })).isEqualTo(26);
        }
    }

    @Test
    void sigtermDrainsAndClosesCleanly(@TempDir final Path dir) throws Exception
    {
        final Path config = config(dir);
        final Process feed = liq(dir, "feed.log", "feed", "--config", config.toString(), "--scenario", SCENARIO);
        assertThat(feed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final Process engine = liq(dir, "engine.log", "run", "--config", config.toString());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!log(dir, "engine.log").contains("liq run: reading") && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        while (outputs(dir.resolve("outputs")).size() < 23 && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        engine.destroy(); // SIGTERM

        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // 21 outputs before schema version 2, and a CancelOpenOrders before each of the 2 liquidating inputs
        assertThat(log(dir, "engine.log"))
            .contains("stopped after 26 inputs; 4 liquidations, 0 rejections, 23 outputs");
        assertThat(outputs(dir.resolve("outputs"))).hasSize(23);
    }

    private static Path config(final Path dir) throws IOException
    {
        final Path config = dir.resolve("engine.yaml");
        Files.writeString(config, LiqProcess.pathsIn(dir)
            + "engine: { maxAccounts: 1000 }\n");
        return config;
    }

    private static List<OutputRecord> outputs(final Path queue)
    {
        final List<OutputRecord> records = new ArrayList<>();
        for (final byte[] output : Queues.documents(queue))
        {
            records.add(OutputRecord.decode(new UnsafeBuffer(output), 0, output.length));
        }
        return records;
    }

    private static Process liq(final Path dir, final String log, final String... args) throws IOException
    {
        return LiqProcess.start(dir.resolve(log), args);
    }

    private static String log(final Path dir, final String name) throws IOException
    {
        return LiqProcess.log(dir.resolve(name));
    }
}
