package com.liqengine.account;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where {@link Slots} puts a slot's record: an account's slots share a block of {@link SlotRecords#BLOCK} records
 * while it has room, even when other accounts' slots were opened between them; every free handle can still be
 * taken, and none twice.
 */
class SlotBlocksTest
{
    private static final int INSTRUMENTS = 16;

    private final Instrument[] instruments = new Instrument[INSTRUMENTS];

    SlotBlocksTest()
    {
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            instruments[i] = new Instrument(i);
            instruments[i].defaultLeverage = 20;
        }
    }

    private static Slots slots(final int accountCount, final int maxPositions)
    {
        final Accounts accounts = new Accounts(accountCount);
        for (long id = 0; id < accountCount; id++)
        {
            accounts.open(id);
        }
        final Slots slots = new Slots(accounts, INSTRUMENTS, maxPositions, 0);
        slots.maintenanceMargins(new SlotMaintenanceMargins(slots));
        return slots;
    }

    private static List<Integer> slotsOf(final Slots slots, final int account)
    {
        final List<Integer> handles = new ArrayList<>();
        for (int s = slots.firstOf(account); s != Slots.NONE; s = slots.nextOf(s))
        {
            handles.add(s);
        }
        return handles;
    }

    @Test
    void anAccountsSlotsShareABlockWhenOthersOpenedSlotsBetweenThem()
    {
        final Slots slots = slots(5, 64);
        // position by position across four accounts: a handle each in turn, as a free list would give them
        for (int p = 0; p < 4; p++)
        {
            for (int a = 1; a <= 4; a++)
            {
                slots.open(a, instruments[(3 * p + a) % INSTRUMENTS]);
            }
        }
        for (int a = 1; a <= 4; a++)
        {
            final List<Integer> handles = slotsOf(slots, a);
            assertThat(handles).hasSize(4);
            assertThat(handles.stream().map(s -> s / SlotRecords.BLOCK).distinct()).hasSize(1);
        }
        // a fifth slot of account 1 needs another block; a sixth joins it there, next to its neighbour in the list
        final int fifth = slots.open(1, instruments[15]);
        final int sixth = slots.open(1, instruments[14]);
        assertThat(sixth / SlotRecords.BLOCK).isEqualTo(fifth / SlotRecords.BLOCK);
        assertThat(slotsOf(slots, 1).stream().map(slots::instrument)).isSorted();
    }

    @Test
    void aForgottenSlotsHandleIsTakenAgainByItsAccount()
    {
        final Slots slots = slots(3, 16);
        final int a = slots.open(1, instruments[1]);
        slots.open(1, instruments[2]);
        final int b = slots.open(2, instruments[1]);
        assertThat(b / SlotRecords.BLOCK).isNotEqualTo(a / SlotRecords.BLOCK);
        assertThat(slots.releaseIfIdle(a, instruments[1])).isTrue();
        assertThat(slots.open(1, instruments[3])).isEqualTo(a);
    }

    @Test
    void everyHandleCanBeTakenAndNoneTwice()
    {
        // capacity 23 + 16 = 39: the last block holds three records
        final int maxPositions = 23;
        final Slots slots = slots(9, maxPositions);
        final SplittableRandom random = new SplittableRandom(3);
        final Set<Integer> held = new HashSet<>();
        for (int step = 0; step < 20_000; step++)
        {
            final int account = 1 + random.nextInt(8);
            final int instrument = random.nextInt(INSTRUMENTS);
            final int stored = slots.find(account, instrument);
            if (stored != Slots.NONE)
            {
                assertThat(slots.releaseIfIdle(stored, instruments[instrument])).isTrue();
                assertThat(held.remove(stored)).isTrue();
            }
            else if (slots.hasRoom(account))
            {
                final int slot = slots.open(account, instruments[instrument]);
                assertThat(slot).isBetween(0, slots.capacity() - 1);
                assertThat(held.add(slot)).as("handle %d taken twice", slot).isTrue();
            }
            else
            {
                assertThat(held).hasSize(maxPositions);
            }
            assertThat(slots.used()).isEqualTo(held.size());
        }
        // and the whole capacity, the fund's reserve included: the fund takes a slot in every instrument
        while (slots.hasRoom(1))
        {
            for (int i = 0; i < INSTRUMENTS && slots.hasRoom(1); i++)
            {
                for (int a = 1; a <= 8 && slots.hasRoom(a); a++)
                {
                    if (slots.find(a, i) == Slots.NONE)
                    {
                        assertThat(held.add(slots.open(a, instruments[i]))).isTrue();
                    }
                }
            }
        }
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            assertThat(held.add(slots.open(0, instruments[i]))).isTrue();
        }
        assertThat(held).hasSize(slots.capacity());
    }
}
