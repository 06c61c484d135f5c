package com.liqengine.tools.cluster;

import com.liqengine.cluster.ClusterConfig;
import com.liqengine.cluster.ClusterIdleStrategy;
import com.liqengine.cluster.FileSyncLevel;
import com.liqengine.runtime.EngineConfig;
import com.liqengine.tools.engine.EngineConfigFile;
import com.liqengine.tools.yaml.YamlFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster configuration: the shipped file says what the defaults are, every value is read, ports and node paths
 * derive as documented, and a wrong value names its file, line and field.
 */
class ClusterConfigFileTest
{
    @TempDir
    Path dir;

    @Test
    void shippedConfigurationIsTheDefaults()
    {
        final ClusterConfig shipped = ClusterConfigFile.load(Path.of("..", "config", "cluster.yaml"));
        final EngineConfig engine = EngineConfigFile.load(Path.of("..", "config", "engine.yaml"));

        assertThat(shipped).isEqualTo(ClusterConfig.defaults(Path.of("liq-cluster"), engine));
        assertThat(ClusterConfigFile.load(write("cluster.yaml", "dir: liq-cluster\n"))).isEqualTo(
            ClusterConfig.defaults(Path.of("liq-cluster"), EngineConfigFile.load(dir.resolve("engine.yaml"))));
    }

    @Test
    void readsEverySettingAndDerivesPortsAndNodePaths()
    {
        final ClusterConfig config = ClusterConfigFile.load(write("cluster.yaml", """
            engine: engine.yaml
            members: [10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5]
            ports: { base: 30000, clientHost: 10.0.0.9 }
            dir: /var/liq
            timeouts: { leaderHeartbeatMs: 800, leaderHeartbeatIntervalMs: 150, electionMs: 700,
                        startupCanvassMs: 9000, sessionMs: 20000, startRetryMs: 0 }
            idle: { consensus: sleeping, service: busy-spin, driver: yielding }
            fileSync: data-and-metadata
            service: { sourcesCapacity: 8 }
            snapshots: { intervalSeconds: 600 }
            """));

        assertThat(config.hosts()).hasSize(5).first().isEqualTo("10.0.0.1");
        assertThat(config.clientHost()).isEqualTo("10.0.0.9");
        assertThat(config.leaderHeartbeatTimeoutNs()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(800));
        assertThat(config.leaderHeartbeatIntervalNs()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
        assertThat(config.electionTimeoutNs()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(700));
        assertThat(config.startupCanvassTimeoutNs()).isEqualTo(TimeUnit.SECONDS.toNanos(9));
        assertThat(config.sessionTimeoutNs()).isEqualTo(TimeUnit.SECONDS.toNanos(20));
        assertThat(config.startRetryNs()).isZero();
        assertThat(List.of(config.consensusIdle(), config.serviceIdle(), config.driverIdle())).containsExactly(
            ClusterIdleStrategy.SLEEPING, ClusterIdleStrategy.BUSY_SPIN, ClusterIdleStrategy.YIELDING);
        assertThat(config.fileSync()).isEqualTo(FileSyncLevel.DATA_AND_METADATA);
        assertThat(config.sourcesCapacity()).isEqualTo(8);
        assertThat(config.snapshotIntervalNs()).isEqualTo(TimeUnit.MINUTES.toNanos(10));

        // base + 10 N + offset: ingress 0, consensus 1, log 2, catch-up 3, archive control 4
        assertThat(config.clusterMembers()).startsWith(
            "0,10.0.0.1:30000,10.0.0.1:30001,10.0.0.1:30002,10.0.0.1:30003,10.0.0.1:30004|1,10.0.0.2:30010,");
        assertThat(config.ingressEndpoints()).isEqualTo(
            "0=10.0.0.1:30000,1=10.0.0.2:30010,2=10.0.0.3:30020,3=10.0.0.4:30030,4=10.0.0.5:30040");
        assertThat(config.port(2, ClusterConfig.CLUSTER_REPLICATION_PORT)).isEqualTo(30026);
        final EngineConfig node = config.engineFor(3);
        assertThat(node.journal()).isEqualTo(Path.of("/var/liq/node-3/journal"));
        assertThat(node.outputs()).isEqualTo(Path.of("/var/liq/node-3/outputs"));
        assertThat(node.counters()).isEqualTo(Path.of("/var/liq/node-3/counters.dat"));
        assertThat(node.snapshots()).isEqualTo(Path.of("/var/liq/node-3/snapshots"));
        assertThat(config.nodeStatusFile(3)).isEqualTo(Path.of("/var/liq/node-3/node-status.txt"));
        assertThat(config.engine().inputQueue()).as("the ingress tails the engine's own input queue")
            .isEqualTo(Path.of("in"));
        assertThat(node.maxAccounts()).as("the engine's settings apply to every node").isEqualTo(10);
    }

    @Test
    void aCountOfMembersPutsThemAllOnLoopback()
    {
        assertThat(ClusterConfigFile.load(write("cluster.yaml", "members: 5\n")).hosts())
            .containsExactly("127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1");
    }

    @Test
    void aWrongValueIsReportedWithItsFileLineAndField()
    {
        refused("members: 0\n", ":1: members must be from 1 to 9");
        refused("members:\n  - 127.0.0.1\n  - 'host:20000'\n", ":3: a member's host must be a host name");
        refused("ports: { base: 80 }\n", ":1: ports.base must be from 1024 to 65506");
        refused("members: 9\nports:\n  base: 65500\n", ":3: ports.base must be from 1024 to 65446");
        refused("ports: { base: twenty }\n", ":1: 'base' of ports is not a decimal number");
        refused("timeouts:\n  leaderHeartbeatMs: 0\n", ":2: timeouts.leaderHeartbeatMs must be from 1");
        refused("timeouts:\n  leaderHeartbeatMs: 300\n  leaderHeartbeatIntervalMs: 300\n",
            ":3: timeouts.leaderHeartbeatIntervalMs (300) must be below timeouts.leaderHeartbeatMs (300)");
        refused("timeouts: { sessionMs: 400 }\n", ":1: timeouts.sessionMs (400) must be above");
        refused("timeouts: { startRetryMs: -1 }\n", ":1: timeouts.startRetryMs must be from 0");
        refused("idle: { service: spin }\n", ":1: 'service' of idle must be one of backoff, sleeping, yielding, "
            + "busy-spin, not 'spin'");
        refused("fileSync: always\n", ":1: 'fileSync' of the cluster configuration must be one of none, data, "
            + "data-and-metadata");
        refused("service: { sourcesCapacity: 0 }\n", ":1: service.sourcesCapacity must be from 1");
        refused("snapshots: { intervalSeconds: -5 }\n", ":1: snapshots.intervalSeconds must be from 0");
        refused("members: 3\nnodes: 3\n", ":2: unknown field 'nodes' in the cluster configuration");
        refused("dir: x\nengine: missing.yaml\n", ":2: engine: no such file");
    }

    @Test
    void theEngineFilesErrorsNameTheEngineFile()
    {
        write("bad-engine.yaml", "pipeline:\n  ringSize: 3\n");
        assertThatThrownBy(() -> ClusterConfigFile.load(write("cluster.yaml", "engine: bad-engine.yaml\n")))
            .isInstanceOf(YamlFileException.class)
            .hasMessageContaining("bad-engine.yaml:2: ringSize must be a power of two");
    }

    private void refused(final String yaml, final String message)
    {
        final Path file = write("cluster.yaml", yaml);
        assertThatThrownBy(() -> ClusterConfigFile.load(file)).as(yaml).isInstanceOf(YamlFileException.class)
            .hasMessageStartingWith(file.toString())
            .hasMessageContaining(message);
    }

    private Path write(final String name, final String yaml)
    {
        try
        {
            Files.writeString(dir.resolve("engine.yaml"),
                "paths: { inputQueue: in }\nengine: { maxAccounts: 10 }\n");
            final Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return file;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
