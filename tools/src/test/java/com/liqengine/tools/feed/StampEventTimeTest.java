package com.liqengine.tools.feed;

import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq feed --stamp-event-time} writes each input with the time it was written as its eventTime (ns since
 * the epoch); without it the simulated market's own times are kept.
 */
class StampEventTimeTest
{
    @TempDir
    Path dir;

    @Test
    void eachInputCarriesTheTimeItWasWritten() throws IOException
    {
        final long before = epochNanos();
        feed(dir.resolve("stamped.yaml"), dir.resolve("stamped"), "--stamp-event-time");
        final long after = epochNanos() + TimeUnit.MILLISECONDS.toNanos(1);

        final List<Long> stamped = eventTimes(dir.resolve("stamped"));
        assertThat(stamped).hasSizeGreaterThan(100).allSatisfy(time -> assertThat(time).isBetween(before, after));
        assertThat(stamped).isSorted();
    }

    @Test
    void withoutItTheMarketsOwnTimesAreKept() throws IOException
    {
        feed(dir.resolve("plain.yaml"), dir.resolve("plain"));

        // the random market counts its own time from 0, a millisecond per event
        assertThat(eventTimes(dir.resolve("plain"))).hasSizeGreaterThan(100)
            .allSatisfy(time -> assertThat(time).isLessThan(TimeUnit.HOURS.toNanos(1)));
    }

    private static void feed(final Path config, final Path queue, final String... more) throws IOException
    {
        Files.writeString(config, "paths:\n  inputQueue: " + queue + "\n");
        final List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--random", "--events", "100",
            "--accounts", "10"));
        args.addAll(List.of(more));
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = new CommandLine(new FeedCommand(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args.toArray(String[]::new));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static List<Long> eventTimes(final Path queue)
    {
        final List<Long> times = new ArrayList<>();
        try (InputQueueReader reader = InputQueueReader.open(queue, true))
        {
            reader.toStart();
            while (reader.poll((index, buffer, offset, length) ->
                times.add(buffer.getLong(offset + InputEncoder.EVENT_TIME_OFFSET, ByteOrder.LITTLE_ENDIAN)), 1_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return times;
    }

    private static long epochNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }
}
