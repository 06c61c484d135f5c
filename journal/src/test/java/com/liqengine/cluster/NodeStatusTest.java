package com.liqengine.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node status file: written whole, read back, and a clear message naming file, line and field when it is not
 * right.
 */
class NodeStatusTest
{
    @TempDir
    Path dir;

    @Test
    void writeAndReadRoundTrip() throws IOException
    {
        final Path file = dir.resolve("node-1").resolve(NodeStatus.FILE_NAME);
        final NodeStatus status = new NodeStatus(1, "leader", 12_345, 0xfedcba9876543210L, 12_345, 987_654, 3, 1,
            "status");
        status.write(file);
        assertThat(NodeStatus.read(file)).isEqualTo(status);
        assertThat(Files.readString(file)).contains("stateHash=fedcba9876543210\n", "memberId=1\n");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void aMissingOrMalformedFileIsNamedWithItsLineAndField() throws IOException
    {
        final Path file = dir.resolve(NodeStatus.FILE_NAME);
        assertThatThrownBy(() -> NodeStatus.read(file)).hasMessageStartingWith("no node status file " + file);
        new NodeStatus(-1, "follower", 1, 2, 1, 3, 0, 0, "start").write(file);
        final String good = Files.readString(file);

        Files.writeString(file, good.replace("stateHash=0000000000000002", "stateHash=2"));
        assertThatThrownBy(() -> NodeStatus.read(file))
            .hasMessage(file + " line 4: field stateHash is '2', not 16 hex digits");
        Files.writeString(file, good.replace("logPosition=3", "logPosition=three"));
        assertThatThrownBy(() -> NodeStatus.read(file))
            .hasMessage(file + " line 6: field logPosition is 'three', not a decimal number");
        Files.writeString(file, good.replace("engineSequence=1\n", ""));
        assertThatThrownBy(() -> NodeStatus.read(file)).hasMessage(file + ": field engineSequence is missing");
        Files.writeString(file, good + "garbage\n");
        assertThatThrownBy(() -> NodeStatus.read(file)).hasMessage(file + " line 10: 'garbage' is not key=value");
    }
}
