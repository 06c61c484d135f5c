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
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAccounts must be at least 1");
        assertThatThrownBy(() -> new EngineSettings().maxInstruments(17).conclude())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxInstruments must be from 1 to 16");
        // 100M accounts × 16 instruments would overflow the per-slot arrays' int lengths
        assertThatThrownBy(() -> new EngineSettings().maxAccounts(100_000_000).maxInstruments(16).conclude())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxAccounts × maxInstruments must be at most " + EngineSettings.MAX_SLOTS);
        // the largest engine allowed is accepted
        assertThat(new EngineSettings().maxAccounts(EngineSettings.MAX_SLOTS / 16).maxInstruments(16).conclude())
            .isNotNull();
    }
}
