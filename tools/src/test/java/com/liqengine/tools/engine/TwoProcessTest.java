package com.liqengine.tools.engine;

import com.liqengine.api.OutputRecord;
import com.liqengine.journal.JournalReader;
import com.liqengine.journal.OutputQueueReader;
import com.liqengine.tools.Liq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
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
            assertThat(journal.readAll((index, buffer, offset, length) ->
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
        while (outputs(dir.resolve("outputs")).size() < 21 && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
        }
        engine.destroy(); // SIGTERM

        assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(log(dir, "engine.log"))
            .contains("stopped after 26 inputs; 4 liquidations, 0 rejections, 21 outputs");
        assertThat(outputs(dir.resolve("outputs"))).hasSize(21);
    }

    private static Path config(final Path dir) throws IOException
    {
        final Path config = dir.resolve("engine.yaml");
        Files.writeString(config, "paths:\n"
            + "  inputQueue: " + dir.resolve("input") + "\n"
            + "  journal: " + dir.resolve("journal") + "\n"
            + "  outputs: " + dir.resolve("outputs") + "\n"
            + "  counters: " + dir.resolve("counters.dat") + "\n"
            + "engine: { maxAccounts: 1000 }\n");
        return config;
    }

    private static List<OutputRecord> outputs(final Path queue)
    {
        final List<OutputRecord> records = new ArrayList<>();
        if (!Files.isDirectory(queue))
        {
            return records;
        }
        try (OutputQueueReader reader = OutputQueueReader.open(queue, true))
        {
            reader.toStart();
            while (reader.poll((index, buffer, offset, length) ->
                records.add(OutputRecord.decode(buffer, offset, length)), 1_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return records;
    }

    /** Starts {@code liq} in a new JVM with this JVM's class path and the flags Chronicle needs. */
    private static Process liq(final Path dir, final String log, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle") || flag.startsWith("--enable-native")
                || flag.startsWith("--sun-misc"))
            {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Liq.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile())
            .start();
    }

    private static String log(final Path dir, final String name) throws IOException
    {
        final Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
