package com.liqengine.tools.engine;

import com.liqengine.metrics.MetricsConfig;
import com.liqengine.tools.yaml.YamlFileException;
import com.liqengine.tools.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code metrics:} section of {@code config/engine.yaml} (docs/operations.md) as a {@link MetricsConfig}, each
 * field optional, anything wrong named with its file and line. The rest of the file is {@link EngineConfigFile}'s.
 */
public final class MetricsSection
{
    /** The section's name in the file. */
    public static final String NAME = "metrics";
    /** The section's keys. */
    public static final List<String> KEYS = List.of("port", "bindAddress", "intervalMs", "logMaxBytes", "logKeep");

    /** Shorter intervals would mostly measure the metrics thread's own wake-ups. */
    private static final long MIN_INTERVAL_MS = 10;
    /** A log file must hold at least its header and one interval of each latency. */
    private static final long MIN_LOG_BYTES = 64 * 1024;

    private MetricsSection()
    {
    }

    /**
     * Reads the section for a command, printing {@code FILE:LINE: what is wrong} when it is wrong.
     *
     * @param file the configuration file; a missing file, or one without the section, gives the defaults.
     * @param err where the problem goes.
     * @return the settings, or null after reporting the problem (the command exits 2).
     */
    public static MetricsConfig readForCommand(final Path file, final PrintStream err)
    {
        try
        {
            return Files.exists(file) ? load(file) : MetricsConfig.defaults();
        }
        catch (final YamlFileException ex)
        {
            err.println(ex.getMessage());
            return null;
        }
    }

    /**
     * Reads the section of a configuration file.
     *
     * @param file the YAML file.
     * @return the settings; the defaults for what is left out.
     * @throws YamlFileException for an unknown field or a bad value, with the line.
     */
    public static MetricsConfig load(final Path file)
    {
        final String name = file.toString();
        final Node root = YamlMap.root(file);
        final YamlMap top = YamlMap.of(name, "the configuration", root, EngineConfigFile.TOP);
        final MetricsConfig d = MetricsConfig.defaults();
        if (!top.has(NAME))
        {
            return d;
        }
        final YamlMap metrics = YamlMap.of(name, NAME, top.node(NAME), KEYS);
        final long port = metrics.has("port") ? metrics.integer("port") : d.port();
        if (port < 0 || port > MetricsConfig.MAX_PORT)
        {
            throw metrics.error("port", "port must be from 1 to " + MetricsConfig.MAX_PORT
                + ", or 0 to serve no Prometheus endpoint, not " + port);
        }
        final String bindAddress = metrics.has("bindAddress") ? metrics.text("bindAddress") : d.bindAddress();
        if (metrics.has("bindAddress"))
        {
            checkAddress(metrics, bindAddress);
        }
        final long intervalMs = metrics.has("intervalMs") ? metrics.integer("intervalMs") : d.intervalMs();
        if (intervalMs < MIN_INTERVAL_MS)
        {
            throw metrics.error("intervalMs", "intervalMs must be at least " + MIN_INTERVAL_MS + ", not " + intervalMs);
        }
        final long logMaxBytes = metrics.has("logMaxBytes") ? metrics.integer("logMaxBytes") : d.logMaxBytes();
        if (logMaxBytes < MIN_LOG_BYTES)
        {
            throw metrics.error("logMaxBytes",
                "logMaxBytes must be at least " + MIN_LOG_BYTES + ", not " + logMaxBytes);
        }
        final int logKeep = metrics.has("logKeep") ? metrics.smallInteger("logKeep") : d.logKeep();
        if (logKeep < 0)
        {
            throw metrics.error("logKeep", "logKeep must be 0 (keep no rotated log) or more, not " + logKeep);
        }
        return new MetricsConfig(intervalMs, logMaxBytes, logKeep, (int)port, bindAddress);
    }

    /** An IP address as written (no name look-up: the engine's start must not wait on DNS). */
    private static void checkAddress(final YamlMap metrics, final String address)
    {
        try
        {
            // an IPv6 literal is parsed, never looked up; anything else must be four numbers from 0 to 255
            if (!address.contains(":") && !isIpv4(address))
            {
                throw new UnknownHostException(address);
            }
            InetAddress.getByName(address);
        }
        catch (final UnknownHostException ex)
        {
            throw metrics.error("bindAddress", "bindAddress must be an IP address such as 127.0.0.1 (loopback, "
                + "the default) or 0.0.0.0 (every interface), not '" + address + "'");
        }
    }

    private static boolean isIpv4(final String address)
    {
        final String[] parts = address.split("\\.", -1);
        if (parts.length != 4)
        {
            return false;
        }
        for (final String part : parts)
        {
            if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255)
            {
                return false;
            }
        }
        return true;
    }
}
