package com.liqengine.tools.engine;

import com.liqengine.metrics.MetricsConfig;
import com.liqengine.tools.run.RunCommand;
import com.liqengine.tools.yaml.YamlFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code metrics:} section of the engine configuration: the shipped file holds the defaults, every field is
 * read, and a wrong one names its file and line.
 */
class MetricsSectionTest
{
    @TempDir
    Path dir;

    @Test
    void shippedConfigurationHoldsTheDefaults()
    {
        final Path shipped = Path.of("..", "config", "engine.yaml");

        assertThat(MetricsSection.load(shipped)).isEqualTo(MetricsConfig.defaults());
        assertThat(MetricsConfig.defaults().port()).as("no endpoint unless asked").isZero();
        assertThat(MetricsConfig.defaults().bindAddress()).isEqualTo("127.0.0.1");
        // and the engine's own reader takes the file with its metrics section
        assertThat(EngineConfigFile.load(shipped)).isNotNull();
    }

    @Test
    void readsEverySettingAndDefaultsTheRest() throws IOException
    {
        assertThat(MetricsSection.load(write("""
            metrics: { port: 9464, bindAddress: 0.0.0.0, intervalMs: 250, logMaxBytes: 1048576, logKeep: 0 }
            """))).isEqualTo(new MetricsConfig(250, 1_048_576, 0, 9464, "0.0.0.0"));
        assertThat(MetricsSection.load(write("metrics: { port: 9464 }\n")))
            .isEqualTo(MetricsConfig.defaults().withPort(9464));
        assertThat(MetricsSection.load(write("engine: { maxAccounts: 10 }\n"))).isEqualTo(MetricsConfig.defaults());
        assertThat(MetricsSection.load(write("metrics: { bindAddress: \"::1\" }\n")).bindAddress()).isEqualTo("::1");
    }

    @Test
    void wrongSettingsNameTheirLine() throws IOException
    {
        assertError("metrics:\n  port: 65536\n", ":2: port must be from 1 to 65535, or 0 to serve no Prometheus "
            + "endpoint, not 65536");
        assertError("metrics:\n  port: -1\n", ":2: port must be from 1 to 65535");
        assertError("metrics:\n  port: http\n", ":2: 'port' of metrics is not a decimal number: 'http'");
        assertError("metrics:\n  port: 9464\n  bindAddress: localhost\n", ":3: bindAddress must be an IP address "
            + "such as 127.0.0.1 (loopback, the default) or 0.0.0.0 (every interface), not 'localhost'");
        assertError("metrics:\n  bindAddress: 10.0.0.256\n", ":2: bindAddress must be an IP address");
        assertError("metrics:\n  intervalMs: 5\n", ":2: intervalMs must be at least 10, not 5");
        assertError("metrics:\n  logMaxBytes: 1000\n", ":2: logMaxBytes must be at least 65536, not 1000");
        assertError("metrics:\n  logKeep: -1\n", ":2: logKeep must be 0 (keep no rotated log) or more, not -1");
        assertError("metrics:\n  prot: 9464\n", ":2: unknown field 'prot' in metrics");
    }

    @Test
    void runRefusesAWrongSectionWithItsLineAndExitsTwo() throws IOException
    {
        final Path file = write("paths:\n  counters: " + dir.resolve("counters.dat") + "\nmetrics:\n  port: 99999\n");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int exit = new CommandLine(new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--config", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(file + ":4: port must be from 1 to 65535, or 0 "
            + "to serve no Prometheus endpoint, not 99999" + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(dir.resolve("counters.dat")).as("nothing started").doesNotExist();
    }

    private void assertError(final String yaml, final String expected) throws IOException
    {
        final Path file = write(yaml);
        assertThatThrownBy(() -> MetricsSection.load(file)).isInstanceOf(YamlFileException.class)
            .hasMessageStartingWith(file + expected);
    }

    private Path write(final String yaml) throws IOException
    {
        return Files.writeString(Files.createTempFile(dir, "engine", ".yaml"), yaml);
    }
}
