package com.liqengine.tools.stress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The price path convention on hand-made bars: four marks per bar, low first when the bar rose, high first when
 * it fell, at 0, ¼, ½ and ¾ of the bar; symbols merged by time; prices rounded to the tick, half up, and counted.
 */
class MarkPathTest
{
    private static final long T0 = 1_621_382_400_000L; // 2021-05-19 00:00 UTC

    @TempDir
    Path dir;

    @Test
    void aRisingBarGoesLowThenHighAFallingOneHighThenLow() throws IOException
    {
        // a header line, times in microseconds on the second bar: both are read as Binance writes them
        final Path file = write("2021-05-19_AAAUSDT_test_1m.csv",
            "open_time,open,high,low,close,volume",
            T0 + ",100,104,98,103,1",
            (T0 + 60_000) * 1_000 + ",103,105,90,91,1");

        final MarkPath path = path(Map.of("AAAUSDT", "0.1"), file.toString());

        assertThat(path.events()).extracting(PathEvent::time).containsExactly(
            T0, T0 + 15_000, T0 + 30_000, T0 + 45_000, T0 + 60_000, T0 + 75_000, T0 + 90_000, T0 + 105_000);
        assertThat(prices(path)).containsExactly("100.0", "98.0", "104.0", "103.0", "103.0", "105.0", "90.0", "91.0");
        assertThat(path.events()).extracting(PathEvent::opening)
            .containsExactly(true, false, false, false, false, false, false, false);
        assertThat(path.roundedPrices()).isZero();
    }

    @Test
    void pricesOffTheTickAreRoundedHalfUpAndCounted() throws IOException
    {
        final Path file = write("AAAUSDT-1m-2021-05-19.csv", T0 + ",100.04,100.05,100.00,100.049,1");

        final MarkPath path = path(Map.of("AAAUSDT", "0.1"), file.toString());

        // open 100.04 -> 100.0; up bar: low 100.00 stays, high 100.05 -> 100.1 (half up), close 100.049 -> 100.0
        assertThat(prices(path)).containsExactly("100.0", "100.0", "100.1", "100.0");
        assertThat(path.roundedPrices()).isEqualTo(3);
    }

    @Test
    void symbolsAreMergedByTimeInPortfolioOrderAtEqualTimes() throws IOException
    {
        final Path a = write("a.csv", T0 + ",10,11,9,10,1", (T0 + 60_000) + ",10,10,10,10,1");
        // one bar gives no step between bars: its length is the interval in its name
        final Path b = write("b_1m.csv", (T0 + 30_000) + ",5,5,5,5,1");

        // BBB is listed first, so at each time both symbols have a mark, BBB's comes first
        final List<SymbolHistory> histories = List.of(
            PriceHistory.load(List.of("BBBUSDT=" + b)).get("BBBUSDT"),
            PriceHistory.load(List.of("AAAUSDT=" + a)).get("AAAUSDT"));
        final MarkPath path = MarkPath.of(histories, List.of(BigDecimal.ONE, BigDecimal.ONE), List.of());

        assertThat(path.events()).extracting(e -> path.symbols().get(e.symbol()) + "@" + (e.time() - T0) / 1_000)
            .containsExactly("AAAUSDT@0", "AAAUSDT@15", "BBBUSDT@30", "AAAUSDT@30", "BBBUSDT@45", "AAAUSDT@45",
                "BBBUSDT@60", "AAAUSDT@60", "BBBUSDT@75", "AAAUSDT@75", "AAAUSDT@90", "AAAUSDT@105");
    }

    @Test
    void consecutiveFilesOfASymbolAreJoinedInTimeOrderAndAGapBetweenThemIsCounted() throws IOException
    {
        final Path day2 = write("2021-05-20_AAAUSDT_test_1m.csv", (T0 + 180_000) + ",7,7,7,7,1");
        final Path day1 = write("2021-05-19_AAAUSDT_test_1m.csv", T0 + ",5,5,5,5,1", (T0 + 60_000) + ",6,6,6,6,1");

        // given in the wrong order: joined by time; the bar of T0 + 120 s is missing between them
        final SymbolHistory history = PriceHistory.load(List.of(day2.toString(), day1.toString())).get("AAAUSDT");

        assertThat(history.bars()).extracting(b -> b.open().toPlainString()).containsExactly("5", "6", "7");
        assertThat(history.missingBars()).isEqualTo(1);
    }

    private Path write(final String name, final String... lines) throws IOException
    {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private static MarkPath path(final Map<String, String> ticks, final String... files)
    {
        final Map<String, SymbolHistory> histories = PriceHistory.load(List.of(files));
        final List<SymbolHistory> held = List.copyOf(histories.values());
        return MarkPath.of(held, held.stream().map(h -> new BigDecimal(ticks.get(h.symbol()))).toList(), List.of());
    }

    private static List<String> prices(final MarkPath path)
    {
        return path.events().stream().map(e -> e.price().toPlainString()).toList();
    }
}
