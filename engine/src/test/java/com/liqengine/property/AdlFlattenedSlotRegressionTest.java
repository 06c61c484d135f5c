package com.liqengine.property;

import com.liqengine.api.OutputRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run EngineMatchesReferenceTest found (seed 5008979109831): an ADL close flattened an isolated position of
 * account 1 on an instrument whose default mode was then cross, so the slot stayed stored; no check removed its
 * price band (the checks after ADL skip flat isolated slots). A redefinition made isolated the default, the slot
 * then read as the defaults and was forgotten with its heap entries left behind; its handle, re-used for another
 * account's position on the other instrument, corrupted that instrument's heaps, and a later tick missed the
 * liquidation of account 1's short there. Kept as the shrunk run, replayed against the reference model.
 */
class AdlFlattenedSlotRegressionTest
{
    @Test
    void aSlotFlattenedByAdlLeavesTheIndexBeforeItIsForgotten()
    {
        final List<Step> steps = List.of(
            new Step.Invalid(2, 11, 0, 0),
            new Step.Trade(38, 33, 3, false, 90, -10, 1, false),
            new Step.Trade(26, 22, 8, false, 277, -44, 4, false),
            new Step.Move(7, -18),
            new Step.Trade(13, 23, 0, false, 6, 0, 0, true),
            new Step.Invalid(0, 0, 1, 18),
            new Step.Trade(10, 8, 4, false, 39, -23, 0, false),
            new Step.Close(16, 6, 5, 26, -5, false),
            new Step.Trade(18, 21, 3, false, 65, -1, 4, false),
            new Step.Trade(24, 39, 0, true, 3, -20, 7, false),
            new Step.Close(10, 10, 8, 119, -13, false),
            new Step.Move(9, 12),
            new Step.Move(4, 2080),
            new Step.Trade(12, 13, 8, false, 47, -1, 0, false),
            new Step.Trade(13, 9, 1, false, 844, -8, 2, false),
            new Step.AddMargin(0, 0, 10),
            new Step.Trade(19, 16, 0, false, 19, -23, 2, false),
            new Step.Move(2, -1474),
            new Step.Close(12, 3, 4, 19, -18, true),
            new Step.Move(10, -1017),
            new Step.Close(13, 0, 3, 34, -7, false),
            new Step.Close(7, 34, 4, 109, 19, false),
            new Step.Invalid(0, 19, 2, 18),
            new Step.Close(4, 34, 5, 142, -2, false),
            new Step.Move(0, 1),
            new Step.Trade(6, 5, 0, false, 4, 0, 3, false),
            new Step.Trade(16, 13, 0, false, 4, 17, 3, false),
            new Step.Trade(0, 0, 0, false, 24, -5, 2, false),
            new Step.Move(0, 46),
            new Step.Trade(4, 17, 0, true, 804, -18, 0, false),
            new Step.Funding(1, 1001142),
            new Step.Move(4, 10),
            new Step.Trade(13, 1, 0, false, 160, 40, 0, false),
            new Step.Close(34, 4, 8, 20, -7, false),
            new Step.Trade(4, 7, 1, false, 386, 27, 0, false),
            new Step.Funding(2, 5103879),
            new Step.Move(1, 47),
            new Step.Trade(4, 1, 8, false, 504, 18, 3, false),
            new Step.Move(0, -3),
            new Step.Close(0, 1, 3, 65, -17, true),
            new Step.Trade(3, 1, 1, false, 500, 24, 2, true),
            new Step.Trade(0, 25, 0, false, 15, 6, -1, false),
            new Step.ChangeMode(23, 1, false),
            new Step.Trade(0, 16, 1, false, 13, 4, 1, false),
            new Step.Trade(4, 3, 7, true, 172, -1, 0, false),
            new Step.Trade(11, 25, 0, true, 76, 8, 3, true),
            new Step.Trade(5, 21, 2, false, 3, -1, 4, false),
            new Step.Move(5, -67),
            new Step.Invalid(6, 1, 1, 7),
            new Step.Trade(25, 28, 8, true, 4, -22, 2, false),
            new Step.Move(5, -1017),
            new Step.Move(2, -3),
            new Step.Close(35, 10, 0, 21, -1, false),
            new Step.Move(3, 0),
            new Step.Trade(0, 33, 4, false, 436, 6, 5, false),
            new Step.Trade(20, 38, 7, false, 50, -7, 0, false),
            new Step.Close(4, 8, 0, 63, -9, true),
            new Step.Move(6, -12),
            new Step.Close(8, 37, 0, 14, -29, true),
            new Step.Invalid(2, 1, 0, 2),
            new Step.Trade(0, 34, 3, false, 997, -13, 7, false),
            new Step.Trade(34, 5, 9, true, 1, 16, 2, false),
            new Step.Trade(0, 0, 1, true, 493, -27, 9, false),
            new Step.Trade(2, 4, 1, false, 27, 22, 9, false),
            new Step.Move(0, -86),
            new Step.Trade(22, 35, 11, false, 193, -3, 0, false),
            new Step.AddMargin(1, 11, 10),
            new Step.Trade(0, 1, 0, false, 15, 32, 3, false),
            new Step.Close(0, 3, 0, 52, -13, false),
            new Step.Move(0, 23),
            new Step.Withdraw(0, 15),
            new Step.Close(2, 1, 1, 67, 17, false),
            new Step.Close(36, 35, 3, 103, 112, true),
            new Step.Trade(23, 5, 9, false, 51, -20, 9, true),
            new Step.Close(14, 2, 3, 12, 2, true),
            new Step.Move(0, 33),
            new Step.Trade(13, 2, 1, false, 32, -45, 6, true),
            new Step.RemoveMargin(15, 9, 59),
            new Step.Trade(9, 5, 6, false, 60, 34, 2, false),
            new Step.Trade(39, 32, 5, false, 879, -11, 1, false),
            new Step.Redefine(0, 0),
            new Step.Trade(0, 5, 7, false, 23, -17, 3, false),
            new Step.Trade(28, 13, 0, false, 922, -4, 2, true),
            new Step.ChangeLeverage(3, 7, 20),
            new Step.Move(0, 4),
            new Step.Move(8, -1019),
            new Step.Trade(0, 1, 10, true, 26, 39, 8, true),
            new Step.Trade(16, 32, 9, false, 40, -43, -2, false),
            new Step.ChangeLeverage(16, 0, 8),
            new Step.Move(0, 106),
            new Step.Trade(18, 24, 9, false, 25, -30, 8, false),
            new Step.Trade(2, 4, 4, false, 15, -25, 3, false),
            new Step.Trade(0, 7, 10, false, 78, -21, 3, false),
            new Step.Trade(4, 13, 0, true, 68, -33, 0, true),
            new Step.Move(2, 2),
            new Step.Move(10, -46),
            new Step.Move(2, 33),
            new Step.Move(1, 40),
            new Step.Move(10, -84),
            new Step.Close(17, 9, 3, 140, -17, false),
            new Step.Move(3, 2),
            new Step.Move(0, -12),
            new Step.Trade(3, 29, 4, false, 38, 14, 6, false),
            new Step.Funding(1, -10),
            new Step.Funding(1, 3231),
            new Step.Move(4, -45),
            new Step.ChangeLeverage(3, 7, 41),
            new Step.Trade(11, 11, 1, true, 38, -36, 1, true),
            new Step.ChangeLeverage(35, 6, 37),
            new Step.Move(1, 2),
            new Step.Funding(0, -29),
            new Step.Move(7, 150));
        final TwinRun twin = new TwinRun(MarketSetup.randomWithFundFloor(-8660048564432975877L));
        final List<OutputRecord> liquidations = new ArrayList<>();
        for (final Input input : new RunInputs(twin.run, steps))
        {
            // TwinRun.apply throws an AssertionError naming the first difference in outputs or state
            for (final OutputRecord output : twin.apply(input))
            {
                if ("LiquidationTriggered".equals(output.type()))
                {
                    liquidations.add(output);
                }
            }
        }
        // the liquidation the corrupted heaps hid: account 1's isolated short on instrument 1, at the last tick
        assertThat(liquidations).last().satisfies(last ->
        {
            assertThat(last.get("accountId")).isEqualTo(1L);
            assertThat(last.get("instrumentId")).isEqualTo(1L);
            assertThat(last.get("markPrice")).isEqualTo(341_731L);
        });
    }
}
