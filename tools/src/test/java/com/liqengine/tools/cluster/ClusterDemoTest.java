package com.liqengine.tools.cluster;

import com.liqengine.tools.demo.DemoCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq demo --cluster}: three node JVMs, the leader killed with SIGKILL mid-run and restarted; every node
 * ends at the single process's state and the consumer that follows the leader gets every output exactly once.
 */
class ClusterDemoTest
{
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyNodeEndsAtTheSingleProcessStateAndTheConsumerGetsEveryOutputOnce(@TempDir final Path dir)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = new CommandLine(new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--cluster", "--events", "20000",
            "--accounts", "300", "--rate", "5000", "--dir", dir.toString());
        final String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isZero();
        assertThat(text).contains("SIGKILL to member").contains("every node equal");
        final Matcher hashes =
            Pattern.compile("member (\\d) +\\w+ +engine sequence ([0-9,]+) +state hash ([0-9a-f]{16})").matcher(text);
        String hash = null;
        int members = 0;
        while (hashes.find())
        {
            members++;
            hash = hash == null ? hashes.group(3) : hash;
            assertThat(hashes.group(3)).as(text).isEqualTo(hash);
        }
        assertThat(members).as(text).isEqualTo(3);
        assertThat(text).contains("straight into one state machine: state hash " + hash);
        final Matcher audits = Pattern.compile("against node \\d +its queue holds ([0-9,]+) outputs: 0 missing, "
            + "0 duplicated, 0 different").matcher(text);
        int audited = 0;
        while (audits.find())
        {
            audited++;
            assertThat(Long.parseLong(audits.group(1).replace(",", ""))).isPositive();
        }
        assertThat(audited).as(text).isEqualTo(3);
        assertThat(text).containsPattern("moved [1-9]\\d* time");
    }
}
