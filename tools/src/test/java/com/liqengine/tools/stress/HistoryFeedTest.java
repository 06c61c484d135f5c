package com.liqengine.tools.stress;

import com.liqengine.tools.LiqProcess;
import com.liqengine.tools.dump.DumpCommand;
import com.liqengine.tools.feed.FeedCommand;
import com.liqengine.tools.run.RunCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq feed --history} writes the history's definition and the stress path's marks into the input queue, and
 * {@code liq run} applies them: the marks of two hand-made bars, in the path's order, none rejected.
 */
class HistoryFeedTest
{
    private static final long T0 = 1_621_382_400_000L;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theEngineReadsTheMarksOfThePathInOrder() throws IOException
    {
        Files.write(dir.resolve("instruments.yaml"), List.of("instruments:",
            "  - symbol: AAAUSDT",
            "    tickSize: \"0.1\"",
            "    stepSize: \"1\"",
            "    tiers: [ { maxNotional: \"1000000\", maxLeverage: 20, mmr: \"0.01\", maintenanceAmount: \"0\" } ]"));
        final Path history = Files.write(dir.resolve("AAAUSDT_1m.csv"),
            List.of(T0 + ",100,104,98,103,0", (T0 + 60_000) + ",103,105,90,91,0"));
        final Path config = Files.writeString(dir.resolve("engine.yaml"), LiqProcess.pathsIn(dir)
            + "  snapshots: " + dir.resolve("snapshots") + "\n");

        final String fed = run(new FeedCommand(print(out), print(err)), "--config", config.toString(), "--history",
            history.toString(), "--instruments", dir.resolve("instruments.yaml").toString());
        assertThat(fed).contains("wrote 9 inputs");
        final String ran = run(new RunCommand(print(out), print(err)), "--config", config.toString(),
            "--exit-when-idle", "0.5");
        assertThat(ran).contains("stopped after 9 inputs; 0 liquidations, 0 rejections");
        final String marks = run(new DumpCommand(print(out), print(err)), "--journal",
            dir.resolve("journal").toString(), "--type", "MarkPriceTick", "--json");

        assertThat(Arrays.stream(marks.split("\n")).map(l -> l.replaceAll(".*\"price\":\"([0-9.]+)\".*", "$1")))
            .containsExactly("100", "98", "104", "103", "103", "105", "90", "91");
    }

    private String run(final Object command, final String... args)
    {
        out.reset();
        final int code = new CommandLine(command).execute(args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
