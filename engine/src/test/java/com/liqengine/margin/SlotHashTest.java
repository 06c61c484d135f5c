package com.liqengine.margin;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slot hash against a {@link HashMap} on random puts and removes in a small table (so that probe runs collide,
 * wrap around the end of the table and are shifted back by removes), with account ids of every size.
 */
class SlotHashTest
{
    @Test
    void agreesWithAMapOnRandomPutsAndRemoves()
    {
        for (long seed = 0; seed < 200; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int capacity = 1 + random.nextInt(40);
            final SlotHash hash = new SlotHash(capacity);
            final Map<String, Integer> expected = new HashMap<>();
            final long[] ids = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 7, 1L << 40, random.nextLong()};
            for (int step = 0; step < 2_000; step++)
            {
                final long id = ids[random.nextInt(ids.length)];
                final int instrument = random.nextInt(6);
                final String key = id + "/" + instrument;
                if (expected.containsKey(key) && random.nextInt(3) > 0)
                {
                    hash.remove(id, instrument);
                    expected.remove(key);
                }
                else if (!expected.containsKey(key) && expected.size() < capacity)
                {
                    final int slot = random.nextInt(1 << 30);
                    hash.put(id, instrument, slot);
                    expected.put(key, slot);
                }
                for (final long probeId : ids)
                {
                    for (int i = 0; i < 6; i++)
                    {
                        final Integer slot = expected.get(probeId + "/" + i);
                        assertThat(hash.get(probeId, i)).as("seed %d step %d: %d/%d", seed, step, probeId, i)
                            .isEqualTo(slot == null ? Slots.NONE : slot);
                    }
                }
            }
        }
    }
}
