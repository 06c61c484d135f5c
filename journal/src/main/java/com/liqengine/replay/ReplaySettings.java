package com.liqengine.replay;

import com.liqengine.journal.JournalSettings;
import com.liqengine.margin.EngineSettings;
import com.liqengine.snapshot.RecordedSettings;
import com.liqengine.snapshot.SettingDifference;

import java.nio.file.Path;
import java.util.List;

/**
 * The engine settings a replay of a journal uses: the journal's settings record when it has one (what it was
 * written with: a configuration then gives only paths), else the configured ones (a journal written before the
 * records); and how the configured ones differ from the record, for the replay's report (docs/replay.md).
 *
 * @param settings the settings to replay with.
 * @param record the journal's settings record, or null when it has none (the configured settings are used).
 * @param recorded what the record holds, or null without one.
 * @param configuredDiffers each setting the configured ones give otherwise than the record (empty without one).
 */
public record ReplaySettings(
    EngineSettings settings, Path record, RecordedSettings recorded, List<SettingDifference> configuredDiffers)
{
    /**
     * @param journal the journal's folder.
     * @param configured the settings of the configuration, for a journal without a record.
     * @return what a replay of it uses.
     * @throws com.liqengine.journal.JournalSettingsException when the record is damaged.
     */
    public static ReplaySettings of(final Path journal, final EngineSettings configured)
    {
        final RecordedSettings recorded = JournalSettings.read(journal);
        if (recorded == null)
        {
            return new ReplaySettings(configured, null, null, List.of());
        }
        return new ReplaySettings(recorded.engineSettings(), JournalSettings.file(journal), recorded,
            List.copyOf(recorded.differences(RecordedSettings.of(configured))));
    }
}
