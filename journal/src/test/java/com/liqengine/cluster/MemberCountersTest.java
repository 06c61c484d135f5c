package com.liqengine.cluster;

import io.aeron.CncFileDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MemberCountersTest
{
    @Test
    void aMemberWithNoDriverFolderIsNotRunning(@TempDir final Path dir)
    {
        assertThat(MemberCounters.read(dir.resolve("aeron")))
            .isEqualTo(new MemberCounters(false, null, null, -1, -1));
    }

    /** What a status reader sees while a member's driver starts: its cnc.dat created, not yet initialised. */
    @Test
    void aDriverStillStartingIsReportedNotRunningNotThrown(@TempDir final Path dir) throws IOException
    {
        Files.write(dir.resolve(CncFileDescriptor.CNC_FILE), new byte[64 * 1024]);
        assertThat(MemberCounters.read(dir)).isEqualTo(new MemberCounters(false, null, null, -1, -1));
    }
}
