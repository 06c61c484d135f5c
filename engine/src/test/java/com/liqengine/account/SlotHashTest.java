package com.liqengine.account;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slot hash against a {@link HashMap} on random puts and removes in a small table (so that probe runs collide,
 * wrap around the end of the table and are shifted back by removes), with account ids of every size; and a put
 * right after its key's lookup missed (it stores where the lookup stopped), with other changes between them or not.
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

    @Test
    void aPutAfterItsLookupMissedAgreesWithAMapWhateverChangedBetween()
    {
        for (long seed = 0; seed < 200; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int capacity = 2 + random.nextInt(40);
            final SlotHash hash = new SlotHash(capacity);
            final Map<String, Integer> expected = new HashMap<>();
            final long[] ids = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 7, 1L << 40, random.nextLong()};
            for (int step = 0; step < 2_000; step++)
            {
                final long id = ids[random.nextInt(ids.length)];
                final int instrument = random.nextInt(6);
                final String key = id + "/" + instrument;
                if (expected.containsKey(key))
                {
                    hash.remove(id, instrument);
                    expected.remove(key);
                    continue;
                }
                if (expected.size() >= capacity - 1)
                {
                    continue;
                }
                assertThat(hash.get(id, instrument)).isEqualTo(Slots.NONE);
                // between the miss and the put: nothing, a remove of another key, a put of another, another miss
                final long otherId = ids[random.nextInt(ids.length)];
                final int otherInstrument = random.nextInt(6);
                final String other = otherId + "/" + otherInstrument;
                final int between = random.nextInt(4);
                if (!other.equals(key))
                {
                    if (between == 1 && expected.containsKey(other))
                    {
                        hash.remove(otherId, otherInstrument);
                        expected.remove(other);
                    }
                    else if (between == 2 && !expected.containsKey(other))
                    {
                        final int slot = random.nextInt(1 << 30);
                        hash.put(otherId, otherInstrument, slot);
                        expected.put(other, slot);
                    }
                    else if (between == 3)
                    {
                        hash.get(otherId, otherInstrument);
                    }
                }
                final int slot = random.nextInt(1 << 30);
                hash.put(id, instrument, slot);
                expected.put(key, slot);
                for (final long probeId : ids)
                {
                    for (int i = 0; i < 6; i++)
                    {
                        final Integer stored = expected.get(probeId + "/" + i);
                        assertThat(hash.get(probeId, i)).as("seed %d step %d: %d/%d", seed, step, probeId, i)
                            .isEqualTo(stored == null ? Slots.NONE : stored);
                    }
                }
            }
        }
    }
}
