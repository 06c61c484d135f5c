package com.liqengine.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled snapshot requests: one per interval while leading, a busy toggle retried, a follower's slot passed. */
class SnapshotScheduleTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aLeaderRequestsOncePerIntervalAndRetriesABusyToggle()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(10 * SECOND, 0);
        final List<Long> placed = new ArrayList<>();
        final boolean[] toggleFree = {true};
        for (long now = 0; now <= 35 * SECOND; now += SECOND / 2)
        {
            toggleFree[0] = now != 20 * SECOND;
            final long at = now;
            schedule.poll(now, true, () -> toggleFree[0] && placed.add(at));
        }
        assertThat(placed).containsExactly(10 * SECOND, 20 * SECOND + SECOND / 2, 30 * SECOND + SECOND / 2);
    }

    @Test
    void aFollowerRequestsNothingAndNoIntervalNeverRequests()
    {
        final SnapshotSchedule schedule = new SnapshotSchedule(SECOND, 0);
        final SnapshotSchedule never = new SnapshotSchedule(0, 0);
        int requests = 0;
        for (long now = 0; now <= 5 * SECOND; now += SECOND / 4)
        {
            requests += schedule.poll(now, false, () -> true) ? 1 : 0;
            requests += never.poll(now, true, () -> true) ? 1 : 0;
        }
        assertThat(requests).isZero();
        // leading after a follower's slot passed: the next slot, not at once
        assertThat(schedule.poll(5 * SECOND + 1, true, () -> true)).isFalse();
        assertThat(schedule.poll(6 * SECOND, true, () -> true)).isTrue();
    }
}
