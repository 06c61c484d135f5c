package com.liqengine.tools.replay;

import com.liqengine.tools.LiqProcess;
import com.liqengine.codec.MessageHeaderEncoder;
import com.liqengine.tools.Liq;
import com.liqengine.runtime.FolderContents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code liq replay} and {@code liq dump} on the journal, output queue and snapshots of a real {@code liq run} of
 * the isolated-vs-cross scenario: identical replay, an account's history explaining its liquidation, replay to a
 * sequence or from a snapshot, filters; and damaged files (a flipped byte in the journal or the output queue, a
 * damaged journal header, a damaged snapshot) detected and reported.
 */
class ReplayAndDumpTest
{
    private static final String SCENARIO = Path.of("..", "config", "scenarios", "isolated-vs-cross.yaml")
        .toAbsolutePath().toString();

    @TempDir
    static Path data;
    private static String runLog;

    @TempDir
    Path dir;

    @BeforeAll
    static void runTheScenario() throws IOException
    {
        final Path config = config(data);
        assertThat(liq("feed", "--config", config.toString(), "--scenario", SCENARIO).code).isZero();
        final Result run = liq("run", "--config", config.toString(), "--exit-when-idle", "0.5");
        assertThat(run.code).as(run.err).isZero();
        runLog = run.out;
    }

    @Test
    void replayIsIdenticalToTheRecordedOutputsWithTheRunsStateHash()
    {
        final Result replay = liq("replay", "--config", config(data).toString(), "--outputs",
            data.resolve("outputs").toString());

        assertThat(replay.code).isZero();
        assertThat(replay.out).contains("identical: 28 inputs, 25 outputs").contains("inputs/s")
            .contains("liq replay: engine settings from the journal's record "
                + data.resolve("journal").resolve("engine-settings.rec") + ": engine.maxAccounts 1000, "
                + "engine.maxInstruments 8, engine.maxPositions 8000, engine.marginCallRatio 0.8, "
                + "engine.insuranceFundAccount 0, liquidation.mode takeover, liquidation.maxOpenOrders 65536, "
                + "liquidation.fundFloor none")
            .doesNotContain("differs from the journal's record");
        final String hash = runLog.substring(runLog.indexOf("liq run: state hash", runLog.indexOf("reading")))
            .substring("liq run: ".length(), "liq run: state hash 0123456789abcdef at sequence 28".length());
        assertThat(replay.out).contains(hash);
    }

    @Test
    void aReplayFromAnotherFolderWhoseConfigurationDiffersUsesTheJournalsRecordAndGivesTheRunsStateHash()
    {
        // before the records, this replay used these settings and diverged: see the test below, without the record
        final Path other = config(dir, "engine: { maxAccounts: 1000, marginCallRatio: \"0.9\" }\n"
            + "liquidation: { mode: market, maxOpenOrders: 16 }\n");
        final Result replay = liq("replay", "--config", other.toString(), "--journal",
            data.resolve("journal").toString(), "--outputs", data.resolve("outputs").toString());

        assertThat(replay.code).as(replay.out + replay.err).isZero();
        assertThat(replay.out).contains("liq replay: engine settings from the journal's record "
                + data.resolve("journal").resolve("engine-settings.rec"))
            .contains("liq replay: " + other + " differs from the journal's record, which is used (the journal was "
                + "written with it): engine.marginCallRatio 0.9 (the record has 0.8); liquidation.mode market (the "
                + "record has takeover); liquidation.maxOpenOrders 16 (the record has 65536)")
            .contains("identical: 28 inputs, 25 outputs").contains(runHash());

        final Path missing = dir.resolve("missing.yaml");
        final Result defaults = liq("replay", "--config", missing.toString(), "--journal",
            data.resolve("journal").toString());
        assertThat(defaults.code).as(defaults.err).isZero();
        assertThat(defaults.out).contains("liq replay: the defaults (no " + missing + ") differs from the journal's "
            + "record, which is used (the journal was written with it): engine.maxAccounts 100001 (the record has "
            + "1000)")
            .contains("28 inputs replayed").contains(runHash());
    }

    @Test
    void aJournalWithoutARecordReplaysWithTheConfigurationsSettingsAsBefore() throws IOException
    {
        final Path copy = copyData();
        Files.delete(copy.resolve("journal").resolve("engine-settings.rec"));

        final Result replay = liq("replay", "--config", config(copy).toString(), "--outputs",
            copy.resolve("outputs").toString());
        assertThat(replay.code).as(replay.out + replay.err).isZero();
        assertThat(replay.out).contains("liq replay: engine settings from " + config(copy))
            .contains("identical: 28 inputs, 25 outputs").contains(runHash());

        final Path missing = dir.resolve("missing.yaml");
        final Result defaults = liq("replay", "--config", missing.toString(), "--journal",
            copy.resolve("journal").toString());
        assertThat(defaults.code).as(defaults.err).isZero();
        assertThat(defaults.out).contains("liq replay: engine settings: the defaults (no " + missing + ")")
            .contains("28 inputs replayed");
        // a snapshot of the run is not one of the defaults' engine: refused naming the differences, not "unusable"
        final Path snapshot;
        try (Stream<Path> files = Files.list(copy.resolve("snapshots")))
        {
            snapshot = files.filter(f -> f.toString().endsWith("22.snap")).findFirst().orElseThrow();
        }
        final Result fromSnapshot = liq("replay", "--config", missing.toString(), "--journal",
            copy.resolve("journal").toString(), "--snapshot", snapshot.toString());
        assertThat(fromSnapshot.code).as(fromSnapshot.out + fromSnapshot.err).isEqualTo(2);
        assertThat(fromSnapshot.err).contains("liq replay: snapshot " + snapshot + " was taken with engine.maxAccounts "
            + "1000 (the engine has 100001)");

        // what a replay with another configuration gave without the record: another engine, not the run's
        final Path other = config(Files.createDirectories(dir.resolve("other")),
            "engine: { maxAccounts: 1000, marginCallRatio: \"0.9\" }\n"
                + "liquidation: { mode: market, maxOpenOrders: 16 }\n");
        final Result diverged = liq("replay", "--config", other.toString(), "--journal",
            copy.resolve("journal").toString(), "--outputs", copy.resolve("outputs").toString());
        assertThat(diverged.code).as(diverged.out + diverged.err).isEqualTo(1);
        assertThat(diverged.out).contains("liq replay: engine settings from " + other).doesNotContain("identical")
            .doesNotContain(runHash());
    }

    @Test
    void aDamagedSettingsRecordIsReportedWithItsPathByReplayAndRun() throws IOException
    {
        final Path copy = copyData();
        final Path record = copy.resolve("journal").resolve("engine-settings.rec");
        final byte[] whole = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(whole, 30));

        final Result replay = liq("replay", "--config", config(copy).toString());
        assertThat(replay.code).as(replay.out + replay.err).isEqualTo(3);
        assertThat(replay.err).contains("liq replay: the journal's settings record " + record + " is unusable: "
            + "truncated: 30 bytes, a record has 64").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(replay.out).doesNotContain("inputs replayed");

        final Map<String, String> before = FolderContents.of(copy);
        final Result run = liq("run", "--config", config(copy).toString(), "--exit-when-idle", "0.5");
        assertThat(run.code).as(run.out + run.err).isEqualTo(3);
        assertThat(run.err).contains("liq run: cannot start: the journal's settings record " + record
            + " is unusable: truncated").doesNotContain("\tat ");
        assertThat(FolderContents.of(copy)).isEqualTo(before);
    }

    /** "state hash H at sequence 28" as the run that wrote the journal reported it. */
    private static String runHash()
    {
        return runLog.substring(runLog.indexOf("liq run: state hash", runLog.indexOf("reading")))
            .substring("liq run: ".length(), "liq run: state hash 0123456789abcdef at sequence 28".length());
    }

    @Test
    void accountHistoryExplainsTheLiquidation()
    {
        final Result replay = liq("replay", "--config", config(data).toString(), "--account", "2");

        assertThat(replay.code).isZero();
        assertThat(replay.out)
            .contains("Fill                   correlationId=8 eventTime=8 account=2 instrumentId=0 symbol=BTCUSDT "
                + "side=buy quantity=0.2 price=60000")
            .contains("5 ticks of BTCUSDT moved the mark from 58000 to 47000")
            .contains("LiquidationTriggered   event=18 account=2 symbol=BTCUSDT mode=cross side=long size=0.2 "
                + "mark=45500 liquidationPrice=45845.8 bankruptcyPrice=45000 equity=100 maintenanceMargin=168.9")
            .contains("BTCUSDT: size 0.2 at mark 45500: value 9100 - cost 12000 = unrealized -2900; notional 9100 in "
                + "tier 1 (rate 0.004, amount 0): maintenance margin 36.4")
            .contains("LINKUSDT: size 500 at mark 15: value 7500 - cost 7500 = unrealized 0; notional 7500 in tier 2"
                + " (rate 0.015, amount 25): maintenance margin 87.5")
            .contains("equity 100 <= maintenance margin 168.9: liquidated")
            .contains("account 2 at sequence 28: wallet 0");

        final Result before = liq("replay", "--config", config(data).toString(), "--account", "2", "--until", "20");
        assertThat(before.out).contains("account 2 at sequence 20: wallet 3000")
            .contains("BTCUSDT cross size 0.2 cost 12000").doesNotContain("LiquidationTriggered")
            // this configuration sets no fund floor
            .contains(" ADL indicator - (no fund floor: no ADL)");
    }

    @Test
    void replayFromASnapshotComparesTheRestOfTheOutputs() throws IOException
    {
        final Path snapshot;
        try (Stream<Path> files = Files.list(data.resolve("snapshots")))
        {
            snapshot = files.filter(f -> f.toString().endsWith("22.snap")).findFirst().orElseThrow();
        }
        final Result replay = liq("replay", "--config", config(data).toString(), "--outputs",
            data.resolve("outputs").toString(), "--snapshot", snapshot.toString());

        assertThat(replay.out).contains("identical: 6 inputs, 10 outputs");
        final Result dump = liq("dump", "--config", config(data).toString(), "--snapshot", snapshot.toString());
        assertThat(dump.out).contains("formatVersion: 3").contains("sequence: 22").contains("injectedRequests: ")
            .contains("liquidation: liquidation mode TAKEOVER, maxOpenLiquidations 65536, no fund floor")
            .contains("settings: engine.maxAccounts 1000, engine.maxInstruments 8, engine.marginCallRatio 0.8, ")
            .contains("checksum: ok").contains("accounts: 3");
    }

    @Test
    void dumpFiltersByTypeAccountInstrumentAndSequence()
    {
        final String config = config(data).toString();
        final Result fills = liq("dump", "--config", config, "--json", "--type", "Fill", "--account", "2");
        assertThat(fills.out.lines()).hasSize(3).allMatch(line -> line.startsWith("{\"sequence\":")
            && line.contains("\"type\":\"Fill\"") && line.contains("\"account\":2"));

        final Result liquidations = liq("dump", "--config", config, "--outputs", data.resolve("outputs").toString(),
            "--type", "LiquidationTriggered", "--instrument", "BTCUSDT");
        assertThat(liquidations.out.lines()).hasSize(2).allMatch(line -> line.contains("symbol=BTCUSDT"));

        final Result range = liq("dump", "--config", config, "--from", "20", "--to", "22");
        assertThat(range.out.lines()).hasSize(3);
        assertThat(range.out.lines().toList().get(2)).contains("#22").contains("SnapshotRequest")
            .contains("correlationId=-9223372036854775808 eventTime=20");
    }

    @Test
    void dumpedOutputsTakeSymbolsOnlyFromTheirOwnJournal() throws IOException
    {
        // another engine's journal (the default configuration's) must not label these outputs: beside the
        // output queue is the right one; with none, the raw fields are printed
        final Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("outputs");
        try (Stream<Path> files = Files.walk(data.resolve("outputs")))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, copy.resolve(data.resolve("outputs").relativize(file).toString()));
            }
        }
        final Result raw = liq("dump", "--config", dir.resolve("none.yaml").toString(), "--json", "--outputs",
            copy.toString(), "--type", "LiquidationTriggered");
        assertThat(raw.out.lines()).hasSize(4).allMatch(line -> line.contains("\"instrumentId\":")
            && !line.contains("\"symbol\""));

        final Result labelled = liq("dump", "--config", dir.resolve("none.yaml").toString(), "--json", "--outputs",
            data.resolve("outputs").toString(), "--type", "LiquidationTriggered");
        assertThat(labelled.out.lines()).hasSize(4).first().asString().contains("\"symbol\":\"BTCUSDT\"")
            .contains("\"mark\":\"56500\"");
    }

    @Test
    void aFlippedByteInTheJournalFailsItsChecksumInReplayAndDump() throws IOException
    {
        final Path copy = copyData();
        // the quantity of account 2's BTC fill (correlation id 8): 0.200 becomes 0.201, still a valid fill
        final long fill = find(cq4(copy.resolve("journal")), 2, 8);
        flip(cq4(copy.resolve("journal")), fill + 8 + 29, 0x01);

        final Result replay = liq("replay", "--config", config(copy).toString(), "--outputs",
            copy.resolve("outputs").toString());
        assertThat(replay.code).as(replay.out + replay.err).isEqualTo(3);
        assertThat(replay.err).contains("fails its checksum").doesNotContain("identical");
        final Result dump = liq("dump", "--config", config(copy).toString());
        assertThat(dump.code).isEqualTo(3);
        assertThat(dump.err).contains("fails its checksum");
    }

    @Test
    void aFlippedByteInTheOutputQueueFailsItsDocumentsChecksumInReplayDumpAndTail() throws IOException
    {
        final Path copy = copyData();
        // the mark of the first LiquidationTriggered of input 26
        final long liquidation = find(cq4(copy.resolve("outputs")), 50, 26);
        flip(cq4(copy.resolve("outputs")), liquidation + 8 + 46, 0x10);

        final Result replay = liq("replay", "--config", config(copy).toString(), "--outputs",
            copy.resolve("outputs").toString());
        assertThat(replay.code).as(replay.out + replay.err).isEqualTo(3);
        assertThat(replay.err).contains("output queue at " + copy.resolve("outputs")).contains("fails its checksum")
            .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(replay.out).doesNotContain("identical");
        final Result dump = liq("dump", "--config", config(copy).toString(), "--outputs",
            copy.resolve("outputs").toString());
        assertThat(dump.code).isEqualTo(3);
        assertThat(dump.err).contains("liq dump: output queue at ").contains("fails its checksum");
    }

    @Test
    void aDamagedJournalHeaderAndADamagedSnapshotAreReported() throws IOException
    {
        final Path copy = copyData();
        final Path journal = cq4(copy.resolve("journal"));
        final long fill = find(journal, 2, 8);
        // the header word of the document (the batch) holding it now claims more bytes than any batch has (the
        // scenario's 28 inputs may be one batch, so there need not be a document after it to be left incomplete)
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw"))
        {
            raf.seek(batchStart(journal, fill) - 4);
            raf.write(new byte[] {(byte)0xF0, (byte)0xFF, (byte)0x0F, 0});
        }
        final Result dump = liq("dump", "--config", config(copy).toString());
        assertThat(dump.code).isEqualTo(3);
        assertThat(dump.err).contains("liq dump: journal at " + copy.resolve("journal"));
        final Result replay = liq("replay", "--config", config(copy).toString());
        assertThat(replay.code).isEqualTo(3);

        final Path snapshot;
        try (Stream<Path> files = Files.list(copy.resolve("snapshots")))
        {
            snapshot = files.filter(f -> f.toString().endsWith("22.snap")).findFirst().orElseThrow();
        }
        flip(snapshot, 100, 0x04);
        final Result damaged = liq("dump", "--config", config(copy).toString(), "--snapshot", snapshot.toString());
        assertThat(damaged.code).isEqualTo(3);
        assertThat(damaged.err).contains("snapshot " + snapshot + " is unusable: checksum mismatch");
    }

    private Path copyData() throws IOException
    {
        for (final String folder : new String[] {"input", "journal", "outputs", "snapshots"})
        {
            Files.createDirectories(dir.resolve(folder));
            try (Stream<Path> files = Files.list(data.resolve(folder)))
            {
                for (final Path file : files.toList())
                {
                    Files.copy(file, dir.resolve(folder).resolve(file.getFileName()));
                }
            }
        }
        config(dir);
        return dir;
    }

    private static Path config(final Path folder)
    {
        return config(folder, "engine: { maxAccounts: 1000 }\nsnapshots: { interval: 10 }\n");
    }

    /**
     * Writes {@code engine.yaml} in a folder: every path under it, then the given settings.
     *
     * @param folder the folder.
     * @param settings more YAML sections.
     * @return the file.
     */
    static Path config(final Path folder, final String settings)
    {
        final Path config = folder.resolve("engine.yaml");
        try
        {
            Files.writeString(config, LiqProcess.pathsIn(folder)
                + "  snapshots: " + folder.resolve("snapshots") + "\n"
                + settings);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        return config;
    }

    private static Path cq4(final Path queue) throws IOException
    {
        try (Stream<Path> files = Files.list(queue))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** Position of the SBE message with this template whose first field is this value. */
    private static long find(final Path file, final int templateId, final long firstField) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(channel.size(), 1 << 24))
                .order(ByteOrder.LITTLE_ENDIAN);
            // inputs lie at any offset inside a journal document (a batch): try every byte
            for (int p = 0; p + 16 <= map.limit(); p++)
            {
                if (map.getShort(p + 2) == templateId && map.getShort(p + 4) == MessageHeaderEncoder.SCHEMA_ID
                    && map.getShort(p + 6) == MessageHeaderEncoder.SCHEMA_VERSION
                    && map.getLong(p + 8) == firstField)
                {
                    return p;
                }
            }
        }
        throw new AssertionError("no message " + templateId + " with " + firstField + " in " + file);
    }

    /** Position of the journal document (format 2: 'L' 'Q' 'J' 2) that holds the byte at a position. */
    private static long batchStart(final Path file, final long position) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, position);
            for (int p = (int)position - 4; p >= 0; p--)
            {
                if (map.get(p) == 'L' && map.get(p + 1) == 'Q' && map.get(p + 2) == 'J' && map.get(p + 3) == 2)
                {
                    return p;
                }
            }
        }
        throw new AssertionError("no journal document before " + position + " in " + file);
    }

    private static void flip(final Path file, final long position, final int mask) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(position);
            final int b = raf.read();
            raf.seek(position);
            raf.write(b ^ mask);
        }
    }

    private record Result(int code, String out, String err)
    {
    }

    private static Result liq(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        final picocli.CommandLine commandLine = Liq.commandLine();
        final int code;
        final String name = args[0];
        final Object command = switch (name)
        {
            case "replay" -> new ReplayCommand(outStream, errStream);
            case "dump" -> new com.liqengine.tools.dump.DumpCommand(outStream, errStream);
            case "run" -> new com.liqengine.tools.run.RunCommand(outStream, errStream);
            default -> null;
        };
        if (command == null)
        {
            code = commandLine.execute(args);
        }
        else
        {
            final String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            code = new picocli.CommandLine(command).execute(rest);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
