package com.liqengine.tools.simulate;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: a header and rows, columns padded to their widest cell, text left and numbers right.
 */
public final class TextTable
{
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /**
     * @param header the column names.
     */
    public TextTable(final String... header)
    {
        columns = header.length;
        rows.add(header);
    }

    /**
     * @param cells one row; missing or null cells are empty.
     */
    public void row(final Object... cells)
    {
        final String[] row = new String[columns];
        for (int i = 0; i < columns; i++)
        {
            row[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(row);
    }

    /**
     * @param out where to print.
     * @param indent put before every line.
     */
    public void print(final PrintStream out, final String indent)
    {
        final int[] widths = new int[columns];
        for (final String[] row : rows)
        {
            for (int i = 0; i < columns; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++)
            {
                final String cell = row[i];
                final String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(isNumber(cell) ? pad + cell : cell + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static boolean isNumber(final String cell)
    {
        return !cell.isEmpty() && cell.matches("[-+]?[0-9][0-9.]*x?");
    }
}
