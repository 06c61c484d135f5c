package com.liqengine.margin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings out of range are refused at start with the setting named, before any array is sized from them.
 */
class EngineSettingsTest
{
    @Test
    void capacitiesOutOfRangeAreRefusedWithTheSettingNamed()
    {
        assertThatThrownBy(() -> new EngineSettings().maxAccounts(0).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAccounts must be from 1 to");
        assertThatThrownBy(() -> new EngineSettings().maxAccounts(EngineSettings.MAX_ACCOUNTS + 1).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAccounts must be from 1 to");
        assertThatThrownBy(() -> new EngineSettings().maxInstruments(1025).conclude())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxInstruments must be from 1 to 1024");
        assertThatThrownBy(() -> new EngineSettings().maxPositions(0).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPositions must be from 1 to");
        // the per-slot arrays' int lengths: maxPositions plus the fund's slot per instrument within 2^30
        assertThatThrownBy(() -> new EngineSettings().maxInstruments(1024).maxPositions(EngineSettings.MAX_SLOTS)
            .conclude()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxPositions must be from 1 to " + (EngineSettings.MAX_SLOTS - 1024));
        assertThat(new EngineSettings().maxInstruments(1024).maxPositions(EngineSettings.MAX_SLOTS - 1024).conclude()
            .maxPositions()).isEqualTo(EngineSettings.MAX_SLOTS - 1024);
    }

    @Test
    void theDefaultSlotCapacityIsOnePerAccountAndInstrumentUpToTwoToThe24()
    {
        assertThat(new EngineSettings().maxAccounts(100).maxInstruments(4).conclude().maxPositions()).isEqualTo(400);
        // 10M accounts and 1,024 instruments would be 10 billion slots dense: memory follows maxPositions instead
        assertThat(new EngineSettings().maxAccounts(10_000_000).maxInstruments(1024).conclude().maxPositions())
            .isEqualTo(1 << 24);
    }
}
