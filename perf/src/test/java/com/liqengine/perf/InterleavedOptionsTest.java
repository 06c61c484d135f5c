package com.liqengine.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Interleaved}'s command line and its quantiles. */
class InterleavedOptionsTest
{
    @TempDir
    Path dir;

    @Test
    void optionsAreReadAndBadOnesNamed() throws Exception
    {
        final Path jar = Files.createFile(dir.resolve("a.jar"));
        final Interleaved.Options o = Interleaved.Options.parse(new String[] {
            "--benchmark", "fillCrossFiftyPositions", "--positions", "100000", "--book", "scattered",
            "--warmup", "0", jar.toString(), jar.toString()});
        assertThat(o.benchmark).isEqualTo("fillCrossFiftyPositions");
        assertThat(o.positions).isEqualTo(100_000);
        assertThat(o.book).isEqualTo("scattered");
        assertThat(o.warmup).isZero();
        assertThat(o.jars).containsExactly(jar, jar);

        assertThatThrownBy(() -> Interleaved.Options.parse(new String[] {"--ops", "0", jar.toString()}))
            .hasMessage("--ops is a whole number of at least 1, not 0");
        assertThatThrownBy(() -> Interleaved.Options.parse(new String[] {"--blocks", "many", jar.toString()}))
            .hasMessage("--blocks is a whole number of at least 1, not many");
        assertThatThrownBy(() -> Interleaved.Options.parse(new String[] {dir.resolve("none.jar").toString()}))
            .hasMessageContaining("no jar at");
        assertThatThrownBy(() -> Interleaved.Options.parse(new String[] {"--book", "sorted", jar.toString()}))
            .hasMessage("--book is account or scattered, not sorted");
        assertThatThrownBy(() -> Interleaved.Options.parse(new String[] {"--positions"}))
            .hasMessage("--positions needs a value");
        assertThatThrownBy(() -> Interleaved.Options.parse(new String[0]))
            .hasMessage("give at least one benchmarks jar");
    }

    @Test
    void quantilesTakeTheLowerOfTwoMiddles()
    {
        final double[] sorted = {1, 2, 3, 4};
        assertThat(Interleaved.quantile(sorted, 0.5)).isEqualTo(2);
        assertThat(Interleaved.quantile(sorted, 0.25)).isEqualTo(1);
        assertThat(Interleaved.quantile(sorted, 0.75)).isEqualTo(3);
        assertThat(Interleaved.quantile(new double[] {5, 6, 7}, 0.5)).isEqualTo(6);
    }
}
