package com.liqengine.tools.stress;

import com.liqengine.tools.yaml.YamlFileException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data lines of a comma-separated history file, each with its line number: blank lines are skipped, and so is
 * a first line whose first field is not a number (a header). Field readers fail with {@code FILE:LINE: what is
 * wrong} (the same {@link YamlFileException} the scenario files use, so every command prints it the same way).
 */
final class CsvFile
{
    /** Times above this are microseconds (Binance's spot files from 2025 on): 10^14 ms is the year 5138. */
    private static final long MICROSECONDS_ABOVE = 100_000_000_000_000L;

    private final String file;
    private final List<Row> rows;

    /**
     * One data line.
     *
     * @param line 1-based line number.
     * @param fields the comma-separated fields, trimmed.
     */
    record Row(int line, String[] fields)
    {
    }

    private CsvFile(final String file, final List<Row> rows)
    {
        this.file = file;
        this.rows = rows;
    }

    /**
     * Reads a file's data lines.
     *
     * @param path the file.
     * @param minColumns fewer fields on a line is an error.
     * @param columns the columns' names, for the message.
     * @return the file.
     */
    static CsvFile read(final Path path, final int minColumns, final String columns)
    {
        final String file = path.toString();
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new YamlFileException(file, 0, "no such file");
        }
        catch (final IOException ex)
        {
            throw new YamlFileException(file, 0, "cannot read: " + ex.getMessage());
        }
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String text = lines.get(i).strip();
            if (text.isEmpty() || (rows.isEmpty() && i == 0 && !startsWithDigit(text)))
            {
                continue;
            }
            final String[] fields = text.split(",", -1);
            if (fields.length < minColumns)
            {
                throw new YamlFileException(file, i + 1, "expected at least " + minColumns + " columns (" + columns
                    + "), found " + fields.length + ": '" + text + "'");
            }
            for (int f = 0; f < fields.length; f++)
            {
                fields[f] = fields[f].strip();
            }
            rows.add(new Row(i + 1, fields));
        }
        if (rows.isEmpty())
        {
            throw new YamlFileException(file, 0, "no data lines (" + columns + ")");
        }
        return new CsvFile(file, List.copyOf(rows));
    }

    private static boolean startsWithDigit(final String text)
    {
        return Character.isDigit(text.charAt(0));
    }

    String file()
    {
        return file;
    }

    List<Row> rows()
    {
        return rows;
    }

    /** A time in UTC milliseconds, given in milliseconds or microseconds. */
    long time(final Row row, final int column, final String name)
    {
        final String text = row.fields()[column];
        final long value;
        try
        {
            value = Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw error(row, "'" + name + "' is not a whole number of milliseconds: '" + text + "'");
        }
        if (value < 0)
        {
            throw error(row, "'" + name + "' is negative: " + text);
        }
        return value > MICROSECONDS_ABOVE ? value / 1_000 : value;
    }

    /** A decimal as written (never through double). */
    BigDecimal decimal(final Row row, final int column, final String name)
    {
        final String text = row.fields()[column];
        try
        {
            return new BigDecimal(text);
        }
        catch (final NumberFormatException ex)
        {
            throw error(row, "'" + name + "' is not a decimal number: '" + text + "'");
        }
    }

    /** A decimal above zero. */
    BigDecimal positive(final Row row, final int column, final String name)
    {
        final BigDecimal value = decimal(row, column, name);
        if (value.signum() <= 0)
        {
            throw error(row, "'" + name + "' must be above 0, not " + value.toPlainString());
        }
        return value;
    }

    YamlFileException error(final Row row, final String problem)
    {
        return new YamlFileException(file, row.line(), problem);
    }
}
