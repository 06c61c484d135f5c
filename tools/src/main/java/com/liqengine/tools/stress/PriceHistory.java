package com.liqengine.tools.stress;

import com.liqengine.tools.yaml.YamlFileException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The price histories of several symbols, from files given as {@code FILE} or {@code SYMBOL=FILE}: the files of a
 * symbol are put in time order and joined; files that overlap are an error, a gap between bars is a warning.
 */
public final class PriceHistory
{
    private PriceHistory()
    {
    }

    /**
     * Reads and joins history files.
     *
     * @param arguments {@code FILE} or {@code SYMBOL=FILE} each.
     * @return per symbol, in the order symbols first appear in the arguments.
     * @throws YamlFileException for a malformed file or files of a symbol that overlap.
     */
    public static Map<String, SymbolHistory> load(final List<String> arguments)
    {
        final Map<String, List<List<Bar>>> files = new LinkedHashMap<>();
        for (final String argument : arguments)
        {
            final HistoryFileName name = HistoryFileName.of(argument);
            files.computeIfAbsent(name.symbol(), s -> new ArrayList<>()).add(KlineCsv.read(name));
        }
        final Map<String, SymbolHistory> histories = new LinkedHashMap<>();
        files.forEach((symbol, parts) -> histories.put(symbol, join(symbol, parts)));
        return histories;
    }

    private static SymbolHistory join(final String symbol, final List<List<Bar>> parts)
    {
        parts.sort(Comparator.comparingLong(bars -> bars.get(0).openTime()));
        final List<Bar> bars = new ArrayList<>();
        long missing = 0;
        for (final List<Bar> part : parts)
        {
            if (!bars.isEmpty())
            {
                final Bar last = bars.get(bars.size() - 1);
                final Bar first = part.get(0);
                if (first.openTime() < last.openTime() + last.length())
                {
                    throw new YamlFileException(first.file(), first.line(), "overlaps " + last.file() + " (both hold "
                        + symbol + " at " + StressTime.utc(first.openTime()) + "; line " + last.line() + " there "
                        + "is a bar until " + StressTime.utc(last.openTime() + last.length()) + ")");
                }
            }
            bars.addAll(part);
        }
        for (int i = 1; i < bars.size(); i++)
        {
            final long step = bars.get(i).openTime() - bars.get(i - 1).openTime();
            final long length = bars.get(i - 1).length();
            if (step > length)
            {
                missing += Math.max(1, step / length - 1);
            }
        }
        return new SymbolHistory(symbol, List.copyOf(bars), missing);
    }
}
