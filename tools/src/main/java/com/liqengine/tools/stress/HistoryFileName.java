package com.liqengine.tools.stress;

import com.liqengine.tools.yaml.YamlFileException;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A history file as given on the command line, {@code FILE} or {@code SYMBOL=FILE}: the file and the symbol its
 * prices are for. Without {@code SYMBOL=}, the symbol is the first upper-case word of the file name
 * ({@code 2021-05-19_BTCUSDT_binance-spot_1m.csv}, Binance's {@code BTCUSDT-1m-2021-05-19.csv}).
 *
 * @param symbol the symbol.
 * @param path the file.
 */
public record HistoryFileName(String symbol, Path path)
{
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]*[A-Z][A-Z0-9]*");
    private static final Pattern INTERVAL = Pattern.compile("([0-9]+)([smhdw])");

    /**
     * @param argument {@code FILE} or {@code SYMBOL=FILE}.
     * @return the file and its symbol.
     * @throws YamlFileException when the name does not tell the symbol.
     */
    public static HistoryFileName of(final String argument)
    {
        final int equals = argument.indexOf('=');
        if (equals > 0 && SYMBOL.matcher(argument.substring(0, equals)).matches())
        {
            return new HistoryFileName(argument.substring(0, equals), Path.of(argument.substring(equals + 1)));
        }
        final Path path = Path.of(argument);
        for (final String word : words(path))
        {
            if (SYMBOL.matcher(word).matches())
            {
                return new HistoryFileName(word, path);
            }
        }
        throw new YamlFileException(argument, 0, "the file name does not say which symbol it is for (no upper-case "
            + "word like BTCUSDT in it); give it as SYMBOL=" + argument);
    }

    /**
     * @return the bar length its name says ({@code _1m}, {@code -5m}, {@code _8h}), in milliseconds, or 0.
     */
    public long intervalMillis()
    {
        for (final String word : words(path))
        {
            final Matcher m = INTERVAL.matcher(word);
            if (m.matches())
            {
                final long n = Long.parseLong(m.group(1));
                return n * switch (m.group(2))
                {
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    case "d" -> 86_400_000L;
                    default -> 604_800_000L;
                };
            }
        }
        return 0;
    }

    private static String[] words(final Path path)
    {
        final String name = path.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).split("[^A-Za-z0-9]+");
    }
}
