package com.liqengine.snapshot;

import com.liqengine.margin.EngineSettings;
import com.liqengine.margin.LiquidationMode;
import com.liqengine.margin.MarginStateMachine;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * A snapshot read from its file and checked (format, length, checksum): the engine state at an input sequence,
 * the request that asked for it, and the settings and state hash it was taken with (docs/replay.md).
 *
 * @param file where it was read from.
 * @param sequence the input sequence it covers (inputs 1 to sequence).
 * @param requestCorrelationId correlation id of the {@code SnapshotRequest} at that sequence.
 * @param requestEventTime event time of that request.
 * @param maxAccounts engine setting it was taken with.
 * @param maxInstruments engine setting it was taken with.
 * @param insuranceFundAccountId engine setting it was taken with.
 * @param marginCallRatio engine setting it was taken with.
 * @param stateHash {@link MarginStateMachine#stateHash()} when it was taken.
 * @param injectedRequests snapshot requests the engine injected in the journal up to the sequence (its own
 *     {@code SnapshotRequest} included when injected), or {@link SnapshotFile#UNKNOWN} in a format 1 file.
 * @param state the canonical state bytes ({@link com.liqengine.state.StateCodec}).
 * @param formatVersion the file's format version.
 * @param liquidation the liquidation settings it was taken with (format 3; before it: takeover, no fund floor).
 */
public record Snapshot(
    Path file,
    long sequence,
    long requestCorrelationId,
    long requestEventTime,
    int maxAccounts,
    int maxInstruments,
    long insuranceFundAccountId,
    long marginCallRatio,
    long stateHash,
    long injectedRequests,
    byte[] state,
    int formatVersion,
    LiquidationSettings liquidation)
{
    /**
     * The settings of the liquidation lifecycle a snapshot was taken with (docs/liquidation.md).
     *
     * @param mode takeover or market.
     * @param maxOpenLiquidations the order capacity.
     * @param hasFundFloor whether auto-deleveraging ran.
     * @param fundFloor the floor (0 when not set).
     */
    public record LiquidationSettings(
        LiquidationMode mode, int maxOpenLiquidations, boolean hasFundFloor, long fundFloor)
    {
        /** What an engine before the lifecycle ran: takeover, the default capacity, no floor. */
        static final LiquidationSettings BEFORE_THE_LIFECYCLE =
            new LiquidationSettings(LiquidationMode.TAKEOVER, EngineSettings.DEFAULT_MAX_OPEN_LIQUIDATIONS, false, 0);

        @Override
        public String toString()
        {
            return "liquidation mode " + mode + ", maxOpenLiquidations " + maxOpenLiquidations + ", " +
                (hasFundFloor ? "fund floor " + fundFloor : "no fund floor");
        }
    }

    /**
     * The settings its header records (not the slot capacity: a snapshot's header does not hold it).
     *
     * @return the settings.
     */
    public RecordedSettings recordedSettings()
    {
        return new RecordedSettings(maxAccounts, maxInstruments, RecordedSettings.NOT_RECORDED,
            insuranceFundAccountId, marginCallRatio, liquidation.mode(), liquidation.maxOpenLiquidations(),
            liquidation.hasFundFloor(), liquidation.fundFloor());
    }

    /**
     * Why this snapshot cannot be restored into an engine with these settings.
     *
     * @param settings the engine's settings.
     * @return every difference in words ({@link RecordedSettings#mismatch}), or null when they match.
     */
    public String settingsMismatch(final EngineSettings settings)
    {
        return recordedSettings().mismatch(settings);
    }

    /**
     * Restores this state into an engine and checks it hashes as it did when taken.
     *
     * @param engine the state machine (its settings must match: see {@link #settingsMismatch}).
     * @throws SnapshotCorruptedException when the state does not restore or hashes differently; the engine's
     *     state is then undefined.
     */
    public void restoreInto(final MarginStateMachine engine)
    {
        try
        {
            engine.restore(new UnsafeBuffer(state), 0, state.length);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new SnapshotCorruptedException(file, ex.getMessage());
        }
        final long restored = engine.stateHash();
        if (restored != stateHash)
        {
            throw new SnapshotCorruptedException(file, "the restored state hashes to " + SnapshotFile.hex(restored)
                + ", the snapshot recorded " + SnapshotFile.hex(stateHash));
        }
        if (engine.lastSequence() != sequence)
        {
            throw new SnapshotCorruptedException(file, "the state is at sequence " + engine.lastSequence()
                + ", the header says " + sequence);
        }
    }
}
