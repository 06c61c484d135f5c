package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.ClusterIdleStrategy;
import com.liqengine.cluster.FileSyncLevel;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.engine.EngineConfigFile;
import com.liqengine.tools.yaml.YamlFileException;
import com.liqengine.tools.yaml.YamlMap;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code config/cluster.yaml} (docs/cluster.md) into a {@link ClusterConfig}, naming the file, line and field
 * of anything wrong. Every field is optional; what is left out keeps its default. The engine file it names is read
 * too (relative to the cluster file), with its own lines in its errors.
 */
public final class ClusterConfigFile
{
    static final List<String> TOP =
        List.of("engine", "members", "ports", "dir", "timeouts", "idle", "fileSync", "service", "snapshots");
    private static final List<String> PORTS = List.of("base", "clientHost");
    private static final List<String> TIMEOUTS = List.of("leaderHeartbeatMs", "leaderHeartbeatIntervalMs",
        "electionMs", "startupCanvassMs", "sessionMs", "startRetryMs");
    private static final List<String> IDLE = List.of("consensus", "service", "driver");
    private static final List<String> SERVICE = List.of("sourcesCapacity");
    private static final List<String> SNAPSHOTS = List.of("intervalSeconds");

    /** The engine file when the cluster file names none: beside it. */
    static final String DEFAULT_ENGINE_FILE = "engine.yaml";
    static final Path DEFAULT_DIR = Path.of("liq-cluster");
    /** Most input sources: the replicated state keeps a sequence for each. */
    static final int MAX_SOURCES = 1 << 20;
    /** Longest timeout accepted: beyond it a typo (seconds for milliseconds) is likelier than intent. */
    private static final long MAX_TIMEOUT_MS = TimeUnit.HOURS.toMillis(1);

    private ClusterConfigFile()
    {
    }

    /**
     * Reads a configuration for a command, printing {@code FILE:LINE: what is wrong} when it is wrong.
     *
     * @param file the YAML file.
     * @param err where the problem goes.
     * @return the configuration, or null after reporting the problem (the command exits 2).
     */
    public static ClusterConfig readForCommand(final Path file, final PrintStream err)
    {
        try
        {
            return load(file);
        }
        catch (final YamlFileException ex)
        {
            err.println(ex.getMessage());
            return null;
        }
    }

    /**
     * Reads a cluster configuration file and the engine file it names.
     *
     * @param file the YAML file.
     * @return the configuration.
     * @throws YamlFileException for a missing file, an unknown field or a bad value, with the line.
     */
    public static ClusterConfig load(final Path file)
    {
        final String name = file.toString();
        final YamlMap top = YamlMap.of(name, "the cluster configuration", YamlMap.root(file), TOP);
        final YamlMap ports = section(name, top, "ports", PORTS);
        final YamlMap timeouts = section(name, top, "timeouts", TIMEOUTS);
        final YamlMap idle = section(name, top, "idle", IDLE);
        final YamlMap service = section(name, top, "service", SERVICE);
        final YamlMap snapshots = section(name, top, "snapshots", SNAPSHOTS);

        final List<String> hosts = members(name, top);
        final int maxBase = ClusterConfig.maxBasePort(hosts.size());
        final int base = ports.has("base") ? ports.smallInteger("base") : ClusterConfig.DEFAULT_BASE_PORT;
        if (base < ClusterConfig.MIN_BASE_PORT || base > maxBase)
        {
            throw ports.error("base", "ports.base must be from " + ClusterConfig.MIN_BASE_PORT + " to " + maxBase
                + " (member N uses base + " + ClusterConfig.PORTS_PER_MEMBER + " N to base + "
                + ClusterConfig.PORTS_PER_MEMBER + " N + " + (ClusterConfig.PORTS_PER_MEMBER - 1) + ", and there are "
                + hosts.size() + " members), not " + base);
        }
        final String clientHost = ports.has("clientHost") ? ports.text("clientHost") : ClusterConfig.DEFAULT_HOST;

        final long heartbeatMs =
            millis(timeouts, "leaderHeartbeatMs", ClusterConfig.DEFAULT_LEADER_HEARTBEAT_TIMEOUT_NS);
        final long intervalMs =
            millis(timeouts, "leaderHeartbeatIntervalMs", ClusterConfig.DEFAULT_LEADER_HEARTBEAT_INTERVAL_NS);
        if (intervalMs >= heartbeatMs)
        {
            throw timeouts.error(timeouts.has("leaderHeartbeatIntervalMs") ? "leaderHeartbeatIntervalMs" :
                "leaderHeartbeatMs", "timeouts.leaderHeartbeatIntervalMs (" + intervalMs + ") must be below "
                + "timeouts.leaderHeartbeatMs (" + heartbeatMs + "): followers would elect a new leader between two "
                + "heartbeats");
        }
        final long electionMs = millis(timeouts, "electionMs", ClusterConfig.DEFAULT_ELECTION_TIMEOUT_NS);
        final long canvassMs = millis(timeouts, "startupCanvassMs", ClusterConfig.DEFAULT_STARTUP_CANVASS_TIMEOUT_NS);
        final long sessionMs = millis(timeouts, "sessionMs", ClusterConfig.DEFAULT_SESSION_TIMEOUT_NS);
        if (sessionMs <= heartbeatMs)
        {
            throw timeouts.error(timeouts.has("sessionMs") ? "sessionMs" : "leaderHeartbeatMs",
                "timeouts.sessionMs (" + sessionMs + ") must be above timeouts.leaderHeartbeatMs (" + heartbeatMs
                    + "): client sessions would time out during a failover");
        }
        final long retryMs = timeouts.has("startRetryMs") ? timeouts.integer("startRetryMs") :
            TimeUnit.NANOSECONDS.toMillis(ClusterConfig.DEFAULT_START_RETRY_NS);
        if (retryMs < 0 || retryMs > MAX_TIMEOUT_MS)
        {
            throw timeouts.error("startRetryMs", "timeouts.startRetryMs must be from 0 (no retry) to "
                + MAX_TIMEOUT_MS + ", not " + retryMs);
        }

        final int sources = service.has("sourcesCapacity") ? service.smallInteger("sourcesCapacity") :
            ClusterConfig.DEFAULT_SOURCES_CAPACITY;
        if (sources < 1 || sources > MAX_SOURCES)
        {
            throw service.error("sourcesCapacity", "service.sourcesCapacity must be from 1 to " + MAX_SOURCES
                + ", not " + sources);
        }
        final long snapshotSeconds = snapshots.has("intervalSeconds") ? snapshots.integer("intervalSeconds") : 0;
        if (snapshotSeconds < 0 || snapshotSeconds > TimeUnit.DAYS.toSeconds(7))
        {
            throw snapshots.error("intervalSeconds", "snapshots.intervalSeconds must be from 0 (only on request) to "
                + TimeUnit.DAYS.toSeconds(7) + ", not " + snapshotSeconds);
        }
        return new ClusterConfig(
            hosts,
            base,
            clientHost,
            top.has("dir") ? Path.of(top.text("dir")) : DEFAULT_DIR,
            engine(file, top),
            TimeUnit.MILLISECONDS.toNanos(heartbeatMs),
            TimeUnit.MILLISECONDS.toNanos(intervalMs),
            TimeUnit.MILLISECONDS.toNanos(electionMs),
            TimeUnit.MILLISECONDS.toNanos(canvassMs),
            TimeUnit.MILLISECONDS.toNanos(sessionMs),
            TimeUnit.MILLISECONDS.toNanos(retryMs),
            word(idle, "consensus", ClusterIdleStrategy.class, ClusterIdleStrategy.BACKOFF),
            word(idle, "service", ClusterIdleStrategy.class, ClusterIdleStrategy.BACKOFF),
            word(idle, "driver", ClusterIdleStrategy.class, ClusterIdleStrategy.BACKOFF),
            word(top, "fileSync", FileSyncLevel.class, FileSyncLevel.NONE),
            sources,
            TimeUnit.SECONDS.toNanos(snapshotSeconds));
    }

    /** {@code members}: a count (every member on 127.0.0.1) or a list of hosts, member 0 first. */
    private static List<String> members(final String file, final YamlMap top)
    {
        if (!top.has("members"))
        {
            return Collections.nCopies(ClusterConfig.DEFAULT_MEMBERS, ClusterConfig.DEFAULT_HOST);
        }
        final String range = "from 1 to " + ClusterConfig.MAX_MEMBERS;
        final List<String> hosts = new ArrayList<>();
        if (top.node("members") instanceof ScalarNode)
        {
            final long count = top.integer("members");
            if (count < 1 || count > ClusterConfig.MAX_MEMBERS)
            {
                throw top.error("members", "members must be " + range + " (or a list of hosts), not " + count);
            }
            return Collections.nCopies((int)count, ClusterConfig.DEFAULT_HOST);
        }
        for (final Node host : top.list("members"))
        {
            final String text = YamlMap.scalarText(file, host, "a member's host").trim();
            if (text.isEmpty() || text.contains(":") || text.contains(" "))
            {
                throw new YamlFileException(file, YamlMap.line(host), "a member's host must be a host name or "
                    + "IPv4 address without a port (ports derive from ports.base), not '" + text + "'");
            }
            hosts.add(text);
        }
        if (hosts.isEmpty() || hosts.size() > ClusterConfig.MAX_MEMBERS)
        {
            throw top.error("members", "members must list " + range + " hosts, not " + hosts.size());
        }
        return hosts;
    }

    private static EngineConfig engine(final Path file, final YamlMap top)
    {
        final String engineFile = top.has("engine") ? top.text("engine") : DEFAULT_ENGINE_FILE;
        final Path parent = file.toAbsolutePath().getParent();
        final Path resolved = parent == null ? Path.of(engineFile) : parent.resolve(engineFile).normalize();
        try
        {
            return EngineConfigFile.load(resolved);
        }
        catch (final YamlFileException ex)
        {
            if (ex.line() == 0 && ex.problem().equals("no such file"))
            {
                throw top.error("engine", "engine: no such file " + resolved + " (relative to " + file + ")");
            }
            throw ex;
        }
    }

    private static long millis(final YamlMap map, final String key, final long defaultNanos)
    {
        if (!map.has(key))
        {
            return TimeUnit.NANOSECONDS.toMillis(defaultNanos);
        }
        final long value = map.integer(key);
        if (value < 1 || value > MAX_TIMEOUT_MS)
        {
            throw map.error(key, "timeouts." + key + " must be from 1 to " + MAX_TIMEOUT_MS + " ms, not " + value);
        }
        return value;
    }

    private static <E extends Enum<E>> E word(
        final YamlMap map, final String key, final Class<E> type, final E otherwise)
    {
        if (!map.has(key))
        {
            return otherwise;
        }
        return type.getEnumConstants()[map.choice(key, EngineConfig.words(type))];
    }

    private static YamlMap section(final String file, final YamlMap top, final String key, final List<String> allowed)
    {
        if (!top.has(key))
        {
            return YamlMap.of(file, key, new MappingNode(Tag.MAP, List.of(), FlowStyle.AUTO), allowed);
        }
        return YamlMap.of(file, key, top.node(key), allowed);
    }
}
