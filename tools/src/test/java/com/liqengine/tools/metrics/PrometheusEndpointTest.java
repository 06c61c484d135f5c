package com.liqengine.tools.metrics;

import com.liqengine.tools.LiqProcess;
import com.liqengine.api.InputEncoder;
import com.liqengine.journal.InputQueueWriter;
import com.liqengine.journal.QueueContext;
import com.liqengine.metrics.MetricsConfig;
import com.liqengine.pipeline.InputPublisher;
import com.liqengine.pipeline.LatencyStage;
import com.liqengine.pipeline.LatencyValue;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.runtime.EngineRuntime;
import com.liqengine.tools.run.RunCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Prometheus endpoint scraped over loopback as Prometheus would: the counters match the inputs fed, and the
 * latency summary counts every input, its {@code eventTime} quantiles at least the age the inputs were sent with.
 * And {@code liq run --metrics-port} serves it while it runs.
 */
class PrometheusEndpointTest
{
    private static final int INPUTS = 500;
    private static final long SENT_AGO_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    @TempDir
    Path dir;

    @Test
    void servesTheCountersAndLatenciesOfARunningEngine() throws IOException
    {
        final EngineConfig config = EngineConfig.defaults(dir).withMaxAccounts(INPUTS + 1);
        try (EngineRuntime engine = EngineRuntime.start(config, MetricsConfig.defaults().withIntervalMs(50), null);
            PrometheusEndpoint endpoint = PrometheusEndpoint.start(config.counters(), MetricsConfig.LOOPBACK, 0))
        {
            final InputPublisher publisher = engine.newPublisher();
            for (int i = 0; i < INPUTS; i++)
            {
                publisher.commit(publisher.claim().deposit(i, epochNanos() - SENT_AGO_NANOS, i + 1, 1_000));
            }
            awaitMeasured(engine);

            final String text = scrape(endpoint.port());
            assertThat(value(text, "liq_inputs_total")).isEqualTo(INPUTS);
            assertThat(value(text, "liq_inputs_by_type_total{type=\"Deposit\"}")).isEqualTo(INPUTS);
            assertThat(value(text, "liq_outputs_by_type_total{type=\"RequestAccepted\"}")).isEqualTo(INPUTS);
            assertThat(value(text, "liq_journal_appended_total")).isEqualTo(INPUTS);
            assertThat(value(text, "liq_liquidations_total")).isZero();
            assertThat(value(text, "liq_errors_total")).isZero();
            assertThat(value(text, "liq_latency_seconds_count{stage=\"commit-to-applied\"}")).isEqualTo(INPUTS);
            assertThat(value(text, "liq_latency_seconds_count{stage=\"event-to-output\"}")).isEqualTo(INPUTS);
            assertThat(value(text, "liq_latency_out_of_range_total{stage=\"event-to-output\"}")).isZero();
            // the quantiles are the last interval's: the one that measured the inputs, unless a later one came
            final double p50 = value(text, "liq_latency_seconds{stage=\"event-to-output\",quantile=\"0.5\"}");
            final double max = value(text, "liq_latency_seconds{stage=\"event-to-output\",quantile=\"1.0\"}");
            if (engine.counters().latency(LatencyStage.EVENT_TO_OUTPUT).get(LatencyValue.INTERVAL_COUNT) > 0)
            {
                assertThat(p50).as("sent 5 ms before").isGreaterThanOrEqualTo(0.005 * 0.999).isLessThan(30.0);
                assertThat(max).isGreaterThanOrEqualTo(p50);
            }
            assertThat(text).contains("# TYPE liq_latency_seconds summary")
                .contains("liq_latency_seconds{stage=\"commit-to-applied\",quantile=\"0.999\"} ");
        }
    }

    @Test
    void liqRunServesMetricsOnTheGivenPortWhileItRuns() throws Exception
    {
        final Path config = dir.resolve("engine.yaml");
        Files.writeString(config, LiqProcess.pathsIn(dir)
            + "  snapshots: " + dir.resolve("snapshots") + "\n"
            + "engine: { maxAccounts: 1000 }\n"
            + "metrics: { intervalMs: 100 }\n");
        try (InputQueueWriter queue = InputQueueWriter.open(new QueueContext().path(dir.resolve("input"))))
        {
            final InputEncoder encoder = new InputEncoder();
            for (int i = 0; i < INPUTS; i++)
            {
                queue.append(encoder.buffer(), 0, encoder.deposit(i, epochNanos(), i + 1, 1_000));
            }
        }
        final int port = freePort();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread run = new Thread(() -> exit.set(new CommandLine(new RunCommand(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute("--config", config.toString(), "--exit-when-idle", "3", "--metrics-port", "" + port)));
        run.start();

        String text = "";
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.isAlive() && System.nanoTime() < deadline
            && !text.contains("liq_latency_seconds_count{stage=\"commit-to-applied\"} " + INPUTS))
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            text = scrapeIfServed(port);
        }
        run.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(exit.get()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(value(text, "liq_inputs_total")).isEqualTo(INPUTS);
        assertThat(value(text, "liq_latency_seconds_count{stage=\"event-to-output\"}")).isEqualTo(INPUTS);
        assertThat(out.toString(StandardCharsets.UTF_8))
            .contains("Prometheus metrics on http://127.0.0.1:" + port + "/metrics")
            .contains("latency log " + dir.resolve("latency.hlog").toAbsolutePath());
        assertThat(dir.resolve("latency.hlog")).exists();
    }

    @Test
    void aBadMetricsPortIsRefusedBeforeAnythingStarts() throws IOException
    {
        final Path config = dir.resolve("engine.yaml");
        Files.writeString(config, "paths:\n  counters: " + dir.resolve("counters.dat") + "\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = new CommandLine(new RunCommand(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8)))
            .execute("--config", config.toString(), "--metrics-port", "70000");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .contains("--metrics-port must be from 1 to 65535, or 0 for none, not 70000");
        assertThat(dir.resolve("counters.dat")).doesNotExist();
    }

    @Test
    void aPortInUseIsReportedWithAddressAndPort() throws IOException
    {
        final EngineConfig config = EngineConfig.defaults(dir);
        try (EngineRuntime engine = EngineRuntime.start(config, null);
            ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            assertThatThrownBy(() -> PrometheusEndpoint.start(config.counters(), "127.0.0.1", taken.getLocalPort()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot serve Prometheus metrics on 127.0.0.1:" + taken.getLocalPort() + ": ");
            assertThat(engine.engine().failure()).isNull();
        }
    }

    private static void awaitMeasured(final EngineRuntime engine)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((engine.counters().latency(LatencyStage.COMMIT_TO_APPLIED).get(LatencyValue.TOTAL) < INPUTS
            || engine.counters().latency(LatencyStage.EVENT_TO_OUTPUT).get(LatencyValue.TOTAL) < INPUTS)
            && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static long epochNanos()
    {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static String scrapeIfServed(final int port)
    {
        try
        {
            return scrape(port);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private static String scrape(final int port) throws IOException
    {
        final HttpURLConnection connection =
            (HttpURLConnection)URI.create("http://127.0.0.1:" + port + "/metrics").toURL().openConnection();
        try (InputStream body = connection.getInputStream())
        {
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getContentType()).startsWith("text/plain");
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        finally
        {
            connection.disconnect();
        }
    }

    /** The value of the sample written exactly so (name and labels), in the text format. */
    private static double value(final String text, final String sample)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        assertThat(matcher.find()).as("a sample %s in%n%s", sample, text).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
