package com.liqengine.cluster;

import com.liqengine.runtime.EngineConfig;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member's start: a member that is not in the configuration is refused, and a member whose files are in use by a
 * live process is retried for the window, then refused naming its folder.
 */
class ClusterNodeTest
{
    @Test
    void aMemberOutsideTheConfigurationIsRefused()
    {
        final ClusterConfig config = config("outside");
        assertThatThrownBy(() -> ClusterNode.launch(config, 3, () -> null, Throwable::printStackTrace, line -> { }))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("member 3 is not one of the 3 members (0 to 2)");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMemberStillRunningIsRetriedForTheWindowThenRefusedNamingItsFolder()
    {
        final ClusterConfig config = config("twice").withStartRetry(TimeUnit.SECONDS.toNanos(1));
        final List<String> progress = new ArrayList<>();
        ClusterNode running = null;
        try
        {
            running = ClusterNode.launch(config, 0, () -> new EnvelopeTestService(config.engineFor(0), 4),
                Throwable::printStackTrace, progress::add);
            assertThat(running.memberId()).isZero();
            assertThat(running.nodeDir()).isEqualTo(config.nodeDir(0));
            final long started = System.nanoTime();
            assertThatThrownBy(() -> ClusterNode.launch(config, 0,
                () -> new EnvelopeTestService(config.engineFor(0), 4), Throwable::printStackTrace, progress::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("member 0 could not start within 1000 ms: its files in " + config.nodeDir(0)
                    + " are still in use (is this member running elsewhere?)");
            assertThat(System.nanoTime() - started).as("retried for the window")
                .isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
            assertThat(progress).hasSize(1).first().asString()
                .contains("member 0: the files of a previous process still look active");
        }
        finally
        {
            CloseHelper.close(running);
        }
    }

    private static ClusterConfig config(final String name)
    {
        final Path dir = Path.of("target", "cluster-node-" + name + "-" + System.nanoTime()).toAbsolutePath();
        return ClusterConfig.defaults(dir, EngineConfig.defaults(dir.resolve("engine")))
            .withBasePort(FreePorts.basePort(3));
    }
}
